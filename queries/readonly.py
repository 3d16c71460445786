"""Refuse Cypher that could change the database before it is sent to Neo4j.

The dashboard's free Cypher box runs typed text. It already runs in a read transaction (Neo4j
refuses writes there), but a clear message up front is kinder than a driver error, and it also
stops what a read transaction allows yet a reader must not do: admin commands, `USE` of another
database, procedures that write or reach outside (dbms.*, apoc.*), several statements at once.
"""
from __future__ import annotations

import re

WRITE_CLAUSES = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "LOAD", "ALTER",
                 "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "ENABLE", "TERMINATE", "USE", "INSERT")
# Read-only procedures a reader may want (schema questions); every other CALL is refused.
ALLOWED_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
                      "db.schema.nodeTypeProperties", "db.schema.relTypeProperties")


class WriteRefused(ValueError):
    """The text contains something a read-only box must not run; the message says what."""


def _strip(cypher: str) -> str:
    """Blank out string literals, comments and `quoted` names so their contents cannot match."""
    pattern = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.S)
    return pattern.sub(lambda m: " " if m.group(0).startswith("/") else "''", cypher)


def check_read_only(cypher: str) -> str:
    """Return the statement (without a trailing ;) or raise WriteRefused naming the clause."""
    text = _strip(cypher)
    if not text.strip():
        raise WriteRefused("type a Cypher query (MATCH ... RETURN ...)")
    body = text.strip()
    if body.endswith(";"):
        body = body[:-1]
    if ";" in body:
        raise WriteRefused("one statement at a time: remove the ';' between statements")
    # A keyword counts only as a clause: not after '.', ':' or '$' (a property, label or parameter).
    words = re.finditer(r"(?<![\w.:$])([A-Za-z_][A-Za-z0-9_]*)", body)
    tokens = [(m.group(1), m.start()) for m in words]
    for i, (word, pos) in enumerate(tokens):
        upper = word.upper()
        if upper in WRITE_CLAUSES:
            name = "LOAD CSV" if upper == "LOAD" else upper
            raise WriteRefused(f"{name} is not allowed here: this box is read-only (it runs in a read transaction)")
        if upper == "CALL":
            rest = body[pos + len(word):].lstrip()
            if rest.startswith("{") or rest.startswith("("):
                if re.search(r"\bIN\s+(\d+\s+)?(CONCURRENT\s+)?TRANSACTIONS\b", body, re.I):
                    raise WriteRefused("CALL { ... } IN TRANSACTIONS is not allowed here: this box is read-only")
                continue  # a subquery: its clauses are checked like the rest
            proc = re.match(r"[A-Za-z_][\w.]*", rest)
            name = proc.group(0) if proc else "?"
            if name not in ALLOWED_PROCEDURES:
                raise WriteRefused(f"CALL {name} is not allowed here: only the schema procedures "
                                   f"({', '.join(ALLOWED_PROCEDURES)}) may be called from this box")
    return cypher.strip().rstrip(";").strip()
