// Each statutory designation in force, with every holding of its post (the holder cells are made from them in
// Python: queries/holders.py), basis, tier and line manager. Tier is measured from the posts designated Head of
// Paid Service in force, else from the post the structure's documents call the most senior (top_post), else from
// the posts titled Chief Executive ($chief_executive).
MATCH (s:Structure {id: $structure})-[:HAS_POST]->(p:Post)-[d:DESIGNATED]->(r:StatutoryRole)
WHERE $as_of IS NULL OR ((d.from_start IS NULL OR d.from_start <= $as_of) AND (d.to_end IS NULL OR d.to_end >= $as_of))
OPTIONAL MATCH (p)-[lm:LINE_MANAGED_BY]->(m:Post)
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_POST]->(t:Post)-[td:DESIGNATED]->(:StatutoryRole {code: 'hops'})
  WHERE $as_of IS NULL OR ((td.from_start IS NULL OR td.from_start <= $as_of) AND (td.to_end IS NULL OR td.to_end >= $as_of))
  WITH s, collect(DISTINCT t) AS hops
  OPTIONAL MATCH (s)-[:HAS_POST]->(st:Post {key: s.top_post}) WHERE size(hops) = 0
  WITH s, hops, collect(DISTINCT st) AS stated
  OPTIONAL MATCH (s)-[:HAS_POST]->(c:Post)
  WHERE size(hops) = 0 AND size(stated) = 0 AND toLower(c.title) STARTS WITH $chief_executive
        AND NOT EXISTS { (c)-[:LINE_MANAGED_BY]->(:Post) }
        AND (c.level = 1 OR NOT EXISTS { (s)-[:HAS_POST]->(:Post {level: 1}) })
  WITH hops, stated, collect(DISTINCT c) AS ces
  RETURN CASE WHEN size(hops) > 0 THEN hops WHEN size(stated) > 0 THEN stated ELSE ces END AS tops,
         CASE WHEN size(hops) > 0 THEN 'Head of Paid Service'
              WHEN size(stated) > 0 THEN 'stated most senior position (' + stated[0].title + ')'
              WHEN size(ces) > 0 THEN 'titled Chief Executive' END AS tier_from
}
CALL (p) {
  OPTIONAL MATCH (person:Person)-[hd:HOLDS]->(p)
  RETURN collect(CASE WHEN hd IS NULL THEN null ELSE {name: person.name, basis: hd.basis, `from`: hd.`from`, to: hd.to,
         from_start: hd.from_start, to_end: hd.to_end, intended_end: hd.intended_end,
         intended_end_last: hd.intended_end_last, intended_end_source: hd.intended_end_source,
         intended_end_quote: hd.intended_end_quote, intended_end_inferred: hd.intended_end_inferred,
         intended_end_rule: hd.intended_end_rule, source: hd.source, inferred: hd.inferred, rule: hd.rule} END) AS _holds
}
CALL (p, tops) {
  OPTIONAL MATCH path = (p)-[:LINE_MANAGED_BY*0..]->(top:Post)
  WHERE top IN tops
  RETURN min(length(path)) AS tier
}
CALL (d, p, lm) {
  UNWIND [d.source, p.source, lm.source] AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
CALL (d, lm) {
  UNWIND [x IN [d, lm] WHERE x IS NOT NULL AND x.inferred | x.rule + ' [' + x.source + ']'] AS i
  WITH DISTINCT i ORDER BY i
  RETURN collect(i) AS inferred
}
RETURN r.code AS role, r.name AS role_name, p.key AS post, p.title AS title,
       CASE WHEN p.status = 'vacant' THEN 'vacant' ELSE coalesce(d.basis, 'not stated') END AS basis,
       d.`from` AS since, d.`to` AS until, tier, tier_from, m.key AS line_manager, inferred, sources,
       _holds, d {.intended_end, .intended_end_quote, .intended_end_source, .intended_end_inferred,
                  .intended_end_rule} AS _designation, $as_of AS _as_of
