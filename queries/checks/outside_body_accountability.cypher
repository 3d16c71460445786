// Each function a trust delivers: an accountability line from the trust (or its head) to a statutory officer
// responsible for or commissioning that function.
MATCH (u:Unit {structure: $structure, kind: 'trust'})-[dl:DELIVERS]->(f:Function)
CALL (u, f) {
  OPTIONAL MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[l:RESPONSIBLE_FOR|COMMISSIONS]->(f)
  WHERE EXISTS {
    MATCH (p)-[rd:DESIGNATED]->(:StatutoryRole)
    WHERE $as_of IS NULL OR ((rd.from_start IS NULL OR rd.from_start <= $as_of) AND (rd.to_end IS NULL OR rd.to_end >= $as_of))
  }
  WITH p, l ORDER BY p.key
  RETURN collect(DISTINCT p.key) AS officers, collect(l.source) AS officer_sources
}
CALL (u, officers) {
  CALL (u) {
    MATCH (u)-[a:ACCOUNTABLE_TO]->(q:Post)
    RETURN a, q
    UNION
    MATCH (u)<-[:HEADS]-(:Post)-[a:ACCOUNTABLE_TO]->(q:Post)
    RETURN a, q
  }
  WITH a, q WHERE q.key IN officers
  WITH a, q ORDER BY q.key
  RETURN collect(DISTINCT q.key) AS back, collect(a.source) AS back_sources
}
CALL (u, dl, officer_sources, back_sources) {
  UNWIND [u.source, dl.source] + officer_sources + back_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN 'outside-body-accountability' AS rule, CASE WHEN size(back) > 0 THEN 'pass' ELSE 'flag' END AS outcome,
       u.key + ' delivers ' + f.key + '; statutory officers: ' +
       CASE WHEN size(officers) = 0 THEN 'none' ELSE reduce(acc = head(officers), k IN tail(officers) | acc + ', ' + k) END +
       '; accountability line to: ' +
       CASE WHEN size(back) = 0 THEN 'none' ELSE reduce(acc = head(back), k IN tail(back) | acc + ', ' + k) END AS evidence,
       officers AS posts, sources
