"""A whole archive (issue 26): `remit import DIR` of N organogram returns (senior and junior CSV, as
the national archive publishes them: one body at one date each), generated, end to end in a new
process, with its progress lines.

Sizes follow the archive's returns: most are small (the samples in ../shared/data/organograms have
12-21 senior posts and 87-219 junior rows), some are departments of hundreds of senior posts. Here
four in five have 10-60 senior posts and 50-250 junior rows, one in five 100-400 and 300-1,500
(deterministic: the same archive every run).

Run by `python -m benchmarks --only archive [--returns 600]`, or by hand:

    python benchmarks/bench_archive.py [--returns 600]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 45.0


def sizes(returns: int) -> list[tuple[int, int]]:
    """(senior posts, junior rows) of each return."""
    rnd = random.Random(26)
    out = []
    for i in range(returns):
        if i % 5 == 4:
            out.append((rnd.randint(100, 400), rnd.randint(300, 1500)))
        else:
            out.append((rnd.randint(10, 60), rnd.randint(50, 250)))
    return out


def write_archive(folder: Path, returns: int) -> tuple[int, int]:
    """The archive's CSVs in `folder` (kept between runs: written only when absent); (senior posts, junior rows)."""
    from benchmarks.bench_import import write_organogram

    done = folder / ".complete"
    shape = sizes(returns)
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for i, (posts, juniors) in enumerate(shape):
            body = f"body-{i:04d}"
            date = f"20{12 + i % 12}-{'03' if i % 2 else '09'}-{'31' if i % 2 else '30'}"
            write_organogram(
                folder,
                posts,
                juniors,
                stem=f"{body}-{date}",
                organisation=f"Benchmark Body {i:04d}",
                department=f"Department {i % 25}",
            )
        done.write_text("ok\n", encoding="utf-8")
    return sum(p for p, _ in shape), sum(j for _, j in shape)


def measure(returns: int = 600) -> dict[str, Any]:
    """Seconds (wall, CPU) of `remit import DIR --out OUT` over the archive, files written, progress lines."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "remit-bench" / f"archive-{returns}"
    senior, junior = write_archive(cache, returns)
    with tempfile.TemporaryDirectory(prefix="remit-archive-") as out:
        cmd = [sys.executable, "-m", "remit.cli", "import", str(cache), "--out", out]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "REMIT_PROGRESS": "1"})
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode:
            raise RuntimeError(f"remit import exited {done.returncode}: {done.stderr.strip()[-300:]}")
        written = sum(1 for p in Path(out).iterdir() if p.suffix in (".yaml", ".yml"))
    progress = [line for line in done.stderr.splitlines() if line.startswith("import: ")]
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "returns": returns,
        "files": 2 * returns,
        "written": written,
        "senior": senior,
        "junior": junior,
        "progress": len(progress),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--returns", type=int, default=600)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    r = measure(args.returns)
    print(
        f"remit import of {r['returns']} returns ({r['files']} CSV files, {r['senior']:,} senior posts, "
        f"{r['junior']:,} junior rows): {r['wall']:.1f} s (CPU {r['cpu']:.1f} s; budget {BUDGET_S:.0f} s); "
        f"{r['written']} structure files written; {r['progress']} progress lines; load {os.getloadavg()[0]:.2f}"
    )
    return 0 if r["wall"] <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
