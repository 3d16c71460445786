// Each DCS and DASS pair: the same post, or the same (known) tier below the Head of Paid Service.
MATCH (s:Structure {id: $structure})-[:HAS_POST]->(d:Post)-[dd:DESIGNATED]->(:StatutoryRole {code: 'dcs'})
WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
WITH s, d, collect(dd.source) AS d_sources
MATCH (s)-[:HAS_POST]->(a:Post)-[ad:DESIGNATED]->(:StatutoryRole {code: 'dass'})
WHERE $as_of IS NULL OR ((ad.from_start IS NULL OR ad.from_start <= $as_of) AND (ad.to_end IS NULL OR ad.to_end >= $as_of))
WITH d, d_sources, a, collect(ad.source) AS a_sources
CALL (d, a) {
  UNWIND [d, a] AS x
  OPTIONAL MATCH path = (x)-[:LINE_MANAGED_BY*0..]->(:Post)-[hd:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  WITH x, min(length(path)) - 1 AS t
  RETURN collect(CASE WHEN x = d THEN t END)[0] AS td, collect(CASE WHEN x = a THEN t END)[0] AS ta
}
CALL (d, a) {
  UNWIND [d.key, a.key] AS k
  WITH DISTINCT k ORDER BY k
  RETURN collect(k) AS posts
}
CALL (d_sources, a_sources) {
  UNWIND d_sources + a_sources AS src
  WITH DISTINCT src ORDER BY src
  RETURN collect(src) AS sources
}
RETURN 'dcs-dass-same-tier' AS rule,
       CASE WHEN d = a OR (td IS NOT NULL AND td = ta) THEN 'pass' ELSE 'flag' END AS outcome,
       CASE WHEN d = a THEN 'the same post holds DCS and DASS'
            ELSE 'DCS tier ' + coalesce(toString(td), 'unknown') + '; DASS tier ' + coalesce(toString(ta), 'unknown') END AS evidence,
       posts, sources
