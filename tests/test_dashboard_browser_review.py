"""The Review and Scenario pages in real headless Chromium (Playwright driving /usr/bin/chromium),
waiting on real signals (Streamlit's running indicator gone, the chart frame's data-ready, the
success message itself), never fixed sleeps.

On an imported Trafford-like chart: confirm the DCS's inferred line and designate the s151 officer
with a source, see the two findings change, download the overlay through the button, and get the
same answers from the CLI with it on both stores. From Harrow 2023: start a scenario, click the DCS
on the chart, move it under the Chief Executive, and see dcs-first-tier turn from flag to pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remit.cli.main import main
from tests.conftest import SEED
from tests.test_dashboard_browser import (
    CHART,
    WAIT,
    _idle,
    browser,  # noqa: F401  (the module's Chromium, a fixture)
    chart_ready,
    choose,
    click_node,
    open_page,
    pick_structure,
    shot,
    start_dashboard,
    stop_dashboard,
)

# Browser tests like tests/test_dashboard_browser.py's: the fast tier (`-m "not neo4j and not browser"`)
# leaves them out.
pytestmark = pytest.mark.browser

FIX = Path(__file__).parent / "fixtures" / "review"
SID = "trafford-2025-04-01"
DCS = "corporate-director-of-children-s-services"
FINANCE = "corporate-director-of-finance-and-systems"
ARROW = "\u2192"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("imported")
    assert main(["import", str(FIX / "trafford-like-2025-04-01.csv"), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def review_url(imported):
    proc, url = start_dashboard(imported, "dashboard-review.log")
    yield url
    stop_dashboard(proc)


@pytest.fixture(scope="module")
def seed_url():
    proc, url = start_dashboard(SEED, "dashboard-scenario.log")
    yield url
    stop_dashboard(proc)


def _fill(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Tab")  # Streamlit takes a text box's value when it loses focus
    _idle(page)


def _record(page) -> None:
    page.get_by_role("button", name="Record decision").click()
    _idle(page)


def _success(page, text: str) -> None:
    page.locator('[data-testid="stAlertContentSuccess"]', has_text=text).wait_for(timeout=WAIT)


def _no_errors(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def test_review_in_the_browser_then_the_cli_on_both_stores(browser, review_url, tmp_path, capsys, seed_dataset):  # noqa: F811
    page = open_page(browser, review_url, "review", charts=0)
    try:
        page.get_by_text("Open items", exact=True).first.wait_for(timeout=WAIT)
        _no_errors(page)
        _fill(page, "Your name (recorded with each decision)", "A Reviewer")
        item = page.locator('[data-testid="stSelectbox"]').filter(has_text="Item")
        choose(page, item, "Does Corporate Director of Children's Services report to Chief Executive?")
        _idle(page)
        _fill(page, "Document title", "Trafford Council Constitution, Part 7")
        _fill(page, "Document URL", "https://example.org/constitution")
        quote = page.get_by_label("Quote (the words the decision rests on)")
        quote.fill("The Corporate Director of Children's Services reports to the Chief Executive")
        quote.press("Tab")
        _idle(page)
        _record(page)
        _success(page, f"dcs-first-tier: pass (2 inferred) {ARROW} pass (1 inferred)")

        choose(
            page,
            page.locator('[data-testid="stSelectbox"]').filter(has_text="Item"),
            "Which post is the Chief finance officer (s151)?",
        )
        _idle(page)
        page.get_by_text("Correct (with a document)").click()
        _idle(page)
        choose(
            page,
            page.locator('[data-testid="stSelectbox"]').filter(has_text="Value (candidates first)"),
            f"Corporate Director of Finance and Systems ({FINANCE})",
        )
        _idle(page)
        _fill(page, "Document title", "Trafford Council Constitution, Part 7")
        _fill(page, "Document URL", "https://example.org/constitution")
        _fill(page, "or page", "14")
        _record(page)
        _success(page, f"s151-designated: unknown {ARROW} pass")
        _no_errors(page)
        page.locator("h1").first.scroll_into_view_if_needed()
        shot(page, "review.png", docs="review.png")

        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="Download your decisions (overlay YAML)").click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
    finally:
        page.close()
    assert saved.name == f"{SID}-overlay.yaml"
    # the downloaded overlay, with the CLI: the two findings as the page showed them
    capsys.readouterr()
    assert main(
        ["check", "--structure", SID, "--data", str(FIX), "--overlay", str(saved), "--format", "json", "--include-pass"]
    ) in (0, 1)
    on_memory = json.loads(capsys.readouterr().out)["rows"]
    assert [r["outcome"] for r in on_memory if r["rule"] == "s151-designated"] == ["pass"]
    [dcs] = [r for r in on_memory if r["rule"] == "dcs-first-tier"]
    assert dcs["outcome"] == "pass" and len(dcs["inferred"]) == 1
    # and loaded into Neo4j with its base, the same answers
    from tests.neo4j_support import emptied_then_reseeded

    with emptied_then_reseeded(seed_dataset):
        assert main(["load", str(FIX), "--overlay", str(saved), "--backend", "neo4j"]) == 0
        capsys.readouterr()
        assert main(["check", "--structure", SID, "--backend", "neo4j", "--format", "json", "--include-pass"]) in (0, 1)
        assert json.loads(capsys.readouterr().out)["rows"] == on_memory


def test_scenario_in_the_browser(browser, seed_url):  # noqa: F811
    page = open_page(browser, seed_url, "", charts=1)
    try:
        pick_structure(page, "harrow", "harrow-2023")
        page.get_by_role("link", name="Scenario").click()
        page.get_by_role("button", name="Start the scenario").wait_for(timeout=WAIT)
        _idle(page)
        page.get_by_role("button", name="Start the scenario").click()
        chart_ready(page, 0, view="scenario|harrow-2023-scenario|0")
        _idle(page)
        _fill(page, "Your name (recorded with each decision)", "A Planner")
        click_node(page, "director-childrens-services")
        chart_ready(page, 0, focus="director-childrens-services")
        _idle(page)
        # (the chart focused on the post clicked: the page chose it, and sent it back as the focus)
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text="New line manager").first
        box.click()
        page.keyboard.type("Chief Executive (chief")  # the list is long: filter it, as a person would
        page.get_by_role("option", name="Chief Executive (chief-executive)").first.click()
        _idle(page)
        page.get_by_role("button", name="Move", exact=True).click()
        _success(page, f"dcs-first-tier: flag {ARROW} pass")
        chart_ready(page, 0, view="scenario|harrow-2023-scenario|1")
        _idle(page)
        _no_errors(page)
        assert page.locator(CHART).count() == 1
        shot(page, "scenario.png", docs="scenario.png")
    finally:
        page.close()
