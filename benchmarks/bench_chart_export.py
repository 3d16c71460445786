"""Chart exports at council scale (issue 24): a generated 2,000-post structure drawn whole as the
tiled vector PDF (A4 and A3), the SVG and the PNG, as `remit chart` and the Structure page's
buttons make them.

Target (issue 24): the PDF of a 2,000-post chart in 5 s or less. Timed from the structure's
snapshot (already built, as on the page) to the bytes: layout, drawing and fpdf2's output. The
PDF's text is read back with pypdf to check every post's title is in it. Not a test (timings vary
by machine). Run:

    python benchmarks/bench_chart_export.py [--posts 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.gen_structure import write  # noqa: E402
from benchmarks.results import machine_line, record  # noqa: E402

BUDGET_S = 5.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-record", action="store_true", help="print only; leave benchmarks/RESULTS.md alone")
    args = ap.parse_args()

    from pypdf import PdfReader

    from remit.present.drawing.pdf import chart_pdf
    from remit.present.drawing.png import scene_png
    from remit.present.drawing.scene import chart_scene
    from remit.present.drawing.svg import scene_svg
    from remit.present.orgchart import chart_graph
    from remit.queries.backend import open_backend
    from remit.queries.snapshot import snapshot

    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "bigshire.yaml", args.posts)
        snap = snapshot(open_backend("memory", [str(path)]), "bigshire-2025")
    posts = len(snap.posts())

    def timed(make) -> tuple[float, object]:  # type: ignore[no-untyped-def]
        """The slowest of the runs (the first, before any cache in the process is warm) and the output."""
        times, out = [], None
        for _ in range(args.runs):
            t = time.perf_counter()
            out = make()
            times.append(time.perf_counter() - t)
        return max(times), out

    def pdf(paper: str) -> bytes:
        graph = chart_graph(snap)
        return chart_pdf(chart_scene(graph, ()), "Bigshire Council (synthetic) (bigshire-2025)", paper)

    lines = []
    for paper in ("A4", "A3"):
        t, data = timed(lambda: pdf(paper))
        assert isinstance(data, bytes)
        reader = PdfReader(io.BytesIO(data))
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        titles = {" ".join((p.get("title") or "").split()) for p in snap.posts().values()}
        missing = sum(1 for title in titles if title not in text)
        verdict = "met" if t <= BUDGET_S else "NOT met"
        lines.append(
            f"PDF ({paper}) of every post, {posts:,} posts: slowest of {args.runs} runs {t:.2f} s "
            f"(target <= {BUDGET_S:.0f} s: {verdict}); {len(reader.pages)} pages, {len(data):,} bytes; "
            f"post titles missing from the PDF's text: {missing} of {len(titles)}"
        )
    t, svg = timed(lambda: scene_svg(chart_scene(chart_graph(snap), ()), "Bigshire").encode("utf-8"))
    lines.append(f"SVG of every post: slowest {t:.2f} s, {len(svg):,} bytes")  # type: ignore[arg-type]
    t, png = timed(lambda: scene_png(chart_scene(chart_graph(snap), ())))
    lines.append(f"PNG of every post: slowest {t:.2f} s, {len(png):,} bytes")  # type: ignore[arg-type]
    lines.append(machine_line())
    print("\n".join(lines))
    if not args.no_record:
        record("chart-export", "Chart exports (issue 24): `python benchmarks/bench_chart_export.py`", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
