"""The review list and settling it (remit.review, `remit review`), on a Trafford-like imported chart
(tests/fixtures/review: lines inferred from Level and Directorate, roles from job titles, no s151
officer and no DASS named), and the same answers from both stores once the overlay is loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.loader import read_files
from remit.loader.overlay import read_overlay
from remit.queries.assurance import summarise
from remit.queries.backend import MemoryBackend
from remit.review.items import INFERRED, OPEN, review_items
from remit.review.live import effects, file_of
from remit.review.needs import RULE_NEEDS

from .conftest import SEED

FIX = Path(__file__).parent / "fixtures" / "review"
SID = "trafford-2025-04-01"
CE = "chief-executive"
DCS = "corporate-director-of-children-s-services"
FINANCE = "corporate-director-of-finance-and-systems"
ADULTS = "corporate-director-of-adults-and-wellbeing"


@pytest.fixture(scope="module")
def trafford():
    return read_files([FIX])


def _items(data):
    backend = MemoryBackend.from_paths([FIX])
    return {it.id: it for it in review_items(file_of(data, SID), data.structures[SID], summarise(SID, None, backend))}


def test_every_rule_has_its_needs_written_down():
    from remit.queries.catalogue import all_questions

    assert {q.id for q in all_questions("rule")} == set(RULE_NEEDS)


def test_review_list_names_the_open_facts_and_their_candidates(trafford):
    items = _items(trafford)
    # no title names the s151 officer: unknown, with the finance posts as candidates
    s151 = items["role:s151"]
    assert s151.state == OPEN and s151.value is None
    assert FINANCE in s151.candidates and "director-of-finance" in s151.candidates
    assert ("s151-designated", "unknown") in s151.settles and ("mo-not-cfo", "unknown, inferred") in s151.settles
    # nor the DASS: the Corporate Director of Adults and Wellbeing is a candidate, never designated
    assert items["role:dass"].state == OPEN and ADULTS in items["role:dass"].candidates
    # the DCS's line is inferred from Level, with its rule, and settles dcs-first-tier
    line = items[f"line:{DCS}"]
    assert (line.state, line.value, line.reasoning) == (INFERRED, CE, "Level 2 post reports to the only Level 1 post")
    assert any(r == "dcs-first-tier" for r, _ in line.settles)
    # the DCS itself is inferred from its title
    assert items[f"role:dcs:{DCS}"].reasoning == "job title names the statutory role: 'director of children's services'"
    # the top post has no line manager to ask for
    assert f"line:{CE}" not in items
    # ordered by the unknown findings each settles
    order = list(items)
    assert order.index("role:s151") < order.index(f"line:{DCS}")


def test_the_review_command_lists_items(capsys):
    assert main(["review", SID, "--data", str(FIX), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ids = [r["item"] for r in out["rows"]]
    assert "role:s151" in ids and f"line:{DCS}" in ids
    row = next(r for r in out["rows"] if r["item"] == "role:s151")
    assert "settles s151-designated (unknown)" in row["settles"]
    assert "Corporate Director of Finance and Systems (corporate-director-of-finance-and-systems)" in row["candidates"]


def _settle_both(tmp_path: Path, capsys) -> Path:
    o = tmp_path / "trafford-decisions.yaml"
    assert (
        main(
            [
                "review",
                SID,
                "--data",
                str(FIX),
                "--settle",
                f"line:{DCS}",
                "--write",
                str(o),
                "--by",
                "A Reviewer",
                "--date",
                "2025-06-03",
                "--title",
                "Trafford Council Constitution, Part 7",
                "--url",
                "https://example.org/constitution",
                "--quote",
                "The Corporate Director of Children's Services reports to the Chief Executive",
                "--format",
                "json",
            ]
        )
        == 0
    )
    first = json.loads(capsys.readouterr().out)
    assert first["settled"] == f"line:{DCS}"
    assert any(r["changed"].startswith("dcs-first-tier: pass (2 inferred)") for r in first["rows"])
    assert (
        main(
            [
                "review",
                SID,
                "--data",
                str(FIX),
                "--settle",
                "role:s151",
                "--value",
                FINANCE,
                "--write",
                str(o),
                "--by",
                "A Reviewer",
                "--date",
                "2025-06-03",
                "--title",
                "Trafford Council Constitution, Part 7",
                "--url",
                "https://example.org/constitution",
                "--page",
                "14",
                "--format",
                "json",
            ]
        )
        == 0
    )
    second = json.loads(capsys.readouterr().out)
    assert "s151-designated: unknown \u2192 pass" in [r["changed"] for r in second["rows"]]
    return o


def test_confirm_a_line_and_designate_s151_with_a_source(tmp_path, capsys):
    o = _settle_both(tmp_path, capsys)
    overlay, problems = read_overlay(o)
    assert problems == [] and overlay is not None
    line, s151 = overlay.changes
    assert (line.do, line.decision, line.values, line.was) == ("line_manager", "confirm", {"post": DCS, "to": CE}, CE)
    assert (s151.do, s151.decision, s151.values["role"], s151.page) == ("designate", "correct", "s151", "14")
    assert [s.id for s in overlay.sources] == ["trafford-council-constitution-part-7"]  # cited twice, one source
    # the findings with the overlay: s151 designated and stated, the DCS line stated
    assert main(
        ["check", "--structure", SID, "--data", str(FIX), "--overlay", str(o), "--format", "json", "--include-pass"]
    ) in (0, 1)
    rows = json.loads(capsys.readouterr().out)["rows"]
    [s] = [r for r in rows if r["rule"] == "s151-designated"]
    assert s["outcome"] == "pass" and s["inferred"] == [] and FINANCE in s["posts"]
    [d] = [r for r in rows if r["rule"] == "dcs-first-tier"]
    assert d["outcome"] == "pass"
    assert d["inferred"] == [
        "job title names the statutory role: 'director of children's services' [trafford-like-2025-04-01]"
    ]
    # what each decision changed, in order
    data = read_files([FIX])
    steps = effects(file_of(data, SID), overlay)
    assert (
        steps[0] == ["dcs-first-tier: pass (2 inferred) \u2192 pass (1 inferred)"]
        or "dcs-first-tier: pass (2 inferred) \u2192 pass (1 inferred)" in steps[0]
    )
    assert "s151-designated: unknown \u2192 pass" in steps[1]


def test_an_assertion_is_kept_inferred_with_who_and_when(tmp_path, capsys):
    o = tmp_path / "a.yaml"
    assert (
        main(
            [
                "review",
                SID,
                "--data",
                str(FIX),
                "--settle",
                "role:dass",
                "--value",
                ADULTS,
                "--write",
                str(o),
                "--by",
                "A Reviewer",
                "--date",
                "2025-06-04",
                "--reasoning",
                "the directorate runs adult social care",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "ask",
                "statutory-holders",
                "--structure",
                SID,
                "--data",
                str(FIX),
                "--overlay",
                str(o),
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["rows"]
    [dass] = [r for r in rows if r["role"] == "dass"]
    assert dass["post"] == ADULTS
    assert "entered by A Reviewer on 2025-06-04: the directorate runs adult social care [asserted]" in dass["inferred"]


def test_settling_needs_a_document_or_a_reason(tmp_path, capsys):
    o = tmp_path / "n.yaml"
    code = main(
        ["review", SID, "--data", str(FIX), "--settle", "role:s151", "--value", FINANCE, "--write", str(o), "--by", "X"]
    )
    assert code == 2 and "say why" in capsys.readouterr().err and not o.exists()
    code = main(
        [
            "review",
            SID,
            "--data",
            str(FIX),
            "--settle",
            "role:s151",
            "--value",
            FINANCE,
            "--write",
            str(o),
            "--by",
            "X",
            "--title",
            "Constitution",
            "--quote",
            "q",
        ]
    )
    assert code == 2 and "URL or file" in capsys.readouterr().err and not o.exists()


@pytest.mark.neo4j
def test_the_overlay_gives_the_same_answers_on_both_stores(tmp_path, capsys, seed_dataset):
    """Loaded into Neo4j with its base (one transaction), the downloaded overlay answers as the memory
    store does with --overlay: every rule's findings and every question."""
    from remit.queries.backend import Neo4jBackend
    from remit.queries.catalogue import all_questions
    from tests.neo4j_support import emptied_then_reseeded

    o = _settle_both(tmp_path, capsys)
    with emptied_then_reseeded(seed_dataset) as store:
        assert main(["load", str(FIX), "--overlay", str(o), "--backend", "neo4j"]) == 0
        capsys.readouterr()
        neo = Neo4jBackend(store.driver, store.database, store=store)
        mem = MemoryBackend.from_paths([FIX], [o])
        for q in sorted(all_questions("rule"), key=lambda q: q.id):
            assert neo.run(q, {"structure": SID}) == mem.run(q, {"structure": SID}), q.id
        for qid, params in [("statutory-holders", {}), ("span-of-control", {}), ("chain", {"post": DCS})]:
            assert neo.run(qid, {"structure": SID, **params}) == mem.run(qid, {"structure": SID, **params}), qid
        # the stated facts carry who settled them on both stores
        from remit.queries.snapshot import snapshot

        for backend in (neo, mem):
            snap = snapshot(backend, SID)
            lines = [e["props"] for e in snap.edges_of("LINE_MANAGED_BY") if e["src"].endswith(DCS)]
            assert [(p.get("settled_by"), p.get("settled_on"), p.get("inferred")) for p in lines] == [
                ("A Reviewer", "2025-06-03", None)
            ]
        # the CLI on both stores agrees too
        assert main(["check", "--structure", SID, "--backend", "neo4j", "--format", "json", "--include-pass"]) in (0, 1)
        on_neo = json.loads(capsys.readouterr().out)["rows"]
        assert main(
            ["check", "--structure", SID, "--data", str(FIX), "--overlay", str(o), "--format", "json", "--include-pass"]
        ) in (0, 1)
        assert json.loads(capsys.readouterr().out)["rows"] == on_neo


@pytest.mark.neo4j
def test_a_scenario_loads_beside_its_base_on_neo4j_and_in_memory(tmp_path, capsys, seed_dataset):
    """The scenario is a structure of its own: both stores hold the base and the scenario, and judge
    dcs-first-tier the same on each (the paper's flag on the base, a pass on the scenario)."""
    from tests.neo4j_support import emptied_then_reseeded

    harrow = str(SEED / "harrow.yaml")
    o = tmp_path / "s.yaml"
    o.write_text(
        "overlay: remit-overlay/1\nstructure: harrow-2023\nscenario: {id: harrow-2023-s, label: S}\nchanges:\n"
        "  - {do: line_manager, post: director-childrens-services, to: chief-executive, asserted: true,"
        " reasoning: r, by: X, date: 2025-01-01}\n"
    )

    def answers(*store: str) -> tuple[list[str], dict[str, list[str]]]:
        assert main(["structures", "--council", "harrow", *store, "--format", "json"]) == 0
        ids = sorted(r["structure"] for r in json.loads(capsys.readouterr().out)["rows"])
        outcomes = {}
        for sid in ("harrow-2023", "harrow-2023-s"):
            main(["check", "--structure", sid, *store, "--format", "json", "--include-pass"])
            rows = json.loads(capsys.readouterr().out)["rows"]
            outcomes[sid] = [r["outcome"] for r in rows if r["rule"] == "dcs-first-tier"]
        return ids, outcomes

    on_memory = answers("--data", harrow, "--overlay", str(o))
    assert "harrow-2023" in on_memory[0] and "harrow-2023-s" in on_memory[0]
    assert on_memory[1] == {"harrow-2023": ["flag"], "harrow-2023-s": ["pass"]}
    with emptied_then_reseeded(seed_dataset):
        assert main(["load", harrow, "--overlay", str(o), "--backend", "neo4j"]) == 0
        capsys.readouterr()
        assert answers("--backend", "neo4j") == on_memory


def test_linked_data_export_says_who_settled_a_fact(tmp_path, capsys):
    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

    from remit.formats.linked_data import REMIT

    o = _settle_both(tmp_path, capsys)
    assert main(["export", SID, "--format", "turtle", "--data", str(FIX), "--overlay", str(o)]) == 0
    g = Graph().parse(data=capsys.readouterr().out, format="turtle")
    statements = [st for st in g.subjects(RDF.type, RDF.Statement) if (st, PROV.wasAttributedTo, None) in g]
    assert len(statements) == 2  # the confirmed line and the s151 designation
    for st in statements:
        agent = g.value(st, PROV.wasAttributedTo)
        assert (agent, RDF.type, PROV.Agent) in g and g.value(agent, RDFS.label) == Literal("A Reviewer")
        assert g.value(st, DCTERMS.date) == Literal("2025-06-03", datatype=XSD.date)
        assert g.value(st, REMIT.inferred) == Literal(False)


def test_who_settled_shows_in_the_evidence_table_and_the_chart_tooltip(tmp_path, capsys):
    from remit.dashboard.chart_data import chart_args
    from remit.dashboard.details import post_facts
    from remit.present.orgchart import chart_graph
    from remit.queries.snapshot import snapshot

    o = _settle_both(tmp_path, capsys)
    snap = snapshot(MemoryBackend.from_paths([FIX], [o]), SID)
    facts = post_facts(snap, DCS)
    [line] = [f for f in facts if f["fact"].startswith("line managed by")]
    assert line["stated or inferred"] == "stated"
    assert line["settled"] == "settled by A Reviewer on 2025-06-03 from trafford-council-constitution-part-7"
    [role] = [f for f in post_facts(snap, FINANCE) if f["fact"].startswith("designated")]
    assert role["settled"] == "settled by A Reviewer on 2025-06-03 from trafford-council-constitution-part-7"
    args = chart_args(chart_graph(snap), view=SID)
    [node] = [n for n in args["nodes"] if n["id"] == FINANCE]
    assert "Role s151: settled by A Reviewer on 2025-06-03" in node["title"]
    [edge] = [e for e in args["edges"] if e["from"] == DCS and e.get("relation") == "LINE_MANAGED_BY"]
    assert "settled by A Reviewer on 2025-06-03" in edge["title"]
