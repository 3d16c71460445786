"""`remit report`: a report for committee, A4 PDF or HTML (queries.report renders it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, CommandError, Subparsers, add_command, open_backend, structure_arg

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


def cmd_report(args: argparse.Namespace) -> int:
    """Write a printable report on one structure: its chart (static SVG), statutory holders,
    assurance findings with their guidance, and every source with its quote. With --compare OTHER,
    the report opens with what the restructure from OTHER does: roles before and after, posts
    created, deleted and amended, lines added or lost, and the cost beside the document's figures.

    The format follows --out: FILE.pdf or FILE.html."""
    from remit.present.report import ReportError, build_report, render
    from remit.queries.structures import UsageError, resolve

    out = Path(args.out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise CommandError(f"--out {args.out}: the file name must end in .pdf or .html")
    if not out.parent.is_dir():
        raise CommandError(f"--out {args.out}: no such folder {out.parent}")
    backend = open_backend(args)
    used = structure_arg(args, backend)
    structure, as_of = used.structure, used.as_of
    compare = None
    if args.compare:
        try:
            compare = resolve(backend, args.compare)[0]
        except UsageError as exc:
            raise CommandError(str(exc)) from None
        if compare == structure:
            raise CommandError("--compare names the same structure as the report")
    try:
        data = render(build_report(backend, structure, as_of, compare), fmt)
    except ReportError as exc:
        raise CommandError(str(exc)) from None
    out.write_bytes(data)
    print(
        f"remit: wrote {out} ({fmt}, {len(data):,} bytes) on {structure}"
        + (f" compared with {compare}" if compare else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: Subparsers) -> None:
    p = add_command(sub, "report", cmd_report, "a printable report for committee (PDF or HTML)", fmt=False)
    p.add_argument("structure", nargs="?", metavar="STRUCTURE", help="structure id")
    p.add_argument("--council", help="council id, with --as-of")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date (YYYY-MM-DD): the structure in force then")
    p.add_argument("--compare", metavar="OTHER", help="the structure before the restructure")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.html")
