// Each statutory designation in force, with holders, basis, tier and line manager.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
CALL (p) {
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  WITH CASE WHEN hd IS NULL THEN NULL ELSE coalesce(person.name, '(not named)') END AS name, hd.source AS src
  RETURN collect(name) AS names, collect(src) AS held_sources
}
CALL (p) {
  OPTIONAL MATCH path = (p)-[:LINE_MANAGED_BY*0..]->(:Post)-[hops:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((hops.from_start IS NULL OR hops.from_start <= $as_of) AND (hops.to_end IS NULL OR hops.to_end >= $as_of))
  RETURN min(length(path)) - 1 AS tier
}
CALL (names) {
  UNWIND names AS n
  WITH DISTINCT n ORDER BY n
  RETURN collect(n) AS holder
}
CALL (d, p, held_sources, lm) {
  UNWIND [d.source, p.source, lm.source] + held_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN r.code AS role, r.name AS role_name, p.key AS post, p.title AS title,
       CASE WHEN size(holder) = 0 THEN NULL ELSE holder END AS holder,
       CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis,
       d.`from` AS since, d.`to` AS until, tier, m.key AS line_manager, sources
