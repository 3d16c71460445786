"""The two stores behind one interface: run a catalogue question, get normalised rows.

The memory backend builds the networkx graph from structure files (the embedded default); the
Neo4j backend runs the question's Cypher in a read transaction with parameters, never with
values formatted into the query text.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload

from remit.loader import Dataset, default_data_dir
from remit.loader.exits import EXIT_UNREACHABLE, EXIT_USAGE

from .catalogue import Question, get
from .rows import canonical, normalise

if TYPE_CHECKING:  # networkx and the driver are imported by the store that uses them, not by every command
    import neo4j
    import networkx as nx

    from remit.loader.neo4j_store import Store


_T = TypeVar("_T")
Progress = Callable[[int, int, str], None]
Counts = dict[str, dict[str, Counter[str]]]

BACKENDS = ("memory", "neo4j")


class BackendError(Exception):
    """A backend cannot be opened or written; `exit_code` is what the command line exits with.

    One error type for every front end: the CLI turns it into an exit code, the dashboard into
    one message on the page, so neither needs to know which store failed or how."""

    def __init__(self, message: str, exit_code: int = EXIT_UNREACHABLE):
        super().__init__(message)
        self.exit_code = exit_code


class Backend(Protocol):
    name: str

    def run(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...

    def unsorted(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...

    def unsorted_each(
        self, question: Question | str, param_sets: list[dict[str, Any]]
    ) -> list[list[dict[str, Any]]]: ...

    def facts(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...

    def load(
        self,
        dataset: Dataset,
        progress: Progress | None = None,
        by_council: bool = False,
        prune: bool = False,
        force: bool = False,
    ) -> Counts: ...

    def stale_structures(self, dataset: Dataset) -> list[str]: ...

    def health(self) -> str | None:
        """None when the store can answer now; else one line saying why not (never raises)."""
        ...

    def close(self) -> None: ...

    def run_scoped(
        self, question: Question, structures: list[str], params: dict[str, Any]
    ) -> dict[str, list[dict[str, Any]]]: ...

    def raw_scoped(
        self, question: Question, structures: list[str], params: dict[str, Any]
    ) -> dict[str, list[dict[str, Any]]]: ...


class Answering:
    """What both stores do alike once each has said how it gets a question's raw rows (`raw`,
    `raw_scoped`): answer, give a rule's facts, and answer over many structures. The rest of the
    Backend protocol each store says for itself (so an Answering is a Backend)."""

    name: str

    def raw(self, q: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def load(
        self,
        dataset: Dataset,
        progress: Progress | None = None,
        by_council: bool = False,
        prune: bool = False,
        force: bool = False,
    ) -> Counts:
        raise NotImplementedError

    def stale_structures(self, dataset: Dataset) -> list[str]:
        raise NotImplementedError

    def health(self) -> str | None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def raw_scoped(
        self, question: Question, structures: list[str], params: dict[str, Any]
    ) -> dict[str, list[dict[str, Any]]]:
        raise NotImplementedError

    def run(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A question's rows, or a rule's findings. Asked without a date about a structure whose designations
        or holdings change inside it, the answer is given per period, each row saying which (periods.py)."""
        q = get(question) if isinstance(question, str) else question
        params = _with_defaults(q, params)
        if q.compute is not None:
            return normalise(q.compute(self, params), q.columns, q.sort_by)
        if _by_period(q, params):
            from .periods import label_answer, label_findings, periods, split

            found = periods(self, params["structure"])
            if len(found) > 1:
                return split(
                    found,
                    lambda day: answer(q, self.raw(q, {**params, "as_of": day})),
                    label_findings if q.judge is not None else label_answer,
                )
        return answer(q, self.raw(q, params))

    def unsorted(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A plain question's rows, finished (Question.finish) but in no set order and not normalised: for
        Python that regroups them anyway (holder-changes) and need not pay for sorting thousands of rows."""
        q = get(question) if isinstance(question, str) else question
        if q.compute is not None:
            return q.compute(self, _with_defaults(q, params))
        return _finished(q, self.raw(q, _with_defaults(q, params)))

    def unsorted_each(self, question: Question | str, param_sets: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """`unsorted` for each parameter set, in order (Neo4j runs them at once, see there)."""
        return [self.unsorted(question, params) for params in param_sets]

    def facts(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A rule's facts before its verdict (what the parity tests compare)."""
        q = get(question) if isinstance(question, str) else question
        if q.compute is not None:
            return self.run(q, params)
        return fact_rows(q, self.raw(q, _with_defaults(q, params)))

    def run_scoped(
        self, question: Question, structures: list[str], params: dict[str, Any]
    ) -> dict[str, list[dict[str, Any]]]:
        """A per-structure question over many structures (memory: each in turn, touching only its
        structure; Neo4j: one query for all, queries.scope.scoped_cypher)."""
        raw = self.raw_scoped(question, structures, params)
        return {s: answer(question, rows) for s, rows in raw.items()}


@dataclass
class MemoryBackend(Answering):
    graph: nx.MultiDiGraph
    _dataset: Dataset | Callable[[], Dataset] | None = None
    name: str = "memory"
    from_cache: bool = field(default=False, compare=False)
    overlay_report: list[str] = field(default_factory=list, compare=False)  # each overlay change's outcome

    @classmethod
    def from_paths(
        cls,
        paths: Sequence[str | Path] | None = None,
        overlays: Sequence[str | Path] | None = None,
        cache: bool = True,
    ) -> MemoryBackend:
        """The graph of the structure files, from the cache when no file's bytes changed (loader.cache;
        `cache=False` keeps it off disk), with any overlay files laid over them (loader.overlay; the
        files themselves are not changed)."""
        from remit.loader.cache import open_graph

        cached = open_graph(paths or [default_data_dir()], cache=cache)
        if not overlays:
            return cls(cached.graph, cached.dataset, from_cache=cached.hit)
        from remit.loader.memory import graph_from_dataset
        from remit.loader.overlay import overlay_dataset

        data, report = overlay_dataset(cached.dataset(), [Path(p) for p in overlays])
        return cls(graph_from_dataset(data), data, from_cache=cached.hit, overlay_report=report)

    @property
    def dataset(self) -> Dataset | None:
        """The validated dataset behind the graph; read from the cache only when someone asks."""
        if callable(self._dataset):
            self._dataset = self._dataset()
        return self._dataset

    def raw(self, q: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
        return q.graph_answer(self.graph, **params)

    def raw_scoped(
        self, question: Question, structures: list[str], params: dict[str, Any]
    ) -> dict[str, list[dict[str, Any]]]:
        """The question's rows (a rule's facts) per structure, before normalising or judging."""
        base = _with_defaults(question, params)
        return {s: question.graph_answer(self.graph, **{**base, "structure": s}) for s in structures}

    def load(
        self,
        dataset: Dataset,
        progress: Progress | None = None,
        by_council: bool = False,
        prune: bool = False,
        force: bool = False,
    ) -> Counts:
        """Replace the graph by the dataset's (the memory store holds exactly what was loaded, so
        there is nothing to prune, and writes everything, so `force` changes nothing; nor does
        `by_council`: building the graph has no transaction to outgrow)."""
        from remit.loader.memory import counts_by_structure, graph_from_dataset

        self.graph = graph_from_dataset(dataset)
        self._dataset = dataset
        counts = counts_by_structure(self.graph)
        if progress:
            progress(len(counts), len(counts), "built the graph")
        return counts

    def stale_structures(self, dataset: Dataset) -> list[str]:
        """None: the in-process store is rebuilt from the files, so it never keeps what they dropped."""
        return []

    def health(self) -> str | None:
        """Always answering: the graph is in this process."""
        return None

    def close(self) -> None:
        """Nothing to release: the graph goes with the object."""


class Neo4jBackend(Answering):
    """Runs catalogue Cypher on a Neo4j database; the driver comes from loader.neo4j_store."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str, timeout: float | None = 30.0, store: Store | None = None):
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.store = store

    def load(
        self,
        dataset: Dataset,
        progress: Progress | None = None,
        by_council: bool = False,
        prune: bool = False,
        force: bool = False,
    ) -> Counts:
        """Write the dataset's structures (schema first, batched UNWIND; see loader.neo4j_store): the
        whole set in one transaction, or with `by_council` one transaction per group of councils;
        with `prune`, the loaded councils' structures the files no longer hold go in the same one.
        Structures the database already holds with the same content digest are not written (the
        result's `unchanged` lists them) unless `force`."""
        from remit.loader.neo4j_store import Neo4jUnavailable, load_dataset, load_in_parts

        try:
            if by_council:
                return load_in_parts(self._store(), dataset, progress=progress, prune=prune, force=force)
            return load_dataset(self._store(), dataset, progress, prune=prune, force=force)
        except Neo4jUnavailable as exc:
            raise BackendError(str(exc), EXIT_UNREACHABLE) from None

    def stale_structures(self, dataset: Dataset) -> list[str]:
        """Structures of the dataset's councils the database holds and the dataset does not (an
        earlier load's): a load leaves them unless asked to prune."""
        from remit.loader.neo4j_store import Neo4jUnavailable, stale

        try:
            return stale(self._store(), dataset)
        except Neo4jUnavailable as exc:
            raise BackendError(str(exc), EXIT_UNREACHABLE) from None

    def _store(self) -> Store:
        from remit.loader.neo4j_store import Store

        return self.store or Store(self.driver, self.database)

    def health(self) -> str | None:
        """None when Neo4j answers a query now; else one line saying why not (loader.neo4j_store.health)."""
        from remit.loader.neo4j_store import health

        return health(self._store())

    def close(self) -> None:
        self.driver.close()

    def raw(self, q: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
        if q.kind == "national":
            return self.read_packed(q.cypher, q.raw_columns or (q.columns + q.hidden), params)
        return self.read(q.cypher, params)

    def unsorted_each(self, question: Question | str, param_sets: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """The answers for several parameter sets (holder-changes: the register on two dates) as
        concurrent read transactions, one session each: the server answers them side by side instead
        of one after the other (the driver is thread-safe; its sessions are not shared)."""
        if len(param_sets) < 2:
            return super().unsorted_each(question, param_sets)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=len(param_sets)) as pool:
            return list(pool.map(lambda params: self.unsorted(question, params), param_sets))

    def read_packed(self, cypher: str, columns: tuple[str, ...], params: dict[str, Any]) -> list[dict[str, Any]]:
        """The query's rows (its `columns`) sent as ONE record holding a list per row: a national answer
        has thousands of rows, and the driver's per-record work (a Bolt message each, read in Python)
        was most of the client's time. Values are what the query returns (our national questions
        return strings, numbers and lists of them; normalise() still makes them plain)."""
        records = self.read(packed_cypher(cypher, columns), params, convert=lambda _, record: record[0])
        return [dict(zip(columns, row)) for row in records[0]] if records else []

    def raw_scoped(
        self, question: Question, structures: list[str], params: dict[str, Any]
    ) -> dict[str, list[dict[str, Any]]]:
        """The question's records (a rule's facts) per structure, from one query for all of them."""
        from .scope import scoped_cypher

        params = {
            **_with_defaults(question, params),
            "structure": None,
            "scope": [{"structure": s} for s in structures],
        }
        grouped: dict[str, list[dict[str, Any]]] = {s: [] for s in structures}
        if question.judge is not None:
            # A rule's facts (exactly its fact columns) come back as one packed list: thousands of rows
            # of nested maps cost the driver far less that way than one record each.
            columns = ("__structure",) + question.fact_columns
            packed = self.read(
                packed_cypher(scoped_cypher(question.cypher), columns), params, convert=lambda _, record: record[0]
            )
            for row in packed[0] if packed else []:
                grouped[row[0]].append(dict(zip(columns[1:], row[1:])))
            return grouped
        for r in self.read(scoped_cypher(question.cypher), params):
            grouped[r["__row"]["structure"]].append(r)
        return grouped

    @overload
    def read(self, cypher: str, params: dict[str, Any], limit: int | None = None) -> list[dict[str, Any]]: ...
    @overload
    def read(
        self,
        cypher: str,
        params: dict[str, Any],
        limit: int | None = None,
        *,
        convert: Callable[[tuple[str, ...], neo4j.Record], _T],
    ) -> list[_T]: ...
    def read(
        self,
        cypher: str,
        params: dict[str, Any],
        limit: int | None = None,
        convert: Callable[[tuple[str, ...], neo4j.Record], Any] | None = None,
    ) -> list[Any]:
        """The query's records in a read transaction, each as `convert` makes it (default: a dict)."""
        import neo4j

        convert = convert or _record_data

        def work(tx: neo4j.ManagedTransaction) -> list[Any]:
            result = tx.run(cypher, params)
            keys = result.keys()
            out = []
            for record in result:
                out.append(convert(keys, record))
                if limit is not None and len(out) >= limit:
                    break
            return out

        # Read transactions go to a secondary on a cluster; the shared bookmark manager makes them
        # wait for what this process wrote before (loader.neo4j_store.session).
        try:
            with self.driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS,
                bookmark_manager=self.driver.execute_query_bookmark_manager,
            ) as session:
                tx_work = neo4j.unit_of_work(timeout=self.timeout)(work) if self.timeout else work
                return session.execute_read(tx_work)
        except neo4j.exceptions.Neo4jError as exc:
            # The server stopped our own query (its time or memory limit): a message, not the driver's
            # traceback (issue 25, finding 7). A lost connection (DriverError) goes on as it was: the
            # dashboard shows its outage message for that.
            raise BackendError(stopped_message(exc, self.timeout), EXIT_USAGE) from None


def stopped_message(exc: Any, timeout: float | None) -> str:
    """What the server's refusal of a catalogue query means for the person who asked."""
    code = str(getattr(exc, "code", "") or "")
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip().splitlines()
    first = text[0][:300] if text else type(exc).__name__
    if "TransactionTimedOut" in code or "Terminated" in code:
        limit = f"the {timeout:g} s time limit" if timeout else "its time limit"
        return (
            f"Neo4j stopped the query after {limit}: the structure asked about is too large or too deep for this "
            "question on this server. Nothing was changed."
        )
    if "OutOfMemory" in code or "MemoryPool" in code:
        return (
            "Neo4j stopped the query: it needed more memory than a transaction may use (the structure asked about "
            "is too large for this question on this server). Nothing was changed."
        )
    return f"Neo4j refused the query: {first}"


def packed_cypher(cypher: str, columns: tuple[str, ...]) -> str:
    """Our own query (never a user's) run as a subquery whose rows come back as one list of lists, in
    the order of `columns` (the names its RETURN gives)."""
    row = ", ".join(f"`{c}`" for c in columns)
    return f"CALL () {{\n{cypher}\n}}\nRETURN collect([{row}]) AS rows"


_PLAIN = frozenset((str, int, float, bool, type(None)))


def _plain_value(v: Any) -> bool:
    t = type(v)
    if t in _PLAIN:
        return True
    if t is list:
        return all(map(_plain_value, v))
    if t is dict:
        return all(map(_plain_value, v.values()))
    return False


def _record_data(keys: tuple[str, ...], record: neo4j.Record) -> dict[str, Any]:
    """`record.data()`, without its generic per-value walk when every value is already plain (strings,
    numbers, lists and maps of them: what our questions return). That walk was most of the client's
    CPU on a national answer of thousands of rows; graph or temporal values still go through it."""
    values = tuple(record)
    if all(map(_plain_value, values)):
        return dict(zip(keys, values))
    return record.data()


def _by_period(q: Question, params: dict[str, Any]) -> bool:
    """A per-structure question or rule asked about one structure without a date."""
    return (
        q.kind in ("question", "rule")
        and params.get("as_of") is None
        and bool(params.get("structure"))
        and any(p.name == "as_of" for p in q.params)
    )


def _with_defaults(q: Question, params: dict[str, Any] | None) -> dict[str, Any]:
    """Every declared parameter (None when not given), then the question's shared constants, which
    no caller can override."""
    params = dict(params or {})
    for p in q.params:
        params.setdefault(p.name, None)
    return {**params, **{k: list(v) if isinstance(v, tuple) else v for k, v in q.constants.items()}}


def _finished(q: Question, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The question's own last step over its raw rows (Question.finish), the same on both stores."""
    return q.finish(raw) if q.finish is not None else raw


def fact_rows(q: Question, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the query returned them, in a canonical order (a rule's facts keep its fact columns)."""
    raw = _finished(q, raw)
    if q.judge is None:
        return normalise(raw, q.columns, q.sort_by)
    return canonical(normalise(raw, q.fact_columns, q.fact_columns))


def answer(q: Question, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A question's rows, or a rule's findings: its facts judged once, in Python, on either backend.
    (Judging facts already in canonical form is idempotent, so facts from `facts()` may be passed.)"""
    if q.judge is None:
        return normalise(_finished(q, raw), q.columns, q.sort_by)
    return normalise(q.judge(fact_rows(q, raw)), q.columns, q.sort_by)


QUERY_SECONDS = 30.0


def query_seconds() -> float:
    """Seconds a catalogue query may run on Neo4j before the server stops it: REMIT_QUERY_SECONDS, or 30.
    A query stopped there is a message and exit 2 (stopped_message), never a traceback."""
    raw = os.environ.get("REMIT_QUERY_SECONDS", "").strip()
    try:
        value = float(raw) if raw else QUERY_SECONDS
    except ValueError:
        raise BackendError(f"REMIT_QUERY_SECONDS must be a number of seconds, not {raw!r}", EXIT_USAGE) from None
    if not 0 < value < 86_400:
        raise BackendError(f"REMIT_QUERY_SECONDS must be between 0 and 86400 seconds, not {raw!r}", EXIT_USAGE)
    return value


def backend_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get("REMIT_BACKEND") or "memory"


def open_backend(
    name: str | None = None,
    paths: Sequence[str | Path] | None = None,
    overlays: Sequence[str | Path] | None = None,
    cache: bool = True,
) -> Backend:
    """The one way to open a store: memory from structure files (default seed/; `cache=False`: not
    through the on-disk cache), Neo4j from the environment. Raises BackendError (exit 3 when Neo4j
    cannot be reached, 2 for a bad name); invalid structure files or overlays raise
    InvalidStructureFiles as everywhere else.

    Overlays are laid over the structure files of the memory store. Neo4j holds an overlay only as
    loaded (`remit load --overlay`, in the same transaction as its base), so a read of Neo4j with
    overlays is refused rather than answered without them."""
    name = backend_name(name)
    if name == "memory":
        return MemoryBackend.from_paths(paths or [default_data_dir()], overlays, cache=cache)
    if name == "neo4j" and overlays:
        raise BackendError(
            "--overlay with --backend neo4j: load the overlay into the database with its base "
            "(remit load PATH --overlay FILE --backend neo4j, one transaction), then ask without --overlay",
            EXIT_USAGE,
        )
    if name == "neo4j":
        from remit.loader.neo4j_store import Neo4jUnavailable, connect

        timeout = query_seconds()  # a bad setting is a usage error (exit 2) whether or not the server answers
        try:
            store = connect()
        except Neo4jUnavailable as exc:
            raise BackendError(str(exc), getattr(exc, "exit_code", EXIT_UNREACHABLE)) from None
        return Neo4jBackend(store.driver, store.database, timeout=timeout, store=store)
    raise BackendError(f"unknown backend '{name}' (use {' or '.join(BACKENDS)})", EXIT_USAGE)
