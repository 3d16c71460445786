// Statutory designations in force whose post is vacant or whose designation or holder is interim/acting.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
CALL (p) {
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  WITH CASE WHEN hd IS NULL THEN NULL ELSE coalesce(person.name, '(not named)') END AS name,
       CASE WHEN hd IS NULL THEN NULL ELSE coalesce(hd.basis, 'not stated') END AS hb, hd.source AS src,
       CASE WHEN hd.inferred THEN hd.rule + ' [' + hd.source + ']' END AS held_marker
  RETURN collect(name) AS names, collect(hb) AS hbs, collect(src) AS held_sources, collect(held_marker) AS held_inferred
}
CALL (names) {
  UNWIND names AS n
  WITH DISTINCT n ORDER BY n
  RETURN collect(n) AS holder
}
CALL (hbs) {
  UNWIND hbs AS b
  WITH DISTINCT b ORDER BY b
  RETURN collect(b) AS holder_basis
}
WITH p, d, r, holder, holder_basis, held_sources, held_inferred,
     CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis
WHERE basis IN ['interim', 'acting', 'vacant'] OR any(b IN holder_basis WHERE b IN ['interim', 'acting', 'vacant'])
CALL (d, p, held_inferred) {
  UNWIND [y IN [d, p] WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] + held_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (d, p, held_sources) {
  UNWIND [d.source, p.source] + held_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN r.code AS role, p.key AS post, p.title AS title, basis,
       CASE WHEN size(holder) = 0 THEN NULL ELSE holder END AS holder,
       CASE WHEN size(holder_basis) = 0 THEN NULL ELSE holder_basis END AS holder_basis,
       d.`from` AS since, d.`to` AS until, inferred, sources
