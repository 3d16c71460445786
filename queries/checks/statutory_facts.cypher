// Facts for the rules about statutory roles (networkx twin: queries/checks/_facts.py). One row per post
// designated a statutory role in force, plus one row with role null carrying what every rule needs even
// when nothing is designated: the council's kind and the top-post candidates (the Heads of Paid Service; only
// when none is designated, the post the documents call the most senior (top_post); only when there is neither,
// the posts titled Chief Executive). Verdicts are made in Python.
// Designations are found by their `structure` (a relationship index), not by a walk over every post.
MATCH (s:Structure {id: $structure})-[:OF]->(c:Council)
CALL (s) {
  OPTIONAL MATCH (p:Post)-[d:DESIGNATED {structure: $structure}]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH DISTINCT p.key AS k ORDER BY k
  RETURN collect(k) AS hops
}
CALL (s, hops) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(t:Post {key: s.top_post}) WHERE size(hops) = 0
  RETURN collect(DISTINCT t.key) AS top_post
}
CALL (s, hops, top_post) {
  WITH s WHERE size(hops) = 0 AND size(top_post) = 0
  MATCH (s)-[:HAS_POST]->(p:Post) WHERE toLower(p.title) STARTS WITH $chief_executive
    AND NOT EXISTS { (p)-[:LINE_MANAGED_BY]->(:Post) }
    AND (p.level = 1 OR NOT EXISTS { (s)-[:HAS_POST]->(:Post {level: 1}) })
  WITH DISTINCT p.key AS k ORDER BY k
  RETURN collect(k) AS chief_executives
}
// Posts an imported file makes candidates for a role (never designations): named in findings' missing facts.
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(q:Post) WHERE q.candidate_roles IS NOT NULL
  WITH q ORDER BY q.key
  UNWIND CASE WHEN q IS NULL THEN [] ELSE range(0, size(q.candidate_roles) - 1) END AS i
  RETURN collect({post: q.key, title: q.title, role: q.candidate_roles[i], rule: q.candidate_rules[i]}) AS candidates
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
// Holdings whose announced end has passed (intended_end, no stated `to`) on the date asked.
CALL (p) {
  OPTIONAL MATCH (x:Person)-[h:HOLDS]->(p)
  WHERE $as_of IS NOT NULL AND h.`to` IS NULL AND h.intended_end_last IS NOT NULL AND h.intended_end_last < $as_of
    AND (h.from_start IS NULL OR h.from_start <= $as_of)
  RETURN collect(CASE WHEN h IS NULL THEN null ELSE {name: x.name, intended_end: h.intended_end,
                 quote: h.intended_end_quote, source: h.intended_end_source,
                 inferred: coalesce(h.intended_end_inferred, false), reasoning: h.intended_end_rule} END) AS departed
}
// What the post commissions, is responsible for, or delivers through a unit it heads, with each function's
// stated domains and their evidence.
CALL (p) {
  CALL (p) {
    OPTIONAL MATCH (p)-[l:COMMISSIONS|RESPONSIBLE_FOR]->(f:Function)
    RETURN f, CASE type(l) WHEN 'COMMISSIONS' THEN 'commissions' ELSE 'responsible' END AS how, [l] AS ls
    UNION ALL
    OPTIONAL MATCH (p)-[hl:HEADS]->(:Unit)-[dl:DELIVERS]->(f:Function)
    RETURN f, 'delivers' AS how, [hl, dl] AS ls
  }
  WITH f, how, ls WHERE f IS NOT NULL
  RETURN collect({function: f.name, domains: coalesce(f.domains, []), how: how, source: last(ls).source,
                  edges: [l IN ls | {source: l.source, inferred: coalesce(l.inferred, false), reasoning: l.rule}],
                  domain_source: f.source, domain_inferred: coalesce(f.inferred, false),
                  domain_reasoning: f.rule}) AS functions
}
CALL (p) {
  OPTIONAL MATCH (v:AssuranceReview)-[:ASSESSES]->(p)
  RETURN collect(CASE WHEN v IS NULL THEN null ELSE v {.id, .status, .date, .by, .outcome, .follow_up, .source,
                 criteria: coalesce(v.criteria, []), criteria_outcomes: coalesce(v.criteria_outcomes, []),
                 criteria_conditions: coalesce(v.criteria_conditions, [])} END) AS reviews
}
// A post's statutory reports are the designated posts whose line chain starts at it (the chain's first
// step is the report's own line-management edge): read from the rows, not walked again per post. A report
// carries its designation's inference: a finding resting on it lists it.
WITH s, c, hops, top_post, chief_executives, candidates, collect({role: role, p: p, d: d, chain: chain, chain_titles: chain_titles,
     chain_facts: chain_facts, accountable: accountable, holders: holders, departed: departed, functions: functions,
     reviews: reviews}) AS rows
UNWIND rows AS x
WITH s, c, hops, top_post, chief_executives, candidates, rows, x, x.p AS p, x.d AS d
RETURN c.authority_kind AS council_kind, hops, chief_executives, top_post, candidates,
       [k IN [s.leader] WHERE k IS NOT NULL] AS leader, x.role AS role, p.key AS post,
       p.title AS title, p.kind AS post_kind, p.status AS post_status, d.basis AS basis,
       d.source AS designation_source, coalesce(d.inferred, false) AS designation_inferred,
       d.rule AS designation_reasoning, x.chain AS chain, x.chain_titles AS chain_titles, x.chain_facts AS chain_facts,
       x.accountable AS accountable, x.holders AS holders, x.departed AS departed,
       [y IN rows WHERE p IS NOT NULL AND y.p IS NOT NULL AND y.chain[0] = p.key
        | {post: y.p.key, title: y.p.title, role: y.role, source: y.chain_facts[0].source,
           inferred: coalesce(y.d.inferred, false) OR y.chain_facts[0].inferred,
           reasoning: CASE WHEN coalesce(y.d.inferred, false) THEN y.d.rule ELSE y.chain_facts[0].reasoning END}] AS reports,
       x.functions AS functions, x.reviews AS reviews
