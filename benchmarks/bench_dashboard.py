"""The dashboard at national scale (issue 26), in headless Chromium: with every council of the
benchmark's set loaded, the Overview and the all-councils assurance page ready after choosing them
in the navigation, and the dashboard process's resident memory.

Each page is measured in a dashboard of its own, timed from the click on its link to every table
drawn (Streamlit's data grids in place of their loading skeletons) and its CSV button, with
Streamlit's run finished and nothing of the page before left on screen (no element marked stale):
the page's own ready signals, no sleeps. The first visit opens on today's date, whose verdicts the dashboard starts judging in the
background when it opens the store (dashboard.state._warm); then another date nothing has asked
about (every verdict judged while the user waits); then, after the Structure page, a visit again
(Streamlit forgets a page's widgets when it is left, so it opens on today's date again). Memory is the process's
resident set (VmRSS) and its peak (VmHWM) at the end, from /proc.

Run by `python -m benchmarks --only dashboard` (memory store; and Neo4j when it holds the set).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGES = (
    # (navigation link, title, tables it draws)
    ("Overview", "Overview", 3),
    ("Assurance, all councils", "Assurance, all councils", 2),
)


def _memory_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) megabytes of a process."""
    text = Path(f"/proc/{pid}/status").read_text()

    def kb(field: str) -> float:
        m = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
        return int(m[1]) / 1024 if m else float("nan")

    return kb("VmRSS"), kb("VmHWM")


def measure(data: Path, backend: str = "memory", councils: int = 0, other_date: str = "2022-06-01") -> dict[str, Any]:
    """Seconds from choosing each page to its being ready, each page in a dashboard of its own
    (so neither gains from the other): on the page's first visit (today's date), then on another
    date nothing has asked about, then once more; and the larger process's memory."""
    out: dict[str, Any] = {"backend": backend}
    for link, title, tables in PAGES:
        out |= _one_page(data, backend, councils, link, title, tables, other_date)
    return out


def _one_page(
    data: Path, backend: str, councils: int, link: str, title: str, tables: int, other_date: str
) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.test_dashboard_browser import ARGS, CHROMIUM, WAIT, _idle, chart_ready, start_dashboard, stop_dashboard

    proc, url = start_dashboard(data, f"bench-dashboard-{backend}.log", backend=backend)
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1200})
            t0 = time.perf_counter()
            page.goto(url)  # the Structure page: opens the store (the graph from its cache) and draws a chart
            chart_ready(page)
            _idle(page)
            out["opened"] = time.perf_counter() - t0
            main = page.locator('[data-testid="stMain"]')

            def ready(date: str) -> None:
                try:
                    _ready(date)
                except Exception:
                    page.screenshot(
                        path=str(ROOT / "artifacts" / f"bench-dashboard-{backend}-failed.png"), full_page=True
                    )
                    raise

            def _ready(date: str) -> None:
                page.locator("h1").filter(has_text=re.compile(rf"^{re.escape(title)}$")).wait_for(timeout=WAIT)
                main.get_by_text(f"Structures in force on {date}.").wait_for(timeout=WAIT)  # this date's run
                main.locator('[data-testid="stDataFrame"]').nth(tables - 1).wait_for(timeout=WAIT)
                main.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=WAIT)
                main.locator('[data-testid="stSkeleton"]').first.wait_for(state="detached", timeout=WAIT)
                _idle(page)
                main.locator('[data-stale="true"]').first.wait_for(state="detached", timeout=WAIT)
                shown = main.locator('[data-testid="stMetricValue"]').first.inner_text().replace(",", "")
                if councils and shown != str(councils):
                    raise AssertionError(f"{title} shows {shown} councils, not {councils}")
                errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
                if errors.count():
                    raise AssertionError(f"{title}: {errors.first.inner_text()[:300]}")

            nav = page.locator('[data-testid="stSidebarNav"]')
            today = dt.date.today().isoformat()
            t0 = time.perf_counter()
            nav.get_by_role("link", name=link, exact=True).click()
            ready(today)
            out[f"{title}|first"] = time.perf_counter() - t0
            date = main.locator('[data-testid="stDateInput"] input').first
            t0 = time.perf_counter()
            date.fill(other_date)  # the input shows YYYY-MM-DD; the value is taken when it loses focus
            date.press("Enter")
            date.press("Escape")
            date.press("Tab")
            ready(other_date)
            out[f"{title}|other date"] = time.perf_counter() - t0
            nav.get_by_role("link", name="Structure", exact=True).click()
            chart_ready(page)
            _idle(page)
            t0 = time.perf_counter()
            nav.get_by_role("link", name=link, exact=True).click()
            ready(today)  # a page opened again starts on today's date (its widgets are not kept away from it)
            out[f"{title}|again"] = time.perf_counter() - t0
            rss, peak = _memory_mb(proc.pid)
            out[f"{title}|rss_mb"], out[f"{title}|peak_mb"] = rss, peak
            browser.close()
    finally:
        stop_dashboard(proc)
    return out


if __name__ == "__main__":  # python benchmarks/bench_dashboard.py DATA_DIR [memory|neo4j]
    import json
    import sys

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("REMIT_REQUIRE_BROWSER", "1")
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "memory"), indent=1))
