// Posts responsible for or commissioning one function (or a part of it: a function whose `ancestors` hold it), and
// units delivering it, with their lines upward. `through` names the part a row is about.
MATCH (st:Structure {id: $structure})
OPTIONAL MATCH (asked:Function {council: st.council, key: $function})
CALL (st) {
  MATCH (st)-[:HAS_POST]->(p:Post)-[rel:RESPONSIBLE_FOR|COMMISSIONS]->(f:Function)
  WHERE f.key = $function OR $function IN coalesce(f.ancestors, [])
  RETURN p AS x, rel, f, CASE type(rel) WHEN 'RESPONSIBLE_FOR' THEN 'responsible' ELSE 'commissions' END AS part
  UNION
  MATCH (u:Unit {structure: $structure})-[rel:DELIVERS]->(f:Function)
  WHERE f.key = $function OR $function IN coalesce(f.ancestors, [])
  RETURN u AS x, rel, f, 'delivers' AS part
}
WITH asked, x, rel, f, part, CASE WHEN f.key = $function THEN [] ELSE [f] END AS grouping
CALL (x) {
  OPTIONAL MATCH (x)<-[he:HEADS]-(hp:Post)
  WITH he, hp ORDER BY hp.key
  RETURN collect(hp) AS head_posts, collect(he.source) AS head_sources,
         collect(CASE WHEN he.inferred THEN he.rule + ' [' + he.source + ']' END) AS head_inferred
}
WITH asked, x, rel, f, part, grouping, head_posts, head_sources, head_inferred,
     CASE WHEN x:Unit THEN head(head_posts) ELSE x END AS climber
CALL (climber) {
  OPTIONAL MATCH path = (climber)-[:LINE_MANAGED_BY*1..]->(top:Post)
  WHERE NOT (top)-[:LINE_MANAGED_BY]->(:Post)
  RETURN coalesce([n IN nodes(path)[1..] | n.key], []) AS line_chain
}
CALL (x, head_posts) {
  UNWIND [x] + head_posts AS who
  OPTIONAL MATCH (who)-[a:ACCOUNTABLE_TO]->(q:Post)
  WITH DISTINCT q.key AS target, a.source AS src, CASE WHEN a.inferred THEN a.rule + ' [' + a.source + ']' END AS marker
  WITH target, src, marker ORDER BY target
  RETURN collect(DISTINCT target) AS accountable_to, collect(src) AS accountable_sources,
         collect(marker) AS accountable_inferred
}
CALL (x) {
  OPTIONAL MATCH (x)-[d:DESIGNATED]->(r:StatutoryRole)
  WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
  WITH DISTINCT r.code AS code ORDER BY code
  RETURN collect(code) AS roles
}
CALL (x, rel, grouping, head_inferred, accountable_inferred) {
  UNWIND [y IN [x, rel] + grouping WHERE y.inferred | y.rule + ' [' + y.source + ']'] + head_inferred + accountable_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (x, rel, grouping, head_sources, accountable_sources) {
  UNWIND [x.source, rel.source] + [g IN grouping | g.source] + head_sources + accountable_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN $function AS function, asked.name AS function_name, part,
       CASE WHEN f.key = $function THEN null ELSE f.name END AS through,
       CASE WHEN x:Unit THEN 'unit' ELSE 'post' END AS subject, x.key AS key,
       CASE WHEN x:Unit THEN x.name ELSE x.title END AS name,
       CASE WHEN x:Unit THEN x.kind END AS unit_kind, roles,
       CASE WHEN x:Unit THEN [hp IN head_posts | hp.key] END AS heads,
       line_chain, accountable_to, inferred, sources
