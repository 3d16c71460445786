// Facts for dcs-education-and-social-care (networkx twin: dcs_education_and_social_care.py). For each DCS in
// force (plus one row with post null for the council's kind): the posts in its line (line-managed below it at any
// depth) and every function link in the structure (commissions, responsible for, or delivers through a unit the
// post heads), each marked whether the linked post is the DCS or in its line. The verdict is made in Python.
MATCH (s:Structure {id: $structure})-[:OF]->(c:Council)
CALL (s) {
  RETURN null AS d, null AS dd
  UNION
  MATCH (s)-[:HAS_POST]->(d:Post)-[dd:DESIGNATED]->(:StatutoryRole {code: 'dcs'})
  WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
  RETURN d, dd
}
CALL (s, d) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(p:Post)-[l:LINE_MANAGED_BY]->(:Post)
  WHERE d IS NOT NULL AND EXISTS { (p)-[:LINE_MANAGED_BY*1..]->(d) }
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, source: l.source,
                 inferred: coalesce(l.inferred, false), reasoning: l.rule} END) AS line
}
CALL (s, d) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(p:Post)-[k:COMMISSIONS|RESPONSIBLE_FOR]->(f:Function)
  WHERE d IS NOT NULL
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, function: f.key, name: f.name,
                 how: CASE type(k) WHEN 'COMMISSIONS' THEN 'commissions' ELSE 'responsible' END, source: k.source,
                 inferred: coalesce(k.inferred, false), reasoning: k.rule,
                 in_line: p = d OR EXISTS { (p)-[:LINE_MANAGED_BY*1..]->(d) }} END) AS direct
}
CALL (s, d) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(p:Post)-[:HEADS]->(:Unit)-[k:DELIVERS]->(f:Function)
  WHERE d IS NOT NULL
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, function: f.key, name: f.name,
                 how: 'delivers', source: k.source, inferred: coalesce(k.inferred, false), reasoning: k.rule,
                 in_line: p = d OR EXISTS { (p)-[:LINE_MANAGED_BY*1..]->(d) }} END) AS delivered
}
RETURN c.authority_kind AS council_kind, d.key AS post, d.title AS title, dd.source AS designation_source,
       coalesce(dd.inferred, false) AS designation_inferred, dd.rule AS designation_reasoning, line,
       direct + delivered AS links
