"""Validation time on large and hostile files (issue 14): every check must be linear in the file.

Not a test (timings vary by machine); run by hand:

    python benchmarks/bench_validate.py --posts 150000 --ring 3000

Times `read_files` (read, parse, validate) on one structure of N posts (each with a line manager
and a named holder), on a line-management ring of M posts (quadratic before issue 14: a
3,000-post chain took over 180 s), and reading an alias bomb (refused at its first anchor).
CPU seconds are reported beside wall-clock seconds: the shared machine's load moves the latter.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from remit.loader import InvalidStructureFiles, read_files  # noqa: E402

HEAD = (
    "format: remit/1\ncouncil: {id: bench, name: Bench, kind: unitary}\n"
    "sources:\n  - {id: doc, title: T, file: none.txt}\nstructures:\n"
    "  - id: s\n    label: S\n    status: existing\n    source: doc\n    quote: q\n    posts:\n"
)


def big(n: int) -> str:
    return HEAD + "".join(
        f"      - {{key: p{i}, title: Post {i}, source: doc, quote: q"
        + (", line_manager: {post: p0, source: doc, quote: q}" if i else "")
        + f", holders: [{{name: 'Person {i}', source: doc, quote: q}}]}}\n"
        for i in range(n)
    )


def ring(n: int) -> str:
    return HEAD + "".join(
        f"      - {{key: p{i}, title: P, line_manager: {{post: p{(i + 1) % n}, source: doc, "
        f"quote: q}}, source: doc, quote: q}}\n"
        for i in range(n)
    )


def bomb() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    return "\n".join(lines) + "\n"


def timed(what: str, path: Path) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        data = read_files([path])
        outcome = f"{sum(len(st.posts) for st in data.structures.values())} posts valid"
    except InvalidStructureFiles as exc:
        outcome = f"{len(exc.problems)} problem(s): {str(exc.problems[0])[:70]}"
    print(
        f"{what:<34} cpu {time.process_time() - cpu:7.2f} s  wall {time.perf_counter() - wall:7.2f} s  "
        f"({path.stat().st_size / 1e6:.1f} MB; {outcome})",
        flush=True,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=150_000)
    ap.add_argument("--ring", type=int, default=3000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in (
            (f"{args.posts} posts", big(args.posts)),
            (f"{args.ring}-post line ring", ring(args.ring)),
            ("alias bomb", bomb()),
        ):
            path = Path(tmp) / "bench.yaml"
            path.write_text(text, encoding="utf-8")
            timed(name, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
