"""`remit structures`: the structures loaded."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, Subparsers, add_command, emit, open_backend


def cmd_structures(args: argparse.Namespace) -> int:
    """List the structures loaded (optionally of one council)."""
    from remit.queries.catalogue import get

    backend = open_backend(args)
    rows = backend.run(get("structures"), {"council": args.council})
    cols = ["structure", "council", "label", "status", "effective", "supersedes", "posts", "source"]
    emit(args, "structures", cols, rows)
    return EXIT_OK


def register(sub: Subparsers) -> None:
    p = add_command(sub, "structures", cmd_structures, "list the structures loaded")
    p.add_argument("--council", help="only this council's structures")
