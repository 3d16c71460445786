"""The real Neo4j the `neo4j` tests run against, taken from the environment.

Without NEO4J_URI (or with it unreachable) the tests skip, unless REMIT_REQUIRE_NEO4J=1 (CI),
where they fail: a CI run that silently skipped its Neo4j half would prove nothing. Tests wipe
the database, so one whose name lacks "test" is refused outright.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from remit.loader import Dataset
from remit.loader.neo4j_store import Neo4jUnavailable, Store, connect, load_dataset, wipe


def _unusable(reason: str) -> None:
    if os.environ.get("REMIT_REQUIRE_NEO4J") == "1":
        pytest.fail(f"REMIT_REQUIRE_NEO4J=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def neo4j_test_store() -> Store:
    if not os.environ.get("NEO4J_URI"):
        _unusable("NEO4J_URI is not set (e.g. NEO4J_DATABASE=remit-test scripts/neo4j-local start)")
    database = os.environ.get("NEO4J_DATABASE") or "neo4j"
    if "test" not in database:
        pytest.fail(
            f"refusing to run tests against Neo4j database '{database}': tests wipe it; "
            "use a database whose name contains 'test' (NEO4J_DATABASE=remit-test)",
            pytrace=False,
        )
    try:
        return connect()
    except Neo4jUnavailable as exc:
        _unusable(str(exc))
        raise  # unreachable: _unusable always raises


def seeded_neo4j_backend(dataset: Dataset):
    """A Neo4jBackend over a test database holding exactly `dataset`.

    The driver stays open for the session (the backend keeps it); the process exit closes it.
    """
    from remit.queries.backend import Neo4jBackend

    store = neo4j_test_store()
    wipe(store)
    load_dataset(store, dataset)
    return Neo4jBackend(store.driver, store.database, store=store)


@contextmanager
def emptied_then_reseeded(seed_dataset: Dataset) -> Iterator[Store]:
    """The test database emptied for a test of its own, and given back holding the seed again
    (the session's neo4j_backend reads it), even when the test fails."""
    store = neo4j_test_store()
    wipe(store)
    try:
        yield store
    finally:
        wipe(store)
        load_dataset(store, seed_dataset)
