"""An overlay of 100 changes laid over a generated 2,000-post structure, and every rule re-run.

Target (issue 23): applying the overlay and re-running every assurance rule takes at most 1 s on
this machine: what the Review and Scenario pages do after each decision (review.live.evaluate:
copy the structure's file, lay the overlay over it, build its graph, judge every rule). Not a test
(timings vary by machine). Run:

    python benchmarks/bench_overlay.py [--posts 2000] [--changes 100] [--runs 5] [--record]

or as the `overlay` section of `python -m benchmarks`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.gen_structure import write  # noqa: E402
from benchmarks.results import machine_line, record  # noqa: E402

BUDGET_S = 1.0


def overlay_of(st, n: int):
    """`n` changes of every kind a scenario makes, over the generated structure: moves, retitles,
    pay, accountability lines, posts added and deleted, designations."""
    from remit.loader.overlay import Change, Overlay, Scenario

    keep = {"asserted": True, "reasoning": "benchmark", "by": "Bench", "on": "2025-06-01"}
    leaders = [p.key for p in st.posts if p.key.startswith("team-leader-")]
    managers = [p.key for p in st.posts if p.key.startswith("manager-")]
    kinds = ["move", "move", "move", "move", "retitle", "retitle", "pay", "pay", "line", "add"]
    changes = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        post = leaders[i * 7 % len(leaders)]
        if kind == "move":
            changes.append(Change("line_manager", {"post": post, "to": managers[(i * 13) % len(managers)]}, **keep))
        elif kind == "retitle":
            changes.append(Change("retitle", {"post": post, "title": f"Team Leader (renamed {i})"}, **keep))
        elif kind == "pay":
            changes.append(Change("pay", {"post": post, "salary": 50000.0 + i}, **keep))
        elif kind == "line":
            changes.append(
                Change("accountable_to", {"post": post, "to": "director-0", "mechanisms": ["quarterly review"]}, **keep)
            )
        else:
            changes.append(
                Change(
                    "add_post",
                    {
                        "post": f"new-post-{i}",
                        "title": f"New Post {i}",
                        "line_manager": "director-3",
                        "salary": 60000.0,
                    },
                    **keep,
                )
            )
    changes[-1] = Change("designate", {"post": "director-4", "role": "s151", "basis": "permanent"}, **keep)
    changes[-2] = Change("delete_post", {"post": leaders[-1]}, **keep)
    return Overlay(st.id, changes=changes, scenario=Scenario(f"{st.id}-scenario", "benchmark scenario"))


def measure(posts: int = 2000, changes: int = 100, runs: int = 5) -> tuple[float, list[float], int]:
    """(median seconds, every run, changes applied) for evaluate() on a fresh generated structure."""
    from remit.loader import read_files
    from remit.review.live import evaluate, file_of

    with tempfile.TemporaryDirectory() as d:
        path = write(Path(d) / "bigshire.yaml", posts)
        data = read_files([path])
    sid = next(iter(data.structures))
    base = file_of(data, sid)
    overlay = overlay_of(data.structures[sid], changes)
    times = []
    applied = 0
    for _ in range(runs):
        t = time.perf_counter()
        ev = evaluate(base, overlay)
        times.append(time.perf_counter() - t)
        applied = sum(1 for o in ev.outcomes if o.status == "applied")
        assert len(ev.summary.results) >= 14
    return statistics.median(times), times, applied


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--changes", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--record", action="store_true", help="write the figures into benchmarks/RESULTS.md")
    args = ap.parse_args()
    median, times, applied = measure(args.posts, args.changes, args.runs)
    lines = [
        f"`python benchmarks/bench_overlay.py --posts {args.posts} --changes {args.changes} --runs {args.runs}`: "
        f"an overlay of {args.changes} changes ({applied} applied) laid over a {args.posts}-post structure and "
        f"every rule re-run: median {median:.3f} s (runs: {', '.join(f'{t:.3f}' for t in times)}); budget "
        f"{BUDGET_S:.1f} s: {'met' if median <= BUDGET_S else 'MISSED'}",
        machine_line(),
    ]
    print("\n".join(lines))
    if args.record:
        record("bench_overlay", "Overlay of 100 changes and every rule re-run (issue 23)", lines)
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
