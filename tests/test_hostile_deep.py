"""Issue 25, finding 7: deep structures cost time linear in their depth, and never a traceback.

The probe found `span-of-control` taking 11 s on a 5,000-deep line-management chain (276 s on 20,000),
the Structure page's search crashing with RecursionError on a post about 600 levels down, and
`remit ask chain --backend neo4j` on a 5,000-deep chain printing a traceback (exit 1).

The chain is generated here (tests/hostile_data.deep_file): post pN is N steps below the Chief
Executive (the Head of Paid Service), so its tier is N, and its line chain is pN, pN-1, ..., p1, ceo.
Linear is held by counting work, not by a clock: line-manager look-ups on networkx, the server's
database hits on Neo4j (a per-post walk up makes both grow with depth squared: 12.5 million at 5,000).
The 20,000-deep case is a benchmark line (benchmarks/deep_chain.py), not a test: it takes a while to load."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from remit.cli.main import main
from remit.loader import read_files
from remit.loader.neo4j_store import load_dataset
from remit.queries import graph_helpers as h
from remit.queries.backend import MemoryBackend, Neo4jBackend
from remit.queries.catalogue import get

from .hostile_data import DEEP, deep_file
from .neo4j_support import emptied_then_reseeded

DEPTH = 5000
STRUCTURE = f"{DEEP}-2024"
APP = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


@pytest.fixture(scope="module")
def deep_folder(tmp_path_factory):
    return deep_file(tmp_path_factory.mktemp("deep"), DEPTH).parent


@pytest.fixture(scope="module")
def deep_memory(deep_folder):
    return MemoryBackend.from_paths([deep_folder], cache=False)


def expected_tiers() -> dict[str, int]:
    return {"ceo": 0, **{f"p{i}": i for i in range(1, DEPTH + 1)}}


def expected_line_chain(n: int) -> list[str]:
    return [f"p{i}" for i in range(n, 0, -1)] + ["ceo"]


def test_span_of_control_on_networkx_walks_each_line_once(deep_memory, monkeypatch):
    calls = 0
    real = h.line_manager

    def counted(g, post):
        nonlocal calls
        calls += 1
        return real(g, post)

    monkeypatch.setattr(h, "line_manager", counted)
    rows = deep_memory.run("span-of-control", {"structure": STRUCTURE})
    assert {r["post"]: r["tier"] for r in rows} == expected_tiers()
    # Each post's own line manager (the answer's column) and one step of the tier walk: 2 per post.
    # A walk up per post (the old tier_below) made about DEPTH**2 / 2 = 12.5 million.
    assert calls <= 3 * (DEPTH + 1), calls


def test_dcs_accountability_on_networkx_walks_each_line_once(tmp_path, monkeypatch):
    """Every post's line reaches the DCS at the top: each row says so, and the lines are walked once."""
    folder = deep_file(tmp_path / "dcs", DEPTH, dcs_on_top=True).parent
    backend = MemoryBackend.from_paths([folder], cache=False)
    calls = 0
    real = h.line_manager

    def counted(g, post):
        nonlocal calls
        calls += 1
        return real(g, post)

    monkeypatch.setattr(h, "line_manager", counted)
    rows = backend.run("dcs-accountability", {"structure": STRUCTURE})
    assert {r["key"]: r["reaches"] for r in rows} == {f"p{i}": ["line"] for i in range(1, DEPTH + 1)}
    assert all(r["dcs"] == "ceo" and r["sources"] == ["doc"] for r in rows)
    assert calls <= 3 * (DEPTH + 1), calls


def test_chain_on_networkx_is_the_whole_line(deep_memory):
    rows = deep_memory.run("chain", {"structure": STRUCTURE, "post": f"p{DEPTH}"})
    line = [r for r in rows if r["chain"] == "line"]
    assert [r["post"] for r in sorted(line, key=lambda r: r["step"])] == expected_line_chain(DEPTH)
    assert [r for r in rows if r["chain"] == "accountability"] == []


@pytest.fixture(scope="module")
def deep_neo4j(deep_folder, seed_dataset, neo4j_backend):
    """The test database holding only the deep structure (the seed is put back afterwards)."""
    with emptied_then_reseeded(seed_dataset) as store:
        load_dataset(store, read_files([deep_folder]))
        yield Neo4jBackend(store.driver, store.database, store=store)


def _db_hits(backend: Neo4jBackend, question: str, params: dict) -> int:
    q = get(question)
    full = {p.name: None for p in q.params} | dict(q.constants) | params
    with backend.driver.session(database=backend.database) as session:
        result = session.run("PROFILE " + q.cypher, full)
        for _ in result:  # the profile is complete once every record is read
            pass
        summary = result.consume()

    def total(plan) -> int:
        return int(plan.get("dbHits", 0)) + sum(total(c) for c in plan.get("children", []))

    return total(summary.profile)


@pytest.mark.neo4j
@pytest.mark.timeout(300)
def test_span_of_control_on_neo4j_is_linear(deep_neo4j):
    rows = deep_neo4j.run("span-of-control", {"structure": STRUCTURE})
    assert {r["post"]: r["tier"] for r in rows} == expected_tiers()
    hits = _db_hits(deep_neo4j, "span-of-control", {"structure": STRUCTURE})
    # A walk up per post read about DEPTH**2 / 2 relationships (12.5 million); one walk down reads each once.
    assert hits < 200 * DEPTH, hits
    assert deep_neo4j.read("RETURN 1 AS one", {}) == [{"one": 1}]  # the server stays up


@pytest.mark.neo4j
@pytest.mark.timeout(300)
def test_chain_on_neo4j_is_linear_and_complete(deep_neo4j):
    rows = deep_neo4j.run("chain", {"structure": STRUCTURE, "post": f"p{DEPTH}"})
    line = sorted((r for r in rows if r["chain"] == "line"), key=lambda r: r["step"])
    assert [r["post"] for r in line] == expected_line_chain(DEPTH)
    assert [r["step"] for r in line] == list(range(DEPTH + 1))
    hits = _db_hits(deep_neo4j, "chain", {"structure": STRUCTURE, "post": f"p{DEPTH}"})
    assert hits < 200 * DEPTH, hits
    assert deep_neo4j.read("RETURN 1 AS one", {}) == [{"one": 1}]


@pytest.mark.neo4j
@pytest.mark.timeout(300)
def test_remit_ask_chain_on_neo4j_exits_0_with_the_chain(deep_neo4j, capsys, monkeypatch):
    monkeypatch.setenv("REMIT_BACKEND", "neo4j")
    code = main(["ask", "chain", "--structure", STRUCTURE, "--param", f"post=p{DEPTH}", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert f'"p{DEPTH}"' in out and '"ceo"' in out


@pytest.mark.neo4j
@pytest.mark.timeout(300)
def test_a_query_the_server_stops_is_a_message_and_exit_2(deep_neo4j, capsys, monkeypatch):
    """Whatever the depth, a question the server stops at its time limit says so: no traceback."""
    monkeypatch.setenv("REMIT_BACKEND", "neo4j")
    monkeypatch.setenv("REMIT_QUERY_SECONDS", "0.001")
    code = main(["ask", "span-of-control", "--structure", STRUCTURE])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert err.startswith("remit: Neo4j stopped the query after the 0.001 s time limit")
    assert deep_neo4j.read("RETURN 1 AS one", {}) == [{"one": 1}]


def test_a_bad_query_time_limit_is_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("REMIT_BACKEND", "neo4j")
    monkeypatch.setenv("REMIT_QUERY_SECONDS", "soon")
    assert main(["ask", "span-of-control", "--structure", STRUCTURE]) == 2
    assert "REMIT_QUERY_SECONDS must be a number" in capsys.readouterr().err


@pytest.mark.timeout(600)
def test_structure_page_search_finds_the_deepest_post(deep_folder, monkeypatch):
    """The Structure page on the deep file: searching for the deepest post focuses it (the chart
    opens the whole line above it) without RecursionError."""
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(deep_folder))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=300).run()
        at.sidebar.selectbox(key="main_council").select(DEEP).run()
        at.sidebar.selectbox(key="main_structure").select(STRUCTURE).run()
        at.text_input(key="structure_search").input(f"Post {DEPTH}").run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.selectbox(key="structure_post").value == f"p{DEPTH}"
        assert at.subheader[0].value == f"Post {DEPTH}"  # the details panel beside the chart (issue 24)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
