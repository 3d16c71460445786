"""Imported structures in Neo4j read exactly as in networkx: inferred flags, rows, grade-group lists,
and the diff across yearly returns and the exports built on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from remit.diff import diff
from remit.formats import export
from remit.loader import read_files
from remit.loader.memory import graph_from_dataset
from remit.loader.neo4j_store import load_dataset, wipe
from remit.queries.backend import MemoryBackend, Neo4jBackend
from remit.queries.rows import plain
from remit.queries.snapshot import snapshot

from .neo4j_support import neo4j_test_store

FIX = Path(__file__).parent / "fixtures" / "import"
neo4j = pytest.mark.neo4j


@pytest.fixture(scope="module")
def imported():
    return read_files([FIX / "lga", FIX / "organogram"])


@pytest.fixture(scope="module")
def backends(imported, seed_dataset):
    store = neo4j_test_store()
    wipe(store)
    load_dataset(store, imported)
    yield MemoryBackend(graph_from_dataset(imported), imported), Neo4jBackend(store.driver, store.database)
    wipe(store)
    load_dataset(store, seed_dataset)  # the session's neo4j_backend reads the seed
    store.close()


@neo4j
def test_imported_snapshots_equal_networkx(imported, backends):
    mem, neo = backends
    for sid in imported.structures:
        a, b = snapshot(mem, sid), snapshot(neo, sid)
        assert plain(b.nodes) == plain(a.nodes), sid
        assert b.edges == a.edges, sid
    lines = [e for e in snapshot(neo, "kirklees-2024-04-01").edges if e["type"] == "LINE_MANAGED_BY"]
    assert len(lines) == 13 and all(e["props"]["inferred"] is True and e["props"]["rule"] for e in lines)
    d1 = snapshot(neo, "example-agency-2020-03-31").posts()["D1"]
    assert d1["junior_grades"] == ["Grade 7"] and d1["junior_fte"] == 4.5


@neo4j
def test_diff_and_exports_equal_on_both_stores(backends):
    mem, neo = backends
    assert (
        diff(neo, "kirklees-2024-04-01", "kirklees-2025-04-01").rows
        == diff(mem, "kirklees-2024-04-01", "kirklees-2025-04-01").rows
    )
    assert export(neo, "kirklees-2024-04-01", "lga").main == export(mem, "kirklees-2024-04-01", "lga").main
    ttl = [Graph().parse(data=export(b, "kirklees-2024-04-01", "turtle").main, format="turtle") for b in (neo, mem)]
    assert isomorphic(*ttl)  # blank nodes (memberships, statements) differ only in their ids
    assert export(neo, "example-agency-2020-03-31", "organogram") == export(
        mem, "example-agency-2020-03-31", "organogram"
    )
