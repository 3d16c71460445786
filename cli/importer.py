"""`remit import`: published CSV charts (LGA Transparency Code, data.gov.uk organogram) to
`remit/1` structure files, one per council, for a person to review before loading."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from remit.extensions import FORMATS

from .common import EXIT_OK, EXIT_USAGE, Subparsers, add_command
from .output import render

if TYPE_CHECKING:
    from collections.abc import Callable

    from remit.loader.dates import PartialDate
    from remit.loader.model import Post, StructureFile


def cmd_import(args: argparse.Namespace) -> int:
    """Import published structure tables (LGA OrganisationStructure, organogram senior/junior CSV,
    councils' senior-salary files, which add holders, pay and designations to the chart of the same
    council and date) into reviewable remit/1 YAML files, one per council, written to
    --out. Lines, statutory roles and bases the files do not state are inferred and marked
    `inferred: true` with their rule. Strict by default: a structural fault (a reference to no post,
    a loop, one reference on rows that disagree, no top post) and nothing is written (exit 2); values
    that are not what a column asks for are warnings and read as unknown. With --lenient the rows
    with problems are left out, each reported and listed in the written file (`left_out`), and the
    rest written; an import that writes nothing exits 2."""
    from remit.formats import import_paths
    from remit.formats.remit_yaml import write
    from remit.loader.files import folder_files
    from remit.loader.overlay import apply_overlay

    paths, missing = [], []
    for raw in args.paths:
        p = Path(raw)
        if p.is_dir():
            inside, links = folder_files(p, (".csv",))  # a symbolic link is refused, its target never shown
            missing += [str(problem) for problem in links]
            if not inside and not links:
                missing.append(f"{raw}:0: no CSV files (*.csv) in this folder")
            paths += inside
        elif p.is_file():
            paths.append(p)
        else:
            missing.append(f"{raw}:0: no such file or folder")
    if missing:
        print("\n".join(missing), file=sys.stderr)
        return EXIT_USAGE
    result = import_paths(paths, args.import_format, args.lenient, args.date, _progress(len(paths)))
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in sorted(result.warnings):
        print(f"{warning.file}:{warning.line}:{warning.column}: warning: {warning.message}", file=sys.stderr)
    for problem in sorted(result.problems):
        print(f"{problem} (left out)" if args.lenient else problem, file=sys.stderr)
    counted = ", ".join(
        f"{k}: {v}"
        for k, v in result.counts.items()
        if v
        and (
            k in ("eliminated", "paid not in post", "grade groups", "lines matched without leading zeros")
            or (k == "skipped rows" and args.lenient)
        )
    )
    if counted:
        print(f"counted: {counted}", file=sys.stderr)
    if result.problems and not args.lenient:
        hint = " (--lenient imports the rest, leaving out the rows with problems)" if result.lenient_helps else ""
        print(f"remit: {len(result.problems)} problem(s); nothing was written{hint}", file=sys.stderr)
        return EXIT_USAGE
    if not result.files:
        print("remit: nothing to write: no file gave a usable structure", file=sys.stderr)
        return EXIT_USAGE
    for line in result.overlay_report:
        print(f"added to chart: {line}", file=sys.stderr)
    reports: list[str] = []
    for overlay in args.overlay or []:
        lines, problems = apply_overlay(Path(overlay), result.files)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"remit: {len(problems)} problem(s) in overlay; nothing was written", file=sys.stderr)
            return EXIT_USAGE
        reports += [f"{overlay}: {line}" for line in lines]
    for line in reports:
        print(f"overlay: {line}", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for sf in result.files:
        target = out / f"{sf.council.id}.yaml"
        write(sf, target, header=_header(sf, result.remarks.get(sf.council.id, [])))
        for st in sf.structures:
            lines = [x.line_manager for x in st.posts if x.line_manager]
            rows.append(
                {
                    "council": sf.council.id,
                    "code": sf.council.code or None,
                    "structure": st.id,
                    "posts": len(st.posts),
                    "lines_stated": sum(not ln.evidence.inferred for ln in lines),
                    "lines_inferred": sum(ln.evidence.inferred for ln in lines),
                    "lines_unknown": len(st.posts) - len(lines) - sum(1 for x in st.posts if _top(x)),
                    "designations_inferred": sum(d.evidence.inferred for x in st.posts for d in x.designations),
                    "left_out": len(st.left_out),
                    "file": str(target),
                }
            )
    print(
        render(
            "table",
            "import",
            [
                "council",
                "code",
                "structure",
                "posts",
                "lines_stated",
                "lines_inferred",
                "lines_unknown",
                "designations_inferred",
                "left_out",
                "file",
            ],
            rows,
        )
    )
    if args.lenient and result.problems:
        print(
            f"remit: {len(result.problems)} problem(s); those rows were left out (listed under `left_out` in "
            "the written files)",
            file=sys.stderr,
        )
    if result.unusable:
        print(
            f"remit: {len(result.unusable)} file(s) gave no structure and were not written: "
            + ", ".join(result.unusable),
            file=sys.stderr,
        )
    return EXIT_OK


def _progress(total: int) -> Callable[[int, int, str], None] | None:
    """Progress on stderr for a long import: a counter on a terminal, a line every tenth elsewhere."""
    if total < 2:
        return None
    tty = sys.stderr.isatty()
    if not tty and total < 50 and not os.environ.get("REMIT_PROGRESS"):
        return None
    step = max(1, total // 10)

    def show(done: int, all_: int, what: str) -> None:
        if tty:
            print(
                f"\r[{done}/{all_}] {what[-60:]}".ljust(72),
                end="" if done < all_ else "\n",
                file=sys.stderr,
                flush=True,
            )
        elif done % step == 0 or done == all_:
            print(f"import: {done}/{all_} files read", file=sys.stderr, flush=True)

    return show


def _top(post: Post) -> bool:
    return post.level == 1 or "top post" in (post.note or "")


def _header(sf: StructureFile, remarks: list[str]) -> str:
    files = ", ".join(s.file for s in sf.sources)
    return (
        f"Imported by `remit import` from {files}.\n"
        "Facts with `inferred: true` were worked out by the rule named beside them; review before loading.\n"
        + "".join(f"{r}\n" for r in remarks)
    )


def _date(text: str) -> PartialDate:
    from remit.loader.dates import parse_date

    found = parse_date(text.strip())
    if found is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return found


def register(sub: Subparsers) -> None:
    p = add_command(
        sub,
        "import",
        cmd_import,
        "import published CSV charts (LGA, organogram, senior salaries) as structure files",
        backend=False,
        fmt=False,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="CSV files or folders of them")
    p.add_argument(
        "--format",
        dest="import_format",
        choices=[f.reads for f in FORMATS if f.reads],
        default=None,
        help="input format (default: detected from each file's header)",
    )
    p.add_argument("--lenient", action="store_true", help="leave out rows with problems and import the rest")
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date a file is for, when it has no EffectiveDate column and its name holds no date",
    )
    p.add_argument("--out", default=".", help="folder for the structure files (default: current folder)")
    p.add_argument(
        "--overlay", action="append", metavar="FILE", help="overlay YAML of stated facts to apply (may be repeated)"
    )
