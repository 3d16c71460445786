// The values a post or function parameter can take in one structure: its posts (key, title) and its council's
// functions (key, name). Used to match what a person typed (queries/matching.py).
MATCH (s:Structure {id: $structure})
CALL (s) {
  MATCH (s)-[:HAS_POST]->(p:Post)
  RETURN 'post' AS kind, p.key AS key, p.title AS name
  UNION
  MATCH (f:Function {council: s.council})
  RETURN 'function' AS kind, f.key AS key, f.name AS name
}
RETURN kind, key, name
