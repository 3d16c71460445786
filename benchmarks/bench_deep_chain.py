"""Deep structures (issue 25, finding 7): `span-of-control`, `chain` and the Structure page's layout on
one line-management chain DEPTH posts deep (default 20,000: about what fits under the upload cap).

Before the fix: span-of-control 11 s at 5,000 and 276 s at 20,000 (a walk up per post), the chain on
Neo4j stopped at its time limit (a path per step, checked node by node), the chart layout recursed
once per level. Not a test (timings vary by machine); tests/test_hostile_deep.py holds the same at
5,000 by counting work. Neo4j parts need NEO4J_URI etc. and a database named *test* (it is WIPED).

    python benchmarks/bench_deep_chain.py [--depth 20000] [--no-neo4j]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import machine_line, record  # noqa: E402
from tests.hostile_data import DEEP, deep_file  # noqa: E402


def timed(what: str, fn, lines: list[str]):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    lines.append(f"{what}: {time.perf_counter() - started:.2f} s")
    print(lines[-1], flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=20_000)
    parser.add_argument("--no-neo4j", action="store_true")
    args = parser.parse_args()

    from remit.loader import read_files
    from remit.present.layout import layout, reveal
    from remit.present.orgchart import chart_graph
    from remit.queries.backend import MemoryBackend
    from remit.queries.snapshot import snapshot

    structure, deepest = f"{DEEP}-2024", f"p{args.depth}"
    lines = [f"one line-management chain {args.depth:,} posts deep"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = deep_file(Path(tmp), args.depth).parent
        mem = timed("files -> networkx", lambda: MemoryBackend.from_paths([folder], cache=False), lines)
        rows = timed("networkx span-of-control", lambda: mem.run("span-of-control", {"structure": structure}), lines)
        assert max(r["tier"] for r in rows) == args.depth
        rows = timed(
            "networkx chain of the deepest post",
            lambda: mem.run("chain", {"structure": structure, "post": deepest}),
            lines,
        )
        assert len(rows) == args.depth + 1
        graph = chart_graph(snapshot(mem, structure))
        timed(
            "chart layout with the deepest post revealed", lambda: layout(graph, reveal(graph, set(), deepest)), lines
        )
        if not args.no_neo4j and os.environ.get("NEO4J_URI") and "test" in os.environ.get("NEO4J_DATABASE", ""):
            from remit.loader.neo4j_store import connect, load_dataset, wipe
            from remit.queries.backend import Neo4jBackend

            store = connect()
            wipe(store)
            timed("files -> Neo4j", lambda: load_dataset(store, read_files([folder])), lines)
            neo = Neo4jBackend(store.driver, store.database, timeout=600, store=store)
            rows = timed("Neo4j span-of-control", lambda: neo.run("span-of-control", {"structure": structure}), lines)
            assert max(r["tier"] for r in rows) == args.depth
            rows = timed(
                "Neo4j chain of the deepest post",
                lambda: neo.run("chain", {"structure": structure, "post": deepest}),
                lines,
            )
            assert len(rows) == args.depth + 1
            wipe(store)
        else:
            lines.append("Neo4j: not run (no NEO4J_URI with a *test* database, or --no-neo4j)")
    lines.append(machine_line())
    record("deep-chain", "Deep structures (issue 25, finding 7)", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
