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

import functools
import json
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from remit.loader.exits import EXIT_UNREACHABLE, EXIT_USAGE

from .backend import BackendError
from .box import record_cap
from .box.expressions import check_expressions
from .box.text import check_text

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
# Characters of Cypher typed in the box (the catalogue's own text is trusted whatever its length:
# its statutory facts query has about 6,300); planning cost grows with length
# and is not stopped by the time limit (a 9,000-term sum planned for 30 s).
MAX_TEXT = 5_000
MAX_PARAMS = 65_536  # bytes of parameters, as JSON
SLOTS = 2  # box queries at once per process: a runaway the rules missed is not multiplied by clicks
_slots = threading.BoundedSemaphore(SLOTS)
GRACE = 5.0  # seconds past the time limit before the box stops waiting for Neo4j


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
    return text[:-1].rstrip() if text.endswith(";") else text


def _check_length(text: str) -> None:
    """Only for text that is not the catalogue's own (whose longest query may pass the limit)."""
    if len(text) > MAX_TEXT:
        raise Refused(f"the query is {len(text)} characters long; the limit is {MAX_TEXT}")


@functools.cache
def catalogue_texts() -> frozenset[str]:
    """The catalogue's own Cypher, as the Ask page shows it. Pasted back unchanged it is trusted
    text: the app runs it anyway, and its flattening `reduce`s and `range`s over a structure's own
    lists would fail the expression rule. Edited by one character, it is checked like any text."""
    from .catalogue import all_questions

    return frozenset(_text(q.cypher) for q in all_questions() if q.cypher_file)


def _size(row: dict[str, Any]) -> int:
    return len(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))


def _first_line(exc: BaseException) -> str:
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _failure(exc: Any, limits: Limits) -> Exception:
    """A Neo4j error during the real run as the user should read it (none of them is retried)."""
    code = str(getattr(exc, "code", "") or "")
    if "MemoryPoolOutOfMemoryError" in code or "MemoryPoolOutOfMemoryError" in _first_line(exc):
        return QueryFailed(
            "Neo4j stopped the query: it needs more memory than one transaction may use "
            "(db.memory.transaction.max); narrow it or add LIMIT. It was not retried."
        )
    if "OutOfMemory" in code:
        return QueryFailed(
            "Neo4j ran out of memory for this query and stopped it (the server goes on); "
            "narrow it or add LIMIT. It was not retried."
        )
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryFailed(
            f"Neo4j stopped the query after the {limits.seconds:g} s time limit; "
            "narrow it or add LIMIT. It was not retried."
        )
    return QueryFailed(f"Neo4j: {_first_line(exc)}")


def record_limit(limits: Limits) -> int:
    """Bytes one record may have on the wire: a record alone over the byte cap would stop reading
    anyway, so it is refused as it arrives instead of being decoded first (at least 1 MB, which also
    holds any plan EXPLAIN sends back for text within MAX_TEXT)."""
    return max(limits.bytes, 1_000_000) + 65_536


def check_request(cypher: str, params: dict[str, Any] | None) -> tuple[str, dict[str, Any], bool]:
    """The text and parameters as they will be sent, and whether the text is the catalogue's own;
    Refused (nothing sent to Neo4j) when they are too large or nest too deep for its parser."""
    text, params = _text(cypher), dict(params or {})
    trusted = text in catalogue_texts()
    if not trusted:
        _check_length(text)
        why = check_text(text)
        if why:
            raise Refused(why)
    size = len(json.dumps(params, default=str).encode("utf-8"))
    if size > MAX_PARAMS:
        raise Refused(f"the parameters take {size:,} bytes; the limit is {MAX_PARAMS:,}")
    return text, params, trusted


def run_read_only(
    backend: Any, cypher: str, params: dict[str, Any] | None = None, limits: Limits = Limits()
) -> BoxResult:
    """Check `cypher` with EXPLAIN, then run it read-only within `limits`.

    `backend` is an open Neo4j backend (anything with `name == "neo4j"` and `database`). In order:
    the text's size and nesting (nothing sent if too large); one of SLOTS places; then, on a driver
    of its own in a worker thread, EXPLAIN, the operators (check_plan) and the expressions
    (queries.box.expressions, except for the catalogue's own text), and the run, each record capped
    in bytes as it arrives. If Neo4j has not answered `GRACE` seconds after the time limit, the
    box closes its driver and gives up (Neo4j may still be working on it: that is why the rules
    refuse what it cannot stop). Raises Refused, QueryFailed (stopped, too large, too slow), or
    BackendError with exit 3 (Neo4j unreachable)."""
    if getattr(backend, "name", None) != "neo4j":
        raise Refused("the Cypher box needs the Neo4j backend (--backend neo4j, or REMIT_BACKEND=neo4j)")
    text, params, trusted = check_request(cypher, params)
    if not record_cap.installed():
        raise QueryFailed(
            "the Cypher box is off: this version of the neo4j driver has no chunk reader Remit can cap "
            "records in, so an answer's size cannot be limited (install the version in requirements-lock.txt)"
        )
    if not _slots.acquire(timeout=limits.seconds):
        raise QueryFailed(f"{SLOTS} other box queries are still running; try again in a moment")
    try:
        return _run_in_worker(backend.database, text, params, trusted, limits)
    finally:
        _slots.release()


def _open_driver() -> Any:
    """A driver of the box's own, so giving up on a query (closing it) cannot break the
    dashboard's shared one; the same settings as loader.neo4j_store.connect."""
    import neo4j

    from remit.loader.neo4j_store import settings

    uri, user, password, _ = settings()
    options: dict[str, Any] = {"connection_timeout": 10.0}
    if hasattr(neo4j, "NotificationMinimumSeverity"):
        options["notifications_min_severity"] = "OFF"
    return neo4j.GraphDatabase.driver(uri, auth=(user, password), **options)


def _run_in_worker(database: str, text: str, params: dict[str, Any], trusted: bool, limits: Limits) -> BoxResult:
    from neo4j import exceptions as nx

    try:
        driver = _open_driver()
    except (nx.ConfigurationError, ValueError) as exc:
        raise BackendError(f"cannot use NEO4J_URI ({_first_line(exc)})", EXIT_USAGE) from None
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = _explain_and_run(driver, database, text, params, trusted, limits)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="remit-cypher-box", daemon=True)
    try:
        worker.start()
        worker.join(limits.seconds + GRACE)
        if worker.is_alive():
            driver.close()  # the worker's socket closes; it returns at once with a connection error
            worker.join(GRACE)
            raise QueryFailed(
                f"no answer within the {limits.seconds:g} s time limit; the box gave up waiting "
                "(Neo4j may still be finishing it). Narrow the query or add LIMIT."
            )
    finally:
        driver.close()
    if "error" in outcome:
        raise outcome["error"]
    result: BoxResult = outcome["result"]
    return result


def _explain_and_run(
    driver: Any, database: str, text: str, params: dict[str, Any], trusted: bool, limits: Limits
) -> BoxResult:
    import neo4j
    from neo4j import exceptions as nx

    session_config: dict[str, Any] = {
        "database": database,
        "default_access_mode": neo4j.READ_ACCESS,
        "fetch_size": max(1, min(limits.rows + 1, 1000)),
    }
    limit = record_limit(limits)
    read: BoxResult | None = None
    with record_cap.record_cap(limit) as capped:
        try:
            with driver.session(**session_config) as session:
                # An unmanaged transaction: the driver retries managed ones on transient errors, and
                # Neo4j reports "out of memory" as transient. A refused or failed query is not retried.
                tx = session.begin_transaction(timeout=limits.seconds)
                try:
                    try:
                        summary = tx.run("EXPLAIN " + text, params).consume()
                    except nx.Neo4jError as exc:
                        raise Refused(f"Neo4j cannot plan this text, so it is not run: {_first_line(exc)}") from None
                    check_plan(summary.plan, database, summary.query_type)
                    if not trusted:
                        findings = check_expressions(summary.plan)
                        if findings:
                            raise Refused("; ".join(dict.fromkeys(f.reason for f in findings)))
                    read = BoxResult([])
                    try:
                        return _read(tx.run(text, params), limits, read)
                    except nx.Neo4jError as exc:
                        raise _failure(exc, limits) from None
                finally:
                    try:
                        tx.close()  # rolls back: nothing to commit, and the server stops any unread rest
                    except (nx.DriverError, OSError):
                        pass  # the connection is already gone (the record cap broke it)
        except (nx.ServiceUnavailable, nx.SessionExpired, nx.IncompleteCommit, OSError) as exc:
            if capped.hit is not None:
                if read is not None and read.rows:
                    read.truncated = "bytes"
                    return read
                raise QueryFailed(
                    f"a single row of the answer is larger than {limit:,} bytes; return less of it "
                    "(e.g. size(x) or substring(x, 0, 200))"
                ) from None
            raise BackendError(f"lost the connection to Neo4j ({_first_line(exc)})", EXIT_UNREACHABLE) from None
        except nx.DriverError as exc:
            raise QueryFailed(f"Neo4j driver: {_first_line(exc)}") from None


def _read(result: Any, limits: Limits, out: BoxResult) -> BoxResult:
    out.columns = list(result.keys())
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


# The driver logs a connection the record cap or the deadline broke ("Failed to read from defunct
# connection") at ERROR; without a handler of the application's, logging's last resort would print
# it on the user's terminal. The box reports it in its own words.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
