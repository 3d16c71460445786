// Posts accountable to a post other than their line manager, with mechanisms, escalations and roles.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[a:ACCOUNTABLE_TO]->(q:Post)
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
WITH p, a, q, lm, m
WHERE m IS NULL OR m <> q
CALL (p, q) {
  OPTIONAL MATCH (p)-[e:ESCALATION_LINE]->(q)
  WITH e ORDER BY coalesce(e.trigger, '')
  RETURN collect(coalesce(e.trigger, '')) AS triggers, collect(e.source) AS escalation_sources,
         collect(CASE WHEN e.inferred THEN e.rule + ' [' + e.source + ']' END) AS escalation_inferred, count(e) AS escalations
}
CALL (p, q, m) {
  UNWIND [[p, 'post'], [q, 'accountable_to'], [m, 'line_manager']] AS pair
  WITH pair[0] AS x, pair[1] AS side
  OPTIONAL MATCH (x)-[d:DESIGNATED]->(r:StatutoryRole)
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH DISTINCT side, r.code AS code ORDER BY code
  WITH side, collect(code) AS codes
  RETURN collect([side, codes]) AS role_sets
}
CALL (p, a, lm, escalation_inferred) {
  UNWIND [y IN [p, a, lm] WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] + escalation_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (p, a, lm, escalation_sources) {
  UNWIND [p.source, a.source, lm.source] + escalation_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN p.key AS post, p.title AS title,
       head([x IN role_sets WHERE x[0] = 'post' | x[1]]) AS post_roles,
       m.key AS line_manager,
       coalesce(head([x IN role_sets WHERE x[0] = 'line_manager' | x[1]]), []) AS line_manager_roles,
       q.key AS accountable_to, q.title AS accountable_to_title,
       head([x IN role_sets WHERE x[0] = 'accountable_to' | x[1]]) AS accountable_to_roles,
       coalesce(a.mechanisms, []) AS mechanisms,
       CASE WHEN escalations = 0 THEN NULL ELSE triggers END AS escalation, inferred, sources
