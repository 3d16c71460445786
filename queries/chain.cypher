// The line chain and the accountability chain of one post, each stopping at the Head of Paid Service.
MATCH (s:Post {structure: $structure, key: $post})
CALL (s) {
  MATCH path = (s)-[:LINE_MANAGED_BY*0..]->(x:Post)
  WHERE none(n IN nodes(path)[..-1] WHERE EXISTS {
    MATCH (n)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
    WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  })
  RETURN 'line' AS chain, length(path) AS step, x,
         CASE WHEN length(path) = 0 THEN [] ELSE [last(relationships(path))] END AS edges
  UNION
  MATCH path = (s)-[:ACCOUNTABLE_TO]->(:Post)-[:ACCOUNTABLE_TO|LINE_MANAGED_BY*0..]->(x:Post)
  WHERE none(n IN nodes(path)[1..] WHERE n = s)
    AND none(n IN nodes(path)[1..-1] WHERE EXISTS {
      MATCH (n)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
      WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
    })
  WITH x, min(length(path)) AS step
  WITH collect([x, step]) AS reached
  WITH reached, [r IN reached | r[0]] AS nodes_reached
  UNWIND reached AS r
  WITH r[0] AS x, r[1] AS step, nodes_reached
  OPTIONAL MATCH (u:Post)-[e:ACCOUNTABLE_TO|LINE_MANAGED_BY]->(x)
  WHERE (u = s AND type(e) = 'ACCOUNTABLE_TO')
     OR (u <> s AND u IN nodes_reached AND NOT EXISTS {
       MATCH (u)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
       WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
     })
  RETURN 'accountability' AS chain, step, x, collect(e) AS edges
}
CALL (x) {
  OPTIONAL MATCH (x)-[d:DESIGNATED]->(r:StatutoryRole)
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH DISTINCT r.code AS code ORDER BY code
  RETURN collect(code) AS roles
}
CALL (x, edges) {
  UNWIND [y IN [x] + edges | y.source] AS src
  WITH DISTINCT src WHERE src IS NOT NULL
  WITH src ORDER BY src
  RETURN collect(src) AS sources
}
CALL (x, edges) {
  UNWIND [y IN [x] + edges WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
RETURN chain, step, x.key AS post, x.title AS title, roles, inferred, sources
