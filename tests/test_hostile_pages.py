"""Issue 25, finding 5: text from a file is shown as text on every page, in real Chromium.

A structure whose label, post title, holder, unit, note, council and source names carry markdown
images and links, HTML, Streamlit colours, LaTeX and icon shortcodes is loaded into a dashboard
(memory backend). On every page: no request leaves for the address the data names (requests are
routed: recorded and refused, never sent), no link, image, formula or icon is made from it, and
the hostile text is there, character for character, as text."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from remit.present.markup import WORD_JOINER

from .hostile_data import (
    AFTER,
    AUTOLINKS,
    BEFORE,
    COUNCIL,
    EVIL,
    FORMULA_TITLE,
    IMAGE,
    LINK,
    MARKUP,
    TAG,
    TITLE,
    hostile_file,
)
from .test_dashboard_browser import WAIT, _idle, browser, chart_frame, chart_ready, start_dashboard, stop_dashboard

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the module-scoped Chromium fixture, shared with the other browser tests


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    hostile_file(folder)
    proc, url = start_dashboard(folder, "dashboard-hostile.log")
    yield url
    stop_dashboard(proc)


def open_routed(browser, url: str, path: str, charts: int):
    """The page with every request outside the dashboard recorded and refused (never sent)."""
    page = browser.new_page(viewport={"width": 1600, "height": 2400})
    page.left = []  # type: ignore[attr-defined]

    def route(r):
        if r.request.url.startswith((url, "data:", "blob:", "about:", "ws://127.0.0.1")):
            r.continue_()
        else:
            page.left.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: page.left.append(r.url) if EVIL in r.url else None)  # type: ignore[attr-defined]
    page.goto(f"{url}/{path}")
    page.locator("h1").first.wait_for(timeout=WAIT)
    for i in range(charts):
        chart_ready(page, i)
    _idle(page)
    return page


def assert_text_not_markup(page, *expected: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    main = page.locator("body")
    assert main.locator(f'img[src*="{EVIL}"], img[src="x"]').count() == 0
    assert main.locator(f'a[href^="javascript"], a[href*="{EVIL}"], a[href^="mailto"]').count() == 0
    assert main.locator(".katex, math").count() == 0
    text = page.inner_text("body").replace(WORD_JOINER, "")  # (it breaks autolinks; see present.markup)
    for fragment in expected:
        assert fragment in text, f"{fragment!r} is not shown as text"
    assert page.left == [], f"requests left the page: {page.left[:5]}"  # type: ignore[attr-defined]


def test_structure_page_shows_every_field_as_text(browser, hostile_url):
    page = open_routed(browser, hostile_url, f"?council={COUNCIL}&structure={AFTER}", charts=1)
    try:
        box = page.get_by_label("Search posts: a role (DCS, s151, monitoring officer), title, holder or unit")
        box.fill("hostile")
        box.press("Enter")
        chart_ready(page, focus="hostile")
        page.locator("h3").filter(has_text="Director").wait_for(timeout=WAIT)
        _idle(page)
        # title (header), holder, unit, note (its two lines), label, council, quotes and sources in tables
        assert_text_not_markup(
            page, TITLE, "A $x^2$ :material/warning: Person", f"People {TAG}", f"Note {IMAGE} {LINK}", AUTOLINKS
        )
        assert (
            page.locator("h3").filter(has_text="Director").first.inner_text().replace(WORD_JOINER, "").strip() == TITLE
        )
        frame = chart_frame(page)
        legend = frame.locator("#remit-legend")
        assert legend.locator("img").count() == 0 and TAG in legend.inner_text()
        # the chart's tooltip is text too (vis-network draws node titles into a div)
        xy = frame.evaluate(
            """() => { const n = window.remitChart.network;
            return n.canvasToDOM(n.getPositions(['hostile'])['hostile']); }"""
        )
        frame.locator("#remit-chart canvas").hover(position={"x": xy["x"], "y": xy["y"]})
        tip = frame.locator(".vis-tooltip")
        tip.wait_for(state="visible", timeout=WAIT)
        assert tip.locator("img").count() == 0 and IMAGE in tip.inner_text()  # (no markdown here: no joiner)
        assert page.left == []  # type: ignore[attr-defined]
    finally:
        page.close()


@pytest.mark.parametrize(
    "path,charts", [("compare", 1), ("assurance", 0), ("ask", 1), ("overview", 0), ("review", 0), ("scenario", 0)]
)
def test_other_pages_show_data_as_text(browser, hostile_url, path, charts):
    page = open_routed(browser, hostile_url, path, charts)
    try:
        expected = {
            "compare": [TITLE, "Old post :red[x] =1+1"],  # the created and deleted posts' lists
            "assurance": [f"Structure {LINK} {IMAGE}"],
            "ask": [BEFORE],
            "overview": [],
            "review": [f"Structure {LINK} {IMAGE}"],  # the structure's label heads the page
            "scenario": [],
        }[path]
        for fragment in expected:  # the page's text drawn (a ready signal, not a sleep); asserted below
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(
                    "f => document.body.innerText.split('\\u2060').join('').includes(f)", arg=fragment, timeout=WAIT
                )
        assert_text_not_markup(page, *expected)
    finally:
        page.close()


def test_an_upload_named_like_markup_is_named_as_text(browser, hostile_url):
    page = open_routed(browser, hostile_url, "load", charts=0)
    try:
        name = f"{LINK}.yaml"
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": name, "mimeType": "application/yaml", "buffer": b"format: remit/1\n"}]
        )
        page.locator('button:has-text("Validate and load"):not([disabled])').wait_for(timeout=WAIT)
        page.get_by_role("button", name="Validate and load").click()
        page.get_by_text("nothing was loaded").first.wait_for(timeout=WAIT)
        _idle(page)
        assert_text_not_markup(page, name)
        assert (
            page.locator("h3").filter(has_text="javascript").first.inner_text().replace(WORD_JOINER, "").strip() == name
        )
    finally:
        page.close()


def test_every_markup_sample_is_in_the_hostile_file():
    """The samples the tests above look for are the issue's: keep them all in the data."""
    assert all(m in TITLE for m in MARKUP)


def test_the_dashboards_csv_download_is_safe_to_open_in_a_spreadsheet(browser, hostile_url):
    """Finding 4 on the page: the Compare page's CSV of every change names the created post
    '=HYPERLINK(…)'; the file a visitor downloads holds it as text."""
    import csv
    import io
    from pathlib import Path

    page = open_routed(browser, hostile_url, "compare", charts=1)
    try:
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="Download every change (CSV)").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert "'" + FORMULA_TITLE in cells
        assert not [c for c in cells if c.startswith(("=", "+", "@")) or c.startswith("-") and not c[1:].isdigit()]
    finally:
        page.close()
