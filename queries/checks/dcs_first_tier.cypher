// The DCS at tier 0/1 below the Head of Paid Service, or with an accountability line to the Head of Paid Service.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(d:Post)-[dd:DESIGNATED]->(:StatutoryRole {code: 'dcs'})
WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
WITH d, collect(dd.source) AS d_sources
CALL (d) {
  OPTIONAL MATCH path = (d)-[:LINE_MANAGED_BY*0..]->(:Post)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  RETURN min(length(path)) - 1 AS tier
}
CALL (d) {
  OPTIONAL MATCH (d)-[a:ACCOUNTABLE_TO]->(q:Post)
  WHERE EXISTS {
    MATCH (q)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
    WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  }
  WITH a, q ORDER BY q.key
  RETURN collect(DISTINCT q.key) AS targets, collect(a.source) AS line_sources
}
CALL (d, targets) {
  UNWIND [d.key] + targets AS k
  WITH DISTINCT k ORDER BY k
  RETURN collect(k) AS posts
}
CALL (d_sources, line_sources) {
  UNWIND d_sources + line_sources AS s
  WITH DISTINCT s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN 'dcs-first-tier' AS rule,
       CASE WHEN tier IN [0, 1] OR size(targets) > 0 THEN 'pass' ELSE 'flag' END AS outcome,
       'tier ' + coalesce(toString(tier), 'unknown') + '; accountability line to the Head of Paid Service: ' +
       CASE WHEN size(targets) = 0 THEN 'none' ELSE reduce(acc = head(targets), k IN tail(targets) | acc + ', ' + k) END AS evidence,
       posts, sources
