"""Big charts (issue 26), in headless Chromium: a generated 10,000-post structure opened on the
Structure page (from choosing its council to the chart drawn and the page's search box there), and
every post of a 2,000-post structure shown (the chart toolbar's Expand all: from the click to the chart drawn
with every node). The chart's own ready signal (body[data-ready], data-rev, data-nodes), no sleeps.
The first run of each is with cold caches (the structure's snapshot and layout made), the median
over the runs is the figure.

Run by `python -m benchmarks --only charts [--chart-posts 10000 --expand-posts 2000]`, or by hand:

    python benchmarks/bench_charts.py [--open-posts 10000] [--expand-posts 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OPEN_BUDGET_S, EXPAND_BUDGET_S = 2.0, 1.5


def measure(open_posts: int = 10000, expand_posts: int = 2000, runs: int = 3) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from benchmarks.gen_structure import big_structure
    from tests.test_dashboard_browser import (
        ARGS,
        CHART,
        CHROMIUM,
        WAIT,
        chart_ready,
        choose,
        council_name,
        start_dashboard,
        stop_dashboard,
    )

    out: dict[str, Any] = {"open": [], "expand": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        for f in (ROOT / "seed").glob("*.yaml"):
            shutil.copy(f, data / f.name)
        for council, posts in (("bigshire", open_posts), ("midshire", expand_posts)):
            (data / f"{council}.yaml").write_text(
                yaml.safe_dump(big_structure(posts, council=council), sort_keys=False), encoding="utf-8"
            )
        proc, url = start_dashboard(data, "bench-charts.log")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1600, "height": 1200})
                page.goto(url)
                chart_ready(page)
                sidebar = page.locator('[data-testid="stSidebar"]')
                council = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Council")
                body = page.frame_locator(CHART).first.locator("body")

                def away() -> None:
                    choose(page, council, council_name("barnet"))  # the sidebar lists councils by name
                    chart_ready(page, view="barnet-2014-06|")

                def pick(name: str) -> float:
                    council.first.click()
                    option = page.get_by_role("option", name=f"{name.title()} Council (synthetic)").first
                    option.wait_for()
                    t0 = time.perf_counter()
                    option.click()
                    chart_ready(page, view=f"{name}-2025|")
                    page.get_by_label(re.compile(r"^Search posts")).wait_for(
                        timeout=WAIT
                    )  # the page's search box is there
                    return time.perf_counter() - t0

                for _ in range(runs):
                    away()
                    out["open"].append(pick("bigshire"))
                out["open_nodes"] = int(body.get_attribute("data-nodes") or 0)
                for _ in range(runs):
                    away()
                    pick("midshire")
                    rev = body.get_attribute("data-rev")
                    t0 = time.perf_counter()
                    page.frame_locator(CHART).first.locator("#remit-expand").click()  # Expand all
                    chart_ready(page, view="midshire-2025|", after_rev=rev)
                    out["expand"].append(time.perf_counter() - t0)
                    out["expand_nodes"] = int(body.get_attribute("data-nodes") or 0)
                browser.close()
        finally:
            stop_dashboard(proc)
    out["open_posts"], out["expand_posts"] = open_posts, expand_posts
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--open-posts", type=int, default=10000)
    ap.add_argument("--expand-posts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    r = measure(args.open_posts, args.expand_posts, args.runs)
    o, e = statistics.median(r["open"]), statistics.median(r["expand"])
    print(
        f"{r['open_posts']}-post structure opened: median {o:.2f} s (budget {OPEN_BUDGET_S} s; runs "
        f"{', '.join(f'{t:.2f}' for t in r['open'])}; {r['open_nodes']} nodes drawn)\n"
        f"every post of {r['expand_posts']} shown: median {e:.2f} s (budget {EXPAND_BUDGET_S} s; runs "
        f"{', '.join(f'{t:.2f}' for t in r['expand'])}; {r['expand_nodes']} nodes drawn)"
    )
    return 0 if o <= OPEN_BUDGET_S and e <= EXPAND_BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
