// Direct line reports, accountability reports and tier of each post of a structure.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
CALL (p) {
  OPTIONAL MATCH path = (p)-[:LINE_MANAGED_BY*0..]->(:Post)-[hops:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((hops.from_start IS NULL OR hops.from_start <= $as_of) AND (hops.to_end IS NULL OR hops.to_end >= $as_of))
  RETURN min(length(path)) - 1 AS tier
}
CALL (p) {
  OPTIONAL MATCH (r:Post)-[rl:LINE_MANAGED_BY]->(p)
  WITH r, rl ORDER BY r.key
  RETURN collect(r.key) AS line_report_posts, collect(rl.source) AS line_sources
}
CALL (p) {
  OPTIONAL MATCH (a)-[ra:ACCOUNTABLE_TO]->(p)
  WITH CASE WHEN a:Unit THEN 'unit:' + a.key ELSE a.key END AS who, ra
  ORDER BY who
  RETURN collect(who) AS accountable_from, collect(ra.source) AS accountable_sources
}
CALL (p, lm, line_sources, accountable_sources) {
  UNWIND [p.source, lm.source] + line_sources + accountable_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN p.key AS post, p.title AS title, tier, m.key AS line_manager, size(line_report_posts) AS line_reports,
       line_report_posts, size(accountable_from) AS accountability_reports, accountable_from, sources
