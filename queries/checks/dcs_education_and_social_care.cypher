// Facts for dcs-education-and-social-care (networkx twin: dcs_education_and_social_care.py). For each DCS in
// force (plus one row with post null for the council's kind): the posts in its line (line-managed below it at any
// depth) and every function link in the structure (commissions, responsible for, or delivers through a unit the
// post heads), each with its function's stated domains (and their evidence) and marked whether the linked post is
// the DCS or in its line. The verdict is made in Python.
MATCH (s:Structure {id: $structure})-[:OF]->(c:Council)
CALL (s) {
  RETURN null AS d, null AS dd
  UNION
  MATCH (d:Post)-[dd:DESIGNATED {structure: $structure}]->(:StatutoryRole {code: 'dcs'})
  WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
  RETURN d, dd
}
// The DCS's line, walked down from it once (not up from every post): each post below it with its own
// line-management step, the last of the path (a post has one line manager).
CALL (d) {
  OPTIONAL MATCH path = (d)<-[:LINE_MANAGED_BY*1..]-(p:Post)
  WHERE p.structure = $structure
  WITH p, last(relationships(path)) AS l
  RETURN collect(DISTINCT p) AS below,
         collect(DISTINCT CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, source: l.source,
                 inferred: coalesce(l.inferred, false), reasoning: l.rule} END) AS line
}
// Every function link of the structure's posts, found from the council's functions (not from every post).
CALL (s, c, d, below) {
  OPTIONAL MATCH (f:Function {council: c.id})<-[k:COMMISSIONS|RESPONSIBLE_FOR]-(p:Post)
  WHERE d IS NOT NULL AND p.structure = $structure
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, function: f.key, name: f.name,
                 domains: coalesce(f.domains, []), domain_source: f.source,
                 domain_inferred: coalesce(f.inferred, false), domain_reasoning: f.rule,
                 how: CASE type(k) WHEN 'COMMISSIONS' THEN 'commissions' ELSE 'responsible' END, source: k.source,
                 inferred: coalesce(k.inferred, false), reasoning: k.rule, in_line: p = d OR p IN below} END) AS direct
}
CALL (s, c, d, below) {
  OPTIONAL MATCH (f:Function {council: c.id})<-[k:DELIVERS]-(:Unit)<-[:HEADS]-(p:Post)
  WHERE d IS NOT NULL AND p.structure = $structure
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, function: f.key, name: f.name,
                 domains: coalesce(f.domains, []), domain_source: f.source,
                 domain_inferred: coalesce(f.inferred, false), domain_reasoning: f.rule,
                 how: 'delivers', source: k.source, inferred: coalesce(k.inferred, false), reasoning: k.rule,
                 in_line: p = d OR p IN below} END) AS delivered
}
RETURN c.authority_kind AS council_kind, d.key AS post, d.title AS title, dd.source AS designation_source,
       coalesce(dd.inferred, false) AS designation_inferred, dd.rule AS designation_reasoning, line,
       direct + delivered AS links
