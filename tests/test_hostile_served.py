"""Issue 25, finding 8, on a started dashboard (`remit dashboard`, real Chromium) and the report:

- a NUL or ESC in a title, label or council name: `remit report … .pdf` writes it escaped (\\u0000,
  \\u001b), never raw, and the dashboard's PDF button downloads that report; when a report cannot
  be made the button shows an error (it did nothing);
- the dashboard sends frame and content-security headers, so another site cannot frame it."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest

from remit.cli.main import main

from .hostile_data import CONTROL_SHOWN, DEEP, control_file
from .test_dashboard_browser import WAIT, _check, browser, open_page, start_dashboard, stop_dashboard

__all__ = ["browser"]  # the module-scoped Chromium fixture, shared with the other browser tests
STRUCTURE = f"{DEEP}-2024"
RAW = ("\x00", "\x1b", "\x07")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def content_streams(data: bytes) -> bytes:
    """Every compressed stream of the PDF, decompressed: the text operators the reader draws."""
    out = b""
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out += zlib.decompress(m.group(1))
        except zlib.error:
            pass
    return out


@pytest.fixture(scope="module")
def control_folder(tmp_path_factory):
    return control_file(tmp_path_factory.mktemp("controls")).parent


def test_remit_report_pdf_writes_control_characters_escaped(control_folder, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["report", STRUCTURE, "--data", str(control_folder), "--out", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    data = out.read_bytes()
    text = pdf_text(data)
    assert CONTROL_SHOWN in text  # the post title, as the chart and tables show it
    assert "Deep \\u001b[2J label" in text  # the structure label (the report title)
    streams = content_streams(data)
    assert not [c for c in RAW if c.encode() in streams], "a raw control character went into the PDF's text"


@pytest.fixture(scope="module")
def served(control_folder):
    proc, url = start_dashboard(control_folder, "dashboard-hostile-served.log")
    yield url
    stop_dashboard(proc)


@pytest.mark.parametrize("path", ["", "_stcore/health", "compare", "static/../", "_stcore/nothing-here"])
def test_every_response_forbids_framing_by_another_site(served, path):
    """Pages, the health check, and refusals too (a 400 for a path that climbs out, a 404)."""
    try:
        with urllib.request.urlopen(f"{served}/{path}", timeout=30) as response:
            headers = response.headers
    except urllib.error.HTTPError as refused:
        headers = refused.headers
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.browser
def test_another_site_cannot_frame_the_dashboard(browser, served, tmp_path):
    """Chromium itself refuses: a page from another origin (a file) framing the dashboard gets nothing."""
    page = browser.new_page()
    try:
        outside = tmp_path / "evil.html"
        outside.write_text(f'<iframe id="f" src="{served}/" width="800" height="600"></iframe>', encoding="utf-8")
        blocked: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if "frame" in m.text.lower() else None)
        page.goto(outside.as_uri())
        page.wait_for_timeout(3000)  # the frame's load (or refusal) has no event of its own to wait for
        frame = next(f for f in page.frames if f != page.main_frame)
        assert frame.evaluate("() => document.querySelector('[data-testid=\"stApp\"]') === null")
        assert any("frame-ancestors" in b or "X-Frame-Options" in b for b in blocked), blocked
    finally:
        page.close()


@pytest.mark.browser
def test_the_pdf_button_downloads_the_report_with_control_characters_escaped(browser, served):
    page = open_page(browser, served, "", charts=1)
    try:
        _check(page, "Structure", 1)
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="Download report (PDF)").click()
        data = Path(info.value.path()).read_bytes()
        assert data.startswith(b"%PDF")
        assert CONTROL_SHOWN in pdf_text(data)
        assert page.locator('[data-testid="stDownloadButtonError"]').count() == 0
    finally:
        page.close()


@pytest.mark.browser
def test_a_report_that_cannot_be_made_shows_an_error_under_the_button(browser, control_folder, tmp_path, monkeypatch):
    """The report made to fail (sitecustomize replaces the renderer in the dashboard's process): the
    button shows an error, the server's log says why, the page itself does not break."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import remit.present.report as report\n"
        "def _broken(*args, **kwargs):\n"
        "    raise ValueError('renderer broken for the test')\n"
        "report.render = _broken\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(hook))
    proc, url = start_dashboard(control_folder, "dashboard-hostile-broken-report.log")
    try:
        page = open_page(browser, url, "", charts=1)
        try:
            page.get_by_role("button", name="Download report (PDF)").click()
            error = page.locator('[data-testid="stDownloadButtonError"]')
            error.wait_for(timeout=WAIT)
            assert error.inner_text().strip()
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            page.close()
    finally:
        stop_dashboard(proc)
    log = (Path(__file__).resolve().parents[1] / "artifacts" / "dashboard-hostile-broken-report.log").read_text()
    assert "the PDF report on deepshire-2024 could not be made" in log and "renderer broken for the test" in log
