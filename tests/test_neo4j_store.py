"""Neo4j as the production store: what it holds after a load is exactly the networkx graph.

The load replaces each structure in one transaction; these tests check the consequences a user
relies on: a reload changes nothing, a changed structure replaces only itself, a failure midway
leaves the previous graph, and an unreachable server is a one-line exit 3.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import subprocess
import sys

import pytest

from remit.loader import Dataset, neo4j_store
from remit.loader.memory import counts_by_structure, graph_from_dataset
from remit.loader.neo4j_store import Store, load_dataset, wipe
from remit.loader.records import Edge, stamp_digest
from remit.loader.schema import post_uid, structure_uid
from remit.queries.backend import MemoryBackend, Neo4jBackend
from remit.queries.rows import plain
from remit.queries.snapshot import snapshot

from .conftest import ROOT
from .neo4j_support import neo4j_test_store

neo4j = pytest.mark.neo4j


# -- helpers -------------------------------------------------------------------------------------
def _key(value) -> str:
    return json.dumps(plain(value), sort_keys=True)


def export_neo4j(store: Store) -> tuple[list[str], list[str]]:
    """Every node and relationship, as sorted canonical strings (a multiset, so duplicates show)."""
    with store.driver.session(database=store.database) as s:
        nodes = [
            _key([r["label"], r["props"]])
            for r in s.run("MATCH (n) RETURN labels(n) AS labels, labels(n)[0] AS label, properties(n) AS props")
        ]
        edges = [
            _key([r["src"], r["type"], r["dst"], r["props"]])
            for r in s.run(
                "MATCH (a)-[r]->(b) RETURN a.uid AS src, type(r) AS type, b.uid AS dst, properties(r) AS props"
            )
        ]
        multi = s.run("MATCH (n) WHERE size(labels(n)) <> 1 RETURN count(n) AS n").single()["n"]
    assert multi == 0, "every node carries exactly one label"
    return sorted(nodes), sorted(edges)


def export_memory(data: Dataset) -> tuple[list[str], list[str]]:
    g = graph_from_dataset(data)
    nodes = [
        _key([a["_label"], {"uid": uid, **{k: v for k, v in a.items() if k != "_label"}}])
        for uid, a in g.nodes(data=True)
    ]
    edges = [_key([u, a["_type"], v, {k: x for k, x in a.items() if k != "_type"}]) for u, v, a in g.edges(data=True)]
    return sorted(nodes), sorted(edges)


def _plain_counts(counts: dict) -> dict:
    return {sid: {k: dict(c) for k, c in v.items()} for sid, v in counts.items()}


def _leaf_post(data: Dataset) -> tuple[str, str]:
    """A (structure, post key) nothing else points at, so dropping it leaves valid files."""
    structures = data.structures
    for sid, st in sorted(structures.items()):
        referenced = {
            link.post for p in st.posts for link in [p.line_manager, *p.accountable_to, *p.escalations] if link
        }
        referenced |= {link.post for u in st.units for link in u.accountable_to}
        referenced |= {k for r in st.reviews for k in r.assesses}
        referenced |= {
            r.post for later in structures.values() if later.supersedes == sid for p in later.posts for r in p.replaces
        }
        for p in st.posts:
            if p.key not in referenced:
                return sid, p.key
    raise AssertionError("the seed has no unreferenced post")


@pytest.fixture(scope="module")
def store():
    s = neo4j_test_store()
    yield s
    s.close()


@pytest.fixture
def seeded(store, seed_dataset):
    """The seed freshly loaded; restored afterwards, because the session's neo4j_backend reads it."""
    wipe(store)
    counts = load_dataset(store, seed_dataset)
    yield counts
    wipe(store)
    load_dataset(store, seed_dataset)


# -- the load ------------------------------------------------------------------------------------
@neo4j
def test_seed_counts_equal_networkx(store, seeded, seed_dataset):
    expected = counts_by_structure(graph_from_dataset(seed_dataset))
    assert set(seeded) == set(seed_dataset.structures)
    assert _plain_counts(seeded) == _plain_counts(expected)
    # read back again outside the load's transaction, as a later session sees it
    with store.driver.session(database=store.database) as s:
        again = {sid: s.execute_read(neo4j_store.structure_counts, sid) for sid in expected}
    assert _plain_counts(again) == _plain_counts(expected)


@neo4j
def test_whole_graph_equals_networkx(store, seeded, seed_dataset):
    assert export_neo4j(store) == export_memory(seed_dataset)


@neo4j
def test_each_structure_snapshot_equals_networkx(store, seeded, seed_dataset):
    mem = MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset)
    neo = Neo4jBackend(store.driver, store.database)
    for sid in seed_dataset.structures:
        a, b = snapshot(mem, sid), snapshot(neo, sid)
        assert plain(b.nodes) == plain(a.nodes), sid
        assert b.edges == a.edges, sid
        assert plain(b.shared) == plain(a.shared), sid
        assert len(a.edges) > 0 and len(a.nodes) > 1, sid


@neo4j
def test_loading_twice_changes_nothing(store, seeded, seed_dataset):
    before = export_neo4j(store)
    again = load_dataset(store, seed_dataset)
    assert _plain_counts(again) == _plain_counts(seeded)
    assert export_neo4j(store) == before


@neo4j
@pytest.mark.parametrize("force", [True, False], ids=["every-structure-rewritten", "only-the-changed-one"])
def test_failure_midway_rolls_back_the_whole_load(store, seeded, seed_dataset, monkeypatch, force):
    """A write-time failure in the LAST structure, after every other structure of the set was
    written in the same transaction (force: unchanged ones rewritten too), or after the changed
    structure's old relationships were deleted and its nodes rewritten in place (the others
    unchanged, skipped by digest), leaves the whole database as it was (not half-loaded)."""
    order = [rec.structure for rec in neo4j_store.dataset_records(seed_dataset)]
    target = order[-1]
    before = export_neo4j(store)
    original = neo4j_store.dataset_records

    def broken(data):
        for rec in original(data):
            if rec.structure == target:
                rec.nodes = [n for n in rec.nodes if n.label != "Unit"]  # a real change, written first
                # Neo4j rejects a map as a property value: the error comes after nodes are written.
                rec.edges.append(Edge("HAS_POST", structure_uid(target), rec.edges[-1].src, {"bad": {"nested": 1}}))
                stamp_digest(rec)  # changed records carry their new digest, as the builder gives it
            yield rec

    monkeypatch.setattr(neo4j_store, "dataset_records", broken)
    done: list[str] = []
    with pytest.raises(neo4j_store.Neo4jUnavailable, match="nothing was changed"):
        load_dataset(store, seed_dataset, progress=lambda i, n, what: done.append(what), force=force)
    # Structures are written in groups (every node of the group, then its relationships): the bad
    # relationship fails after the nodes of every structure of the seed were written; all rolled back.
    assert target not in done and done == order[: len(done)]
    assert export_neo4j(store) == before


@neo4j
def test_reloading_a_changed_structure_replaces_only_it(store, seeded, seed_dataset):
    sid, key = _leaf_post(seed_dataset)
    neo = Neo4jBackend(store.driver, store.database)
    before = {s: snapshot(neo, s) for s in seed_dataset.structures}

    changed = copy.deepcopy(seed_dataset)
    st = changed.structures[sid]
    st.posts = [p for p in st.posts if p.key != key]
    council_file = changed.file_of(sid)
    counts = load_dataset(store, Dataset([council_file]))  # only that council's file

    assert counts[sid]["nodes"]["Post"] == seeded[sid]["nodes"]["Post"] - 1
    after = {s: snapshot(neo, s) for s in seed_dataset.structures}
    assert post_uid(sid, key) in before[sid].nodes and post_uid(sid, key) not in after[sid].nodes
    mem = MemoryBackend(graph_from_dataset(changed), changed)
    expected = snapshot(mem, sid)
    assert plain(after[sid].nodes) == plain(expected.nodes) and after[sid].edges == expected.edges
    for other in seed_dataset.structures:
        if other != sid:
            assert plain(after[other].nodes) == plain(before[other].nodes), other
            assert after[other].edges == before[other].edges, other


@neo4j
def test_reloading_a_superseded_structure_keeps_the_later_ones_links(store, seeded, seed_dataset):
    """SUPERSEDES / REPLACES belong to the later structure but end on the earlier one's nodes."""
    earlier = "barnet-2014-06"
    sf = seed_dataset.file_of(earlier)
    assert any(st.supersedes == earlier for st in sf.structures)
    before = export_neo4j(store)
    only_earlier = Dataset([dataclasses.replace(sf, structures=[st for st in sf.structures if st.id == earlier])])
    load_dataset(store, only_earlier)
    assert export_neo4j(store) == before


@neo4j
def test_progress_reports_each_structure(store, seeded, seed_dataset):
    calls: list[tuple[int, int, str]] = []
    load_dataset(store, seed_dataset, progress=lambda *a: calls.append(a))
    n = len(seed_dataset.structures)
    assert [c[0] for c in calls] == list(range(1, n + 1)) and {c[1] for c in calls} == {n}
    assert sorted(c[2] for c in calls) == sorted(seed_dataset.structures)


@neo4j
def test_cli_load_neo4j_prints_the_databases_counts(store, seeded, seed_dataset):
    proc = subprocess.run(
        [sys.executable, "-m", "remit.cli", "load", "--backend", "neo4j", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {r["structure"]: r for r in json.loads(proc.stdout)["rows"]}
    expected = counts_by_structure(graph_from_dataset(seed_dataset))
    assert {sid: (r["nodes"], r["relationships"]) for sid, r in rows.items()} == {
        sid: (sum(c["nodes"].values()), sum(c["relationships"].values())) for sid, c in expected.items()
    }


# -- guards (no server needed) -------------------------------------------------------------------
def test_unreachable_neo4j_exits_3_with_one_line():
    uri = "bolt://127.0.0.1:1"
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": "irrelevant"}
    proc = subprocess.run(
        [sys.executable, "-m", "remit.cli", "load", "--backend", "neo4j"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert uri in lines[0] and "scripts/neo4j-local start" in lines[0] and "docker compose up -d" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_wipe_refuses_a_database_not_named_test():
    with pytest.raises(ValueError, match="refusing"):
        wipe(Store(driver=None, database="neo4j"))


def test_test_store_refuses_a_database_not_named_test(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_DATABASE", "production")
    with pytest.raises(pytest.fail.Exception, match="refusing"):
        neo4j_test_store()


@pytest.mark.parametrize("required, outcome", [("1", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_server_fails_only_when_required(monkeypatch, required, outcome):
    monkeypatch.setenv("REMIT_REQUIRE_NEO4J", required)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_DATABASE", "remit-test")
    with pytest.raises(outcome):
        neo4j_test_store()
    monkeypatch.delenv("NEO4J_URI")
    with pytest.raises(outcome):
        neo4j_test_store()
