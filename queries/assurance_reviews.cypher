// Every local test of assurance recorded in a structure, in full: one row per criterion (one row with criterion null
// when the review lists none), with its outcome and condition, the reviewer, the date, the follow-up and the posts.
MATCH (v:AssuranceReview {structure: $structure})
CALL (v) {
  OPTIONAL MATCH (v)-[:ASSESSES]->(p:Post)
  WITH p.key AS k ORDER BY k
  RETURN collect(k) AS assesses
}
WITH v, assesses, coalesce(v.criteria, []) AS criteria
UNWIND CASE WHEN size(criteria) = 0 THEN [null] ELSE range(0, size(criteria) - 1) END AS i
RETURN v.id AS review, v.status AS status, v.date AS date, v.by AS reviewer, v.outcome AS outcome,
       v.follow_up AS follow_up, assesses, criteria[i] AS criterion, v.criteria_outcomes[i] AS criterion_outcome,
       CASE WHEN v.criteria_conditions[i] = '' THEN null ELSE v.criteria_conditions[i] END AS condition,
       CASE WHEN v.criteria_findings[i] = '' THEN null ELSE v.criteria_findings[i] END AS finding,
       CASE WHEN v.inferred THEN [v.rule + ' [' + v.source + ']'] ELSE [] END AS inferred, [v.source] AS sources
