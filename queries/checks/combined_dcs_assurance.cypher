// A DCS with other statutory roles or statutory officers reporting to it has a completed local test of assurance.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(d:Post)-[dd:DESIGNATED]->(:StatutoryRole {code: 'dcs'})
WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
WITH d, collect(dd.source) AS d_sources
CALL (d) {
  OPTIONAL MATCH (d)-[rd:DESIGNATED]->(r:StatutoryRole)
  WHERE $as_of IS NULL OR ((rd.from_start IS NULL OR rd.from_start <= $as_of) AND (rd.to_end IS NULL OR rd.to_end >= $as_of))
  RETURN count(DISTINCT r.code) AS role_count
}
CALL (d) {
  RETURN EXISTS {
    MATCH (d)<-[:LINE_MANAGED_BY]-(:Post)-[rd:DESIGNATED]->(:StatutoryRole)
    WHERE $as_of IS NULL OR ((rd.from_start IS NULL OR rd.from_start <= $as_of) AND (rd.to_end IS NULL OR rd.to_end >= $as_of))
  } AS manages_officers
}
WITH d, d_sources, CASE WHEN role_count > 1 THEN ['holds more than one statutory role'] ELSE [] END +
     CASE WHEN manages_officers THEN ['line-manages other statutory officers'] ELSE [] END AS reasons
CALL (d) {
  OPTIONAL MATCH (rv:AssuranceReview)-[:ASSESSES]->(d)
  WITH rv ORDER BY rv.id
  RETURN [x IN collect(rv) WHERE x.status = 'completed' | x.id] AS done,
         [x IN collect(rv) WHERE x.status <> 'completed' | x.id] AS planned,
         collect(rv.source) AS review_sources
}
CALL (d_sources, review_sources, reasons) {
  UNWIND d_sources + CASE WHEN size(reasons) = 0 THEN [] ELSE review_sources END AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN 'combined-dcs-assurance' AS rule,
       CASE WHEN size(reasons) = 0 OR size(done) > 0 THEN 'pass' ELSE 'flag' END AS outcome,
       CASE WHEN size(reasons) = 0 THEN 'not combined: holds one statutory role and line-manages no statutory officer'
            ELSE 'combined (' + reduce(acc = head(reasons), x IN tail(reasons) | acc + '; ' + x) +
                 '); completed local test of assurance: ' +
                 CASE WHEN size(done) = 0 THEN 'none' ELSE reduce(acc = head(done), x IN tail(done) | acc + ', ' + x) END +
                 '; planned: ' +
                 CASE WHEN size(planned) = 0 THEN 'none' ELSE reduce(acc = head(planned), x IN tail(planned) | acc + ', ' + x) END
       END AS evidence,
       [d.key] AS posts, sources
