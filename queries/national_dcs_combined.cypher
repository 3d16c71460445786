// Councils whose DCS post also holds other statutory roles, or functions whose stated domain is not children's
// ($childrens_domains), or whose kind no document states (listed apart). Function names, not keys.
// From the DCS role's DESIGNATED edges, kept when the edge's structure is one chosen (see national_register.cypher);
// list cells come back as collected and national.py sorts them and drops repeats in Python.
MATCH (s:Structure)
WHERE s.status IN coalesce($statuses, $in_force_statuses) AND s.effective_start IS NOT NULL AND s.effective_start <= $as_of
WITH s ORDER BY s.effective_start DESC, s.id DESC
WITH s.council AS council, collect(s)[0] AS s
OPTIONAL MATCH (s)-[:OF]->(c:Council)
WITH council, s, c WHERE $codes IS NULL OR c.code IN $codes
WITH collect(s.id) AS chosen
MATCH (:StatutoryRole {code: 'dcs'})<-[dd:DESIGNATED]-(p:Post)
WHERE dd.structure IN chosen
  AND (dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of)
WITH DISTINCT p, dd.structure AS structure
CALL (p) {
  MATCH (p)-[d:DESIGNATED]->(r:StatutoryRole)
  WHERE (d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of)
  RETURN collect(DISTINCT r.code) AS roles, collect(d.source) AS role_sources,
         collect(CASE WHEN d.inferred THEN d.rule + ' [' + d.source + ']' END) AS role_inferred
}
CALL (p) {
  CALL (p) {
    MATCH (p)-[l:RESPONSIBLE_FOR|COMMISSIONS]->(f:Function)
    RETURN f, [l.source] AS srcs, [x IN [l] WHERE x.inferred | x.rule + ' [' + x.source + ']'] AS infs
    UNION ALL
    MATCH (p)-[hl:HEADS]->(:Unit)-[dl:DELIVERS]->(f:Function)
    RETURN f, [hl.source, dl.source] AS srcs, [x IN [hl, dl] WHERE x.inferred | x.rule + ' [' + x.source + ']'] AS infs
  }
  WITH f, srcs, infs, coalesce(f.domains, []) AS doms
  WITH f, doms, size(doms) > 0 AND NOT any(x IN doms WHERE x IN $childrens_domains) AS other,
       srcs + CASE WHEN size(doms) > 0 AND NOT any(x IN doms WHERE x IN $childrens_domains) THEN [f.source] ELSE [] END AS srcs,
       infs + CASE WHEN size(doms) > 0 AND NOT any(x IN doms WHERE x IN $childrens_domains) AND f.inferred
                   THEN [f.rule + ' [' + f.source + ']'] ELSE [] END AS infs
  WHERE other OR size(doms) = 0
  RETURN [x IN collect(CASE WHEN other THEN f.name END) WHERE x IS NOT NULL] AS other_functions,
         [x IN collect(CASE WHEN NOT other THEN f.name END) WHERE x IS NOT NULL] AS unclassified,
         reduce(acc = [], x IN collect(srcs) | acc + x) AS fsrcs,
         reduce(acc = [], x IN collect(infs) | acc + x) AS finfs
}
WITH p, structure, roles, role_sources, role_inferred, other_functions, unclassified, fsrcs, finfs
WHERE size(roles) > 1 OR size(other_functions) > 0 OR size(unclassified) > 0
MATCH (s:Structure {id: structure})
OPTIONAL MATCH (s)-[:OF]->(c:Council)
RETURN s.council AS council, c.name AS council_name, s.id AS structure, p.key AS post, p.title AS title, roles,
       'dass' IN roles AS combines_dass, [x IN roles WHERE x <> 'dcs'] AS other_roles, other_functions,
       unclassified AS functions_kind_not_stated,
       role_inferred + finfs AS inferred, role_sources + fsrcs AS sources
