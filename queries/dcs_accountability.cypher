// Posts and bodies reaching the DCS (line / accountability / escalation) or touching a children's function: one
// the DCS commissions or is responsible for, or one whose stated domain is in $childrens_domains (passed by the
// catalogue, Question.constants). With no DCS designated, `reaches` is $no_dcs (not known), never $not_at_all.
// The DCS is found by its designation's `structure` (a relationship index), not by a walk over every post.
MATCH (s:Structure {id: $structure})
CALL (s) {
  OPTIONAL MATCH (d:Post)-[dd:DESIGNATED {structure: $structure}]->(:StatutoryRole {code: 'dcs'})
  WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
  WITH d, collect(dd.source) AS dsrc, collect(CASE WHEN dd.inferred THEN dd.rule + ' [' + dd.source + ']' END) AS dinf
  RETURN collect(CASE WHEN d IS NULL THEN NULL ELSE {post: d, sources: dsrc, inferred: dinf} END) AS dcs_list
}
UNWIND CASE WHEN size(dcs_list) = 0 THEN [{post: NULL, sources: [], inferred: []}] ELSE dcs_list END AS dcs
WITH s, dcs.post AS d, dcs.sources AS d_sources, dcs.inferred AS d_inferred
CALL (d) {
  OPTIONAL MATCH (d)-[:RESPONSIBLE_FOR|COMMISSIONS]->(df:Function)
  RETURN collect(DISTINCT df) AS dcs_functions
}
CALL (s, d) {
  MATCH (s)-[:HAS_POST]->(x:Post) WHERE d IS NULL OR x <> d
  RETURN x
  UNION
  MATCH (x:Unit {structure: s.id}) WHERE NOT EXISTS { (:Post)-[:HEADS]->(x) }
  RETURN x
}
CALL (x, dcs_functions) {
  OPTIONAL MATCH (x)-[l:COMMISSIONS|RESPONSIBLE_FOR|DELIVERS]->(f:Function)
  WHERE f IN dcs_functions OR any(x IN coalesce(f.domains, []) WHERE x IN $childrens_domains)
  RETURN collect(f.name) AS direct_keys, collect(l.source) AS direct_sources, collect(CASE WHEN l.inferred THEN l.rule + ' [' + l.source + ']' END) AS direct_inferred
}
CALL (x, dcs_functions) {
  OPTIONAL MATCH (x)-[hl:HEADS]->(:Unit)-[l:DELIVERS]->(f:Function)
  WHERE f IN dcs_functions OR any(x IN coalesce(f.domains, []) WHERE x IN $childrens_domains)
  RETURN collect(f.name) AS headed_keys, collect(hl.source) + collect(l.source) AS headed_sources,
         collect(CASE WHEN hl.inferred THEN hl.rule + ' [' + hl.source + ']' END) + collect(CASE WHEN l.inferred THEN l.rule + ' [' + l.source + ']' END) AS headed_inferred
}
CALL (x, d) {
  OPTIONAL MATCH path = (x)-[:LINE_MANAGED_BY*1..]->(d)
  RETURN coalesce([r IN relationships(path) | r.source], []) AS line_sources,
         coalesce([r IN relationships(path) WHERE r.inferred | r.rule + ' [' + r.source + ']'], []) AS line_inferred,
         path IS NOT NULL AS by_line
}
CALL (x, d) {
  OPTIONAL MATCH (x)-[a:ACCOUNTABLE_TO]->(q:Post)
  WITH a, q ORDER BY q.key
  RETURN collect(DISTINCT q.key) AS accountable_to, collect(a.source) AS accountable_sources,
         collect(CASE WHEN a.inferred THEN a.rule + ' [' + a.source + ']' END) AS accountable_inferred,
         sum(CASE WHEN q = d THEN 1 ELSE 0 END) > 0 AS by_accountability
}
CALL (x, d) {
  OPTIONAL MATCH (x)-[e:ESCALATION_LINE]->(t) WHERE elementId(t) = elementId(d)  // from x: d has many more lines
  RETURN collect(e.source) AS escalation_sources, collect(CASE WHEN e.inferred THEN e.rule + ' [' + e.source + ']' END) AS escalation_inferred, count(e) > 0 AS by_escalation
}
WITH x, d, d_sources, direct_keys + headed_keys AS fkeys, direct_sources + headed_sources AS function_sources,
     line_sources, accountable_to, accountable_sources, escalation_sources,
     d_inferred + direct_inferred + headed_inferred + line_inferred + accountable_inferred + escalation_inferred AS edge_inferred,
     [w IN [['accountability', by_accountability], ['escalation', by_escalation], ['line', by_line]] WHERE w[1] | w[0]] AS reached
WHERE size(reached) > 0 OR size(fkeys) > 0
OPTIONAL MATCH (x)-[lm:LINE_MANAGED_BY]->(m:Post)
CALL (fkeys) {
  UNWIND fkeys AS k
  WITH DISTINCT k ORDER BY k
  RETURN collect(k) AS children_functions
}
CALL (x, lm, edge_inferred) {
  UNWIND [y IN [x, lm] WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] + edge_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (x, d_sources, lm, accountable_sources, escalation_sources, line_sources, function_sources) {
  UNWIND [x.source, lm.source] + d_sources + accountable_sources + escalation_sources + line_sources + function_sources AS src
  WITH DISTINCT src WHERE src IS NOT NULL
  WITH src ORDER BY src
  RETURN collect(src) AS sources
}
RETURN d.key AS dcs, CASE WHEN x:Unit THEN 'unit' ELSE 'post' END AS subject, x.key AS key,
       CASE WHEN x:Unit THEN x.name ELSE x.title END AS name, m.key AS line_manager, accountable_to,
       CASE WHEN size(reached) > 0 THEN reached WHEN d IS NULL THEN [$no_dcs] ELSE [$not_at_all] END AS reaches,
       ('accountability' IN reached AND m IS NOT NULL AND m <> d) AS split,
       children_functions, inferred, sources
