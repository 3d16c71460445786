"""The Cypher box's guards, one per way a read could hurt the server or the client.

`text` keeps text that would overflow Neo4j's parser (or plan for many seconds) from reaching it;
`expressions` refuses plans whose expressions can grow a value or spend time without bound (Neo4j
counts neither: memory tracking covers buffered rows, not values built inside one expression, and
its time limit is checked between rows); `record_cap` refuses an answer's record while its bytes
arrive, before the driver decodes it. `remit.queries.readonly` runs them in that order.
"""
