// Every statutory designation in force: flagged when vacant, or interim/acting by designation or holder.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
CALL (p) {
  OPTIONAL MATCH (:Person)-[hd:HOLDS]->(p)
  WHERE $as_of IS NULL OR ((hd.from_start IS NULL OR hd.from_start <= $as_of) AND (hd.to_end IS NULL OR hd.to_end >= $as_of))
  WITH CASE WHEN hd IS NULL THEN NULL ELSE coalesce(hd.basis, 'not stated') END AS hb, hd.source AS src
  RETURN collect(hb) AS hbs, collect(src) AS held_sources
}
CALL (hbs) {
  UNWIND hbs AS b
  WITH DISTINCT b ORDER BY b
  RETURN collect(b) AS holder_basis
}
CALL (d, held_sources) {
  UNWIND [d.source] + held_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
WITH p, r, holder_basis, sources, CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis
RETURN 'statutory-interim' AS rule,
       CASE WHEN basis IN ['interim', 'acting', 'vacant'] OR any(b IN holder_basis WHERE b IN ['interim', 'acting', 'vacant'])
            THEN 'flag' ELSE 'pass' END AS outcome,
       r.code + ': basis ' + basis + "; holders' basis: " +
       CASE WHEN size(holder_basis) = 0 THEN 'none' ELSE reduce(acc = head(holder_basis), b IN tail(holder_basis) | acc + ', ' + b) END AS evidence,
       [p.key] AS posts, sources
