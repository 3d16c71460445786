// National register: each statutory designation in force in every council's structure in force on $as_of.
MATCH (s:Structure)
WHERE s.status IN $statuses AND s.effective_start IS NOT NULL AND s.effective_start <= $as_of
WITH s ORDER BY s.effective_start DESC, s.id DESC
WITH s.council AS council, collect(s)[0] AS s
OPTIONAL MATCH (c:Council {id: council})
WITH council, s, c WHERE $codes IS NULL OR c.code IN $codes
MATCH (s)-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE (d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of)
CALL (p) {
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  WHERE (hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of)
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
CALL (d, p, held_inferred) {
  UNWIND [y IN [d, p] WHERE y.inferred | y.rule + ' [' + y.source + ']'] + held_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (d, p, held_sources) {
  UNWIND [d.source, p.source] + held_sources AS src
  WITH DISTINCT src WHERE src IS NOT NULL
  WITH src ORDER BY src
  RETURN collect(src) AS sources
}
WITH council, c, s, p, d, r, holder, holder_basis, inferred, sources,
     CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis
RETURN council, c.name AS council_name, s.id AS structure, r.code AS role, r.name AS role_name, p.key AS post,
       p.title AS title, CASE WHEN size(holder) = 0 THEN NULL ELSE holder END AS holder, basis,
       CASE WHEN size(holder_basis) = 0 THEN NULL ELSE holder_basis END AS holder_basis,
       d.`from` AS since, d.`to` AS until, inferred, sources
