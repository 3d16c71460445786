// National register: each statutory designation (of $roles; null: every role) in force in every council's
// structure in force on $as_of; with $exposed, only those vacant or held on one of those bases.
// It starts from the few statutory role nodes and their DESIGNATED edges, kept when the edge's structure is
// one chosen, rather than from every post of every chosen structure. List cells come back as collected;
// national.py sorts them and drops repeats in Python (Question.finish), as it does the networkx twin's.
MATCH (s:Structure)
WHERE s.status IN $statuses AND s.effective_start IS NOT NULL AND s.effective_start <= $as_of
WITH s ORDER BY s.effective_start DESC, s.id DESC
WITH s.council AS council, collect(s)[0] AS s
OPTIONAL MATCH (s)-[:OF]->(c:Council)
WITH council, s, c WHERE $codes IS NULL OR c.code IN $codes
WITH collect(s.id) AS chosen
MATCH (r:StatutoryRole) WHERE $roles IS NULL OR r.code IN $roles
MATCH (r)<-[d:DESIGNATED]-(p:Post)
WHERE d.structure IN chosen
  AND (d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of)
CALL (p) {
  MATCH (person:Person)-[hd:HOLDS]->(p)
  WHERE (hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of)
  RETURN collect(coalesce(person.name, '(not named)')) AS holder, collect(coalesce(hd.basis, 'not stated')) AS holder_basis,
         collect(hd.source) AS held_sources, collect(CASE WHEN hd.inferred THEN hd.rule + ' [' + hd.source + ']' END) AS held_inferred
}
WITH r, d, p, holder, holder_basis, held_sources, held_inferred,
     CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis
WHERE $exposed IS NULL OR basis IN $exposed OR any(b IN holder_basis WHERE b IN $exposed)
// Each row's council and structure: looked up once per structure (the rows grouped by it), not once per row.
WITH d.structure AS sid,
     collect([r.code, r.name, p.key, p.title, holder, basis, holder_basis, d.`from`, d.`to`,
              [y IN [d, p] WHERE y.inferred | y.rule + ' [' + y.source + ']'] + held_inferred,
              [d.source, p.source] + held_sources]) AS rows
MATCH (s:Structure {id: sid})
OPTIONAL MATCH (s)-[:OF]->(c:Council)
UNWIND rows AS row
RETURN s.council AS council, c.name AS council_name, sid AS structure, row[0] AS role, row[1] AS role_name,
       row[2] AS post, row[3] AS title, row[4] AS holder, row[5] AS basis, row[6] AS holder_basis, row[7] AS since,
       row[8] AS until, row[9] AS inferred, row[10] AS sources
