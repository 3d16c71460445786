// Every council's structure in force on a date: the latest existing or approved (or, with $statuses, proposed too)
// structure effective on or before it.
MATCH (s:Structure)
WHERE s.status IN coalesce($statuses, $in_force_statuses) AND s.effective_start IS NOT NULL AND s.effective_start <= $as_of
WITH s ORDER BY s.effective_start DESC, s.id DESC
WITH s.council AS council, collect(s)[0] AS s
OPTIONAL MATCH (s)-[:OF]->(c:Council)
WITH council, s, c WHERE $codes IS NULL OR c.code IN $codes
RETURN council, c.name AS council_name, s.id AS structure, c.code AS code, s.label AS label, s.effective AS effective,
       s.status AS status, s.source AS source
