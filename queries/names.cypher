// The title of every post, the name of every unit and of every function (its council's) of the structures asked.
UNWIND coalesce($structures, []) AS sid
MATCH (s:Structure {id: sid})
CALL (s) {
  MATCH (s)-[:HAS_POST]->(p:Post)
  RETURN 'post' AS kind, p.key AS key, p.title AS name
  UNION
  MATCH (u:Unit {structure: s.id})
  RETURN 'unit' AS kind, u.key AS key, u.name AS name
  UNION
  MATCH (f:Function {council: s.council})
  RETURN 'function' AS kind, f.key AS key, f.name AS name
}
RETURN s.id AS structure, kind, key, name
