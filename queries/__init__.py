"""Remit's questions: each answered by Cypher on Neo4j and by a networkx function, with equal rows."""
