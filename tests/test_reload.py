"""Reloads: a structure whose content is unchanged is skipped by its digest; a changed one is
rewritten in place; either way the database ends up holding exactly what a fresh load would.

The digest tests need no server. The rest run against the real local Neo4j: every outcome is
checked against the networkx graph of the same files (export_memory), the independent store.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest

from remit.loader import Dataset, read_files
from remit.loader.model import Holding, PostLink
from remit.loader.neo4j_store import load_dataset, load_in_parts, wipe
from remit.loader.records import DIGEST, dataset_records

from .conftest import SEED
from .neo4j_support import neo4j_test_store
from .test_load_atomic import council_text, write_set
from .test_neo4j_store import export_memory, export_neo4j


def digests(data: Dataset) -> dict[str, str]:
    return {rec.structure: rec.digest for rec in dataset_records(data)}


# -- the digest (no server) ------------------------------------------------------------------------
def test_the_same_files_read_twice_give_the_same_digests():
    first, second = digests(read_files([SEED])), digests(read_files([SEED]))
    assert first == second and len(set(first.values())) == len(first)


def _changes() -> dict[str, object]:
    """One change of each kind a structure's records can carry, applied to barnet-2015-04."""

    def retitle(st, sf):
        st.posts[3].title += " (retitled)"

    def requote(st, sf):
        post = next(p for p in st.posts if p.line_manager)
        post.line_manager = dataclasses.replace(
            post.line_manager, evidence=dataclasses.replace(post.line_manager.evidence, quote="Another sentence.")
        )

    def source_title(st, sf):
        sf.sources[0] = dataclasses.replace(sf.sources[0], title=sf.sources[0].title + " (revised)")

    def new_holder(st, sf):
        post = st.posts[2]
        post.holders = [*post.holders, Holding("A New Person", "interim", post.evidence)]

    def salary_type(st, sf):  # 1 and 1.0 are equal in Cypher, not in the store: still a change
        post = next(p for p in st.posts if p.pay and p.pay.fte is not None)
        fte = post.pay.fte
        post.pay = dataclasses.replace(post.pay, fte=float(fte) if isinstance(fte, int) else int(fte))

    def accountable(st, sf):
        st.posts[4].accountable_to = [*st.posts[4].accountable_to, PostLink(st.posts[0].key, st.posts[4].evidence)]

    return {f.__name__: f for f in (retitle, requote, source_title, new_holder, salary_type, accountable)}


@pytest.mark.parametrize("change", list(_changes()))
def test_any_change_to_what_a_structure_writes_changes_its_digest(seed_dataset, change):
    changed = copy.deepcopy(seed_dataset)
    sid = "barnet-2015-04"
    _changes()[change](changed.structures[sid], changed.file_of(sid))
    before, after = digests(seed_dataset), digests(changed)
    assert after[sid] != before[sid]
    if change != "source_title":  # a council's sources are in each of its structures' records
        assert {s: d for s, d in after.items() if s != sid} == {s: d for s, d in before.items() if s != sid}


def test_the_digest_is_a_property_of_the_structure_in_both_stores(seed_dataset):
    from remit.loader.memory import graph_from_dataset
    from remit.loader.schema import structure_uid

    g = graph_from_dataset(seed_dataset)
    for sid, digest in digests(seed_dataset).items():
        assert g.nodes[structure_uid(sid)][DIGEST] == digest


# -- Neo4j -------------------------------------------------------------------------------------------


@pytest.fixture()
def store():
    s = neo4j_test_store()
    wipe(s)
    yield s
    wipe(s)
    load_dataset(s, read_files([SEED]))  # the session's neo4j_backend reads the seed
    s.close()


def _tamper(store, post_uid: str) -> None:
    """A change made behind the loader's back: only a load that writes the structure undoes it."""
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (p:Post {uid: $uid}) SET p.title = 'tampered'", uid=post_uid).consume()


def _title(store, post_uid: str) -> str:
    with store.driver.session(database=store.database) as s:
        return s.run("MATCH (p:Post {uid: $uid}) RETURN p.title AS t", uid=post_uid).single()["t"]


@pytest.mark.neo4j
@pytest.mark.parametrize("loader", ["one-transaction", "in-parts"])
def test_an_unchanged_structure_is_not_written_again_unless_forced(store, seed_dataset, loader):
    load = (
        (lambda data, **kw: load_dataset(store, data, **kw))
        if loader == "one-transaction"
        else (lambda data, **kw: load_in_parts(store, data, max_posts=20, **kw))
    )
    first = load(seed_dataset)
    assert first.unchanged == set()
    victim = "post:barnet-2015-04:" + seed_dataset.structures["barnet-2015-04"].posts[0].key
    _tamper(store, victim)

    again = load(seed_dataset)
    assert again.unchanged == set(seed_dataset.structures)
    assert again == first  # the same counts: what each structure holds
    assert _title(store, victim) == "tampered"  # not written: the hand edit is still there

    forced = load(seed_dataset, force=True)
    assert forced.unchanged == set() and forced == first
    assert export_neo4j(store) == export_memory(seed_dataset)


@pytest.mark.neo4j
def test_a_changed_structure_is_rewritten_in_place_and_equals_a_fresh_load(store, seed_dataset):
    load_dataset(store, seed_dataset)
    changed = copy.deepcopy(seed_dataset)
    sid = "barnet-2015-04"
    st = changed.structures[sid]
    for change in _changes().values():
        change(st, changed.file_of(sid))
    kept = st.posts[0].key
    with store.driver.session(database=store.database) as s:
        identity = s.run("MATCH (p:Post {uid: $uid}) RETURN elementId(p) AS id", uid=f"post:{sid}:{kept}").single()[
            "id"
        ]

    counts = load_dataset(store, changed)
    # The source's new title is in every structure of the council's file: those are rewritten too.
    barnet = {s_.id for s_ in changed.file_of(sid).structures}
    assert counts.unchanged == set(changed.structures) - barnet
    assert export_neo4j(store) == export_memory(changed)
    with store.driver.session(database=store.database) as s:
        again = s.run("MATCH (p:Post {uid: $uid}) RETURN elementId(p) AS id", uid=f"post:{sid}:{kept}").single()["id"]
    assert again == identity  # rewritten in place: the node kept its identity

    load_dataset(store, seed_dataset)  # and back
    assert export_neo4j(store) == export_memory(seed_dataset)


@pytest.mark.neo4j
def test_a_changed_earlier_structure_loaded_alone_keeps_the_later_ones_links(store, seed_dataset):
    """SUPERSEDES / REPLACES belong to the later structure and end on the earlier one's nodes, which
    an in-place rewrite keeps."""
    load_dataset(store, seed_dataset)
    earlier = "barnet-2014-06"
    changed = copy.deepcopy(seed_dataset)
    sf = changed.file_of(earlier)
    replaced = {
        r.post for later in sf.structures if later.supersedes == earlier for p in later.posts for r in p.replaces
    }
    post = next(p for p in changed.structures[earlier].posts if p.key in replaced)
    post.title += " (retitled)"
    only_earlier = Dataset([dataclasses.replace(sf, structures=[st for st in sf.structures if st.id == earlier])])

    counts = load_dataset(store, only_earlier)
    assert counts.unchanged == set()
    assert export_neo4j(store) == export_memory(changed)


@pytest.mark.neo4j
def test_a_later_structure_that_lost_a_link_is_written_by_the_next_load(store, seed_dataset):
    """The earlier structure loaded alone without a post the later one REPLACES: that relationship
    goes with the post (as a fresh load of these files would have it), and the later structure,
    which no longer holds all its records, is written again by the next load of the whole file
    instead of being skipped as unchanged."""
    load_dataset(store, seed_dataset)
    earlier = "barnet-2014-06"
    sf = copy.deepcopy(seed_dataset.file_of(earlier))
    later = next(st for st in sf.structures if st.supersedes == earlier)
    gone = next(r.post for p in later.posts for r in p.replaces)
    st = next(st for st in sf.structures if st.id == earlier)
    st.posts = [p for p in st.posts if p.key != gone]
    for p in st.posts:  # nothing of the earlier structure itself points at the dropped post
        if p.line_manager and p.line_manager.post == gone:
            p.line_manager = None
        p.accountable_to = [a for a in p.accountable_to if a.post != gone]
        p.escalations = [a for a in p.escalations if a.post != gone]
    st.reviews = [r for r in st.reviews if gone not in r.assesses]
    for u in st.units:
        u.accountable_to = [a for a in u.accountable_to if a.post != gone]
    load_dataset(store, Dataset([dataclasses.replace(sf, structures=[st])]))
    with store.driver.session(database=store.database) as s:
        digest = s.run(f"MATCH (s:Structure {{id: $id}}) RETURN s.{DIGEST} AS d", id=later.id).single()["d"]
    assert digest is None

    counts = load_dataset(store, seed_dataset)
    assert later.id not in counts.unchanged
    assert export_neo4j(store) == export_memory(seed_dataset)


@pytest.mark.neo4j
def test_a_reload_in_parts_writes_only_the_councils_that_changed(store, tmp_path):
    folder = write_set(tmp_path / "set", councils=4, structures=2, posts=5)
    data = read_files([folder])
    load_in_parts(store, data, max_posts=10)
    (folder / "c2.yaml").write_text(council_text("c2", 2, 5, holder="Bo Chan"), encoding="utf-8")
    changed = read_files([folder])
    calls: list[tuple[int, int, str]] = []
    counts = load_in_parts(store, changed, max_posts=10, progress=lambda *a: calls.append(a))
    assert counts.unchanged == set(changed.structures) - {"c2-s0", "c2-s1"}
    assert [c[:2] for c in calls] == [(i, 8) for i in range(1, 9)]
    assert sorted(c[2] for c in calls) == sorted(changed.structures)
    assert export_neo4j(store) == export_memory(changed)


@pytest.mark.neo4j
def test_a_reload_in_parts_prunes_a_council_whose_other_structures_are_unchanged(store, tmp_path):
    folder = write_set(tmp_path / "set", councils=2, structures=3, posts=4)
    load_in_parts(store, read_files([folder]), max_posts=10)
    (folder / "c0.yaml").write_text(council_text("c0", 2, 4), encoding="utf-8")  # c0-s2 dropped
    data = read_files([folder])
    counts = load_in_parts(store, data, max_posts=10, prune=True)
    assert counts.unchanged == set(data.structures)  # nothing rewritten; c0-s2 deleted all the same
    assert export_neo4j(store) == export_memory(data)


@pytest.mark.neo4j
def test_remit_load_says_which_structures_it_found_unchanged(store, seed_dataset, capsys):
    import json

    from remit.cli.main import main

    assert main(["load", str(SEED), "--backend", "neo4j", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == []
    assert main(["load", str(SEED), "--backend", "neo4j", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    n = len(seed_dataset.structures)
    assert json.loads(out)["unchanged"] == sorted(seed_dataset.structures)
    assert f"{n} of {n} structure(s) unchanged" in err and "--force" in err and "Traceback" not in err
    assert main(["load", str(SEED), "--backend", "neo4j", "--format", "json", "--force"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["unchanged"] == [] and "unchanged" not in err
    assert export_neo4j(store) == export_memory(seed_dataset)
