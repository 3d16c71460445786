"""The read-only Cypher box: typed Cypher runs only if Neo4j's own planner says it only reads.

A list of forbidden words cannot be trusted: Cypher accepts `\\u004cOAD` for `LOAD`, and a read
transaction still allows `LOAD CSV` (files and URLs on the server), `SHOW SETTINGS`, `TERMINATE
TRANSACTIONS` and `dbms.*` procedures. So the box asks the database: it runs `EXPLAIN` on the exact
text, with the exact parameters, and accepts the plan only if every operator in it is one of the
read operators below (a procedure call only for a short list of schema procedures) and the whole
plan runs on our database. Then it runs the text in a read transaction with a time limit, reads
at most `rows` records and `bytes` of them, and never retries: a query the server stopped (out
of memory, too slow) would only be stopped again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from remit.loader.exits import EXIT_UNREACHABLE, EXIT_USAGE

from .backend import BackendError

# Operators that only read (Neo4j 5 Cypher manual, "Operators"), by base name: the part before
# "(" (Expand(All), VarLengthExpand(Pruning,BFS,All), ...) and before "@database".
READ_OPERATORS = frozenset(
    [
        "ProduceResults",
        "Projection",
        "Filter",
        "Argument",
        "ArgumentTracker",
        "CacheProperties",
        "EmptyRow",
        "AllNodesScan",
        "NodeByLabelScan",
        "UnionNodeByLabelsScan",
        "IntersectionNodeByLabelsScan",
        "SubtractionNodeByLabelsScan",
        "NodeByIdSeek",
        "NodeByElementIdSeek",
        "NodeIndexSeek",
        "NodeUniqueIndexSeek",
        "NodeIndexSeekByRange",
        "NodeUniqueIndexSeekByRange",
        "NodeIndexScan",
        "NodeIndexContainsScan",
        "NodeIndexEndsWithScan",
        "MultiNodeIndexSeek",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "DirectedRelationshipTypeScan",
        "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan",
        "UndirectedUnionRelationshipTypesScan",
        "DirectedRelationshipByIdSeek",
        "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek",
        "UndirectedRelationshipByElementIdSeek",
        "DirectedRelationshipIndexSeek",
        "UndirectedRelationshipIndexSeek",
        "DirectedRelationshipIndexSeekByRange",
        "UndirectedRelationshipIndexSeekByRange",
        "DirectedRelationshipIndexScan",
        "UndirectedRelationshipIndexScan",
        "DirectedRelationshipIndexContainsScan",
        "UndirectedRelationshipIndexContainsScan",
        "DirectedRelationshipIndexEndsWithScan",
        "UndirectedRelationshipIndexEndsWithScan",
        "Expand",
        "OptionalExpand",
        "VarLengthExpand",
        "ShortestPath",
        "StatefulShortestPath",
        "Repeat",
        "NullifyMetadata",
        "ProjectEndpoints",
        "Apply",
        "SemiApply",
        "AntiSemiApply",
        "LetSemiApply",
        "LetAntiSemiApply",
        "SelectOrSemiApply",
        "SelectOrAntiSemiApply",
        "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply",
        "RollUpApply",
        "Anti",
        "Optional",
        "CartesianProduct",
        "Union",
        "NodeHashJoin",
        "ValueHashJoin",
        "NodeLeftOuterHashJoin",
        "NodeRightOuterHashJoin",
        "TriadicSelection",
        "TriadicBuild",
        "TriadicFilter",
        "Distinct",
        "OrderedDistinct",
        "EagerAggregation",
        "OrderedAggregation",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Limit",
        "Skip",
        "Unwind",
    ]
)
# Read-only schema procedures a reader may want; every other procedure is refused (dbms.* reads
# the server's configuration, db.* has writers, and plugins are unknown).
ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
)
MAX_TEXT = 20_000  # characters of Cypher; far more than any hand-written query


@dataclass(frozen=True)
class Limits:
    """How much one box query may take: rows and bytes read back, seconds on the server."""

    rows: int = 1000
    bytes: int = 2_000_000
    seconds: float = 15.0


@dataclass
class BoxResult:
    """The rows read, their columns, and why reading stopped early (None if it did not)."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: str | None = None

    def note(self) -> str:
        n = f"{len(self.rows)} row(s)"
        return n + (f" (stopped at the {self.truncated} cap; there are more)" if self.truncated else "")


class Refused(ValueError):
    """The box will not run this text; the message names what it found. Exit 2 on the command line."""

    exit_code = EXIT_USAGE


class QueryFailed(RuntimeError):
    """Neo4j accepted the query but stopped it (time limit, memory limit, a Cypher error). Exit 2."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Operator:
    name: str  # e.g. "Expand(All)"
    database: str  # the part after "@"
    details: str


def operators(plan: Any) -> Iterator[Operator]:
    """Every operator of a plan tree, as the driver gives it (ResultSummary.plan, a dict)."""
    stack = [plan]
    while stack:
        node = stack.pop()
        name, _, database = str(node.get("operatorType", "")).partition("@")
        args = node.get("args") or node.get("arguments") or {}
        yield Operator(name, database, str(args.get("Details", "")))
        stack.extend(node.get("children") or [])


def _procedure(details: str) -> str | None:
    match = re.match(r"\s*([A-Za-z_][\w.]*)\(", details)
    return match.group(1) if match else None


def check_plan(plan: Any, database: str, query_type: str | None = "r") -> None:
    """Raise Refused unless every operator reads, on `database`, and the query type is read."""
    if not plan:
        raise Refused("Neo4j gave no plan for this text, so it cannot be checked: only queries are allowed")
    refused: list[str] = []
    for op in operators(plan):
        base = op.name.split("(")[0]
        if op.database != database:
            raise Refused(
                f"{op.name} runs on database '{op.database or '?'}', not '{database}': "
                "administration commands and other databases are not allowed here"
            )
        if base == "ProcedureCall":
            proc = _procedure(op.details)
            if proc not in ALLOWED_PROCEDURES:
                raise Refused(
                    f"CALL {proc or '(unknown procedure)'} is not allowed here: only "
                    f"{', '.join(ALLOWED_PROCEDURES)} may be called from this box"
                )
        elif base not in READ_OPERATORS:
            what = "LOAD CSV" if base == "LoadCSV" else op.name
            if what not in refused:
                refused.append(what)
    if refused:
        raise Refused(
            f"{', '.join(sorted(refused))} not allowed here: this box only reads the graph "
            "(no writes, LOAD CSV, SHOW/TERMINATE or administration commands)"
        )
    if query_type not in (None, "r"):
        raise Refused(f"Neo4j classes this query as '{query_type}', not read-only")


def _text(cypher: str) -> str:
    text = (cypher or "").strip()
    if not text:
        raise Refused("type a Cypher query (MATCH ... RETURN ...)")
    if len(text) > MAX_TEXT:
        raise Refused(f"the query is {len(text)} characters long; the limit is {MAX_TEXT}")
    return text[:-1].rstrip() if text.endswith(";") else text


def _size(row: dict[str, Any]) -> int:
    return len(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))


def _first_line(exc: BaseException) -> str:
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _failure(exc: Any, limits: Limits) -> Exception:
    """A Neo4j error during the real run as the user should read it (none of them is retried)."""
    code = str(getattr(exc, "code", "") or "")
    if "MemoryPoolOutOfMemoryError" in code or "OutOfMemory" in code:
        return QueryFailed(
            "Neo4j stopped the query: it needs more memory than one transaction may use "
            "(db.memory.transaction.max); narrow it or add LIMIT. It was not retried."
        )
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryFailed(
            f"Neo4j stopped the query after the {limits.seconds:g} s time limit; "
            "narrow it or add LIMIT. It was not retried."
        )
    return QueryFailed(f"Neo4j: {_first_line(exc)}")


def run_read_only(
    backend: Any, cypher: str, params: dict[str, Any] | None = None, limits: Limits = Limits()
) -> BoxResult:
    """Check `cypher` with EXPLAIN, then run it read-only within `limits`.

    `backend` is an open Neo4j backend (anything with `driver` and `database`). Raises Refused
    (the text is not a plain read, or Neo4j cannot plan it), QueryFailed (stopped by the server),
    or BackendError with exit 3 (Neo4j unreachable)."""
    import neo4j
    from neo4j import exceptions as nx

    if getattr(backend, "name", None) != "neo4j":
        raise Refused("the Cypher box needs the Neo4j backend (--backend neo4j, or REMIT_BACKEND=neo4j)")
    text, params = _text(cypher), dict(params or {})
    session_config: dict[str, Any] = {
        "database": backend.database,
        "default_access_mode": neo4j.READ_ACCESS,
        "fetch_size": max(1, min(limits.rows + 1, 1000)),
    }
    if hasattr(neo4j, "NotificationMinimumSeverity"):
        session_config["notifications_min_severity"] = "OFF"
    try:
        with backend.driver.session(**session_config) as session:
            # An unmanaged transaction: the driver retries managed ones on transient errors, and
            # Neo4j reports "out of memory" as transient. A refused or failed query is not retried.
            tx = session.begin_transaction(timeout=limits.seconds)
            try:
                try:
                    summary = tx.run("EXPLAIN " + text, params).consume()
                except nx.Neo4jError as exc:
                    raise Refused(f"Neo4j cannot plan this text, so it is not run: {_first_line(exc)}") from None
                check_plan(summary.plan, backend.database, summary.query_type)
                try:
                    return _read(tx.run(text, params), limits)
                except nx.Neo4jError as exc:
                    raise _failure(exc, limits) from None
            finally:
                tx.close()  # rolls back: nothing to commit, and the server stops any unread rest
    except (nx.ServiceUnavailable, nx.SessionExpired, nx.IncompleteCommit, OSError) as exc:
        raise BackendError(f"lost the connection to Neo4j ({_first_line(exc)})", EXIT_UNREACHABLE) from None
    except nx.DriverError as exc:
        raise QueryFailed(f"Neo4j driver: {_first_line(exc)}") from None


def _read(result: Any, limits: Limits) -> BoxResult:
    out = BoxResult(list(result.keys()))
    used = 0
    for record in result:
        row = record.data()
        used += _size(row)
        if used > limits.bytes:
            out.truncated = "bytes"
            break
        out.rows.append(row)
        if len(out.rows) >= limits.rows:
            if result.peek() is not None:
                out.truncated = "rows"
            break
    return out
