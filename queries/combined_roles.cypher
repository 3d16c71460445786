// Statutory posts with several roles or statutory officers reporting to them, with their assurance reviews.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
WITH p, collect(d.source) AS designation_sources, collect(CASE WHEN d.inferred THEN d.rule + ' [' + d.source + ']' END) AS designation_inferred,
     collect(DISTINCT r.code) AS codes
CALL (p) {
  OPTIONAL MATCH (rep:Post)-[rl:LINE_MANAGED_BY]->(p)
  WHERE EXISTS {
    MATCH (rep)-[rd:DESIGNATED]->(:StatutoryRole)
    WHERE $as_of IS NULL OR ((rd.from_start IS NULL OR rd.from_start <= $as_of) AND (rd.to_end IS NULL OR rd.to_end >= $as_of))
  }
  WITH rep, rl ORDER BY rep.key
  RETURN collect(rep.key) AS statutory_reports, collect(rl.source) AS report_sources,
         collect(CASE WHEN rl.inferred THEN rl.rule + ' [' + rl.source + ']' END) AS report_inferred
}
WITH p, designation_sources, designation_inferred, codes, statutory_reports, report_sources, report_inferred,
     CASE WHEN size(codes) > 1 THEN ['holds more than one statutory role'] ELSE [] END +
     CASE WHEN size(statutory_reports) > 0 THEN ['line-manages other statutory officers'] ELSE [] END AS reasons
WHERE size(reasons) > 0
CALL (codes) {
  UNWIND codes AS c
  WITH c ORDER BY c
  RETURN collect(c) AS roles
}
CALL (p) {
  // The reports' designations in force make them statutory officers, so the row rests on them too.
  OPTIONAL MATCH (rep:Post)-[:LINE_MANAGED_BY]->(p)
  OPTIONAL MATCH (rep)-[rd:DESIGNATED]->(:StatutoryRole)
  WHERE $as_of IS NULL OR ((rd.from_start IS NULL OR rd.from_start <= $as_of) AND (rd.to_end IS NULL OR rd.to_end >= $as_of))
  RETURN collect(rd.source) AS report_role_sources,
         collect(CASE WHEN rd.inferred THEN rd.rule + ' [' + rd.source + ']' END) AS report_role_inferred
}
OPTIONAL MATCH (rv:AssuranceReview)-[:ASSESSES]->(p)
CALL (p, rv, designation_inferred, report_inferred, report_role_inferred) {
  UNWIND [y IN [p, rv] WHERE y IS NOT NULL AND y.inferred | y.rule + ' [' + y.source + ']'] + designation_inferred + report_inferred + report_role_inferred AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
CALL (p, rv, designation_sources, report_sources, report_role_sources) {
  UNWIND [p.source, rv.source] + designation_sources + report_sources + report_role_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN p.key AS post, p.title AS title, roles, reasons, statutory_reports, rv.id AS review, rv.status AS review_status,
       rv.date AS review_date, rv.outcome AS review_outcome, inferred, sources
