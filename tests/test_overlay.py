"""Overlays over any structure (loader.overlay): changes, scenarios, outcomes against a changed base,
problems with FILE:LINE, atomic writing, and `--overlay` through the command line.

Expected answers come from the papers: Harrow's 2023 job profile says the Director of Children's
Services "Reports to Corporate Director of People" (seed/harrow.yaml quotes it), so the DCS is not
first tier until a scenario moves it under the Chief Executive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from remit.cli.main import main
from remit.loader import InvalidStructureFiles, read_files
from remit.loader.overlay import (
    APPLIED,
    CONFLICT,
    NO_LONGER,
    Change,
    Overlay,
    Scenario,
    append,
    apply,
    dump,
    overlay_dataset,
    read_overlay,
    save,
)
from remit.review.live import evaluate, file_of

from .conftest import SEED

HARROW = SEED / "harrow.yaml"
DCS, CE, CDP = "director-childrens-services", "chief-executive", "corporate-director-people"

SCENARIO = f"""overlay: remit-overlay/1
structure: harrow-2023
scenario: {{id: harrow-2023-dcs-to-ce, label: The DCS reports to the Chief Executive}}
changes:
  - {{do: line_manager, post: {DCS}, to: {CE}, was: {CDP}, asserted: true,
      reasoning: a proposal to put the DCS at first tier, by: A Tester, date: 2025-06-01}}
"""


def _write(tmp_path: Path, text: str, name: str = "o.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _outcomes(summary, rule):
    return [f["outcome"] for r in summary.results if r.rule.id == rule for f in r.findings]


@pytest.fixture(scope="module")
def harrow():
    return read_files([HARROW])


def test_scenario_moves_the_dcs_under_the_chief_executive(harrow, tmp_path):
    overlay, problems = read_overlay(_write(tmp_path, SCENARIO))
    assert problems == []
    ev = evaluate(file_of(harrow, "harrow-2023"), overlay)
    assert [str(o) for o in ev.outcomes][0].startswith(APPLIED)
    after = ev.summary
    before = evaluate(file_of(harrow, "harrow-2023"), Overlay("harrow-2023")).summary  # the base, unchanged
    assert _outcomes(before, "dcs-first-tier") == ["flag"]
    assert _outcomes(after, "dcs-first-tier") == ["pass"]
    # the scenario supersedes its base, is proposed, and the moved line is the person's assertion
    st = ev.structure
    assert (st.id, st.status, st.supersedes) == ("harrow-2023-dcs-to-ce", "proposed", "harrow-2023")
    lm = st.post(DCS).line_manager
    assert lm.post == CE and lm.evidence.inferred
    assert lm.evidence.rule == "entered by A Tester on 2025-06-01: a proposal to put the DCS at first tier"
    assert (lm.evidence.by, lm.evidence.on) == ("A Tester", "2025-06-01")
    # the scenario's graph reads back whole (its chart, its story against the base)
    from remit.queries.snapshot import snapshot

    assert snapshot(ev.backend, "harrow-2023-dcs-to-ce").posts()[DCS]["title"] == "Director of Children's Services"
    # the base file's own structure is untouched
    assert harrow.structures["harrow-2023"].post(DCS).line_manager.post == CDP


def test_scenario_diff_shows_the_move_with_cost_unchanged(tmp_path, capsys):
    o = _write(tmp_path, SCENARIO)
    code = main(
        ["diff", "harrow-2023", "harrow-2023-dcs-to-ce", "--data", str(HARROW), "--overlay", str(o), "--format", "json"]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    moved = [r for r in out["rows"] if r["kind"] == "line management"]
    assert [(r["change"], r["key_after"], r["before"], r["after"]) for r in moved] == [
        ("line manager changed", DCS, "Corporate Director of People", "Chief Executive")
    ]
    salary = next(m for m in out["cost"]["metrics"] if m["metric"] == "salary")
    assert salary["before"] == salary["after"]
    assert not [r for r in out["rows"] if r["kind"] == "post"]


def test_findings_before_and_after_side_by_side_in_diff(tmp_path, capsys):
    o = _write(tmp_path, SCENARIO)
    assert main(["diff", "harrow-2023", "harrow-2023-dcs-to-ce", "--data", str(HARROW), "--overlay", str(o)]) == 0
    text = capsys.readouterr().out
    assert "Assurance findings before and after" in text
    line = next(x for x in text.splitlines() if x.startswith("dcs-first-tier"))
    assert "flag" in line and "pass" in line


def test_stated_change_replaces_inferred_and_keeps_who_and_when(tmp_path):
    data = read_files([Path(__file__).parent / "fixtures" / "review"])
    o = _write(
        tmp_path,
        """overlay: remit-overlay/1
structure: trafford-2025-04-01
sources: [{id: constitution, title: Trafford Council Constitution, date: 2024-05-01, url: https://example.org/constitution}]
changes:
  - {do: designate, post: corporate-director-of-finance-and-systems, role: s151, source: constitution,
     page: "12", by: A Tester, date: 2025-06-02, decision: correct, was: []}
""",
    )
    new, report = overlay_dataset(data, [o])
    st = new.structures["trafford-2025-04-01"]
    [d] = [d for p in st.posts for d in p.designations if d.role == "s151"]
    assert (d.evidence.source, d.evidence.quote, d.evidence.inferred) == ("constitution", "page 12", False)
    assert (d.evidence.by, d.evidence.on) == ("A Tester", "2025-06-02")
    src = next(s for s in file_of(new, "trafford-2025-04-01").sources if s.id == "constitution")
    assert src.url == "https://example.org/constitution"
    assert report == [f"{o}: applied: designate s151: corporate-director-of-finance-and-systems"]
    # the dataset read is not changed in place
    assert not [d for p in data.structures["trafford-2025-04-01"].posts for d in p.designations if d.role == "s151"]


def test_a_changed_base_is_reported_item_by_item(harrow):
    base = harrow.structures["harrow-2023"]
    overlay = Overlay(
        "harrow-2023",
        changes=[
            # made when the DCS reported to someone else: the base now says CDP -> a conflict, not applied
            Change(
                "line_manager",
                {"post": DCS, "to": CE},
                asserted=True,
                reasoning="r",
                by="X",
                on="2025-01-01",
                was="director-education",
                recorded=True,
            ),
            # a post the base no longer has
            Change(
                "retitle",
                {"post": "gone-post", "title": "T"},
                asserted=True,
                reasoning="r",
                by="X",
                on="2025-01-01",
                was="Old",
                recorded=True,
            ),
            # the base already says so: no longer needed
            Change(
                "line_manager",
                {"post": "director-education", "to": DCS},
                "harrow-2023-coep",
                "q",
                by="X",
                on="2025-01-01",
                was=None,
                recorded=True,
            ),
            # still as it was: applied
            Change(
                "retitle",
                {"post": CE, "title": "Chief Executive and Head of Paid Service"},
                asserted=True,
                reasoning="r",
                by="X",
                on="2025-01-01",
                was=base.post(CE).title,
                recorded=True,
            ),
        ],
    )
    done = apply(overlay, list(harrow.files))
    assert [o.status for o in done.outcomes] == [CONFLICT, NO_LONGER, NO_LONGER, APPLIED]
    assert "the base now says corporate-director-people" in done.outcomes[0].detail
    st = next(s for f in done.files for s in f.structures if s.id == "harrow-2023")
    assert st.post(DCS).line_manager.post == CDP  # the conflicting change was not applied
    assert st.post(CE).title == "Chief Executive and Head of Paid Service"


def test_a_move_that_makes_a_loop_is_a_conflict(harrow):
    c = Change(
        "line_manager", {"post": DCS, "to": "director-education"}, asserted=True, reasoning="r", by="X", on="2025-01-01"
    )
    done = apply(Overlay("harrow-2023", changes=[c]), list(harrow.files))
    assert done.outcomes[0].status == CONFLICT and "loop" in done.outcomes[0].detail


def test_bad_overlay_input_is_file_line_and_exit_2(tmp_path, capsys):
    o = _write(
        tmp_path,
        "overlay: remit-overlay/1\nstructure: harrow-2023\nchanges:\n"
        "  - {do: line_manager, post: "
        + DCS
        + ", to: nobody, source: harrow-2023-coep, quote: q, by: X, date: 2025-01-01}\n"
        "  - {do: designate, post: " + DCS + ", role: boss, asserted: true, by: X, date: 2025-01-01}\n"
        "  - {do: teleport, post: " + DCS + "}\n",
    )
    code = main(["check", "--structure", "harrow-2023", "--data", str(HARROW), "--overlay", str(o)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{o}:5: " in err and "role" in err  # bad role code
    assert f"{o}:5: the change at line 5 is asserted: say why in 'reasoning'" in err
    assert f"{o}:6: " in err and "teleport" in err
    assert "Traceback" not in err
    # the post that does not exist is reported once the file reads cleanly
    _write(
        tmp_path,
        "overlay: remit-overlay/1\nstructure: harrow-2023\nchanges:\n"
        "  - {do: line_manager, post: "
        + DCS
        + ", to: nobody, source: harrow-2023-coep, quote: q, by: X, date: 2025-01-01}\n",
    )
    assert main(["check", "--structure", "harrow-2023", "--data", str(HARROW), "--overlay", str(o)]) == 2
    assert f"{o}:4: the change names no post 'nobody' of structure 'harrow-2023'" in capsys.readouterr().err
    _write(tmp_path, "overlay: remit-overlay/1\nstructure: nowhere-2023\nchanges: []\n")
    assert main(["check", "--structure", "harrow-2023", "--data", str(HARROW), "--overlay", str(o)]) == 2
    assert f"{o}:2: no structure 'nowhere-2023' is loaded" in capsys.readouterr().err


def test_hostile_bytes_in_an_overlay_are_problems_not_tracebacks(tmp_path, capsys):
    for i, raw in enumerate([b"\xff\xfe\x00", b"a: &x [1]\nb: *x\n", b"- - - -\n", b"overlay: 3\n"]):
        p = tmp_path / f"h{i}.yaml"
        p.write_bytes(raw)
        assert main(["check", "--structure", "harrow-2023", "--data", str(HARROW), "--overlay", str(p)]) == 2
        err = capsys.readouterr().err
        assert f"{p}:" in err and "Traceback" not in err


def test_written_overlays_read_back_and_are_atomic(tmp_path, harrow):
    o = tmp_path / "decisions.yaml"
    c = Change(
        "line_manager",
        {"post": DCS, "to": CE},
        asserted=True,
        reasoning="why: a test",
        by="A Tester",
        on="2025-06-01",
        was=CDP,
        recorded=True,
    )
    append(o, c, structure="harrow-2023")
    c2 = Change(
        "retitle",
        {"post": CE, "title": "Chief Executive: Head of Paid Service"},
        asserted=True,
        reasoning="x",
        by="B",
        on="2025-06-02",
        was="Chief Executive",
        recorded=True,
    )
    overlay = append(o, c2)
    back, problems = read_overlay(o)
    assert problems == [] and back is not None
    assert [x.to_yaml() for x in back.changes] == [x.to_yaml() for x in overlay.changes]
    assert dump(back) == o.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # a write that fails leaves the old file whole
    before = o.read_bytes()
    bad = Overlay("harrow-2023", changes=[Change("retitle", {"post": CE, "title": object()})])  # not YAML-able
    with pytest.raises(yaml.representer.RepresenterError):
        save(bad, o)
    assert o.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_undo_drops_the_last_decision_and_its_source():
    from remit.loader.model import Source

    o = Overlay("s").with_change(
        Change("retitle", {"post": "a", "title": "b"}, "doc", "q"), [Source("doc", "D", None, "d.pdf")]
    )
    o2 = o.with_change(
        Change("retitle", {"post": "a", "title": "c"}, "doc2", "q"), [Source("doc2", "E", None, "e.pdf")]
    )
    assert [s.id for s in o2.without_last().sources] == ["doc"] and len(o2.without_last().changes) == 1
    assert len(o2.changes) == 2  # the overlay undone is a new one; the old is kept


def test_every_scenario_change(harrow):
    base = harrow.structures["harrow-2023"]
    keep = {"asserted": True, "reasoning": "scenario", "by": "X", "on": "2025-01-01"}
    changes = [
        Change(
            "add_post",
            {
                "post": "director-of-finance",
                "title": "Director of Finance",
                "line_manager": CE,
                "grade": "D2",
                "salary": 100000.0,
                "fte": 1.0,
            },
            **keep,
        ),
        Change("designate", {"post": "director-of-finance", "role": "s151", "basis": "permanent"}, **keep),
        Change("accountable_to", {"post": DCS, "to": CE, "mechanisms": ["monthly 1:1"]}, **keep),
        Change("pay", {"post": DCS, "salary": 150000.0}, **keep),
        Change("retitle", {"post": "director-education", "title": "Director of Education and Skills"}, **keep),
        Change("undesignate", {"post": CDP, "role": "dass"}, **keep),
        Change("delete_post", {"post": "director-education"}, **keep),
        Change("remove_accountable_to", {"post": DCS, "to": CE}, **keep),
    ]
    done = apply(Overlay("harrow-2023", changes=changes, scenario=Scenario("harrow-2023-s", "S")), list(harrow.files))
    assert [o.status for o in done.outcomes] == [APPLIED] * len(changes), [str(o) for o in done.outcomes]
    st = next(s for f in done.files for s in f.structures if s.id == "harrow-2023-s")
    fin = st.post("director-of-finance")
    assert (fin.line_manager.post, fin.pay.salary, [d.role for d in fin.designations]) == (CE, 100000.0, ["s151"])
    assert st.post(DCS).pay.salary == 150000.0 and st.post(DCS).pay.grade == "D3"
    assert st.post("director-education") is None and st.post(DCS).accountable_to == []
    assert not [d for d in st.post(CDP).designations if d.role == "dass"]
    assert len(base.posts) == len(harrow.structures["harrow-2023"].posts)  # the base untouched
    assert read_files([HARROW]).structures["harrow-2023"].post("director-education") is not None


def test_overlay_is_refused_on_a_neo4j_read(tmp_path, capsys, monkeypatch):
    o = _write(tmp_path, SCENARIO)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    assert main(["check", "--structure", "harrow-2023", "--backend", "neo4j", "--overlay", str(o)]) == 2
    assert "remit load PATH --overlay FILE" in capsys.readouterr().err


def test_invalid_overlay_raises_problems_for_the_library(tmp_path, harrow):
    o = _write(tmp_path, "overlay: remit-overlay/2\nstructure: harrow-2023\n")
    with pytest.raises(InvalidStructureFiles) as exc:
        overlay_dataset(harrow, [o])
    assert [(p.line, p.message) for p in exc.value.problems] == [(1, "overlay format must be 'remit-overlay/1'")]


def test_report_compare_section_shows_findings_before_and_after(tmp_path, capsys):
    o = _write(tmp_path, SCENARIO)
    out = tmp_path / "r.html"
    code = main(
        [
            "report",
            "harrow-2023-dcs-to-ce",
            "--compare",
            "harrow-2023",
            "--data",
            str(HARROW),
            "--overlay",
            str(o),
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    assert "Assurance findings before and after" in html
    row = html[html.index("<td>dcs-first-tier</td>") :].split("</tr>")[0]
    assert "<td>flag</td>" in row and "<td>pass (1 inferred)</td>" in row
    # who settled the moved line, in the sources table
    assert "asserted by A Tester on 2025-06-01 (no document)" in html


def test_a_scenario_diff_says_created_and_deleted(harrow, tmp_path, capsys):
    o = _write(
        tmp_path,
        SCENARIO + "  - {do: add_post, post: head-of-finance, title: Head of Finance, line_manager: chief-executive,"
        " asserted: true, reasoning: r, by: A Tester, date: 2025-06-01}\n"
        "  - {do: delete_post, post: director-education, asserted: true, reasoning: r, by: A Tester, date: 2025-06-01}\n",
    )
    assert (
        main(
            [
                "diff",
                "harrow-2023",
                "harrow-2023-dcs-to-ce",
                "--data",
                str(HARROW),
                "--overlay",
                str(o),
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["rows"]
    posts = {(r["change"], r["key_before"] or r["key_after"]) for r in rows if r["kind"] == "post"}
    assert ("created", "head-of-finance") in posts and ("deleted", "director-education") in posts


def test_the_dashboard_command_takes_overlays(tmp_path, capsys, monkeypatch):
    """`remit dashboard --overlay FILE`: a bad overlay is FILE:LINE and exit 2 before anything starts;
    a good one is handed to the app (which lays it over the server's files)."""
    import os

    bad = _write(tmp_path, "overlay: remit-overlay/1\nstructure: harrow-2023\nchanges: [{do: fly}]\n", "bad.yaml")
    assert main(["dashboard", "--data", str(HARROW), "--overlay", str(bad)]) == 2
    assert f"{bad}:3: " in capsys.readouterr().err
    good = _write(tmp_path, SCENARIO)
    seen = {}
    monkeypatch.setattr(os, "execvpe", lambda cmd, argv, env: seen.update(env))
    main(["dashboard", "--data", str(HARROW), "--overlay", str(good)])
    assert seen["REMIT_OVERLAYS"] == str(good.resolve())
    from remit.queries.backend import open_backend

    backend = open_backend("memory", [seen["REMIT_DATA"]], seen["REMIT_OVERLAYS"].split(os.pathsep))
    assert "harrow-2023-dcs-to-ce" in backend.dataset.structures
