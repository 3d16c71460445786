// Every relationship that belongs to one structure: each has an end among the structure's own nodes.
CALL () {
  MATCH (n:Structure {id: $structure}) RETURN n
  UNION MATCH (n:Post {structure: $structure}) RETURN n
  UNION MATCH (n:Unit {structure: $structure}) RETURN n
  UNION MATCH (n:AssuranceReview {structure: $structure}) RETURN n
}
MATCH (n)-[r]-()
WHERE r.structure = $structure
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN type(r) AS type, a.uid AS src, labels(a)[0] AS src_label, b.uid AS dst, labels(b)[0] AS dst_label,
       properties(r) AS props,
       CASE WHEN a.structure IS NULL THEN properties(a) END AS src_shared,
       CASE WHEN b.structure IS NULL THEN properties(b) END AS dst_shared
