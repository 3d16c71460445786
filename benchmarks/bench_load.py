"""Load time at scale: N synthetic structures into Neo4j versus building the networkx graph.

Not a test (timings vary by machine); run by hand against a *test* database, which it wipes:

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_DATABASE=remit-test NEO4J_PASSWORD=... \\
        python benchmarks/bench_load.py --councils 50 --structures 10 --posts 40

Each council gets a chain of structures (each supersedes the previous, its posts REPLACE the
previous structure's), so the cross-structure path of the loader is exercised too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from remit.loader import read_files  # noqa: E402
from remit.loader.memory import graph_from_dataset  # noqa: E402
from remit.loader.neo4j_store import Neo4jUnavailable, connect, load_in_parts, wipe  # noqa: E402

UNITS = 5


def _ev(extra: dict | None = None) -> dict:
    return {**(extra or {}), "source": "doc", "quote": "Synthetic structure for benchmarking."}


def council_file(c: int, structures: int, posts: int) -> dict:
    cid = f"bench{c:03d}"
    out = []
    for s in range(structures):
        sid = f"{cid}-s{s:02d}"
        units = [
            {
                "key": f"u{u}",
                "name": f"Unit {u}",
                "kind": "directorate",
                **({"delivers": [_ev({"function": "f1"})]} if u == 0 else {}),
                **_ev(),
            }
            for u in range(UNITS)
        ]
        plist = [
            {
                "key": "p0",
                "title": "Chief Executive",
                "designations": [_ev({"role": "hops", "basis": "permanent"})],
                "holders": [_ev({"name": f"Chief {c} {s}", "from": "2020-01-01", "basis": "permanent"})],
                **_ev(),
            }
        ]
        for p in range(1, posts):
            director = p < UNITS + 1
            post = {
                "key": f"p{p}",
                "title": f"Post {p}",
                **_ev(),
                "line_manager": _ev({"post": "p0" if director else f"p{1 + p % UNITS}"}),
                "unit": _ev({"unit": f"u{p % UNITS}"}),
                "pay": _ev({"grade": f"G{p % 7}", "salary": 50000 + 1000 * p, "fte": 1}),
                "holders": [_ev({"name": f"Person {c}-{p}", "basis": "permanent"})],
            }
            if director:
                post["heads"] = _ev({"unit": f"u{p - 1}"})
            if p == 1:
                post["designations"] = [_ev({"role": "s151"})]
                post["responsible_for"] = [_ev({"function": "f1"})]
            if s > 0:
                post["replaces"] = [_ev({"post": f"p{p}"})]
            plist.append(post)
        st = {
            "id": sid,
            "label": f"Structure {s}",
            "effective": f"{2000 + s}-01-01",
            "status": "existing",
            **_ev(),
            "units": units,
            "posts": plist,
        }
        if s > 0:
            st["supersedes"] = f"{cid}-s{s - 1:02d}"
        out.append(st)
    return {
        "format": "remit/1",
        "council": {"id": cid, "name": f"Bench {c}", "kind": "unitary"},
        "sources": [{"id": "doc", "title": "Synthetic", "date": "2024-01-01", "file": "synthetic.txt"}],
        "functions": [{"key": "f1", "name": "Function one"}],
        "structures": out,
    }


def timed(what: str, fn):
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    print(f"{what:<42} {dt:8.2f} s")
    return result, dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--councils", type=int, default=50)
    ap.add_argument("--structures", type=int, default=10, help="structures per council")
    ap.add_argument("--posts", type=int, default=40, help="posts per structure")
    args = ap.parse_args()
    n = args.councils * args.structures
    print(f"{n} structures ({args.councils} councils x {args.structures}), {args.posts} posts each")
    with tempfile.TemporaryDirectory() as tmp:
        for c in range(args.councils):
            (Path(tmp) / f"bench{c:03d}.yaml").write_text(yaml.safe_dump(council_file(c, args.structures, args.posts)))
        data, _ = timed("read + validate YAML", lambda: read_files([tmp]))
    g, t_nx = timed("networkx graph_from_dataset", lambda: graph_from_dataset(data))
    print(f"{'':<42} {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    try:
        store = connect()
    except Neo4jUnavailable as exc:
        print(f"bench_load: {exc}", file=sys.stderr)
        return 3
    with store:
        wipe(store)  # refuses a database not named *test*
        counts, t_first = timed("neo4j load_dataset (empty database)", lambda: load_in_parts(store, data))
        _, t_again = timed("neo4j load_dataset (replace all, same data)", lambda: load_in_parts(store, data))
        rels = sum(sum(c["relationships"].values()) for c in counts.values())
        print(f"{'':<42} {rels} structure relationships read back")
        print(
            f"neo4j / networkx: {t_first / t_nx:.0f}x; per structure {1000 * t_first / n:.1f} ms "
            f"(first), {1000 * t_again / n:.1f} ms (replace)"
        )
        wipe(store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
