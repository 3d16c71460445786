// Statutory designations in force, with every holding of the post: the holder cells and whether the role is exposed
// (vacant, interim or acting, or its holder's intended departure passed with no successor) are made from them in
// Python (queries/holders.py), the same for both stores.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
CALL (p) {
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  RETURN collect(CASE WHEN hd IS NULL THEN null ELSE {name: person.name, basis: hd.basis, `from`: hd.`from`, to: hd.to,
         from_start: hd.from_start, to_end: hd.to_end, intended_end: hd.intended_end,
         intended_end_last: hd.intended_end_last, intended_end_source: hd.intended_end_source,
         intended_end_quote: hd.intended_end_quote, intended_end_inferred: hd.intended_end_inferred,
         intended_end_rule: hd.intended_end_rule, source: hd.source, inferred: hd.inferred, rule: hd.rule} END) AS _holds
}
CALL (d, p) {
  UNWIND [y IN [d, p] WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (d, p) {
  UNWIND [d.source, p.source] AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN r.code AS role, p.key AS post, p.title AS title,
       CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis,
       d.`from` AS since, d.`to` AS until, inferred, sources, _holds,
       d {.intended_end, .intended_end_quote, .intended_end_source, .intended_end_inferred,
          .intended_end_rule} AS _designation, $as_of AS _as_of
