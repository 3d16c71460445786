"""Questions across councils: the structures in force, the national questions, every per-structure question
over a scope, on the seed (facts from its documents) and on generated multi-council sets (property-based),
with networkx and Neo4j held equal."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remit.loader import Dataset
from remit.loader.dates import PartialDate
from remit.loader.memory import graph_from_dataset
from remit.loader.model import Council
from remit.queries.backend import MemoryBackend
from remit.queries.catalogue import all_questions, parameter_sets
from remit.queries.national_changes import holder_changes
from remit.queries.national_rules import national_findings
from remit.queries.scope import Scope, ScopeError, council_filter, run_scoped, structures
from remit.queries.structures import resolve
from tests.test_questions_property import structure_files

DATES = ("2014-07-01", "2015-06-01", "2016-01-01", "2018-01-16", "2018-05-01", "2022-05-15", "2023-01-15")
NATIONAL = all_questions("national")
PER_STRUCTURE = [q for q in all_questions() if q.kind in ("question", "rule")]


def test_in_force_is_resolve_for_every_council(backend):
    councils = {r["council"] for r in backend.run("structures", {})}
    for as_of in DATES:
        chosen = {r["council"]: r["structure"] for r in structures(backend, Scope(as_of))}
        for council in councils:
            try:
                expected = resolve(backend, council=council, as_of=as_of)[0]
            except ValueError:
                expected = None
            assert chosen.get(council) == expected, (council, as_of)


def test_register_and_exposure_state_the_documents(backend):
    """Harrow's March 2023 report: the Corporate Director of People is the interim DASS from 1 January 2023;
    Sandwell's January 2018 paper: an interim Executive Director of Children's Services."""
    rows = backend.run("director-exposure", Scope("2023-01-15").params())
    found = {(r["council"], r["role"], r["post"], r["basis"]) for r in rows}
    assert ("harrow", "dass", "corporate-director-people", "interim") in found
    # Issue 21: in force on that date is the April 2018 structure (the Trust, set up under the Statutory Direction,
    # S 33); its designation's basis is not stated and the January interim holder is carried, marked inferred.
    [sandwell] = [r for r in rows if r["council"] == "sandwell"]
    assert (sandwell["post"], sandwell["basis"], sandwell["holder_basis"]) == (
        "executive-director-childrens-services",
        "not stated",
        ["interim"],
    )
    assert any(i.startswith("The interim DCS of January 2018") for i in sandwell["inferred"])
    assert all(r["role"] in ("dcs", "dass") and r["sources"] for r in rows)
    register = backend.run("statutory-register", Scope("2023-01-15").params())
    assert {r["council"] for r in register} == {"barnet", "harrow", "leicester", "sandwell"}
    harrow = {r["role"]: r for r in register if r["council"] == "harrow"}
    assert harrow["s151"]["holder"] == ["Dawn Calvert"] and harrow["mo"]["holder"] == ["Hugh Peart"]


def test_type_and_region_narrow_the_scope(backend):
    london = {r["council"] for r in structures(backend, Scope("2023-01-15", type="LBO"))}
    assert london == {"barnet", "harrow"}
    assert {r["council"] for r in structures(backend, Scope("2023-01-15", region="West Midlands"))} == {"sandwell"}
    assert {r["council"] for r in structures(backend, Scope("2023-01-15", type="UA", region="london"))} == set()
    with pytest.raises(ScopeError):
        council_filter("no-such-type", None)
    with pytest.raises(ScopeError):
        council_filter(None, "Atlantis")


def test_holder_changes_is_a_catalogue_question(backend):
    """Asked like any national question: backend.run with its parameters gives holder_changes' rows."""
    params = {**Scope("2023-01-15").params(), "since": "2022-05-15"}
    assert backend.run("holder-changes", params) == holder_changes(backend, "2022-05-15", Scope("2023-01-15"))
    london = {**Scope("2023-01-15", type="LBO").params(), "since": "2022-05-15"}
    assert {r["council"] for r in backend.run("holder-changes", london)} <= {"barnet", "harrow"}
    with pytest.raises(ValueError, match="needs two dates"):
        backend.run("holder-changes", Scope("2023-01-15").params())


def test_holder_changes_between_two_dates(backend):
    rows = backend.run("holder-changes", {**Scope("2023-01-15").params(), "since": "2022-05-15"})
    harrow = {r["role"]: r for r in rows if r["council"] == "harrow"}
    # The DASS moved from the acting DASS post to the interim Corporate Director of People on 2023-01-01.
    assert harrow["dass"]["after_posts"] == ["corporate-director-people"] and harrow["dass"]["after_basis"] == [
        "interim"
    ]
    assert all(r["change"] in ("holder", "basis", "designation") for r in rows)


def test_rule_findings_across_councils_keep_their_guidance(backend):
    rows = national_findings(backend, Scope("2023-01-15"))
    assert rows and all(r["outcome"] in ("flag", "unknown") and r["guidance"] for r in rows)  # not pass, not n/a
    assert {"harrow", "sandwell"} <= {r["council"] for r in rows if r["rule"] == "statutory-interim"}


@pytest.mark.neo4j
@pytest.mark.parametrize("as_of", DATES)
def test_seed_national_and_scoped_parity(as_of, memory_backend, neo4j_backend):
    scope = Scope(as_of)
    for q in NATIONAL:
        for extra in parameter_sets(q, {"date": ["2015-06-01", "2022-05-15"]}):  # holder-changes: since
            params = {**scope.params(), **extra}
            assert memory_backend.run(q, params) == neo4j_backend.run(q, params), (q.id, extra)
    for q in PER_STRUCTURE:
        for extra in parameter_sets(
            q, {"function": ["childrens-social-care", "education"], "post": ["chief-executive"]}
        ):
            assert run_scoped(memory_backend, q, scope, extra) == run_scoped(neo4j_backend, q, scope, extra), q.id
    assert holder_changes(memory_backend, "2015-06-01", scope) == holder_changes(neo4j_backend, "2015-06-01", scope)
    assert national_findings(memory_backend, scope, True) == national_findings(neo4j_backend, scope, True)


# -- generated multi-council sets ---------------------------------------------------------------------
PREFIX = "natprop"
EFFECTIVE = ("2019", "2020-04", "2021-06-01", "2023")


@st.composite
def council_sets(draw):
    files = []
    for c in range(draw(st.integers(2, 4))):
        base = draw(structure_files())
        cid = f"{PREFIX}{c}"
        chosen = []
        for j in range(draw(st.integers(1, 2))):
            one = base.structures[0] if j == 0 else draw(structure_files()).structures[0]
            chosen.append(
                dataclasses.replace(
                    one,
                    id=f"{cid}-s{j}",
                    status=draw(st.sampled_from(("existing", "approved", "proposed"))),
                    effective=PartialDate(draw(st.sampled_from(EFFECTIVE))),
                )
            )
        files.append(
            dataclasses.replace(
                base,
                path=f"{cid}.yaml",
                council=Council(cid, f"Council {c}", "unitary", code=("BNE", "SAW", "")[c % 3]),
                structures=chosen,
            )
        )
    return Dataset(files)


@pytest.fixture(scope="module")
def neo4j_store():
    from tests.neo4j_support import neo4j_test_store

    store = neo4j_test_store()
    yield store
    _forget(store)


def _forget(store) -> None:
    with store.driver.session(database=store.database) as session:
        session.run(
            "MATCH (n) WHERE n.council STARTS WITH $p OR n.structure STARTS WITH $p DETACH DELETE n", p=PREFIX
        ).consume()


def _mine(rows):
    return [r for r in rows if r["council"].startswith(PREFIX)]


@pytest.mark.neo4j
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=council_sets(), as_of=st.sampled_from(("2020-01-01", "2021-06-15", "2023-01-15")))
def test_generated_councils_agree(neo4j_store, data, as_of):
    from remit.loader.neo4j_store import load_dataset
    from remit.queries.backend import Neo4jBackend

    _forget(neo4j_store)
    load_dataset(neo4j_store, data)
    memory = MemoryBackend(graph_from_dataset(data), data)
    neo = Neo4jBackend(neo4j_store.driver, neo4j_store.database)
    for scope in (Scope(as_of), Scope(as_of, type="LBO")):
        assert structures(memory, scope) == _mine(structures(neo, scope))
        for q in NATIONAL:
            for extra in parameter_sets(q, {"date": ["2020-01-01"]}):  # holder-changes: since
                params = {**scope.params(), **extra}
                assert memory.run(q, params) == _mine(neo.run(q, params)), q.id
        for q in PER_STRUCTURE:
            assert run_scoped(memory, q, scope) == _mine(run_scoped(neo, q, scope)), q.id
        assert national_findings(memory, scope, True) == _mine(national_findings(neo, scope, True))
    assert holder_changes(memory, "2020-01-01", Scope(as_of)) == _mine(holder_changes(neo, "2020-01-01", Scope(as_of)))


@pytest.mark.neo4j
def test_routing_uri_loads_then_reads_what_it_loaded(monkeypatch, seed_dataset):
    """The same commands through a neo4j:// routing URI (as on a cluster or Aura): the load's writes
    go to the leader, reads run as read transactions and see the load (shared bookmarks)."""
    import os

    from remit.loader.neo4j_store import connect, load_dataset
    from remit.queries.backend import Neo4jBackend
    from tests.neo4j_support import neo4j_test_store

    neo4j_test_store().close()  # skips or fails (REMIT_REQUIRE_NEO4J) without a server, as every neo4j test
    monkeypatch.setenv("NEO4J_URI", os.environ["NEO4J_URI"].replace("bolt://", "neo4j://"))
    with connect() as store:
        assert store.uri.startswith("neo4j://")
        counts = load_dataset(store, seed_dataset)
        neo = Neo4jBackend(store.driver, store.database, store=store)
        loaded = {r["structure"]: r["posts"] for r in neo.run("structures", {})}
        assert {sid: loaded[sid] for sid in counts} == {sid: c["nodes"]["Post"] for sid, c in counts.items()}
        assert neo.run("director-exposure", Scope("2023-01-15").params())


# -- the command line ------------------------------------------------------------------------------------
def _cli(capsys, *argv):
    from remit.cli.main import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_all_answers_for_every_council(capsys):
    import json

    code, out, _ = _cli(capsys, "ask", "director-exposure", "--all", "--as-of", "2023-01-15", "--format", "json")
    body = json.loads(out)
    assert code == 0 and body["scope"] == "all" and body["as_of"] == "2023-01-15"
    assert {(r["council"], r["role"]) for r in body["rows"]} >= {("harrow", "dass"), ("sandwell", "dcs")}
    code, out, _ = _cli(
        capsys, "ask", "interim-exposure", "--all", "--as-of", "2023-01-15", "--region", "London", "--format", "json"
    )
    assert code == 0 and {r["council"] for r in json.loads(out)["rows"]} == {"harrow"}
    code, out, _ = _cli(
        capsys,
        "ask",
        "holder-changes",
        "--all",
        "--as-of",
        "2023-01-15",
        "--param",
        "since=2022-05-15",
        "--format",
        "json",
    )
    assert code == 0 and any(r["council"] == "harrow" and r["role"] == "dass" for r in json.loads(out)["rows"])


def test_all_answers_name_the_councils_they_cannot_speak_for(capsys, backend):
    """On 1 May 2015 only Barnet's papers speak (the October 2014 report's June 2014 structure); Harrow's
    first paper is of 5 June 2015, Sandwell's of 16 January 2018, Leicester's of 27 June 2018 (INDEX.md).
    An answer over every council says which councils it leaves out and why, never silently."""
    import json

    from remit.queries.scope import not_answered

    seed = {"barnet", "harrow", "leicester", "sandwell"}  # the store may hold other tests' councils too
    left = {r["council"]: r["why"] for r in not_answered(backend, Scope("2015-05-01"))}
    assert set(left) & seed == {"harrow", "leicester", "sandwell"}
    assert "2015-06-05" in left["harrow"] and "2018-01-16" in left["sandwell"] and "2018-06-27" in left["leicester"]
    assert not {r["council"] for r in not_answered(backend, Scope("2023-01-15"))} & seed
    for argv in (("ask", "director-exposure"), ("check",)):
        code, out, _ = _cli(capsys, *argv, "--all", "--as-of", "2015-05-01", "--format", "json")
        assert {r["council"] for r in json.loads(out)["not_answered"]} == {"harrow", "leicester", "sandwell"}
        code, out, _ = _cli(capsys, *argv, "--all", "--as-of", "2015-05-01")
        assert "Not answered for sandwell: no structure in force on 2015-05-01" in out


def test_cli_check_all_exits_1_when_a_council_flags(capsys):
    code, out, _ = _cli(capsys, "check", "--all", "--as-of", "2023-01-15", "--format", "csv")
    assert code == 1 and "statutory-interim" in out and ",pass," not in out


@pytest.mark.parametrize(
    "argv",
    [
        ("ask", "director-exposure", "--as-of", "2023-01-15"),  # national without --all
        ("ask", "statutory-holders", "--all"),  # --all without a date
        ("ask", "statutory-holders", "--all", "--as-of", "2023-01-15", "--type", "XX"),
        ("ask", "statutory-holders", "--all", "--as-of", "2023-01-15", "--structure", "barnet-2015-04"),
        ("ask", "statutory-holders", "--type", "LBO", "--structure", "barnet-2015-04"),
        ("ask", "holder-changes", "--all", "--as-of", "2023-01-15"),  # no since
        ("check", "--all", "--as-of", "not-a-date"),
    ],
)
def test_cli_scope_usage_errors_exit_2(capsys, argv):
    code, out, err = _cli(capsys, *argv)
    assert code == 2 and err.startswith("remit: ") and "Traceback" not in err
