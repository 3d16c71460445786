// Direct line reports, accountability reports and tier of each post of a structure. Tier is measured from the
// posts designated Head of Paid Service in force, else from the posts titled Chief Executive ($chief_executive).
MATCH (s:Structure {id: $structure})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(t:Post)-[td:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((td.from_start IS NULL OR td.from_start <= $as_of) AND (td.to_end IS NULL OR td.to_end >= $as_of))
  WITH collect(DISTINCT t) AS hops
  OPTIONAL MATCH (s)-[:HAS_POST]->(c:Post) WHERE size(hops) = 0 AND toLower(c.title) STARTS WITH $chief_executive
  WITH hops, collect(DISTINCT c) AS ces
  RETURN CASE WHEN size(hops) > 0 THEN hops ELSE ces END AS tops,
         CASE WHEN size(hops) > 0 THEN 'Head of Paid Service' WHEN size(ces) > 0 THEN 'titled Chief Executive' END AS tier_from
}
MATCH (s)-[:HAS_POST]->(p:Post)
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
CALL (p, tops) {
  OPTIONAL MATCH path = (p)-[:LINE_MANAGED_BY*0..]->(top:Post)
  WHERE top IN tops
  RETURN min(length(path)) AS tier
}
CALL (p) {
  OPTIONAL MATCH (r:Post)-[rl:LINE_MANAGED_BY]->(p)
  WITH r, rl ORDER BY r.key
  RETURN collect(r.key) AS line_report_posts, collect(rl.source) AS line_sources,
         collect(CASE WHEN rl.inferred THEN rl.rule + ' [' + rl.source + ']' END) AS line_inferred
}
CALL (p) {
  OPTIONAL MATCH (a)-[ra:ACCOUNTABLE_TO]->(p)
  WITH CASE WHEN a:Unit THEN 'unit:' + a.key ELSE a.key END AS who, ra
  ORDER BY who
  RETURN collect(who) AS accountable_from, collect(ra.source) AS accountable_sources,
         collect(CASE WHEN ra.inferred THEN ra.rule + ' [' + ra.source + ']' END) AS accountable_inferred
}
CALL (p, lm, line_inferred, accountable_inferred) {
  UNWIND [y IN [p, lm] WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] + line_inferred + accountable_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (p, lm, line_sources, accountable_sources) {
  UNWIND [p.source, lm.source] + line_sources + accountable_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN p.key AS post, p.title AS title, tier, tier_from, m.key AS line_manager, size(line_report_posts) AS line_reports,
       line_report_posts, size(accountable_from) AS accountability_reports, accountable_from, inferred, sources
