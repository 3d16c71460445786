// Facts for outside-body-accountability (networkx twin: outside_body_accountability.py). One row per function a
// trust delivers (plus one row with unit null): the statutory officers responsible for or commissioning that
// function, and every accountability line from the trust or a post heading it. The verdict is made in Python.
MATCH (s:Structure {id: $structure})
CALL (s) {
  RETURN null AS u, null AS dl, null AS f
  UNION
  MATCH (u:Unit {structure: $structure, kind: 'trust'})-[dl:DELIVERS]->(f:Function)
  RETURN u, dl, f
}
CALL (s, f) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(p:Post)-[l:RESPONSIBLE_FOR|COMMISSIONS]->(f)
  WHERE EXISTS {
    MATCH (p)-[rd:DESIGNATED]->(:StatutoryRole)
    WHERE $as_of IS NULL OR ((rd.from_start IS NULL OR rd.from_start <= $as_of) AND (rd.to_end IS NULL OR rd.to_end >= $as_of))
  }
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {post: p.key, title: p.title, source: l.source,
                 inferred: coalesce(l.inferred, false), reasoning: l.rule} END) AS officers
}
CALL (u) {
  OPTIONAL MATCH (u)-[a:ACCOUNTABLE_TO]->(q:Post)
  RETURN collect(CASE WHEN q IS NULL THEN null ELSE {post: q.key, title: q.title, by: u.key, by_name: u.name, source: a.source,
                 inferred: coalesce(a.inferred, false), reasoning: a.rule} END) AS unit_lines
}
CALL (u) {
  OPTIONAL MATCH (u)<-[:HEADS]-(hp:Post)-[a:ACCOUNTABLE_TO]->(q:Post)
  RETURN collect(CASE WHEN q IS NULL THEN null ELSE {post: q.key, title: q.title, by: hp.key, by_name: hp.title, source: a.source,
                 inferred: coalesce(a.inferred, false), reasoning: a.rule} END) AS head_lines
}
RETURN u.key AS unit, u.name AS unit_name, u.source AS unit_source, f.key AS function, f.name AS function_name,
       dl.source AS delivers_source, officers, unit_lines + head_lines AS lines
