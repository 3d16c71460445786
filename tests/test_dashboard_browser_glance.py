"""Reading the dashboard at a glance, in real headless Chromium (issue 24): findings read in full
without clicking, search by role ("DCS") selecting the post and lighting its paths to the top,
charts that open fitted, expand all, the chart's exports opened back (SVG, PNG, the tiled PDF whose
text lists every post), the chart from the keyboard, and axe-core (tests/a11y, installed by
scripts/test-all with npm ci) reporting no serious or critical violation on any page.

Every wait is on a ready signal (Streamlit's status widget and skeletons gone, the chart frame's
<body data-ready data-rev ...>), never a fixed sleep. Screenshots go to artifacts/screenshots/;
with REMIT_DOCS_SCREENSHOTS=1 the README's docs/screenshots/ are remade."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from remit.extensions import PAGES as PAGE_LIST
from remit.present.palette import PATH_COLOUR
from tests.conftest import ROOT, SEED
from tests.test_dashboard_browser import (
    WAIT,
    _missing,
    browser,  # noqa: F401  (fixture)
    chart_frame,
    chart_ready,
    council_name,
    dashboard_url,  # noqa: F401  (fixture)
    open_page,
    pick_structure,
    shot,
    shown_ids,
    start_dashboard,
    stop_dashboard,
)

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DCS = "commissioning-director-children-young-people"
BOSS = "strategic-director-commissioning"
DOCS = ROOT / "docs" / "screenshots"
# Every page the app lists (remit.extensions.PAGES) with the charts it draws on opening.
CHARTS = {"Structure": 1, "Ask": 1, "Compare": 1}
# Pages whose README screenshot no other browser test takes.
DOCS_PAGES = {"Ask", "Load", "Overview"}


def settle(page) -> None:
    """The run is over and the lazily loaded widgets are drawn (no fixed sleep)."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=WAIT)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=WAIT)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0"
        " && document.querySelectorAll('[data-stale=true]').length === 0",
        timeout=WAIT,
    )


def tall(page, charts: int = 0) -> None:
    """The viewport as tall as the page (Streamlit scrolls inside stMain: axe and screenshots see
    only what is in the viewport)."""
    h = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": int(h) + 20})
    settle(page)
    for i in range(charts):
        chart_ready(page, i)


def axe_serious(page, charts: int = 0) -> list[tuple[str, str, list]]:
    """axe-core in the page and every chart frame, run from the top page: serious and critical
    violations as (rule, impact, first targets)."""
    if not AXE.exists():
        _missing(f"{AXE} is missing: npm ci --prefix tests/a11y (scripts/test-all does it)")
    tall(page, charts)
    for frame in page.frames:
        frame.add_script_tag(path=str(AXE))
    result = page.evaluate("(o) => axe.run(document, o)", {"runOnly": {"type": "tag", "values": TAGS}})
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def docs_shot(page, name: str) -> None:
    if os.environ.get("REMIT_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / name), full_page=False)


def inside(frame) -> dict:
    """Where every drawn box lies against the chart's canvas, and the scale."""
    return frame.evaluate(
        """() => { const n = window.remitChart.network, c = document.querySelector('#remit-chart canvas');
        const ids = window.remitChart.nodes.getIds();
        const out = ids.filter(id => { const b = n.getBoundingBox(id),
            tl = n.canvasToDOM({x: b.left, y: b.top}), br = n.canvasToDOM({x: b.right, y: b.bottom});
            return tl.x < -1 || tl.y < -1 || br.x > c.clientWidth + 1 || br.y > c.clientHeight + 1; });
        return {outside: out, scale: n.getScale(), nodes: ids.length}; }"""
    )


def rev_of(frame) -> str:
    return frame.evaluate("() => document.body.dataset.rev")


# ---- findings in full --------------------------------------------------------------------------


def test_a_finding_is_read_in_full_without_clicking(browser, dashboard_url, memory_backend):  # noqa: F811
    """Harrow 2023 (Chief Officers' Employment Panel, 30 March 2023): the DCS reports to the
    Corporate Director of People, so dcs-first-tier flags. Every finding's reason is on the page
    whole, in view width, without a click."""
    from remit.present.findings import sentence

    page = open_page(browser, dashboard_url, "assurance", height=900)
    try:
        page.set_viewport_size({"width": 1440, "height": 900})
        pick_sidebar(page, "harrow", "harrow-2023")
        settle(page)
        rows = memory_backend.run("dcs-first-tier", {"structure": "harrow-2023", "as_of": None})
        (flag,) = [r for r in rows if r["outcome"] == "flag"]
        reason = f"Reason: {sentence(flag['reason'])}"
        text = page.locator('[data-testid="stText"]').get_by_text(reason, exact=True)
        text.wait_for(timeout=WAIT)
        assert text.inner_text() == reason  # whole, not cut
        # the whole sentence is laid out within the card: no overflow to the right, nothing hidden
        box = text.evaluate(
            "e => ({sw: e.scrollWidth, cw: e.clientWidth, right: e.getBoundingClientRect().right,"
            " main: document.querySelector('[data-testid=stMain]').getBoundingClientRect().right})"
        )
        assert box["sw"] <= box["cw"] + 1 and box["right"] <= box["main"]
        # and it sits under the Flag heading, before the Unknown group
        headings = page.locator("h3").all_inner_texts()
        assert [i for i, h in enumerate(headings) if h.startswith(("\u26a0 Flag", "Flag"))] < [
            i for i, h in enumerate(headings) if "Unknown" in h
        ]
        shot(page, "assurance-cards.png")
        docs_shot(page, "assurance.png")
    finally:
        page.close()


def pick_sidebar(page, council: str, structure: str) -> None:
    """Council and structure chosen in the sidebar, on a page without a chart."""
    from tests.test_dashboard_browser import choose

    sidebar = page.locator('[data-testid="stSidebar"]')
    choose(page, sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Council"), council_name(council))
    settle(page)
    choose(page, sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Structure"), structure)
    settle(page)


# ---- search and paths --------------------------------------------------------------------------


def test_dcs_search_selects_the_dcs_and_lights_its_paths(browser, dashboard_url, memory_backend):  # noqa: F811
    """Barnet, April 2015 (report of 13 October 2014): the DCS is the Commissioning Director
    (Children and Young People), line-managed by the Strategic Director for Commissioning, who
    reports to the Chief Executive; it is accountable to the Chief Executive as well."""
    page = open_page(browser, dashboard_url, "", height=1000)
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        rev = rev_of(chart_frame(page))
        box = page.get_by_label("Search posts: a role (DCS, s151, monitoring officer), title, holder or unit")
        box.fill("DCS")
        box.press("Enter")
        frame = chart_ready(page, focus=DCS, after_rev=rev)
        settle(page)
        page.locator("h3").filter(has_text="Commissioning Director (Children and Young People)").wait_for(timeout=WAIT)
        nodes = {n["id"]: n for n in frame.evaluate("() => window.remitChart.nodes.get()")}
        edges = frame.evaluate("() => window.remitChart.edges.get()")
        lit = {n for n, v in nodes.items() if v["color"]["border"] == PATH_COLOUR}
        # the line chain up, from the documents' lines (not from the program)
        snap_lines = {(e["type"], e["src"], e["dst"]) for e in _lines(memory_backend, "barnet-2015-04")}
        assert ("LINE_MANAGED_BY", DCS, BOSS) in snap_lines and (
            "LINE_MANAGED_BY",
            BOSS,
            "chief-executive",
        ) in snap_lines
        assert {BOSS, "chief-executive"} <= lit
        glowing = {(e["relation"], e["from"], e["to"]) for e in edges if (e.get("shadow") or {}).get("enabled")}
        assert ("LINE_MANAGED_BY", DCS, BOSS) in glowing and ("LINE_MANAGED_BY", BOSS, "chief-executive") in glowing
        accountable = {(t, s, d) for t, s, d in snap_lines if t == "ACCOUNTABLE_TO" and s == DCS}
        assert accountable and accountable <= glowing
        # posts off the paths are dimmed, the paths are not
        assert all(nodes[k]["opacity"] == 1 for k in lit) and nodes["director-of-assurance"]["opacity"] < 1
        shot(page, "structure-search-dcs.png")
        docs_shot(page, "structure.png")
    finally:
        page.close()


def _lines(backend, structure: str) -> list[dict]:
    from remit.queries.snapshot import snapshot

    snap = snapshot(backend, structure)
    key = {p["uid"]: k for k, p in snap.posts().items()}
    return [
        {"type": e["type"], "src": key[e["src"]], "dst": key[e["dst"]]}
        for e in snap.edges
        if e["type"] in ("LINE_MANAGED_BY", "ACCOUNTABLE_TO") and e["src"] in key and e["dst"] in key
    ]


# ---- the chart: fitted, expand all, keyboard ----------------------------------------------------


@pytest.fixture(scope="module")
def big_url(tmp_path_factory):
    """The dashboard on the seed and a generated 2,000-post structure (bigshire-2025)."""
    from benchmarks.gen_structure import big_structure

    data = tmp_path_factory.mktemp("big")
    for f in SEED.glob("*.yaml"):
        (data / f.name).write_bytes(f.read_bytes())
    (data / "bigshire.yaml").write_text(yaml.safe_dump(big_structure(2000), sort_keys=False), encoding="utf-8")
    proc, url = start_dashboard(data, "dashboard-browser-big.log")
    yield url
    stop_dashboard(proc)


SEED_STRUCTURES = ["barnet-2014-06", "barnet-2015-04", "harrow-2023", "harrow-2015-after", "sandwell-2018-04"]


@pytest.mark.parametrize("structure", SEED_STRUCTURES)
def test_the_chart_opens_fitted_at_a_readable_zoom(browser, dashboard_url, structure):  # noqa: F811
    page = open_page(browser, dashboard_url, "", height=900)
    try:
        page.set_viewport_size({"width": 1440, "height": 900})
        pick_structure(page, structure.split("-")[0], structure)
        frame = chart_frame(page)
        got = inside(frame)
        assert got["outside"] == [], got  # every box in the frame
        assert got["scale"] >= 0.6, got  # 13 px labels at 8 px or more
    finally:
        page.close()


def test_a_2000_post_chart_opens_fitted_and_expands_all(browser, big_url):  # noqa: F811
    page = open_page(browser, big_url, "", height=1000)
    try:
        pick_structure(page, "bigshire", "bigshire-2025", name="Bigshire Council (synthetic)")
        frame = chart_frame(page)
        opened = inside(frame)
        assert opened["outside"] == [] and opened["nodes"] < 200, opened  # fitted, top tiers only
        shot(page, "structure-2000.png")
        docs_shot(page, "structure-2000.png")
        rev = rev_of(frame)
        frame.locator("#remit-expand").click()
        frame = chart_ready(page, after_rev=rev)
        posts = [i for i in shown_ids(page) if not str(i).startswith("toggle:")]
        assert len(posts) == 2001  # 2,000 posts and the trust drawn as a unit
        assert inside(frame)["outside"] == []  # expand all re-fits
        rev = rev_of(frame)
        frame.locator("#remit-collapse").click()
        frame = chart_ready(page, after_rev=rev)
        assert len([i for i in shown_ids(page) if not str(i).startswith("toggle:")]) < 20
    finally:
        page.close()


def test_keyboard_moves_between_posts_and_selects_one(browser, dashboard_url):  # noqa: F811
    """Tab into the chart (one stop), arrows between posts in tree order, - / + hide and show a
    manager's reports, Enter selects; the focused post is ringed on the canvas."""
    page = open_page(browser, dashboard_url, "", height=1100)
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        frame = chart_frame(page)
        frame.locator("#remit-png").focus()
        page.keyboard.press("Tab")  # the next Tab stop: the chart's tree
        active = lambda: frame.evaluate("() => document.activeElement.getAttribute('data-key')")
        assert frame.evaluate("() => document.activeElement.getAttribute('role')") == "treeitem"
        assert active() == "chief-executive"  # the top post first
        for _ in range(40):
            if active() == BOSS:
                break
            page.keyboard.press("ArrowDown")
        assert active() == BOSS
        frame.locator(f'body[data-ring="{BOSS}"]').wait_for(timeout=WAIT)  # drawn
        ring = frame.evaluate(
            """(k) => { const n = window.remitChart.network, b = n.getBoundingBox(k);
            const p = n.canvasToDOM({x: b.left - 6, y: (b.top + b.bottom) / 2});
            const c = document.querySelector('#remit-chart canvas'), r = window.devicePixelRatio || 1;
            const ctx = c.getContext('2d'), out = [];
            for (let dx = -3; dx <= 3; dx++) out.push(ctx.getImageData(Math.round((p.x + dx) * r), Math.round(p.y * r), 1, 1).data[0]);
            return out; }""",
            BOSS,
        )
        # the visible focus ring: black on a white halo, 6 px outside the box (whose border is #555)
        assert min(ring) < 40 and max(ring) > 200, ring
        rev = rev_of(frame)
        page.keyboard.press("-")  # hide its reports
        frame = chart_ready(page, after_rev=rev)
        assert DCS not in shown_ids(page)
        rev = rev_of(frame)
        page.keyboard.press("+")
        frame = chart_ready(page, after_rev=rev)
        assert DCS in shown_ids(page)
        assert active() == BOSS  # focus kept across the redraw
        page.keyboard.press("ArrowRight")  # its first report
        for _ in range(10):
            if active() == DCS:
                break
            page.keyboard.press("ArrowDown")
        assert active() == DCS
        page.keyboard.press("Enter")
        chart_ready(page, focus=DCS)
        page.locator("h3").filter(has_text="Commissioning Director (Children and Young People)").wait_for(timeout=WAIT)
        page.keyboard.press("ArrowLeft")  # back up to its manager
        assert active() == BOSS
    finally:
        page.close()


def test_answer_dimming_goes_with_the_question(browser, dashboard_url):  # noqa: F811
    """Ask: an answer's posts are lit and the rest dimmed; the next question's chart keeps none of it.
    Barnet, June 2014 (report of 13 October 2014, 6.7-6.8): the Chief Executive line-manages the
    Adults and Communities Director, who holds the DASS designation, so Combined roles answers with
    the Chief Executive alone; that structure records no post accountable to anyone but its line
    manager, so Accountability splits answers with no post."""
    from tests.test_dashboard_browser import choose

    page = open_page(browser, dashboard_url, "ask", height=1400)
    try:
        frame = chart_frame(page)
        if frame.evaluate("() => document.body.dataset.view") != "barnet-2014-06":  # the page may open on it
            rev = rev_of(frame)
            choose(
                page,
                page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Structure"),
                "barnet-2014-06",
            )
            chart_ready(page, view="barnet-2014-06", after_rev=rev)
            settle(page)
        opacity = (
            "() => Object.fromEntries(Object.values(window.remitChart.network.body.nodes)"
            ".filter(n => !String(n.id).startsWith('toggle:')).map(n => [n.id, n.options.opacity]))"
        )
        frame = chart_frame(page)
        rev = rev_of(frame)
        choose(page, page.locator('[data-testid="stSelectbox"]').filter(has_text="Question"), "Combined roles")
        frame = chart_ready(page, after_rev=rev)
        settle(page)
        before = frame.evaluate(opacity)
        assert {k for k, o in before.items() if o == 1} == {"chief-executive"}  # the answer lit
        assert len([k for k, o in before.items() if o < 1]) == len(before) - 1  # the rest dimmed
        rev = rev_of(frame)
        choose(page, page.locator('[data-testid="stSelectbox"]').filter(has_text="Question"), "Accountability splits")
        frame = chart_ready(page, after_rev=rev)
        settle(page)
        # vis merges an update into the node it has: the opacity it draws with is the test
        after = frame.evaluate(opacity)
        assert after and all(o == 1 for o in after.values()), after
    finally:
        page.close()


# ---- exports -----------------------------------------------------------------------------------


def test_svg_png_and_pdf_exports_open_back(browser, dashboard_url, memory_backend):  # noqa: F811
    from pypdf import PdfReader

    from remit.queries.snapshot import snapshot

    titles = sorted(p["title"] for p in snapshot(memory_backend, "harrow-2023").posts().values())
    page = open_page(browser, dashboard_url, "", height=1300)
    try:
        pick_structure(page, "harrow", "harrow-2023")
        tall(page, 1)
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="Chart as shown (SVG)").click()
        svg = Path(info.value.path()).read_text(encoding="utf-8")
        root = ET.fromstring(svg)  # well-formed XML
        assert root.tag.endswith("svg") and "<script" not in svg
        written = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
        assert all(t in written for t in titles)
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="Every post, tiled (A4 PDF)").click()
        assert info.value.suggested_filename == "chart-harrow-2023-a4.pdf"
        reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert all(" ".join(t.split()) in text for t in titles)
        frame = chart_frame(page)
        with page.expect_download(timeout=WAIT) as info:
            frame.locator("#remit-png").click()
        png = Path(info.value.path()).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        from PIL import Image

        image = Image.open(io.BytesIO(png))
        assert image.width > 300 and image.height > 200
    finally:
        page.close()


def test_fullscreen_gives_the_chart_the_screen(browser, dashboard_url):  # noqa: F811
    page = open_page(browser, dashboard_url, "", height=900)
    try:
        frame = chart_frame(page)
        before = frame.evaluate("() => document.getElementById('remit-chart').clientHeight")
        frame.locator("#remit-full").click()
        frame.locator("#remit-full", has_text="Leave full screen").wait_for(timeout=WAIT)
        after = frame.evaluate("() => document.getElementById('remit-chart').clientHeight")
        assert after > before
        assert inside(frame)["outside"] == []  # re-fitted to the whole screen
        frame.locator("#remit-full").click()
        frame.locator("#remit-full", has_text="Full screen").wait_for(timeout=WAIT)
    finally:
        page.close()


# ---- accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("title,path", [(p.title, p.url_path) for p in PAGE_LIST])
def test_axe_finds_nothing_serious_on_any_page(browser, dashboard_url, title, path):  # noqa: F811
    page = open_page(browser, dashboard_url, path, charts=CHARTS.get(title, 0))
    try:
        settle(page)
        if title in DOCS_PAGES:  # the README's picture of the page, as it opens
            docs_shot(page, f"{title.lower()}.png")
        for s in page.locator("[data-testid=stExpander] summary").all():  # closed content is not checked
            s.click()
        settle(page)
        found = axe_serious(page, CHARTS.get(title, 0))
        assert found == [], found
        shot(page, f"axe-{title.lower()}.png")
    finally:
        page.close()


def test_axe_finds_nothing_serious_after_choosing(browser, dashboard_url):  # noqa: F811
    """The states a reader reaches: a post chosen (details beside the chart), the sidebar by date,
    Harrow's findings with every group open."""
    page = open_page(browser, dashboard_url, "", height=1000)
    try:
        pick_structure(page, "barnet", "barnet-2015-04")
        box = page.get_by_label("Search posts: a role (DCS, s151, monitoring officer), title, holder or unit")
        box.fill("DCS")
        box.press("Enter")
        chart_ready(page, focus=DCS)
        settle(page)
        assert axe_serious(page, 1) == []
        page.locator('[data-testid="stSidebar"]').get_by_text("Date", exact=True).click()
        settle(page)
        assert axe_serious(page, 1) == []
    finally:
        page.close()
