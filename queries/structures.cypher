// The structures loaded, optionally of one council, or the one structure asked for.
MATCH (s:Structure)
WHERE ($council IS NULL OR s.council = $council) AND ($structure IS NULL OR s.id = $structure)
RETURN s.id AS structure, s.council AS council, s.label AS label, s.status AS status,
       s.effective AS effective, s.effective_start AS effective_start, s.supersedes AS supersedes,
       COUNT { (s)-[:HAS_POST]->(:Post) } AS posts, s.source AS source
