// Each statutory designation in force, with holders, basis, tier and line manager. Tier is measured from the posts
// designated Head of Paid Service in force, else from the posts titled Chief Executive ($chief_executive).
MATCH (s:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(t:Post)-[td:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((td.from_start IS NULL OR td.from_start <= $as_of) AND (td.to_end IS NULL OR td.to_end >= $as_of))
  WITH collect(DISTINCT t) AS hops
  OPTIONAL MATCH (s)-[:HAS_POST]->(c:Post) WHERE size(hops) = 0 AND toLower(c.title) STARTS WITH $chief_executive
  WITH hops, collect(DISTINCT c) AS ces
  RETURN CASE WHEN size(hops) > 0 THEN hops ELSE ces END AS tops,
         CASE WHEN size(hops) > 0 THEN 'Head of Paid Service' WHEN size(ces) > 0 THEN 'titled Chief Executive' END AS tier_from
}
CALL (p) {
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  WITH CASE WHEN hd IS NULL THEN NULL ELSE coalesce(person.name, '(not named)') END AS name, hd.source AS src,
       CASE WHEN hd.inferred THEN hd.rule + ' [' + hd.source + ']' END AS held_marker
  RETURN collect(name) AS names, collect(src) AS held_sources, collect(held_marker) AS held_inferred
}
CALL (p, tops) {
  OPTIONAL MATCH path = (p)-[:LINE_MANAGED_BY*0..]->(top:Post)
  WHERE top IN tops
  RETURN min(length(path)) AS tier
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
CALL (d, lm, held_inferred) {
  UNWIND [x IN [d, lm] WHERE x IS NOT NULL AND x.inferred | x.rule + ' [' + x.source + ']'] + held_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
RETURN r.code AS role, r.name AS role_name, p.key AS post, p.title AS title,
       CASE WHEN size(holder) = 0 THEN NULL ELSE holder END AS holder,
       CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis,
       d.`from` AS since, d.`to` AS until, tier, tier_from, m.key AS line_manager, inferred, sources
