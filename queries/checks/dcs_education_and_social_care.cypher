// The DCS commissions, is responsible for, or heads the delivery of education and children's social care.
// Word lists: graph_helpers.EDUCATION_WORDS and SOCIAL_CARE_WORDS.
MATCH (:Structure {id: $structure})-[:HAS_POST]->(d:Post)-[dd:DESIGNATED]->(:StatutoryRole {code: 'dcs'})
WHERE $as_of IS NULL OR ((dd.from_start IS NULL OR dd.from_start <= $as_of) AND (dd.to_end IS NULL OR dd.to_end >= $as_of))
WITH d, collect(dd.source) AS d_sources
CALL (d) {
  CALL (d) {
    MATCH (d)-[l:COMMISSIONS|RESPONSIBLE_FOR]->(f:Function)
    RETURN f, [l.source] AS link_sources
    UNION ALL
    MATCH (d)-[hl:HEADS]->(:Unit)-[l:DELIVERS]->(f:Function)
    RETURN f, [hl.source, l.source] AS link_sources
  }
  WITH f, link_sources,
       any(w IN ['education', 'school'] WHERE toLower(f.name) CONTAINS w) AS edu,
       any(w IN ["children's social care", 'children in need', 'looked after', 'child protection', "children's safeguarding"] WHERE toLower(f.name) CONTAINS w) AS csc
  WHERE edu OR csc
  WITH f, link_sources, edu, csc ORDER BY f.key
  RETURN collect(DISTINCT CASE WHEN edu THEN f.key END) AS edu_keys,
         collect(DISTINCT CASE WHEN csc THEN f.key END) AS csc_keys,
         reduce(acc = [], ls IN collect(link_sources) | acc + ls) AS link_sources
}
CALL (d_sources, link_sources) {
  UNWIND d_sources + link_sources AS s
  WITH DISTINCT s WHERE s IS NOT NULL
  WITH s ORDER BY s
  RETURN collect(s) AS sources
}
RETURN 'dcs-education-and-social-care' AS rule,
       CASE WHEN size(edu_keys) > 0 AND size(csc_keys) > 0 THEN 'pass' ELSE 'flag' END AS outcome,
       'education: ' + CASE WHEN size(edu_keys) = 0 THEN 'none' ELSE reduce(acc = head(edu_keys), k IN tail(edu_keys) | acc + ', ' + k) END +
       "; children's social care: " + CASE WHEN size(csc_keys) = 0 THEN 'none' ELSE reduce(acc = head(csc_keys), k IN tail(csc_keys) | acc + ', ' + k) END AS evidence,
       [d.key] AS posts, sources
