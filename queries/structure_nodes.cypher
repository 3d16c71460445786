// Every node that belongs to one structure. Each branch uses a label+property index.
CALL () {
  MATCH (n:Structure {id: $structure}) RETURN n
  UNION MATCH (n:Post {structure: $structure}) RETURN n
  UNION MATCH (n:Unit {structure: $structure}) RETURN n
  UNION MATCH (n:Person {structure: $structure}) RETURN n
  UNION MATCH (n:AssuranceReview {structure: $structure}) RETURN n
}
RETURN labels(n)[0] AS label, n.uid AS uid, properties(n) AS props
