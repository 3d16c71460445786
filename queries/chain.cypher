// The line chain and the accountability chain of one post, each stopping at the Head of Paid Service.
// Linear in the depth of the structure (issue 25, finding 7): the line chain is ONE walk up (its posts are that
// walk's nodes, not one path per step checked node by node), the accountability chain one breadth-first search
// (SHORTEST 1 per post reached, not every path). Every line and accountability edge ends at a post of the same
// structure, so the Heads of Paid Service in force are looked up once, among its posts.
MATCH (s:Post {structure: $structure, key: $post})
MATCH (st:Structure {id: $structure})
CALL (st) {
  OPTIONAL MATCH (st)-[:HAS_POST]->(t:Post)-[td:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((td.from_start IS NULL OR td.from_start <= $as_of) AND (td.to_end IS NULL OR td.to_end >= $as_of))
  WITH st, collect(DISTINCT t) AS hops
  OPTIONAL MATCH (st)-[:HAS_POST]->(sp:Post {key: st.top_post}) WHERE size(hops) = 0
  WITH st, hops, collect(DISTINCT sp) AS stated
  OPTIONAL MATCH (st)-[:HAS_POST]->(c:Post)
  WHERE size(hops) = 0 AND size(stated) = 0 AND toLower(c.title) STARTS WITH $chief_executive
        AND NOT EXISTS { (c)-[:LINE_MANAGED_BY]->(:Post) }
        AND (c.level = 1 OR NOT EXISTS { (st)-[:HAS_POST]->(:Post {level: 1}) })
  WITH hops, stated, collect(DISTINCT c) AS ces
  RETURN hops, CASE WHEN size(hops) > 0 THEN hops WHEN size(stated) > 0 THEN stated ELSE ces END AS tops
}
CALL (s, hops, tops) {
  // The line chain: up from the post to the first Head of Paid Service, or to the post whose line manager no
  // document states (a post has at most one line manager and the lines have no cycle: loader.validate).
  MATCH (s)((a WHERE NOT a IN hops)-[r:LINE_MANAGED_BY]->(b))*(e:Post)
  WHERE e IN hops OR NOT EXISTS { (e)-[:LINE_MANAGED_BY]->(:Post) }
  WITH [s] + b AS line, r
  UNWIND range(0, size(r)) AS step
  RETURN 'line' AS chain, step, line[step] AS x, CASE WHEN step = 0 THEN [] ELSE [r[step - 1]] END AS edges,
         null AS missing
  UNION
  // The line chain's end when it is neither the Head of Paid Service nor the top post (the stated most senior
  // post, else the posts titled Chief Executive) and its own line manager is not stated: a row saying so.
  MATCH (s)((a WHERE NOT a IN hops)-[r:LINE_MANAGED_BY]->(b))*(e:Post)
  WHERE NOT e IN hops AND NOT EXISTS { (e)-[:LINE_MANAGED_BY]->(:Post) } AND NOT e IN tops
  RETURN 'line' AS chain, size(r) + 1 AS step, null AS x, [] AS edges, $unstated + e.title + ')' AS missing
  UNION
  // The accountability chain: the post's accountability lines, then onward by accountability or line management,
  // never back through the post and never on past a Head of Paid Service; each post at its shortest distance.
  MATCH path = SHORTEST 1 (s)-[:ACCOUNTABLE_TO]->(f:Post WHERE f <> s)
               ((a WHERE a <> s AND NOT a IN hops)-[:ACCOUNTABLE_TO|LINE_MANAGED_BY]->(b WHERE b <> s))*(x:Post)
  WITH x, min(length(path)) AS step
  WITH collect([x, step]) AS reached
  WITH reached, [r IN reached | r[0]] AS nodes_reached
  UNWIND reached AS r
  WITH r[0] AS x, r[1] AS step, nodes_reached
  OPTIONAL MATCH (u:Post)-[e:ACCOUNTABLE_TO|LINE_MANAGED_BY]->(x)
  WHERE (u = s AND type(e) = 'ACCOUNTABLE_TO')
     OR (u <> s AND u IN nodes_reached AND NOT u IN hops)
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
