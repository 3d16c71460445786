// Councils whose DCS post also holds other statutory roles, or functions other than children's ($children_words).
MATCH (s:Structure)
WHERE s.status IN $statuses AND s.effective_start IS NOT NULL AND s.effective_start <= $as_of
WITH s ORDER BY s.effective_start DESC, s.id DESC
WITH s.council AS council, collect(s)[0] AS s
OPTIONAL MATCH (c:Council {id: council})
WITH council, s, c WHERE $codes IS NULL OR c.code IN $codes
MATCH (s)-[:HAS_POST]->(p:Post)-[dd:DESIGNATED]->(:StatutoryRole {code: 'dcs'})
WHERE (dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of)
WITH DISTINCT council, c, s, p
CALL (p) {
  MATCH (p)-[d:DESIGNATED]->(r:StatutoryRole)
  WHERE (d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of)
  RETURN collect(DISTINCT r.code) AS codes, collect(d.source) AS role_sources, collect(CASE WHEN d.inferred THEN d.rule + ' [' + d.source + ']' END) AS role_inferred
}
CALL (p) {
  CALL (p) {
    MATCH (p)-[l:RESPONSIBLE_FOR|COMMISSIONS]->(f:Function)
    RETURN f, [l.source] AS srcs, [x IN [l] WHERE x.inferred | x.rule + ' [' + x.source + ']'] AS infs
    UNION ALL
    MATCH (p)-[hl:HEADS]->(:Unit)-[dl:DELIVERS]->(f:Function)
    RETURN f, [hl.source, dl.source] AS srcs, [x IN [hl, dl] WHERE x.inferred | x.rule + ' [' + x.source + ']'] AS infs
  }
  WITH f, srcs, infs WHERE NOT any(w IN $children_words WHERE toLower(coalesce(f.name, '')) CONTAINS w)
  RETURN collect(DISTINCT f.key) AS fkeys, collect(srcs) AS fsrcs, collect(infs) AS finfs
}
WITH council, c, s, p, codes, role_sources, role_inferred, fkeys, fsrcs, finfs WHERE size(codes) > 1 OR size(fkeys) > 0
CALL (codes) {
  UNWIND codes AS x
  WITH x ORDER BY x
  RETURN collect(x) AS roles
}
CALL (fkeys) {
  UNWIND fkeys AS x
  WITH x ORDER BY x
  RETURN collect(x) AS other_functions
}
CALL (role_inferred, finfs) {
  UNWIND role_inferred + reduce(acc = [], x IN finfs | acc + x) AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (role_sources, fsrcs) {
  UNWIND role_sources + reduce(acc = [], x IN fsrcs | acc + x) AS src
  WITH DISTINCT src WHERE src IS NOT NULL
  WITH src ORDER BY src
  RETURN collect(src) AS sources
}
RETURN council, c.name AS council_name, s.id AS structure, p.key AS post, p.title AS title, roles,
       'dass' IN roles AS combines_dass, [x IN roles WHERE x <> 'dcs'] AS other_roles, other_functions, inferred, sources
