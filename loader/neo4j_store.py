"""The production store: the same records as the networkx graph, written to Neo4j.

A load is ONE write transaction for the whole set of files: it either commits every structure or
none, so a load killed at any point (kill -9, the server gone, a failure at write time) leaves the
database exactly as it was. Each structure in the set is replaced (its nodes deleted and created
again from the records), so a reload is idempotent and a changed structure replaces only itself.
Labels and relationship types cannot be query parameters, so every query text is chosen from the
LABELS / REL_TYPES whitelists of schema.py; all values travel as parameters.

Two loads at once: the first statement of every load writes the statutory role nodes (which
every load writes anyway) in one fixed order, taking their write locks, so a second load waits
for the first to finish, then runs on the graph the first committed; it never fails on a
constraint half-way.

Shared nodes (councils, sources, functions, statutory roles, named people) are MERGEd by uid.
After the structures are written, the people nothing holds any more, and the functions and
sources of a loaded council that its files no longer list, are removed, as a fresh load would
not have them.

Cross-structure relationships (SUPERSEDES, REPLACES) belong to the later structure but end on an
earlier one's nodes. Replacing the earlier structure detaches them, so they are read first and
re-created on the new nodes; one whose end no longer exists (the post was dropped) is gone, as it
would be from a fresh load. A relationship whose end is missing is skipped, never half-created,
and reported in that structure's counts under "skipped" (validation normally makes this
impossible: a structure can only supersede one in the loaded files).
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .exits import EXIT_UNREACHABLE, EXIT_USAGE
from .files import Dataset, gc_paused
from .neo4j_write import Counts, Progress, Tx, counts_of, stale_structures, write_records
from .records import dataset_records
from .schema import LABELS, SCOPED_LABELS

if TYPE_CHECKING:  # imported by open_store, not by every command that imports this module
    import neo4j

DEFAULT_URI = "bolt://127.0.0.1:7687"
# Seconds a load's transactions may run; 0 is no limit. The server's db.transaction.timeout (60 s
# from the launcher and compose) is only for clients that set none, and a national load or the
# index build after it can take longer.
LOAD_TIMEOUT = 0
START_HINT = "start it with `docker compose up -d` or `scripts/neo4j-local start`, and set NEO4J_URI / NEO4J_PASSWORD"


class Neo4jUnavailable(Exception):
    """Neo4j cannot be reached or refuses us; the message is one line fit for the user.

    `exit_code` is 3 (unreachable) unless the settings themselves are wrong (2)."""

    def __init__(self, message: str, exit_code: int = EXIT_UNREACHABLE):
        super().__init__(message)
        self.exit_code = exit_code


# Bolt schemes only: the driver's http(s) "Query API" support is a preview that needs extras
# Remit does not install, and it would fail with a traceback instead of a message.
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass
class Store:
    driver: neo4j.Driver
    database: str
    uri: str = DEFAULT_URI

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def settings() -> tuple[str, str, str, str]:
    """(uri, user, password, database) from the environment; secrets live only there."""
    return (
        os.environ.get("NEO4J_URI") or DEFAULT_URI,
        os.environ.get("NEO4J_USER") or "neo4j",
        os.environ.get("NEO4J_PASSWORD") or "",
        os.environ.get("NEO4J_DATABASE") or "neo4j",
    )


def shown_uri(uri: str) -> str:
    """The address as messages may show it: any user name and password written into it removed."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        scheme, rest = "", uri
    netloc, slash, path = rest.partition("/")
    if "@" in netloc:
        netloc = "…@" + netloc.rpartition("@")[2]
    return f"{scheme}{sep}{netloc}{slash}{path}"


def connect(timeout: float = 10.0) -> Store:
    """Open a driver and prove the database answers, so callers fail early with exit 3, not mid-load.

    Messages name the address as `shown_uri` gives it: credentials written into NEO4J_URI are
    refused (exit 2) and never echoed."""
    import neo4j
    from neo4j import exceptions as nx

    raw_uri, user, password, database = settings()
    uri = shown_uri(raw_uri)
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if uri != raw_uri:
        raise Neo4jUnavailable(
            f"NEO4J_URI={uri} holds a user name or password: give only the address "
            "(bolt://HOST:7687) and put the credentials in NEO4J_USER and NEO4J_PASSWORD",
            EXIT_USAGE,
        )
    if scheme not in URI_SCHEMES:
        raise Neo4jUnavailable(
            f"NEO4J_URI={uri} is not a Bolt address: use bolt://HOST:7687 (or "
            f"{', '.join(s + '://' for s in URI_SCHEMES[1:])})",
            EXIT_USAGE,
        )
    try:
        # GraphDatabase.driver picks direct (bolt://) or routing (neo4j://, neo4j+s://) from the scheme.
        # Deprecation notices concern query syntax across server versions, not the user: keep them
        # off stderr.
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(user, password),
            connection_timeout=timeout,
            max_transaction_retry_time=timeout,
            notifications_disabled_classifications=["DEPRECATION"],  # driver >= 5.22
        )
    except (nx.ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"cannot use NEO4J_URI={uri}: {first_line(exc)}; {START_HINT}", EXIT_USAGE) from None
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=database)
    except nx.AuthError as exc:
        driver.close()
        raise Neo4jUnavailable(
            f"Neo4j at {uri} refused user '{user}' ({first_line(exc)}); "
            f"check NEO4J_USER / NEO4J_PASSWORD, or {START_HINT}"
        ) from None
    except nx.Neo4jError as exc:  # e.g. the database does not exist
        driver.close()
        raise Neo4jUnavailable(
            f"Neo4j at {uri} cannot serve database '{database}' ({first_line(exc)}); "
            f"check NEO4J_DATABASE, or {START_HINT}"
        ) from None
    except (nx.DriverError, OSError) as exc:  # ServiceUnavailable, DNS failure, refused, timeout
        driver.close()
        raise Neo4jUnavailable(f"cannot reach Neo4j at {uri} ({first_line(exc)}); {START_HINT}") from None
    return Store(driver, database, uri)


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (at most 200 characters), fit to show a user."""
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    return text.splitlines()[0][:200].rstrip(":; ") if text else type(exc).__name__


def health(store: Store) -> str | None:
    """None when the server answers a real round trip; else one line saying why not. Never raises:
    the dashboard asks this on every page run while Neo4j may be stopping under it.

    A query, not verify_connectivity (which may hand back a pooled connection without touching the
    network), tried twice: the first try may only find a pooled connection that has died."""
    problem = None
    for _ in range(2):
        try:
            with session(store, default_access_mode="READ") as s:
                s.run("RETURN 1").consume()
            return None
        except Exception as exc:  # unavailable, refused, DNS, auth, database gone: "not answering now"
            problem = first_line(exc)
    return problem


# -- schema --------------------------------------------------------------------------------------
def schema_statements() -> list[str]:
    """Uid constraints back every MERGE/MATCH by uid; `structure` indexes back delete and read-back."""
    out = [
        f"CREATE CONSTRAINT remit_{label.lower()}_uid IF NOT EXISTS FOR (n:{label}) REQUIRE n.uid IS UNIQUE"
        for label in LABELS
    ]
    indexed = [(label, "structure") for label in SCOPED_LABELS] + [
        ("Structure", "id"),
        ("Structure", "council"),
        ("Post", "key"),
        ("Function", "council"),
    ]
    out += [
        f"CREATE INDEX remit_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in indexed
    ]
    # A structure's designations by their `structure` (the rules' facts start from them, not from every post).
    out.append("CREATE INDEX remit_designated_structure IF NOT EXISTS FOR ()-[r:DESIGNATED]-() ON (r.structure)")
    return out


def session(store: Store, **options: Any) -> neo4j.Session:
    """A session that shares the driver's bookmark manager with every other Remit session, so on a
    cluster (neo4j:// or neo4j+s://) a read sent to a secondary waits until it has what a load
    before it wrote (causal consistency), in this process and across the backends it opens."""
    return store.driver.session(
        database=store.database, bookmark_manager=store.driver.execute_query_bookmark_manager, **options
    )


def ensure_schema(store: Store) -> None:
    # Schema changes cannot share a transaction with data writes: each runs auto-committed.
    from neo4j import Query

    with session(store) as session_:
        for statement in schema_statements():
            session_.run(Query(statement, timeout=LOAD_TIMEOUT)).consume()
        session_.run(Query("CALL db.awaitIndexes(120)", timeout=LOAD_TIMEOUT)).consume()


# -- loading -------------------------------------------------------------------------------------
def load_dataset(
    store: Store, dataset: Dataset, progress: Progress | None = None, schema: bool = True, prune: bool = False
) -> Counts:
    """Replace every structure of the dataset in one transaction; return what each structure now
    holds (nodes by label, relationships by type: the server's counts of what it created).

    `schema=False` skips the schema statements (a caller that has just run them). `prune` also
    deletes, in the same transaction, the loaded councils' structures the files no longer hold
    (see `stale`; without it they stay, as a load of some files only must leave the rest). Raises
    Neo4jUnavailable (nothing changed, or for a commit cut off, possibly changed: the message says
    which) when the server goes away or refuses the load."""
    from neo4j import exceptions as nx

    # The records are hundreds of thousands of small objects and none of them is garbage until the
    # load ends: automatic collections would only walk them again and again (a third of the
    # client's CPU on a national set).
    with gc_paused():
        records = list(dataset_records(dataset))
    try:
        if schema:
            ensure_schema(store)
        with gc_paused(), session(store) as writer:  # shares bookmarks with the reads after it
            # An explicit transaction, not execute_write: a load is never retried behind the
            # user's back (a retry would repeat progress and could outlast a memory limit).
            with writer.begin_transaction(timeout=LOAD_TIMEOUT) as tx:
                out = write_records(tx, records, progress, prune=prune)
                tx.commit()
            return out
    except nx.IncompleteCommit as exc:
        raise Neo4jUnavailable(
            f"the connection to Neo4j at {store.uri} was lost while the load was committing "
            f"({first_line(exc)}): it may or may not have been applied; load again"
        ) from None
    except (nx.DriverError, OSError) as exc:  # ServiceUnavailable, SessionExpired, refused
        raise Neo4jUnavailable(
            f"lost Neo4j at {store.uri} during the load ({first_line(exc)}); nothing was changed"
        ) from None
    except nx.Neo4jError as exc:  # e.g. the transaction's memory limit
        hint = ""
        if "memory" in f"{exc.code} {exc.message}".lower():
            hint = (
                " (a load is one transaction: load fewer files at a time, use `remit load --by-council` "
                "for one transaction per group of councils, or raise the server's "
                "db.memory.transaction.max / NEO4J_TX_MEMORY_MB)"
            )
        raise Neo4jUnavailable(
            f"Neo4j at {store.uri} refused the load ({first_line(exc)}); nothing was changed{hint}"
        ) from None


# Posts per part of a bulk load. The server's work per row grows with its transaction's size:
# 100 generated councils (15,000 posts) took 2.3-2.9 s of server CPU in parts of 600-1,000 posts,
# 2.7-4.1 s in parts of 1,500, 3.7-4.4 s in parts of 5,000 and up to 5.7 s in one part of all
# (2 shared cores; below ~300 posts the per-transaction cost takes over again).
PART_POSTS = 1000


def load_in_parts(
    store: Store, dataset: Dataset, max_posts: int = PART_POSTS, progress: Progress | None = None, prune: bool = False
) -> Counts:
    """A bulk load too large for one transaction's memory, as several all-or-nothing loads.

    Files are grouped by council (a council's structures and their supersedes chains stay in one
    part) into parts of about `max_posts` posts; each part is one `load_dataset`. A failure leaves
    the parts before it loaded: meant for first loads (benchmarks, a new national set) that can
    simply be run again; `remit load --by-council` asks for it, plain `remit load` never does."""
    by_council: dict[str, list[Any]] = defaultdict(list)
    for f in dataset.files:
        by_council[f.council.id].append(f)
    parts: list[list[Any]] = [[]]
    size = 0
    for files in by_council.values():
        posts = sum(len(st.posts) for f in files for st in f.structures)
        if parts[-1] and size + posts > max_posts:
            parts.append([])
            size = 0
        parts[-1].extend(files)
        size += posts
    out: Counts = {}
    for number, part in enumerate(parts, 1):
        try:
            out.update(load_dataset(store, Dataset(part), progress, schema=number == 1, prune=prune))
        except Neo4jUnavailable as exc:
            done = sorted({f.council.id for p in parts[: number - 1] for f in p})
            raise Neo4jUnavailable(
                f"part {number} of {len(parts)} failed: {exc}; the {len(done)} council(s) "
                f"of the parts before it are loaded"
                + (f" ({', '.join(done[:10])}" + (", …" if len(done) > 10 else "") + ")" if done else "")
            ) from None
    return out


def stale(store: Store, dataset: Dataset) -> list[str]:
    """Structures of the dataset's councils that the database holds but the dataset does not: loaded
    from an earlier version of the files. A load leaves them (`prune` removes them); the CLI says so,
    because a national question could still find one of them in force."""
    councils = sorted({f.council.id for f in dataset.files})
    loaded = sorted(dataset.structures)
    with session(store, default_access_mode="READ") as s:
        return s.execute_read(stale_structures, councils, loaded)


def structure_counts(tx: Tx, sid: str) -> dict[str, Counter[str]]:
    """Nodes by label and relationships by type of one structure, as counts_by_structure gives them."""
    return counts_of(tx, [sid])[sid]


def wipe(store: Store) -> None:
    """Empty the database, for tests only: refuses any database whose name lacks 'test'."""
    from neo4j import Query

    if "test" not in store.database:
        raise ValueError(f"refusing to wipe database '{store.database}': only a database named *test* may be wiped")
    with store.driver.session(database=store.database) as session:
        session.run(
            Query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", timeout=LOAD_TIMEOUT)
        ).consume()
