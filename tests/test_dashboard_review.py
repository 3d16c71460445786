"""The Review and Scenario pages driven with Streamlit's AppTest: on an imported Trafford-like chart,
confirm an inferred line and designate the s151 officer with a source, see the two findings change,
undo, download the overlay and get the same answers from the CLI on it; from Harrow 2023, move the
DCS under the Chief Executive and see dcs-first-tier turn from flag to pass. A visitor's decisions
stay in their own session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from remit.cli.main import main
from remit.loader.overlay import dump
from remit.present.markup import md_escape
from tests.conftest import SEED

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
FIX = Path(__file__).parent / "fixtures" / "review"
SID = "trafford-2025-04-01"
DCS = "corporate-director-of-children-s-services"
FINANCE = "corporate-director-of-finance-and-systems"


@pytest.fixture
def imported(tmp_path, monkeypatch, capsys):
    """The Trafford-like LGA chart imported as a reviewable YAML file, the dashboard reading it."""
    out = tmp_path / "imported"
    assert main(["import", str(FIX / "trafford-like-2025-04-01.csv"), "--out", str(out)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(out))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield out
    st.cache_resource.clear()
    st.cache_data.clear()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _review(at: AppTest) -> AppTest:
    at.switch_page("views/review.py").run()
    _ok(at)
    return at


def _record(at: AppTest, item: str, how: str, **fields: str) -> AppTest:
    at.selectbox(key="review_item").select(item).run()
    at.radio(key="review_how").set_value(how).run()
    if "value" in fields:
        at.selectbox(key=f"review_value_{item}").select(fields.pop("value")).run()
    at.text_input(key="review_by").input("A Reviewer").run()
    for k, v in fields.items():
        (at.text_area if k in ("quote", "reasoning") else at.text_input)(
            key=f"review_doc_{k}" if k != "reasoning" else "review_reasoning"
        ).input(v)
    at.run()
    at.button(key="review_record").click().run()
    _ok(at)
    return at


def _table(at: AppTest, key_col: str):
    return [d.value for d in at.dataframe if key_col in d.value.columns]


def test_review_confirm_a_line_designate_s151_undo_and_download(imported, tmp_path, capsys):
    at = AppTest.from_file(APP, default_timeout=120).run()
    _ok(at)
    _review(at)
    assert at.metric[0].value != "0"  # open items are listed
    items = at.selectbox(key="review_item").options
    assert any("Which post is the Chief finance officer (s151)?" in o for o in items)
    _record(
        at,
        f"line:{DCS}",
        "Confirm (with a document)",
        title="Trafford Council Constitution, Part 7",
        url="https://example.org/constitution",
        quote="The Corporate Director of Children's Services reports to the Chief Executive",
    )
    assert any(md_escape("dcs-first-tier: pass (2 inferred) \u2192 pass (1 inferred)") in s.value for s in at.success)
    _record(
        at,
        "role:s151",
        "Correct (with a document)",
        value=FINANCE,
        title="Trafford Council Constitution, Part 7",
        url="https://example.org/constitution",
        page="14",
    )
    assert any(md_escape("s151-designated: unknown \u2192 pass") in s.value for s in at.success)
    [decisions] = _table(at, "What it changed")
    assert list(decisions["Change"]) == [f"line manager of {DCS}: chief-executive", f"designate s151: {FINANCE}"]
    assert list(decisions["By"]) == ["A Reviewer", "A Reviewer"]
    # the Assurance page answers with the decisions, in this session
    at.switch_page("views/assurance.py").run()
    _ok(at)
    # each rule is a card headed "ICON OUTCOME · title (rule)" (present.findings)
    assert any("(s151-designated)" in m.value and "PASS \u00b7" in m.value for m in at.markdown)
    # undo the last, then redo it
    at = _review(at)
    at.button(key="review_undo").click().run()
    _ok(at)
    [decisions] = _table(at, "What it changed")
    assert len(decisions) == 1
    _record(
        at,
        "role:s151",
        "Correct (with a document)",
        value=FINANCE,
        title="Trafford Council Constitution, Part 7",
        url="https://example.org/constitution",
        page="14",
    )
    # the overlay downloaded is what the CLI loads, with the same answers
    # (the browser test downloads it through the button; here, the text the button serves)
    [dl] = [b for b in at.get("download_button") if b.proto.label.startswith("Download your decisions")]
    assert not dl.proto.disabled
    saved = tmp_path / "downloaded.yaml"
    saved.write_text(dump(at.session_state["_remit_overlays"].overlays[SID]), encoding="utf-8")
    assert main(
        [
            "check",
            "--structure",
            SID,
            "--data",
            str(imported),
            "--overlay",
            str(saved),
            "--format",
            "json",
            "--include-pass",
        ]
    ) in (0, 1)
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [r["outcome"] for r in rows if r["rule"] == "s151-designated"] == ["pass"]
    # another visitor (a new session) sees none of it
    other = AppTest.from_file(APP, default_timeout=120).run()
    other.switch_page("views/review.py").run()
    _ok(other)
    assert other.metric[2].value == "0"


def test_scenario_moves_the_dcs_and_the_check_turns_to_pass(monkeypatch):
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(SEED))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.selectbox(key="main_council").select("harrow").run()
    at.sidebar.selectbox(key="main_structure").select("harrow-2023").run()
    at.switch_page("views/scenario.py").run()
    _ok(at)
    at.button(key="scenario_start").click().run()
    _ok(at)
    at.text_input(key="scenario_by").input("A Planner").run()
    at.selectbox(key="scenario_post").select("director-childrens-services").run()
    at.selectbox(key="scenario_manager").select("chief-executive").run()
    at.button(key="scenario_move").click().run()
    _ok(at)
    assert any(md_escape("dcs-first-tier: flag \u2192 pass") in s.value for s in at.success)
    [findings] = [d.value for d in at.dataframe if "Reason before" in d.value.columns]
    row = findings[findings["Rule"] == "dcs-first-tier"].iloc[0]
    assert (row["Before"], row["After"]) == ("flag", "pass (1 inferred)")
    # the Compare page offers the scenario against its base, with the findings side by side
    at.switch_page("views/compare.py").run()
    at.selectbox(key="compare_council").select("harrow").run()
    _ok(at)
    assert any(o.startswith("harrow-2023-scenario ") for o in at.selectbox(key="compare_after_structure").options)
    at.selectbox(key="compare_before_structure").select("harrow-2023").run()
    at.selectbox(key="compare_after_structure").select("harrow-2023-scenario").run()
    _ok(at)
    [side] = [d.value for d in at.dataframe if "Reason after" in d.value.columns]
    assert list(side[side["Rule"] == "dcs-first-tier"][["Before", "After"]].iloc[0]) == ["flag", "pass (1 inferred)"]
    st.cache_resource.clear()
    st.cache_data.clear()
