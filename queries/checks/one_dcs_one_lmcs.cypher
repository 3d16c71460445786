// Exactly one post designated dcs, and exactly one designated lmcs.
UNWIND ['dcs', 'lmcs'] AS code
CALL (code) {
  OPTIONAL MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(:StatutoryRole {code: code})
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH p, d ORDER BY p.key
  RETURN collect(DISTINCT p.key) AS posts, collect(d.source) AS found_sources
}
CALL (found_sources) {
  UNWIND found_sources AS s
  WITH DISTINCT s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN 'one-dcs-one-lmcs' AS rule, CASE WHEN size(posts) = 1 THEN 'pass' ELSE 'flag' END AS outcome,
       toString(size(posts)) + ' post(s) designated ' + code + ': ' +
       CASE WHEN size(posts) = 0 THEN 'none' ELSE reduce(acc = head(posts), k IN tail(posts) | acc + ', ' + k) END AS evidence,
       posts, sources
