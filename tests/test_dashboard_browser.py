"""The dashboard in a real browser: `remit dashboard` on a free port, headless Chromium (Debian's
package, driven by playwright without its own browser download) opens every page, and the test
fails on a Streamlit exception, an error banner, a chart that does not draw, or any request that
leaves the machine (the app must work offline). Screenshots go to artifacts/screenshots/; with
REMIT_DOCS_SCREENSHOTS=1 the Structure and Compare pages are also saved to docs/screenshots/."""
from __future__ import annotations

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
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
# page path -> (title shown, number of charts drawn)
PAGES = {"": ("Structure", 1), "ask": ("Ask", 1), "assurance": ("Assurance", 0), "compare": ("Compare", 3),
         "load": ("Load", 0)}


def _missing(reason: str) -> None:
    if os.environ.get("REMIT_REQUIRE_NEO4J") == "1" or os.environ.get("REMIT_REQUIRE_BROWSER") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard_url():
    port = _free_port()
    remit = shutil.which("remit")
    cmd = [remit] if remit else [sys.executable, "-m", "remit.cli"]
    env = {**os.environ, "REMIT_BACKEND": "memory", "REMIT_DATA": str(SEED)}
    log = (ROOT / "artifacts").joinpath("dashboard-browser.log")
    log.parent.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd + ["dashboard", "--port", str(port)], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"remit dashboard did not start; see {log}:\n{log.read_text()[-2000:]}", pytrace=False)
        time.sleep(0.3)
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


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


def _settle(page) -> None:
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    page.wait_for_timeout(800)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_timeout(1500)


def _open(browser, url: str, path: str, height: int = 1900):
    page = browser.new_page(viewport={"width": 1600, "height": height})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        (url, "data:", "blob:", "about:", "http://localhost", "ws://127.0.0.1")) else None)
    page.goto(f"{url}/{path}")
    _settle(page)
    return page, outside


def _check(page, title: str, charts: int, outside: list[str]) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert "Traceback" not in page.inner_text("body")
    assert page.locator("h1").first.inner_text().strip() == title
    frames = page.locator("iframe")
    assert frames.count() == charts
    for i in range(charts):  # vis-network drew the chart: a canvas inside each chart frame
        page.frame_locator("iframe").nth(i).locator("canvas").first.wait_for(timeout=20_000)
    assert outside == [], f"requests left the machine: {outside[:5]}"


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_without_errors(browser, dashboard_url, path):
    title, charts = PAGES[path]
    page, outside = _open(browser, dashboard_url, path)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{title.lower()}.png"), full_page=True)
        _check(page, title, charts, outside)
    finally:
        page.close()


def test_structure_post_details_in_browser(browser, dashboard_url):
    """Choosing a post in the real UI shows its details and evidence without an error."""
    page, outside = _open(browser, dashboard_url, "")
    try:
        sidebar = page.locator('[data-testid="stSidebar"]')
        _choose(page, sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Council"), "harrow")
        _choose(page, sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Structure"), "harrow-2023")
        _choose(page, page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').filter(has_text="Post"),
                "Director of Children's Services")
        page.get_by_text("Evidence for every fact").wait_for(timeout=30_000)
        _settle(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "structure-post.png"), full_page=True)
        _check(page, "Structure", 1, outside)
        assert page.locator("h2").filter(has_text="Director of Children's Services").count() >= 1
        if os.environ.get("REMIT_DOCS_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS / "structure.png"), full_page=False)
    finally:
        page.close()


def test_compare_screenshot(browser, dashboard_url):
    page, outside = _open(browser, dashboard_url, "compare", height=2300)
    try:
        _check(page, "Compare", 3, outside)
        if os.environ.get("REMIT_DOCS_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS / "compare.png"), full_page=False)
    finally:
        page.close()


def _choose(page, box, option_text: str) -> None:
    box.first.click()
    page.get_by_role("option", name=option_text).first.click()
    _settle(page)
