// The dates inside a structure at which a designation or holding of one of its posts starts, or the day after one
// ends (to_end: its stated end, or the end its holder announced). queries/periods.py splits an answer there.
MATCH (s:Structure {id: $structure})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(:Post)-[d:DESIGNATED]->(:StatutoryRole)
  RETURN collect(d.from_start)
         + collect(CASE WHEN d.to_end IS NOT NULL THEN toString(date(d.to_end) + duration({days: 1})) END) AS ddates
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(:Post)<-[hd:HOLDS]-(:Person)
  RETURN collect(hd.from_start)
         + collect(CASE WHEN hd.to_end IS NOT NULL THEN toString(date(hd.to_end) + duration({days: 1})) END) AS hdates
}
CALL (ddates, hdates) {
  UNWIND ddates + hdates AS b
  WITH DISTINCT b ORDER BY b
  RETURN collect(b) AS all_dates
}
OPTIONAL MATCH (src:Source {council: s.council, id: s.source})
UNWIND CASE WHEN size(all_dates) = 0 THEN [null] ELSE all_dates END AS boundary
RETURN s.effective_start AS effective_start, src.date AS source_date, boundary
