"""Every speed target (issues 13 and 26) in one run: `python -m benchmarks [--councils 1000 --posts 150]`.

Generates the councils (one YAML file each, own sources; benchmarks/generate.py), then measures,
side by side with its target and round 2's figure (benchmarks/RESULTS-round2.md): files -> networkx
(first time, and again from the cache), bytes per post, files -> Neo4j (first load;
`neo4j-admin database import` of the same records; one MERGE per row; reloads with nothing
changed and with every structure changed), every catalogue question and rule on one structure
(p95) and the snapshot, every cross-council question over all councils (median; the rules also
on a first run for a date), `remit ask` on the seed end to end, the dashboard's Overview and
all-councils assurance page (Chromium) and its memory, an overlay re-run, big charts (a
10,000-post structure opened, every post of 2,000 shown) and `remit import DIR` of 600 returns (benchmarks/gen_returns.py).
For a quick check of every section: `--councils 20 --posts 20 --repeat 1 --returns 10
--chart-posts 500 --expand-posts 300 --merge-sample 2 --sample 3 --out /tmp/quick.md` (figures
meaningless at that size; without --out a run of every section rewrites benchmarks/RESULTS.md).
Prints the table and writes benchmarks/RESULTS.md with the machine's load average.

Neo4j parts need NEO4J_URI etc. and a database named *test* (it is WIPED); without one they are
reported as not run. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("networkx", "neo4j", "rust", "questions", "national", "ask", "dashboard", "overlay", "charts", "import")
LAUNCHER_LIB = ROOT / "scripts" / "neo4j-launcher" / "target" / "lib"


@dataclass
class Figure:
    name: str
    value: float | None  # None: not measured (why in note)
    unit: str
    target: float | None
    note: str = ""
    higher: bool = False  # the target is a floor (a speed-up), not a ceiling
    digits: int = 1  # decimals shown

    def round2(self) -> str:
        from benchmarks.round2 import figure

        return figure(self.name)

    def ratio(self) -> str:
        if self.value is None or not self.target:
            return ""
        return f"{self.value / self.target:.2f}"

    def verdict(self) -> str:
        if self.value is None:
            return "not run"
        if self.target is None:
            return ""
        return "meets" if (self.value >= self.target if self.higher else self.value <= self.target) else "misses"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def p95(samples: list[float]) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]


def subprocess_seconds(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds the child printed, CPU seconds it used): on a shared machine the CPU time says
    what the work costs, the wall time what a user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(out.stdout.strip().splitlines()[-1]), cpu


# -- the measurements -------------------------------------------------------------------------------
def memory_figures(data_dir: Path, figures: list[Figure], env: dict[str, str], measure: bool = True) -> Any:
    from remit.loader import read_files
    from remit.loader.memory import build_graph
    from remit.loader.records import dataset_records
    from remit.queries.backend import MemoryBackend

    first = (
        "import time; t = time.perf_counter(); from remit.queries.backend import MemoryBackend; "
        f"b = MemoryBackend.from_paths([{str(data_dir)!r}]); print(b.from_cache); print(time.perf_counter() - t)"
    )
    if not measure:
        data = read_files([data_dir])
        return MemoryBackend(build_graph(dataset_records(data)), data), list(dataset_records(data))
    for name, target in (
        ("files -> networkx, first time (read, validate, build, cache)", 30),
        ("files -> networkx, again from the cache (new process)", 3),
    ):
        wall, cpu = subprocess_seconds(first, env)
        figures.append(Figure(name, wall, "s", target, f"CPU {cpu:.1f} s"))
    data = read_files([data_dir])
    records = list(dataset_records(data))
    posts = sum(1 for r in records for n in r.nodes if n.label == "Post")
    gc.collect()
    tracemalloc.start()
    graph = build_graph(records)
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    figures.append(
        Figure(
            "networkx bytes per post (graph only)",
            size / posts,
            "B",
            1536,
            f"{posts} posts, {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
        )
    )
    return MemoryBackend(graph, data), records


def scratch_store() -> tuple[Any, str]:
    """(the store of the test database NEO4J_URI names, "") or (None, why not)."""
    from remit.loader.neo4j_store import Neo4jUnavailable, connect

    if not os.environ.get("NEO4J_URI"):
        return None, "NEO4J_URI not set"
    try:
        return connect(), ""
    except Neo4jUnavailable as exc:
        return None, str(exc)


def record_counts(records: list[Any]) -> tuple[int, int]:
    """(distinct nodes, relationships) the records hold: what a complete load or import holds."""
    return len({n.uid for r in records for n in r.shared + r.nodes}), sum(len(r.edges) for r in records)


def neo4j_figures(records: list[Any], data: Any, figures: list[Figure], merge_sample: int) -> Any:
    from remit.loader.neo4j_store import PART_POSTS, load_in_parts, wipe
    from remit.queries.backend import Neo4jBackend

    store, why = scratch_store()
    if store is None:
        figures.append(Figure("files -> Neo4j, first load", None, "s", 60, why))
        return None
    n = len(records)
    from benchmarks.baselines import merge_per_row

    per_row = {}  # seconds a structure, one MERGE per row: each row / each structure one transaction
    for transaction, count in (("row", max(1, merge_sample // 2)), ("structure", merge_sample)):
        wipe(store)
        sample = records[:count]
        merge_per_row(store, records[count : count + 1], transaction)  # the server plans its statements first
        wipe(store)
        per_row[transaction] = (timed(lambda: merge_per_row(store, sample, transaction))[1] / len(sample), len(sample))
    wipe(store)
    _, t_first = timed(lambda: load_in_parts(store, data))  # a load is one transaction: bulk in parts
    rust = _rust_ext()
    figures.append(
        Figure(
            "files -> Neo4j, first load (batched UNWIND)",
            t_first,
            "s",
            60,
            f"{1000 * t_first / n:.0f} ms per structure; loaded in parts of ~{PART_POSTS:,} posts (one transaction each); "
            f"neo4j-rust-ext {'on' if rust else 'off'}",
        )
    )
    (per_merge, count), (per_tx, count_tx) = per_row["row"], per_row["structure"]
    figures.append(
        Figure(
            "speed-up over one MERGE per row (a floor)",
            per_merge / (t_first / n),
            "x",
            30,
            f"the issue's reference, each row its own transaction: {1000 * per_merge:.0f} ms per structure "
            f"on the first {count} structures into the emptied database (benchmarks/baselines.py)",
            higher=True,
        )
    )
    figures.append(
        Figure(
            "for comparison: over one MERGE per row, one transaction per structure",
            per_tx / (t_first / n),
            "x",
            None,
            f"{1000 * per_tx:.0f} ms per structure on the first {count_tx} structures; "
            "a stronger reference (no commit per row), no target",
        )
    )
    t_import, note = admin_import(records)
    figures.append(
        Figure(
            "first load / neo4j-admin import (<= 1.3x)",
            t_first / t_import if t_import else None,
            "x",
            1.3,
            f"{note}; the first load {t_first:.1f} s",
            digits=2,
        )
    )
    reload_figures(store, data, t_first, figures)
    return Neo4jBackend(store.driver, store.database, store=store)


def reload_figures(store: Any, data: Any, t_first: float, figures: list[Figure]) -> None:
    """Reloads of the whole set against the first load (benchmarks/reload.py): nothing changed
    (every structure skipped by its digest), and every structure revised (rewritten in place)."""
    from benchmarks import reload

    r = reload.measure(store, data)
    n = len(data.structures)
    figures.append(
        Figure(
            "Neo4j reload, nothing changed / first load",
            r["same"] / t_first,
            "x",
            0.2,
            f"{r['same']:.2f} s (median of {', '.join(f'{t:.2f}' for t in r['same_runs'])}); "
            f"{r['same_skipped']} of {n} structures skipped by digest; records built and digested, nothing written",
            digits=2,
        )
    )
    figures.append(
        Figure(
            "Neo4j reload, every structure changed / first load",
            r["changed"] / t_first,
            "x",
            1.2,
            f"{r['changed']:.1f} s (median of {', '.join(f'{t:.1f}' for t in r['changed_runs'])}: the set revised "
            f"as a month's returns would, then back); {r['changed_skipped']} skipped; rewritten in place",
            digits=2,
        )
    )


def neo4j_loaded(records: list[Any], data: Any, figures: list[Figure]) -> Any:
    """A backend on the test database holding exactly these records: loaded only if it does not already
    (so `--only questions` does not reload a thousand councils each time)."""
    from remit.loader.neo4j_store import load_in_parts, wipe
    from remit.queries.backend import Neo4jBackend

    store, why = scratch_store()
    if store is None:
        figures.append(Figure("Neo4j questions", None, "ms", None, why))
        return None
    with store.driver.session(database=store.database) as session:
        held = (
            session.run("MATCH (n) RETURN count(n) AS c").single()["c"],
            session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"],
        )
    if held != record_counts(records):
        wipe(store)
        load_in_parts(store, data)
    return Neo4jBackend(store.driver, store.database, store=store)


def rust_figure(figures: list[Figure], councils: int, posts: int) -> None:
    """Reloads of a smaller set with neo4j-rust-ext on and off, alternating fresh processes."""
    from benchmarks import rust_ext
    from benchmarks.generate import write_councils

    if not rust_ext.available():
        figures.append(Figure("neo4j-rust-ext: reload speed-up", None, "x", None, "neo4j-rust-ext not installed"))
        return
    folder = Path(tempfile.gettempdir()) / f"remit-bench-rust-{councils}x{posts}"
    write_councils(folder, councils, posts)
    t = rust_ext.compare(folder)
    figures.append(
        Figure(
            "neo4j-rust-ext: reload speed-up (off / on), every structure rewritten",
            t["off"] / t["on"],
            "x",
            1,
            higher=True,
            note=f"{councils} councils reloaded: {t['off']:.1f} s off, {t['on']:.1f} s on (medians of 3)",
        )
    )


def _rust_ext() -> bool:
    import importlib.util

    return importlib.util.find_spec("neo4j._rust") is not None


def admin_import(records: list[Any]) -> tuple[float | None, str]:
    """Time `neo4j-admin database import full` of the same records into a scratch Neo4j home."""
    from remit.loader.bulk_import import import_arguments, write_csv

    if not LAUNCHER_LIB.is_dir():
        return None, f"no Neo4j jars at {LAUNCHER_LIB} (build them with scripts/neo4j-local start)"
    with tempfile.TemporaryDirectory(prefix="remit-import-") as tmp:
        (Path(tmp) / "home" / "conf").mkdir(parents=True)
        files, t_csv = timed(lambda: write_csv(records, Path(tmp) / "csv"))
        env = {**os.environ, "NEO4J_HOME": f"{tmp}/home", "NEO4J_CONF": f"{tmp}/home/conf"}
        cmd = [
            "java",
            "-Xmx1g",
            "-cp",
            f"{LAUNCHER_LIB}/*",
            "org.neo4j.cli.AdminTool",
            *import_arguments(files, "remit-import"),
        ]
        out, t_import = timed(lambda: subprocess.run(cmd, env=env, capture_output=True, text=True))
        if out.returncode:
            return None, "neo4j-admin import failed: " + (out.stderr or out.stdout).strip().splitlines()[-1][:200]
    nodes, edges = record_counts(records)
    got = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships", out.stdout)
    same = bool(got) and (int(got[1]), int(got[2])) == (nodes, edges)
    return t_import, (
        f"neo4j-admin import {t_import:.1f} s (JVM start included), CSV writing {t_csv:.1f} s; "
        f"imported {got[1] if got else '?'} nodes, {got[2] if got else '?'} relationships "
        f"({'equal to' if same else 'DIFFERENT from'} the records: {nodes}, {edges})"
    )


def question_figures(backends: dict[str, Any], structures: list[str], figures: list[Figure], repeat: int) -> None:
    from remit.queries.catalogue import all_questions, parameter_sets
    from remit.queries.snapshot import snapshot

    targets = {"memory": (10, 20), "neo4j": (25, 50)}
    for name, backend in backends.items():
        worst, worst_id, worst_cpu, snaps, snap_cpu = 0.0, "", 0.0, [], []
        for q in all_questions():
            if q.kind not in ("question", "rule"):
                continue
            times, cpus = [], []
            extra = parameter_sets(q, {"post": ["p7"], "function": ["childrens-social-care"]})[0]
            for s in structures:
                for _ in range(repeat):
                    c = time.process_time()
                    _, t = timed(lambda: backend.run(q, {"structure": s, "as_of": "2022-06-01", **extra}))
                    times.append(1000 * t)
                    cpus.append(1000 * (time.process_time() - c))
            if p95(times) > worst:
                worst, worst_id, worst_cpu = p95(times), q.id, p95(cpus)
        for s in structures:
            for _ in range(repeat):
                c = time.process_time()
                snaps.append(1000 * timed(lambda: snapshot(backend, s))[1])
                snap_cpu.append(1000 * (time.process_time() - c))
        cpu = "client " if name == "neo4j" else ""
        figures.append(
            Figure(
                f"slowest question/rule on one structure, p95 ({name})",
                worst,
                "ms",
                targets[name][0],
                f"slowest: {worst_id}; {cpu}CPU p95 {worst_cpu:.1f} ms",
            )
        )
        figures.append(
            Figure(
                f"snapshot of one structure, p95 ({name})",
                p95(snaps),
                "ms",
                targets[name][1],
                f"{cpu}CPU p95 {p95(snap_cpu):.1f} ms",
            )
        )


def national_figures(backends: dict[str, Any], figures: list[Figure], repeat: int) -> None:
    from remit.queries.catalogue import all_questions
    from remit.queries.national_changes import holder_changes
    from remit.queries.national_rules import national_findings
    from remit.queries.scope import Scope

    scope = Scope("2022-06-01")
    runs: dict[str, Callable[[Any], Any]] = {
        q.id: (lambda b, q=q: b.run(q, scope.params())) for q in all_questions("national")
    }
    runs["holder-changes"] = lambda b: holder_changes(b, "2020-01-01", scope)
    runs["rule findings (every rule)"] = lambda b: national_findings(b, scope)
    for name, backend in backends.items():
        if name == "neo4j":
            figures.append(first_findings(backend, scope, repeat))
        for qid, run in runs.items():
            # issue 26 asks 300 ms of the rules on Neo4j (issue 13 asked 200 ms)
            target = 1000 if name == "memory" else 300 if qid.startswith("rule findings") else 200
            times, cpus = [], []
            for _ in range(repeat):
                c = time.process_time()
                times.append(1000 * timed(lambda: run(backend))[1])
                cpus.append(1000 * (time.process_time() - c))
            kept = " (runs after the first judge only what changed: verdicts kept per digest and date)"
            figures.append(
                Figure(
                    f"all councils: {qid} ({name}), median",
                    statistics.median(times),
                    "ms",
                    target,
                    f"{'client ' if name == 'neo4j' else ''}CPU {statistics.median(cpus):.0f} ms; median of {repeat}"
                    + (kept if qid.startswith("rule findings") else ""),
                )
            )


def first_findings(backend: Any, scope: Any, repeat: int) -> Figure:
    """Rule findings over all councils on a date asked for the first time since the backend opened
    or the structures were loaded: nothing kept from an earlier run (queries/digest_cache.py)."""
    from remit.queries.digest_cache import digest_cache
    from remit.queries.national_rules import national_findings

    times, cpus = [], []
    for _ in range(repeat):
        digest_cache(backend).clear()
        c = time.process_time()
        times.append(1000 * timed(lambda: national_findings(backend, scope))[1])
        cpus.append(1000 * (time.process_time() - c))
    return Figure(
        "all councils: rule findings (every rule) (neo4j), first run on a date",
        statistics.median(times),
        "ms",
        300,
        f"client CPU {statistics.median(cpus):.0f} ms; median of {repeat}, each with nothing kept: facts fetched, "
        "every verdict made",
    )


def ask_figure(figures: list[Figure], env: dict[str, str], repeat: int) -> None:
    cmd = [sys.executable, "-m", "remit.cli", "ask", "statutory-holders", "--structure", "barnet-2015-04"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # fills the cache
    times, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(timed(lambda: subprocess.run(cmd, env=env, capture_output=True, check=True))[1])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    figures.append(
        Figure(
            "`remit ask` on the seed, end to end (median)",
            1000 * statistics.median(times),
            "ms",
            250,
            f"CPU {1000 * statistics.median(cpus):.0f} ms (median)",
        )
    )


def dashboard_figures(
    data_dir: Path, env: dict[str, str], figures: list[Figure], councils: int, neo4j_ready: bool
) -> None:
    """The Overview and the all-councils assurance page, and the process's memory, in headless
    Chromium (benchmarks/bench_dashboard.py): the memory store (its graph already in the cache, as on
    a server that has opened the set before), and Neo4j when it holds the set."""
    from benchmarks import bench_dashboard

    subprocess.run(  # the graph cached, as the networkx section leaves it
        [
            sys.executable,
            "-c",
            f"from remit.queries.backend import MemoryBackend; MemoryBackend.from_paths([{str(data_dir)!r}])",
        ],
        env=env,
        check=True,
    )
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        for backend in ("memory", "neo4j") if neo4j_ready else ("memory",):
            try:
                r = bench_dashboard.measure(data_dir, backend, councils)
            except Exception as exc:  # a browser or server missing: reported, not hidden
                figures.append(
                    Figure(f"dashboard ({backend}): Overview ready after choosing it", None, "s", 2, str(exc)[:200])
                )
                continue
            where = f"dashboard ({backend}, {councils:,} councils)"
            for title, name in (("Overview", "Overview"), ("Assurance, all councils", "all-councils assurance")):
                figures.append(
                    Figure(
                        f"{where}: {name} ready after choosing it",
                        r[f"{title}|first"],
                        "s",
                        2,
                        f"first visit, on today's date (judged in the background since the app opened, "
                        f"{r['opened']:.1f} s before); again: {r[f'{title}|again']:.2f} s",
                        digits=2,
                    )
                )
                figures.append(
                    Figure(
                        f"{where}: {name} on a date nothing asked about",
                        r[f"{title}|other date"],
                        "s",
                        2,
                        "from the new date entered to the page ready: every verdict judged meanwhile",
                        digits=2,
                    )
                )
            figures.append(
                Figure(
                    f"{where}: resident memory",
                    max(r["Overview|rss_mb"], r["Assurance, all councils|rss_mb"]),
                    "MB",
                    1024,
                    f"the larger of the two dashboards, each after its page on two dates; peak "
                    f"{max(r['Overview|peak_mb'], r['Assurance, all councils|peak_mb']):.0f} MB (VmHWM)",
                    digits=0,
                )
            )
    finally:
        os.environ.clear()
        os.environ.update(saved)


def overlay_figure(figures: list[Figure], repeat: int) -> None:
    """Issue 23: an overlay of 100 changes over a 2,000-post structure, every rule re-run (benchmarks/bench_overlay.py)."""
    from benchmarks.bench_overlay import BUDGET_S, measure

    median, times, applied = measure(2000, 100, max(repeat, 3))
    figures.append(
        Figure(
            "overlay of 100 changes over a 2,000-post structure, every rule re-run (median)",
            1000 * median,
            "ms",
            1000 * BUDGET_S,
            f"{applied} changes applied; runs {', '.join(f'{1000 * t:.0f}' for t in times)} ms",
        )
    )


def chart_figures(figures: list[Figure], open_posts: int, expand_posts: int, runs: int) -> None:
    """Issue 26: a big structure opened, and every post of a council-sized one shown, in headless
    Chromium (benchmarks/bench_charts.py)."""
    from benchmarks.bench_charts import EXPAND_BUDGET_S, OPEN_BUDGET_S, measure

    opened = f"Structure page: a {open_posts:,}-post structure opens (median)"
    expanded = f"Structure page: every post of {expand_posts:,} shown (median)"
    try:
        r = measure(open_posts, expand_posts, max(runs, 1))
    except Exception as exc:  # a browser or server missing: reported, not hidden
        figures.append(Figure(opened, None, "s", OPEN_BUDGET_S, str(exc)[:200]))
        figures.append(Figure(expanded, None, "s", EXPAND_BUDGET_S, str(exc)[:200]))
        return
    figures.append(
        Figure(
            opened,
            statistics.median(r["open"]),
            "s",
            OPEN_BUDGET_S,
            f"from choosing its council to the chart drawn (top three tiers, {r['open_nodes']} nodes); runs "
            f"{', '.join(f'{t:.2f}' for t in r['open'])} s, the first with cold caches",
            digits=2,
        )
    )
    figures.append(
        Figure(
            expanded,
            statistics.median(r["expand"]),
            "s",
            EXPAND_BUDGET_S,
            f"from the click on the chart's Expand all to the chart drawn ({r['expand_nodes']} nodes); runs "
            f"{', '.join(f'{t:.2f}' for t in r['expand'])} s",
            digits=2,
        )
    )


# -- report -----------------------------------------------------------------------------------------
def table(figures: list[Figure]) -> str:
    lines = [
        "| measure | figure | round 2 | target | ratio | verdict | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        value = "—" if f.value is None else f"{f.value:,.{f.digits}f} {f.unit}"
        target = "" if f.target is None else f"{f.target:,.{0 if float(f.target).is_integer() else 2}f} {f.unit}"
        lines.append(f"| {f.name} | {value} | {f.round2()} | {target} | {f.ratio()} | {f.verdict()} | {f.note} |")
    return "\n".join(lines)


def _other_sections(path: Path) -> str:
    """The `<!-- bench_x -->…<!-- /bench_x -->` blocks other scripts keep in the same results file."""
    import re

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    return "".join(f"\n{m.group(0)}\n" for m in re.finditer(r"<!-- (bench_\w+) -->.*?<!-- /\1 -->", old, re.S))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--councils", type=int, default=1000)
    ap.add_argument("--posts", type=int, default=150)
    ap.add_argument("--sample", type=int, default=20, help="structures timed per question")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--merge-sample", type=int, default=10, help="structures loaded one MERGE per row")
    ap.add_argument(
        "--returns", type=int, default=600, help="organogram returns in the import section (remit import DIR)"
    )
    ap.add_argument("--chart-posts", type=int, default=10000, help="posts of the structure the charts section opens")
    ap.add_argument("--expand-posts", type=int, default=2000, help="posts of the structure the charts section expands")
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write the results (default benchmarks/RESULTS.md for a full run; a run of some "
        "sections only prints its table unless given --out)",
    )
    ap.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (default all: {','.join(SECTIONS)}); while working on one "
        "target, the others need not run. The Neo4j database is loaded only if it does not already "
        "hold exactly the generated set",
    )
    args = ap.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if args.out is None and only == set(SECTIONS):
        args.out = ROOT / "benchmarks" / "RESULTS.md"
    if only - set(SECTIONS):
        ap.error(f"unknown section(s): {', '.join(sorted(only - set(SECTIONS)))} (known: {', '.join(SECTIONS)})")
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import write_councils

    load_before = os.getloadavg()
    started = time.time()
    cache_root = Path(tempfile.mkdtemp(prefix="remit-bench-cache-"))
    env = {**os.environ, "REMIT_CACHE_DIR": str(cache_root)}
    data_dir = (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        / "remit-bench"
        / f"councils-{args.councils}x{args.posts}"
    )
    _, t_gen = timed(lambda: write_councils(data_dir, args.councils, args.posts))
    print(f"generated {args.councils} councils x {args.posts} posts in {data_dir} ({t_gen:.0f} s)", flush=True)
    figures: list[Figure] = []
    memory, records = memory_figures(data_dir, figures, env, "networkx" in only)
    print(table(figures), "\n(Neo4j, questions, national questions, remit ask follow)", flush=True)
    neo = None
    if "neo4j" in only:
        neo = neo4j_figures(records, memory.dataset, figures, args.merge_sample)
    elif only & {"questions", "national", "dashboard"}:
        neo = neo4j_loaded(records, memory.dataset, figures)
    if neo is not None and "rust" in only:
        # Reloads the first councils with the bytes they already have (same generator, same seed):
        # the database still holds exactly the full set afterwards.
        rust_figure(figures, min(args.councils, 50), args.posts)
    backends = {"memory": memory} | ({"neo4j": neo} if neo else {})
    sample = random.Random(5).sample(sorted(memory.dataset.structures), min(args.sample, args.councils))
    if "questions" in only:
        question_figures(backends, sample, figures, args.repeat)
    if "national" in only:
        national_figures(backends, figures, args.repeat)
    if "ask" in only:
        ask_figure(figures, env, 7)
    if "dashboard" in only:
        dashboard_figures(data_dir, env, figures, args.councils, neo is not None)
    if "overlay" in only:
        overlay_figure(figures, args.repeat)
    if "charts" in only:
        chart_figures(figures, args.chart_posts, args.expand_posts, min(args.repeat, 3))
    if "import" in only:
        from benchmarks.bench_import import RETURNS_TARGET, archive_import

        wall, note = archive_import(args.returns)
        figures.append(
            Figure(f"`remit import DIR`: {args.returns} generated returns, end to end", wall, "s", RETURNS_TARGET, note)
        )
    load_after = os.getloadavg()
    text = table(figures)
    print("\n" + text)
    header = (
        f"# Benchmark results (issues 13 and 26)\n\n`python -m benchmarks --councils {args.councils} --posts {args.posts}` "
        f"on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}, {len(records)} structures, "
        f"{os.cpu_count()} CPUs shared with other work. Load average (1, 5, 15 min) before: "
        f"{', '.join(f'{x:.2f}' for x in load_before)}; after: {', '.join(f'{x:.2f}' for x in load_after)}. "
        f"Ratio = figure / target (≤ 1 meets a ceiling; ≥ 1 meets the speed-up floor); round 2: the figure in "
        f"benchmarks/RESULTS-round2.md. Wall time {time.time() - started:.0f} s.\n\n"
    )
    if args.out is None:
        shutil.rmtree(cache_root, ignore_errors=True)
        return 0
    kept = _other_sections(args.out)  # other benchmarks' own sections (e.g. bench_import.py --record)
    args.out.write_text(header + text + "\n" + kept, encoding="utf-8")
    shutil.rmtree(cache_root, ignore_errors=True)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
