// National register: each statutory designation (of $roles; null: every role) in force in every council's
// structure in force on $as_of, with every holding of its post: the holder cells, and for director-exposure
// which rows are exposed, are made from them in Python (queries/holders.py), the same for both stores.
// It starts from the few statutory role nodes and their DESIGNATED edges, kept when the edge's structure is
// one chosen, rather than from every post of every chosen structure.
MATCH (s:Structure)
WHERE s.status IN coalesce($statuses, $in_force_statuses) AND s.effective_start IS NOT NULL AND s.effective_start <= $as_of
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
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  RETURN collect(CASE WHEN hd IS NULL THEN null ELSE {name: person.name, basis: hd.basis, `from`: hd.`from`, to: hd.to,
         from_start: hd.from_start, to_end: hd.to_end, intended_end: hd.intended_end,
         intended_end_last: hd.intended_end_last, intended_end_source: hd.intended_end_source,
         intended_end_quote: hd.intended_end_quote, intended_end_inferred: hd.intended_end_inferred,
         intended_end_rule: hd.intended_end_rule, source: hd.source, inferred: hd.inferred, rule: hd.rule} END) AS holds
}
// Each row's council and structure: looked up once per structure (the rows grouped by it), not once per row.
WITH d.structure AS sid,
     collect([r.code, r.name, p.key, p.title,
              CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END, d.`from`, d.`to`,
              [y IN [d, p] WHERE y.inferred | y.rule + ' [' + y.source + ']'], [d.source, p.source], holds,
              d {.intended_end, .intended_end_quote, .intended_end_source, .intended_end_inferred,
                 .intended_end_rule}]) AS rows
MATCH (s:Structure {id: sid})
OPTIONAL MATCH (s)-[:OF]->(c:Council)
UNWIND rows AS row
RETURN s.council AS council, c.name AS council_name, sid AS structure, row[0] AS role, row[1] AS role_name,
       row[2] AS post, row[3] AS title, row[4] AS basis, row[5] AS since, row[6] AS until, row[7] AS inferred,
       row[8] AS sources, row[9] AS _holds, row[10] AS _designation, $as_of AS _as_of
