// The line chain and the accountability chain of one post, each stopping at the Head of Paid Service.
MATCH (s:Post {structure: $structure, key: $post})
CALL (s) {
  MATCH path = (s)-[:LINE_MANAGED_BY*0..]->(x:Post)
  WHERE none(n IN nodes(path)[..-1] WHERE EXISTS {
    MATCH (n)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
    WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  })
  RETURN 'line' AS chain, length(path) AS step, x,
         CASE WHEN length(path) = 0 THEN [] ELSE [last(relationships(path))] END AS edges, null AS missing
  UNION
  // The line chain's end when it is neither the Head of Paid Service nor the top post (the stated most senior
  // post, else the posts titled Chief Executive) and its own line manager is not stated: a row saying so.
  MATCH path = (s)-[:LINE_MANAGED_BY*0..]->(e:Post)
  WHERE NOT EXISTS { (e)-[:LINE_MANAGED_BY]->(:Post) }
    AND none(n IN nodes(path) WHERE EXISTS {
      MATCH (n)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
      WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
    })
  MATCH (st:Structure {id: $structure})
  CALL (st) {
    OPTIONAL MATCH (st)-[:HAS_POST]->(t:Post)-[td:DESIGNATED]->(:StatutoryRole {code: 'hops'})
    WHERE $as_of IS NULL OR ((td.from_start IS NULL OR td.from_start <= $as_of) AND (td.to_end IS NULL OR td.to_end >= $as_of))
    WITH st, collect(DISTINCT t) AS hops
    OPTIONAL MATCH (st)-[:HAS_POST]->(sp:Post {key: st.top_post}) WHERE size(hops) = 0
    WITH st, hops, collect(DISTINCT sp) AS stated
    OPTIONAL MATCH (st)-[:HAS_POST]->(c:Post)
    WHERE size(hops) = 0 AND size(stated) = 0 AND toLower(c.title) STARTS WITH $chief_executive
    WITH hops, stated, collect(DISTINCT c) AS ces
    RETURN CASE WHEN size(hops) > 0 THEN hops WHEN size(stated) > 0 THEN stated ELSE ces END AS tops
  }
  WITH path, e, tops WHERE NOT e IN tops
  RETURN 'line' AS chain, length(path) + 1 AS step, null AS x, [] AS edges, $unstated + e.title + ')' AS missing
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
  RETURN 'accountability' AS chain, step, x, collect(e) AS edges, null AS missing
}
CALL (x) {
  OPTIONAL MATCH (x)-[d:DESIGNATED]->(r:StatutoryRole)
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH DISTINCT r.code AS code ORDER BY code
  RETURN collect(code) AS roles
}
CALL (x, edges) {
  UNWIND [y IN [x] + edges WHERE y IS NOT NULL | y.source] AS src
  WITH DISTINCT src WHERE src IS NOT NULL
  WITH src ORDER BY src
  RETURN collect(src) AS sources
}
CALL (x, edges) {
  UNWIND [y IN [x] + edges WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
RETURN chain, step, x.key AS post, coalesce(x.title, missing) AS title, roles, inferred, sources
