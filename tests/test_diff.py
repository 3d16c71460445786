"""`remit diff`: what a restructure creates, deletes, amends, moves and costs.

The expected answers are read from the source documents (/work/shared/seeds/), not from program
output: Barnet's General Functions Committee report (001, section 6.8 and Appendix C1/C2),
Leicester's Employees Committee report (004, section 6) and Harrow's LGA letter (003, para 2).
Each test runs on networkx and on the real local Neo4j (the `backend` fixture).
"""

from __future__ import annotations

import json

import pytest

from remit.cli.main import main
from remit.diff import diff

BARNET = ("barnet-2014-06", "barnet-2015-04")
LEICESTER = ("leicester-2018-06-before", "leicester-2018-06-after")
HARROW = ("harrow-2015-before", "harrow-2015-after")

# 001, 6.8: "the following positions will be deleted from the existing establishment"
BARNET_DELETED = {
    "Strategic Director for Communities",
    "Strategic Director for Growth and Environment",
    "Lead Commissioner (Later Life)",
    "Lead Commissioner (Family and Community Wellbeing)",
    "Lead Commissioner (Schools, Skills and Learning)",
    "Lead Commissioner (Enterprise and Regeneration)",
    "Lead Commissioner (Housing and Environment)",
}
# 001, 6.8: "The following positions will be created"
BARNET_CREATED = {
    "Strategic Director for Commissioning",
    "Commissioning Director (Children and Young People)",
    "Commissioning Director (Growth and Development)",
    "Commissioning Director (Adults and Health)",
    "Commissioning Director (Environment)",
}

# 001, Appendix C1, column "Current Grade" (the current salary), one entry per table row. The
# Joint Director of Public Health row has no salary. Printed total: 2,071,185.
C1_SALARIES = [
    187_613,  # Chief Executive
    158_464,  # Director for Communities
    134_870,  # Director for Growth & Environment
    158_464,  # Chief Operating Officer
    94_599,
    94_599,
    94_599,
    94_599,
    94_599,  # the five Lead Commissioners
    94_599,  # Assistant Director for Strategy
    108_846,  # Deputy Chief Operating Officer
    113_846,  # Commercial and Customer Services Director
    103_846,  # Director of Assurance
    79_457,  # Head of Communications
    124_870,  # Director for Adults & Communities
    94_599,  # Director of Streetscene
    124_870,  # Director of Family Services
    113_846,  # Director of Education and Skills
]
# 001, Appendix C2 (proposed), the same column. The OCR wrapped "Commissioning Director (Children
# & Young" onto a "People)" line carrying the next row's figures (113,846), and garbled the Growth
# and Development line ("113,040"); the rows below, read that way, add up to the printed total
# 1,969,999. The OCR ghost lines ("2552 (1)", "Director for Streetseeme", ...) are not rows, and the
# Joint Director of Public Health row has no figures.
C2_SALARIES = [
    187_613,  # Chief Executive
    158_464,  # Strategic Director for Commissioning
    158_464,  # Chief Operating Officer
    124_870,  # Director for Family Services
    94_599,  # Director for Streetscene
    124_870,  # Director for Adults & Communities
    113_846,  # Director for Education and Skills
    124_870,  # Commissioning Director (Children & Young People)
    113_846,  # Commissioning Director (Growth and Development)
    124_870,  # Commissioning Director (Adults & Health)
    113_846,  # Commissioning Director (Environment)
    113_846,  # Director for Strategy
    113_846,  # Deputy Chief Operating Officer
    113_846,  # Commercial and Customer Services Director
    108_846,  # Director of Assurance
    79_457,  # Head of Communications & Marketing
]


def officer_rows(rows, change):
    """Officer posts only: member roles (kind "member post") are reported in rows of their own and
    are not part of the establishment the committee reports compare."""
    return [r for r in rows if r["kind"] == "post" and r["change"] == change]


def metric(result, name):
    return next(m for m in result.cost["metrics"] if m["metric"] == name)


# -- Barnet -------------------------------------------------------------------------------------
def test_barnet_deleted_and_created_posts_are_those_of_6_8(backend):
    result = diff(backend, *BARNET)
    assert {r["subject"] for r in officer_rows(result.rows, "deleted")} == BARNET_DELETED
    assert {r["subject"] for r in officer_rows(result.rows, "created")} == BARNET_CREATED
    assert len(officer_rows(result.rows, "deleted")) == 7 and len(officer_rows(result.rows, "created")) == 5
    # Member posts are reported, in rows of their own: the LMCS is named only for April 2015, and the report does
    # not create it (6.8 creates five officer posts): issue 21, "not recorded before", never "created".
    members = [r for r in result.rows if r["kind"] == "member post"]
    assert [(r["change"], r["subject"]) for r in members] == [
        ("not recorded before", "Lead Member for Children's Services")
    ]


def test_barnet_merger_names_successor_and_predecessors(backend):
    """1.3: two Strategic Directors reduced to one Strategic Director for Commissioning."""
    rows = diff(backend, *BARNET).rows
    created = next(r for r in officer_rows(rows, "created") if r["subject"] == "Strategic Director for Commissioning")
    assert "Strategic Director for Communities" in created["detail"]
    assert "Strategic Director for Growth and Environment" in created["detail"]
    for title in ("Strategic Director for Communities", "Strategic Director for Growth and Environment"):
        deleted = next(r for r in officer_rows(rows, "deleted") if r["subject"] == title)
        assert "Strategic Director for Commissioning" in deleted["detail"]
        assert deleted["sources_before"] and deleted["sources_after"]


def test_barnet_amended_posts_are_the_three_of_6_8(backend):
    rows = diff(backend, *BARNET).rows
    amended = officer_rows(rows, "amended")
    assert len(amended) == 3
    by_subject = {r["subject"]: r for r in amended}
    # "Assistant Director for Commissioning Strategy to Director for Strategy"
    strategy = by_subject["Director for Strategy"]
    assert "Assistant Director for Commissioning Strategy" in strategy["before"]
    assert "title" in strategy["detail"]
    # "Head of Communications to Head of Communications and Marketing, with reporting line to the
    # Director for Strategy"
    comms = by_subject["Head of Communications and Marketing"]
    assert "Head of Communications" in comms["before"] and "Marketing" not in comms["before"]
    line = next(r for r in rows if r["kind"] == "line management" and r["key_after"] == comms["key_after"])
    assert line["after"] == "Director for Strategy"
    # "Adult and Community Services Director to remove commissioning functions and statutory designation"
    adults = next(r for s, r in by_subject.items() if "Adults" in s and "Communities" in s)
    assert "DASS" in adults["before"] and "DASS" not in adults["after"]
    # The pay changes are listed apart from the role amendments.
    assert all(r["change"] != "amended" or "salary" not in r["detail"] for r in rows)
    for r in amended:
        assert r["sources_before"] and r["sources_after"]


def test_barnet_dass_moves_into_the_commissioning_group(backend):
    """6.7/6.8: the DASS moves from the Adults & Communities director to the Commissioning Group."""
    rows = diff(backend, *BARNET).rows
    dass = next(r for r in rows if r["kind"] == "designation" and r["subject"] == "DASS")
    assert dass["change"] == "designation moved"
    assert "Adults & Communities" in dass["before"] and dass["after"] == "Commissioning Director (Adults and Health)"


def test_barnet_cost_reproduces_the_tables(backend):
    result = diff(backend, *BARNET)
    assert sum(C1_SALARIES) == 2_071_185 and sum(C2_SALARIES) == 1_969_999  # the transcription above
    salary = metric(result, "salary")
    assert salary["before"] == sum(C1_SALARIES)
    assert salary["after"] == sum(C2_SALARIES)
    assert salary["difference"] == sum(C2_SALARIES) - sum(C1_SALARIES)
    # The document's own figures, beside the computed ones, and the gap.
    assert (salary["stated_before"], salary["stated_after"], salary["stated_change"]) == (
        2_071_185,
        1_969_999,
        -101_186,
    )
    assert salary["gap_change"] == salary["difference"] - (-101_186)
    # The Joint Director of Public Health has no salary on either side: counted, not taken as zero.
    assert salary["posts_without_before"] == 1 and salary["posts_with_before"] == len(C1_SALARIES)
    assert salary["posts_with_after"] == len(C2_SALARIES)


# -- Leicester ----------------------------------------------------------------------------------
def test_leicester_two_strategic_directors_become_one_holding_dcs_and_dass(backend):
    rows = diff(backend, *LEICESTER).rows
    assert {r["subject"] for r in officer_rows(rows, "deleted")} == {
        "Strategic Director of Adult Social Care",
        "Strategic Director of Education and Children's Services",
    }
    assert {r["subject"] for r in officer_rows(rows, "created")} == {"Strategic Director of Social Care and Education"}
    new_key = officer_rows(rows, "created")[0]["key_after"]
    combined = [r for r in rows if r["change"] == "designations combined"]
    assert [r["key_after"] for r in combined] == [new_key]
    assert "DCS" in combined[0]["after"] and "DASS" in combined[0]["after"]
    for code in ("DCS", "DASS"):
        row = next(r for r in rows if r["kind"] == "designation" and r["subject"] == code)
        assert row["key_after"] == new_key and row["sources_after"]


def test_leicester_school_place_functions_move_to_city_development(backend):
    """6.1: "The transfer of pupil place planning, new school place provision and the children's
    capital programme to City Development and Neighbourhoods"."""
    rows = diff(backend, *LEICESTER).rows
    moved = {r["subject"]: r for r in rows if r["kind"] == "function" and r["change"] == "function moved"}
    for name in ("Pupil place planning", "New school place provision", "Children's capital programme"):
        assert name in moved, name
        assert moved[name]["after"] == "City Development and Neighbourhoods"
        assert moved[name]["sources_before"] and moved[name]["sources_after"]


def test_leicester_stated_saving_is_shown(backend, capsys):
    result = diff(backend, *LEICESTER)
    assert metric(result, "total_cost")["stated_change"] == -125_000
    # Leicester gives grade ranges, no point salaries: the ranges are summed min and max apart.
    assert metric(result, "salary")["before"] is None
    assert metric(result, "salary_min")["before"] < metric(result, "salary_max")["before"]


# -- Harrow -------------------------------------------------------------------------------------
def test_harrow_corporate_directors_four_to_three(backend, seed_dataset):
    result = diff(backend, *HARROW)
    row = next(r for r in result.rows if r["kind"] == "stated count")
    assert (row["subject"], row["before"], row["after"]) == ("Corporate Director posts", 4, 3)
    count = next(c for c in result.cost["counts"] if c["what"] == "Corporate Director posts")
    recorded = {sid: sum("Corporate Director" in p.title for p in seed_dataset.structures[sid].posts) for sid in HARROW}
    assert (count["stated_before"], count["stated_after"]) == (4, 3)
    assert (count["recorded_before"], count["recorded_after"]) == (recorded[HARROW[0]], recorded[HARROW[1]])
    assert str(recorded[HARROW[0]]) in row["detail"]


# -- general ------------------------------------------------------------------------------------
@pytest.mark.parametrize("structure", ["barnet-2015-04", "leicester-2018-06-before", "harrow-2023"])
def test_structure_against_itself_is_empty(backend, structure):
    result = diff(backend, structure, structure)
    assert result.rows == []
    assert all(m["difference"] in (0, None) for m in result.cost["metrics"])
    # A document's change line belongs to its own restructure, not to this pair.
    assert all(m["stated_change"] is None for m in result.cost["metrics"]) and result.cost["counts"] == []


def test_every_row_has_sources(backend):
    for pair in (BARNET, LEICESTER, HARROW):
        for r in diff(backend, *pair).rows:
            assert r["sources_before"] or r["sources_after"], r


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "pair", [BARNET, LEICESTER, HARROW, ("harrow-2015-after", "harrow-2023"), ("sandwell-2018-01", "sandwell-2018-04")]
)
def test_diff_is_identical_on_both_stores(memory_backend, neo4j_backend, pair):
    on_memory, on_neo4j = diff(memory_backend, *pair), diff(neo4j_backend, *pair)
    assert on_memory.rows == on_neo4j.rows
    assert on_memory.cost == on_neo4j.cost


# -- the command line ---------------------------------------------------------------------------
def test_cli_json(capsys):
    assert main(["diff", *BARNET, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["command"] == "diff" and out["structures"] == list(BARNET)
    assert out["columns"][:3] == ["change", "kind", "subject"]
    assert {r["subject"] for r in officer_rows(out["rows"], "deleted")} == BARNET_DELETED
    salary = next(m for m in out["cost"]["metrics"] if m["metric"] == "salary")
    assert salary["stated_change"] == -101_186


def test_cli_table_shows_changes_then_cost(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # the table fits the terminal: a wide one here
    assert main(["diff", *BARNET]) == 0
    out = capsys.readouterr().out
    assert out.index("Strategic Director for Commissioning") < out.index("Cost")
    for figure in ("£2,071,185", "£1,969,999", "\u2212£101,186"):  # money for people
        assert figure in out[out.index("Cost") :]


def test_cli_as_of_form(capsys):
    assert (
        main(["diff", "--council", "harrow", "--as-of", "2015-07-01", "--as-of", "2023-01-01", "--format", "json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["structures"] == ["harrow-2015-before", "harrow-2023"]


@pytest.mark.parametrize(
    "argv, words",
    [
        (["diff", "barnet-2014-06", "leicester-2018-06-after"], ("barnet", "leicester", "one council")),
        (["diff", "barnet-2014-06", "no-such-structure"], ("unknown structure", "no-such-structure")),
        (["diff", "barnet-2014-06"], ("two structures",)),
        (["diff", "--council", "barnet", "--as-of", "2015-01-01"], ("two dates",)),
    ],
)
def test_cli_refuses_bad_pairs(capsys, argv, words):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    for word in words:
        assert word in captured.err


# -- rules the seed does not exercise (a small synthetic council, memory only) --------------------
SYNTHETIC = """
format: remit/1
council: {id: testshire, name: Testshire Council, kind: unitary}
sources:
  - {id: t1, title: Test paper, date: 2024-01-01, file: testshire-absent.txt}
structures:
  - id: t-before
    label: Before
    effective: 2024-01-01
    status: existing
    source: t1
    quote: before
    posts:
      - key: ce
        title: Chief Executive
        designations: [{role: hops, source: t1, quote: q}]
        source: t1
        quote: q
      - key: people
        title: Director of People
        line_manager: {post: ce, source: t1, quote: q}
        designations:
          - {role: dcs, source: t1, quote: q}
          - {role: dass, source: t1, quote: q}
        pay: {salary: 100000, fte: 1, source: t1, quote: q}
        source: t1
        quote: q
      - key: head-early-help
        title: Head of Early Help
        line_manager: {post: people, source: t1, quote: q}
        pay: {salary: 60000, on_costs: 15000, source: t1, quote: q}
        source: t1
        quote: q
  - id: t-after
    label: After
    effective: 2024-06-01
    status: approved
    supersedes: t-before
    source: t1
    quote: after
    posts:
      - key: ce
        title: Chief Executive
        designations: [{role: hops, source: t1, quote: q}]
        source: t1
        quote: q
      - key: children
        title: Director of Children's Services
        line_manager: {post: ce, source: t1, quote: q}
        replaces: [{post: people, source: t1, quote: q}]
        designations: [{role: dcs, source: t1, quote: q}]
        pay: {salary: 110000, source: t1, quote: q}
        source: t1
        quote: q
      - key: adults
        title: Director of Adult Social Services
        # The synthetic document states the creation (issue 21: "created" only where a document says so).
        created: {source: t1, quote: q}
        line_manager: {post: ce, source: t1, quote: q}
        designations: [{role: dass, source: t1, quote: q}]
        source: t1
        quote: q
      - key: head-early-help
        title: Head of Early Help
        line_manager: {post: ce, source: t1, quote: q}
        pay: {salary: 60000, source: t1, quote: q}
        source: t1
        quote: q
"""


@pytest.fixture(scope="module")
def synthetic():
    import tempfile
    from pathlib import Path

    from remit.loader import read_files
    from remit.loader.memory import graph_from_dataset
    from remit.queries.backend import MemoryBackend

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "testshire.yaml"
        path.write_text(SYNTHETIC, encoding="utf-8")
        data = read_files([path])
    return diff(MemoryBackend(graph_from_dataset(data), data), "t-before", "t-after")


def test_single_replacement_is_an_amendment(synthetic):
    rows = synthetic.rows
    amended = [r for r in rows if r["change"] == "amended"]
    assert [(r["key_before"], r["key_after"]) for r in amended] == [("people", "children")]
    assert not [r for r in rows if r["change"] == "deleted"]
    assert [r["key_after"] for r in rows if r["change"] == "created"] == ["adults"]


def test_pay_figure_on_one_side_is_not_a_change(synthetic):
    pay = {r["key_after"]: r for r in synthetic.rows if r["change"] == "pay changed"}
    assert set(pay) == {"children"}  # 100,000 -> 110,000; the fte stated only before is no change
    assert "fte" in pay["children"]["detail"] and "fte" not in pay["children"]["before"]


def test_split_designations_tier_and_span(synthetic):
    rows = synthetic.rows
    split = [r for r in rows if r["change"] == "designations split"]
    assert len(split) == 1 and "Director of Adult Social Services" in split[0]["after"]
    tier = [r for r in rows if r["change"] == "tier changed"]
    assert [(r["key_after"], r["before"], r["after"]) for r in tier] == [("head-early-help", 2, 1)]
    line = next(r for r in rows if r["change"] == "line manager changed")
    assert (line["before"], line["after"]) == ("Director of People", "Chief Executive")
    span = {r["key_after"]: (r["before"], r["after"]) for r in rows if r["change"] == "span changed"}
    assert span == {"ce": (1, 3), "children": (1, 0)}
