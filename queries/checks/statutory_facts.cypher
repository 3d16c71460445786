// Facts for the rules about statutory roles (networkx twin: queries/checks/_facts.py). One row per post
// designated a statutory role in force, plus one row with role null carrying what every rule needs even
// when nothing is designated: the council's kind and the top-post candidates (the Heads of Paid Service; only
// when none is designated, the posts titled Chief Executive). Verdicts are made in Python.
// Designations are found by their `structure` (a relationship index), not by a walk over every post.
MATCH (s:Structure {id: $structure})-[:OF]->(c:Council)
CALL (s) {
  OPTIONAL MATCH (p:Post)-[d:DESIGNATED {structure: $structure}]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH DISTINCT p.key AS k ORDER BY k
  RETURN collect(k) AS hops
}
CALL (s, hops) {
  WITH s WHERE size(hops) = 0
  MATCH (s)-[:HAS_POST]->(p:Post) WHERE toLower(p.title) STARTS WITH $chief_executive
  WITH DISTINCT p.key AS k ORDER BY k
  RETURN collect(k) AS chief_executives
}
CALL (s) {
  RETURN null AS p, null AS d, null AS role
  UNION
  MATCH (p:Post)-[d:DESIGNATED {structure: $structure}]->(r:StatutoryRole)
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  RETURN p, d, r.code AS role
}
CALL (p) {
  OPTIONAL MATCH path = (p)-[:LINE_MANAGED_BY*1..]->(top:Post)
  WHERE NOT EXISTS { (top)-[:LINE_MANAGED_BY]->() }
  RETURN coalesce([n IN tail(nodes(path)) | n.key], []) AS chain,
         coalesce([n IN tail(nodes(path)) | n.title], []) AS chain_titles,
         coalesce([l IN relationships(path) | {source: l.source, inferred: coalesce(l.inferred, false),
                                               reasoning: l.rule}], []) AS chain_facts
}
CALL (p) {
  OPTIONAL MATCH (p)-[a:ACCOUNTABLE_TO]->(q:Post)
  RETURN collect(CASE WHEN q IS NULL THEN null ELSE {post: q.key, title: q.title, mechanisms: coalesce(a.mechanisms, []),
                 source: a.source, inferred: coalesce(a.inferred, false), reasoning: a.rule} END) AS accountable
}
CALL (p) {
  OPTIONAL MATCH (x:Person)-[h:HOLDS]->(p)
  WHERE $as_of IS NULL OR ((h.from_start IS NULL OR h.from_start <= $as_of) AND (h.to_end IS NULL OR h.to_end >= $as_of))
  RETURN collect(CASE WHEN h IS NULL THEN null ELSE {name: x.name, basis: h.basis, source: h.source,
                 inferred: coalesce(h.inferred, false), reasoning: h.rule} END) AS holders
}
CALL (p) {
  OPTIONAL MATCH (v:AssuranceReview)-[:ASSESSES]->(p)
  RETURN collect(CASE WHEN v IS NULL THEN null ELSE v {.id, .status, .date, .by, .outcome, .follow_up, .source,
                 criteria: coalesce(v.criteria, []), criteria_outcomes: coalesce(v.criteria_outcomes, []),
                 criteria_conditions: coalesce(v.criteria_conditions, [])} END) AS reviews
}
// A post's statutory reports are the designated posts whose line chain starts at it (the chain's first
// step is the report's own line-management edge): read from the rows, not walked again per post.
WITH c, hops, chief_executives, collect({role: role, p: p, d: d, chain: chain, chain_titles: chain_titles,
     chain_facts: chain_facts, accountable: accountable, holders: holders, reviews: reviews}) AS rows
UNWIND rows AS x
WITH c, hops, chief_executives, rows, x, x.p AS p, x.d AS d
RETURN c.authority_kind AS council_kind, hops, chief_executives, x.role AS role, p.key AS post, p.title AS title,
       p.kind AS post_kind, p.status AS post_status, d.basis AS basis, d.source AS designation_source,
       coalesce(d.inferred, false) AS designation_inferred, d.rule AS designation_reasoning,
       x.chain AS chain, x.chain_titles AS chain_titles, x.chain_facts AS chain_facts, x.accountable AS accountable,
       x.holders AS holders,
       [y IN rows WHERE p IS NOT NULL AND y.p IS NOT NULL AND y.chain[0] = p.key
        | {post: y.p.key, role: y.role, source: y.chain_facts[0].source}] AS reports, x.reviews AS reviews
