"""National rule findings reuse the verdicts kept from an earlier run (per structure digest and
date), and the Overview's national table the table kept (under every chosen structure's digest): the
same as a cold run, on either store, and never stale after a reload."""

from __future__ import annotations

import copy

import pytest

from remit.loader import Dataset, read_files
from remit.loader.memory import graph_from_dataset
from remit.loader.model import Designation
from remit.loader.neo4j_store import load_dataset, wipe
from remit.present.overview import national_table
from remit.queries.backend import MemoryBackend, Neo4jBackend
from remit.queries.digest_cache import DigestCache, digest_cache
from remit.queries.national_rules import national_findings
from remit.queries.scope import Scope, structures

from .conftest import SEED
from .neo4j_support import neo4j_test_store

DATES = ("2015-06-01", "2018-05-01", "2023-01-15")


def test_kept_values_are_those_of_the_digest_asked():
    cache = DigestCache(keep=2)
    cache.put(("q", "2020-01-01"), {"a": "d1", "b": None}, {"a": [{"x": 1}], "b": [{"x": 2}]})
    assert cache.split(("q", "2020-01-01"), {"a": "d1", "b": None}) == ({"a": [{"x": 1}]}, ["b"])
    assert cache.split(("q", "2020-01-01"), {"a": "d2"}) == ({}, ["a"])  # reloaded: another digest
    assert cache.split(("q", "2021-01-01"), {"a": "d1"}) == ({}, ["a"])  # another date
    cache.put(("q", "2021-01-01"), {"a": "d1"}, {"a": []})
    cache.put(("q", "2022-01-01"), {"a": "d1"}, {"a": []})
    assert cache.split(("q", "2020-01-01"), {"a": "d1"}) == ({}, ["a"])  # the oldest pair was dropped


@pytest.mark.parametrize("as_of", DATES)
def test_a_run_from_kept_verdicts_finds_what_a_cold_run_finds_on_memory(seed_dataset, as_of):
    cold = MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset)
    warm = MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset)
    scope = Scope(as_of)
    first = national_findings(warm, scope, include_pass=True)
    assert digest_cache(warm)._entries  # something was kept
    assert national_findings(warm, scope, include_pass=True) == first == national_findings(cold, scope, True)


@pytest.fixture()
def store():
    s = neo4j_test_store()
    wipe(s)
    yield s
    wipe(s)
    load_dataset(s, read_files([SEED]))  # the session's neo4j_backend reads the seed
    s.close()


@pytest.mark.neo4j
def test_on_neo4j_kept_verdicts_are_the_cold_findings_and_a_reload_is_never_stale(store, seed_dataset):
    load_dataset(store, seed_dataset)
    neo = Neo4jBackend(store.driver, store.database)
    memory = MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset)
    for as_of in DATES:
        first = national_findings(neo, Scope(as_of), include_pass=True)
        assert national_findings(neo, Scope(as_of), include_pass=True) == first
        assert first == national_findings(memory, Scope(as_of), include_pass=True)

    # Sandwell's DCS designated a second time in its structure in force on the date (the seed holds
    # three Sandwell structures): dcs findings change; the kept verdicts must not answer.
    scope = Scope("2023-01-15")
    in_force = next(c["structure"] for c in structures(memory, scope) if c["council"] == "sandwell")
    changed = copy.deepcopy(seed_dataset)
    sandwell = changed.structures[in_force]
    dcs = next(p for p in sandwell.posts if any(d.role == "dcs" for d in p.designations))
    other = next(p for p in sandwell.posts if p is not dcs and not p.designations)
    other.designations.append(Designation("dcs", "interim", dcs.designations[0].evidence))
    before = national_findings(neo, scope, include_pass=True)  # this date's verdicts are the ones kept now
    load_dataset(store, Dataset([changed.file_of(sandwell.id)]))
    again = national_findings(neo, scope, include_pass=True)
    assert again == national_findings(MemoryBackend(graph_from_dataset(changed), changed), scope, True)
    assert again != before  # the change shows (Sandwell's one-dcs-one-lmcs and others)
    assert [r for r in again if r["council"] != "sandwell"] == [r for r in before if r["council"] != "sandwell"]


@pytest.mark.neo4j
def test_a_structure_without_a_stored_digest_is_always_fetched(store, seed_dataset):
    load_dataset(store, seed_dataset)
    neo = Neo4jBackend(store.driver, store.database)
    scope = Scope("2023-01-15")
    national_findings(neo, scope, include_pass=True)
    with store.driver.session(database=store.database) as s:  # a hand edit, and no digest to vouch for it
        s.run(
            "MATCH (st:Structure) WHERE st.id STARTS WITH 'harrow' REMOVE st.digest "
            "WITH st MATCH (p:Post {structure: st.id})-[d:DESIGNATED]->() DELETE d"
        ).consume()
    after = national_findings(neo, scope, include_pass=True)
    harrow = {(r["rule"], r["outcome"]) for r in after if r["council"] == "harrow"}
    assert ("hops-designated", "unknown") in harrow  # read from the database as it is now


def _sandwell_with_a_second_dcs(data: Dataset, scope: Scope) -> tuple[Dataset, str]:
    """The data with another post of Sandwell's structure in force designated DCS too, and that structure."""
    memory = MemoryBackend(graph_from_dataset(data), data)
    in_force = next(c["structure"] for c in structures(memory, scope) if c["council"] == "sandwell")
    changed = copy.deepcopy(data)
    sandwell = changed.structures[in_force]
    dcs = next(p for p in sandwell.posts if any(d.role == "dcs" for d in p.designations))
    other = next(p for p in sandwell.posts if p is not dcs and not p.designations)
    other.designations.append(Designation("dcs", "interim", dcs.designations[0].evidence))
    return changed, in_force


def test_a_kept_national_table_is_the_cold_one_and_never_stale_on_memory(seed_dataset):
    scope = Scope("2023-01-15")
    backend = MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset)
    before = national_table(backend, scope)
    assert national_table(backend, scope) == before
    assert digest_cache(backend).whole(("nothing",)) is None and digest_cache(backend)._whole  # kept
    changed, _ = _sandwell_with_a_second_dcs(seed_dataset, scope)
    backend.load(changed)  # the same backend object, its graph replaced
    again = national_table(backend, scope)
    assert again == national_table(MemoryBackend(graph_from_dataset(changed), changed), scope)
    assert again != before
    assert [r for r in again if r["council"] != "sandwell"] == [r for r in before if r["council"] != "sandwell"]


@pytest.mark.neo4j
def test_on_neo4j_a_kept_national_table_is_never_stale_after_a_reload(store, seed_dataset):
    scope = Scope("2023-01-15")
    load_dataset(store, seed_dataset)
    neo = Neo4jBackend(store.driver, store.database)
    before = national_table(neo, scope)
    assert national_table(neo, scope) == before
    assert before == national_table(MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset), scope)
    changed, in_force = _sandwell_with_a_second_dcs(seed_dataset, scope)
    load_dataset(store, Dataset([changed.file_of(in_force)]))
    again = national_table(neo, scope)
    assert again == national_table(MemoryBackend(graph_from_dataset(changed), changed), scope)
    assert again != before
