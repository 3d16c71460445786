"""The read-only Cypher check behind the dashboard's free Cypher box."""
from __future__ import annotations

import pytest

from remit.queries.readonly import WriteRefused, check_read_only

READS = [
    "MATCH (p:Post) RETURN p.title LIMIT 5",
    "MATCH (p:Post {structure: $structure}) WHERE p.title STARTS WITH 'Director' RETURN p",
    "MATCH (p:Post) WHERE p.note CONTAINS 'create a new post; delete the old' RETURN p.key",  # words in a string
    "MATCH (p:Post) RETURN p.set AS set_value, p.`delete` AS d",  # property names, not clauses
    "// CREATE nothing\nMATCH (n) RETURN count(n)",
    "MATCH (s:Structure) CALL (s) { MATCH (s)-[:HAS_POST]->(p) RETURN count(p) AS n } RETURN s.id, n",
    "CALL db.labels()",
    "MATCH (n) RETURN n;",
    "WITH 1 AS x UNWIND [1, 2] AS y RETURN x + y ORDER BY y",
]
WRITES = [
    ("CREATE (n:Post {key: 'x'})", "CREATE"),
    ("MATCH (n) MERGE (m:X) RETURN m", "MERGE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) delete n", "DELETE"),
    ("MATCH (p:Post) SET p.title = 'x'", "SET"),
    ("MATCH (p:Post) REMOVE p.title", "REMOVE"),
    ("DROP INDEX post_key", "DROP"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("MATCH (n) CALL { WITH n RETURN n } IN TRANSACTIONS RETURN n", "IN TRANSACTIONS"),
    ("CALL dbms.components()", "dbms.components"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "apoc.periodic.iterate"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.a = x)", "FOREACH"),
    ("USE system SHOW USERS", "USE"),
    ("MATCH (n) RETURN n; MATCH (m) RETURN m", "one statement"),
    ("   ", "type a Cypher query"),
]


@pytest.mark.parametrize("cypher", READS)
def test_reads_pass(cypher):
    assert check_read_only(cypher) == cypher.strip().rstrip(";").strip()


@pytest.mark.parametrize("cypher,named", WRITES)
def test_writes_refused_with_the_clause_named(cypher, named):
    with pytest.raises(WriteRefused) as exc:
        check_read_only(cypher)
    assert named in str(exc.value)
