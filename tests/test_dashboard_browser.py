"""The dashboard in a real browser: `remit dashboard` on a free port, headless Chromium (Debian's
package, driven by playwright without its own browser download). Every wait is on a real signal:
Streamlit's own elements, or the chart component's ready signal (<body data-ready="true"
data-rev=... data-view=... data-focus=...> inside its frame), never a fixed sleep. The tests fail on
a Streamlit exception, an error banner, a chart that does not draw, or any request that leaves the
machine (the app must work offline). Screenshots go to artifacts/screenshots/; with
REMIT_DOCS_SCREENSHOTS=1 the README's screenshots in docs/screenshots/ are remade."""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
CHART = 'iframe[title="remit.dashboard.chart.remit_org_chart"]'
WAIT = 60_000
# page path -> (title shown, number of charts drawn)
PAGES = {
    "": ("Structure", 1),
    "ask": ("Ask", 1),
    "assurance": ("Assurance", 0),
    "review": ("Review", 0),
    "scenario": ("Scenario", 0),
    "compare": ("Compare", 1),
    "load": ("Load", 0),
    "overview": ("Overview", 0),
}
DCS = "commissioning-director-children-young-people"
BOSS = "strategic-director-commissioning"


def _missing(reason: str) -> None:
    if os.environ.get("REMIT_REQUIRE_NEO4J") == "1" or os.environ.get("REMIT_REQUIRE_BROWSER") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(data: Path | list[Path], log_name: str = "dashboard-browser.log"):
    """`remit dashboard` on a free port; returns (process, url) once its health check answers."""
    port = _free_port()
    remit = shutil.which("remit")
    cmd = [remit] if remit else [sys.executable, "-m", "remit.cli"]
    env = {**os.environ, "REMIT_BACKEND": "memory", "REMIT_DATA": str(data)}
    log = (ROOT / "artifacts").joinpath(log_name)
    log.parent.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd + ["dashboard", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_dashboard(proc)
            pytest.fail(f"remit dashboard did not start; see {log}:\n{log.read_text()[-2000:]}", pytrace=False)
        time.sleep(0.3)  # polling a server that is starting: not a wait for the page


def stop_dashboard(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def dashboard_url():
    proc, url = start_dashboard(SEED)
    yield url
    stop_dashboard(proc)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _idle(page) -> None:
    """Streamlit has finished the run: its running indicator is gone."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=WAIT)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=WAIT)


def chart_ready(page, i: int = 0, view: str | None = None, after_rev: str | None = None, focus: str | None = None):
    """Wait for the chart's own ready signal (optionally: showing `view`, newer than `after_rev`,
    focused on `focus`); returns its frame. A locator, so it follows the frame's navigation."""
    sel = 'body[data-ready="true"]'
    if view is not None:
        sel += f'[data-view="{view}"]'
    if after_rev is not None:
        sel += f':not([data-rev="{after_rev}"])'
    if focus is not None:
        sel += f'[data-focus="{focus}"]'
    page.frame_locator(CHART).nth(i).locator(sel).wait_for(timeout=WAIT)
    return chart_frame(page, i)


def chart_frame(page, i: int = 0):
    """The chart's frame, once its document is the component (not the blank frame before it)."""
    page.frame_locator(CHART).nth(i).locator("body[data-ready]").wait_for(timeout=WAIT)
    return page.locator(CHART).nth(i).element_handle(timeout=WAIT).content_frame()


def open_page(browser, url: str, path: str, height: int = 1900, charts: int | None = None):
    page = browser.new_page(viewport={"width": 1600, "height": height}, accept_downloads=True)
    outside: list[str] = []
    vis: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith((url, "data:", "blob:", "about:", "http://localhost", "ws://127.0.0.1"))
            else None
        ),
    )
    page.on("request", lambda r: vis.append(r.url) if r.url.endswith("vis-network.min.js") else None)
    page.goto(f"{url}/{path}")
    page.locator("h1").first.wait_for(timeout=WAIT)
    for i in range(PAGES.get(path, ("", 0))[1] if charts is None else charts):
        chart_ready(page, i)
    _idle(page)
    page.outside, page.vis = outside, vis  # type: ignore[attr-defined]
    return page


def _check(page, title: str, charts: int) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert "Traceback" not in page.inner_text("body")
    assert page.locator("h1").first.inner_text().strip() == title
    assert page.locator(CHART).count() == charts
    for i in range(charts):  # vis-network drew the chart: a canvas inside each chart frame
        assert chart_frame(page, i).locator("canvas").count() >= 1
    assert page.outside == [], f"requests left the machine: {page.outside[:5]}"


def choose(page, box, option_text: str) -> None:
    box.first.click()
    page.get_by_role("option", name=option_text).first.click()


def council_name(council: str) -> str:
    """The council's name as its structure file gives it (the sidebar shows names, not ids)."""
    import yaml

    for f in sorted(SEED.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        if doc["council"]["id"] == council:
            return doc["council"]["name"]
    return council


def pick_structure(page, council: str, structure: str, name: str | None = None) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    choose(
        page, sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Council"), name or council_name(council)
    )
    # the run for the council is done when the chart shows one of its structures
    page.frame_locator(CHART).first.locator(f'body[data-ready="true"][data-view^="{council}-"]').wait_for(timeout=WAIT)
    choose(page, sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Structure"), structure)
    chart_ready(page, 0, view=f"{structure}|")
    _idle(page)


def click_node(page, node_id: str, i: int = 0) -> None:
    """A real mouse click on a node of the chart, wherever the layout put it."""
    frame = chart_frame(page, i)
    frame.locator("#remit-fit").click()  # the whole chart in view
    xy = frame.evaluate(
        """(id) => { const n = window.remitChart.network;
        return n.canvasToDOM(n.getPositions([id])[id]); }""",
        node_id,
    )
    frame.locator("#remit-chart canvas").click(position={"x": xy["x"], "y": xy["y"]})


def shown_ids(page, i: int = 0) -> set[str]:
    return set(chart_frame(page, i).evaluate("() => window.remitChart.nodes.getIds()"))


def shot(page, name: str, docs: str | None = None, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)
    if docs and os.environ.get("REMIT_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / docs), full_page=False)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_without_errors(browser, dashboard_url, path):
    title, charts = PAGES[path]
    page = open_page(browser, dashboard_url, path)
    try:
        shot(page, f"{title.lower()}.png")
        _check(page, title, charts)
        assert len(page.vis) == min(charts, 1) or charts == 0 and page.vis == []
    finally:
        page.close()


def test_click_a_post_to_see_its_details(browser, dashboard_url):
    page = open_page(browser, dashboard_url, "")
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        click_node(page, DCS)
        # the details panel beside the chart (h3 under the structure's h2)
        page.locator("h3").filter(has_text="Commissioning Director (Children and Young People)").wait_for(timeout=WAIT)
        page.get_by_text("Evidence for every fact", exact=True).wait_for(timeout=WAIT)
        chart_ready(page, focus=DCS)
        _idle(page)
        shot(page, "structure-post.png", "structure.png")
        _check(page, "Structure", 1)
        assert "Director of Children's Services" in page.inner_text("body")
    finally:
        page.close()


def test_collapse_and_expand_a_manager(browser, dashboard_url):
    page = open_page(browser, dashboard_url, "")
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        before = shown_ids(page)
        assert {DCS, BOSS, f"toggle:{BOSS}"} <= before
        rev = chart_frame(page).evaluate("() => document.body.dataset.rev")
        click_node(page, f"toggle:{BOSS}")
        chart_ready(page, after_rev=rev)
        collapsed = shown_ids(page)
        assert DCS not in collapsed and BOSS in collapsed
        label = chart_frame(page).evaluate(f"() => window.remitChart.nodes.get('toggle:{BOSS}').label")
        assert label.startswith("+") and int(label[1:]) == len(before - collapsed)
        # the status counts the posts and units drawn, not the +N / − markers
        boxes = [i for i in collapsed if not str(i).startswith("toggle:")]
        assert len(boxes) < len(collapsed)
        assert chart_frame(page).locator("#remit-status").inner_text().split()[:2] == [str(len(boxes)), "shown"]
        rev = chart_frame(page).evaluate("() => document.body.dataset.rev")
        click_node(page, f"toggle:{BOSS}")
        chart_ready(page, after_rev=rev)
        assert shown_ids(page) == before
        assert len(page.vis) == 1  # every re-draw reused the vis-network loaded once
    finally:
        page.close()


def test_search_a_post_and_see_it_focused(browser, dashboard_url):
    page = open_page(browser, dashboard_url, "")
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        box = page.get_by_label("Search posts: a role (DCS, s151, monitoring officer), title, holder or unit")
        box.fill("children and young")
        box.press("Enter")
        frame = chart_ready(page, focus=DCS)
        view = frame.evaluate(f"""() => {{ const n = window.remitChart.network;
            const p = n.getPositions(['{DCS}'])['{DCS}']; const c = n.getViewPosition();
            return {{dx: Math.abs(p.x - c.x), dy: Math.abs(p.y - c.y), scale: n.getScale(),
                     selected: n.getSelectedNodes()}}; }}""")
        assert view["dx"] < 2 and view["dy"] < 2 and view["scale"] > 1  # centred and zoomed in
        assert view["selected"] == [DCS]
        page.locator("h3").filter(has_text="Commissioning Director (Children and Young People)").wait_for(timeout=WAIT)
    finally:
        page.close()


def test_switching_structure_redraws_without_reloading_vis_network(browser, dashboard_url):
    page = open_page(browser, dashboard_url, "")
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        chart_frame(page).evaluate("() => { window.remitMark = 'first document'; }")
        pick_structure(page, "harrow", "harrow-2023")
        frame = chart_frame(page)
        assert frame.evaluate("() => window.remitMark") == "first document"  # the same frame, re-drawn
        assert frame.evaluate("() => window.remitChart.renders") >= 2
        assert len(page.vis) == 1
    finally:
        page.close()


def test_compare_tells_the_barnet_story_and_downloads_the_report(browser, dashboard_url):
    page = open_page(browser, dashboard_url, "compare", height=2300)
    try:
        _check(page, "Compare", 1)
        text = page.inner_text("body")
        # The Barnet report to General Functions Committee, 13 October 2014: "Change (101,186)".
        assert "7 posts deleted, 5 created" in text
        assert "salary \u2212£101,186 a year" in text
        shot(page, "compare.png", "compare.png")
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="Download report (PDF)").click()
        download = info.value
        assert download.suggested_filename == "report-barnet-2014-06-to-barnet-2015-04.pdf"
        from pypdf import PdfReader

        pdf = " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages).split()
        )
        assert "7 posts deleted, 5 created" in pdf and "-£101,186" in pdf
    finally:
        page.close()


def test_report_prints_on_a4(browser, memory_backend):
    """The HTML report in the browser: one column of A4 width, the chart drawn as SVG, no script."""
    from remit.present.report import build_report, render

    html = render(build_report(memory_backend, "barnet-2015-04", None, "barnet-2014-06"), "html").decode("utf-8")
    page = browser.new_page(viewport={"width": 900, "height": 1270})
    try:
        page.set_content(html)
        assert page.locator("svg").count() == 2 and page.locator("script").count() == 0
        assert "7 posts deleted, 5 created" in page.locator("p").nth(1).inner_text()
        pdf = page.pdf(format="A4")  # Chromium's own print to A4 works on it too
        assert pdf.startswith(b"%PDF")
        shot(page, "report.png", "report.png")
    finally:
        page.close()
