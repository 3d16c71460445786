// Direct line reports (posts, and staff counted without names: grade groups with a count), accountability reports
// and tier of each post of a structure. Tier is measured from the posts designated Head of Paid Service in force,
// else from the post the documents call the most senior (top_post), else from the posts titled Chief Executive.
MATCH (s:Structure {id: $structure})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(t:Post)-[td:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((td.from_start IS NULL OR td.from_start <= $as_of) AND (td.to_end IS NULL OR td.to_end >= $as_of))
  WITH s, collect(DISTINCT t) AS hops
  OPTIONAL MATCH (s)-[:HAS_POST]->(st:Post {key: s.top_post}) WHERE size(hops) = 0
  WITH s, hops, collect(DISTINCT st) AS stated
  OPTIONAL MATCH (s)-[:HAS_POST]->(c:Post)
  WHERE size(hops) = 0 AND size(stated) = 0 AND toLower(c.title) STARTS WITH $chief_executive
        AND NOT EXISTS { (c)-[:LINE_MANAGED_BY]->(:Post) }
        AND (c.level = 1 OR NOT EXISTS { (s)-[:HAS_POST]->(:Post {level: 1}) })
  WITH hops, stated, collect(DISTINCT c) AS ces
  RETURN CASE WHEN size(hops) > 0 THEN hops WHEN size(stated) > 0 THEN stated ELSE ces END AS tops,
         CASE WHEN size(hops) > 0 THEN 'Head of Paid Service'
              WHEN size(stated) > 0 THEN 'stated most senior position (' + stated[0].title + ')'
              WHEN size(ces) > 0 THEN 'titled Chief Executive' END AS tier_from
}
// Tiers in one walk down from the tops (not one walk up per post, which was quadratic on a deep chain: issue
// 25, finding 7): each post below a top, with the steps to the nearest one (the walk does not pass a top),
// and every post of the structure with none; the least per post is its tier (null: no top above it).
CALL (s, tops) {
  UNWIND tops AS top
  MATCH (p:Post)((a WHERE NOT a IN tops)-[r:LINE_MANAGED_BY]->())*(top)
  RETURN p, size(r) AS steps
  UNION ALL
  MATCH (s)-[:HAS_POST]->(p:Post)
  RETURN p, null AS steps
}
WITH s, tops, tier_from, p, min(steps) AS tier
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
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
WITH p, m, lm, tier, tier_from, line_report_posts, line_sources, accountable_from, accountable_sources, inferred,
     [i IN range(0, size(coalesce(p.junior_counts, [])) - 1) WHERE p.junior_counts[i] >= 0] AS counted
CALL (p, lm, line_sources, accountable_sources, counted) {
  UNWIND [p.source, lm.source] + line_sources + accountable_sources + [i IN counted | p.junior_sources[i]] AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN p.key AS post, p.title AS title, tier, tier_from, m.key AS line_manager,
       size(line_report_posts) + reduce(n = 0, i IN counted | n + p.junior_counts[i]) AS line_reports, line_report_posts,
       [i IN counted | toString(p.junior_counts[i]) + ' x '
          + CASE WHEN p.junior_titles[i] <> '' THEN p.junior_titles[i] ELSE p.junior_grades[i] END + ' (not named)']
         AS counted_reports,
       size(accountable_from) AS accountability_reports, accountable_from, inferred, sources
