"""`remit validate`: check structure files without loading them."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, Subparsers, add_command, add_overlay_option, emit


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate structure files; print every problem as FILE:LINE: message."""
    from remit.loader import read_files

    data = read_files(args.paths)
    if args.overlay:
        import sys

        from remit.loader.overlay import overlay_dataset

        data, report = overlay_dataset(data, args.overlay)
        for line in report:
            print(f"overlay: {line}", file=sys.stderr)
    rows = [
        {
            "file": f.path,
            "council": f.council.id,
            "structures": len(f.structures),
            "posts": sum(len(s.posts) for s in f.structures),
        }
        for f in data.files
    ]
    emit(args, "validate", ["file", "council", "structures", "posts"], rows)
    return EXIT_OK


def register(sub: Subparsers) -> None:
    p = add_command(
        sub,
        "validate",
        cmd_validate,
        "validate structure files only; every problem as FILE:LINE: message",
        backend=False,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="structure files or folders")
    add_overlay_option(p)
