// The structures loaded, optionally of one council, or the one structure asked for.
MATCH (s:Structure)
WHERE ($council IS NULL OR s.council = $council) AND ($structure IS NULL OR s.id = $structure)
OPTIONAL MATCH (s)-[:OF]->(c:Council)
OPTIONAL MATCH (src:Source {id: s.source, council: s.council})
RETURN s.id AS structure, s.council AS council, s.label AS label, s.status AS status,
       s.effective AS effective, s.effective_start AS effective_start,
       coalesce(s.effective_intended, false) AS effective_intended, s.supersedes AS supersedes,
       COUNT { (s)-[:HAS_POST]->(:Post) } AS posts, s.source AS source,
       c.name AS council_name, c.code AS council_code, src.date AS source_date
