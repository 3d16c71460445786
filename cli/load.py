"""`remit load`: validate structure files and write them into the chosen store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import EXIT_OK, CommandError, Subparsers, add_command, emit, progress_printer

if TYPE_CHECKING:
    from remit.loader import Dataset


def cmd_load(args: argparse.Namespace) -> int:
    """Validate and load structure files into the chosen store; print counts per structure."""
    from remit.loader import default_data_dir, read_files
    from remit.present.tables import stale_note
    from remit.queries.backend import BackendError, backend_name, open_backend

    data = read_files(args.paths or [default_data_dir()])
    if args.overlay:  # laid over the files before anything is written: one transaction with its base
        from remit.loader.overlay import overlay_dataset

        data, report = overlay_dataset(data, args.overlay)
        for line in report:
            print(f"overlay: {line}", file=sys.stderr)
    if args.admin_import:
        return admin_import_files(args, data)
    name = backend_name(args.backend)
    try:
        backend = open_backend(name, args.paths or None) if name == "memory" else open_backend(name)
        stale = backend.stale_structures(data)  # for the message only: the load decides inside its transaction
        counts = backend.load(data, progress_printer(args), by_council=args.by_council, prune=args.prune)
    except BackendError as exc:
        raise CommandError(str(exc), exc.exit_code) from None
    rows = [
        {
            "structure": sid,
            "nodes": sum(c["nodes"].values()),
            "relationships": sum(c["relationships"].values()),
            **{f"{k}": v for k, v in sorted(c["nodes"].items())},
        }
        for sid, c in sorted(counts.items())
    ]
    columns = ["structure", "nodes", "relationships"] + sorted({k for c in counts.values() for k in c["nodes"]})
    extra: dict[str, Any] = {"pruned": stale} if args.prune else {"kept_not_in_files": stale}
    emit(args, "load", columns, rows, None, backend=name, **extra)
    if stale:
        print(stale_note(stale, pruned=args.prune), file=sys.stderr)
    return EXIT_OK


def admin_import_files(args: argparse.Namespace, data: Dataset) -> int:
    """Write the files of Neo4j's offline bulk importer instead of loading; print the command."""
    import os

    from remit.loader.bulk_import import command_line, write_files
    from remit.loader.records import dataset_records

    try:
        files = write_files(dataset_records(data), args.admin_import)
    except OSError as exc:
        raise CommandError(f"cannot write the import files to {args.admin_import}: {exc.strerror or exc}", 2) from None
    database = os.environ.get("NEO4J_DATABASE") or "neo4j"
    command = command_line([f"--{kind}={path}" for kind, path, _ in files], database)
    rows = [{"file": str(path), "kind": kind, "rows": n} for kind, path, n in files]
    emit(args, "load", ["file", "kind", "rows"], rows, admin_import=command)
    if args.format == "table":
        print(
            f"\nWith database '{database}' stopped (or new), on the server run:\n{command}\n"
            "then `remit load` the same files once online: it adds the constraints and indexes."
        )
    return EXIT_OK


def register(sub: Subparsers) -> None:
    p = add_command(
        sub, "load", cmd_load, "validate and load (default seed/); prints node and relationship counts per structure"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="structure files or folders (default: seed/)")
    p.add_argument(
        "--by-council",
        action="store_true",
        help="Neo4j: one all-or-nothing transaction per group of councils instead of one for the whole "
        "set (for national sets larger than the server's transaction memory; a failure leaves "
        "the groups before it loaded and says so)",
    )
    p.add_argument(
        "--prune",
        action="store_true",
        help="Neo4j: also delete, in the same transaction, the loaded councils' structures that the files "
        "no longer hold (loaded from an earlier version); without it they stay and the load says so",
    )
    p.add_argument(
        "--admin-import",
        type=Path,
        metavar="DIR",
        help="Neo4j first load of a large set: write the CSV files of the engine's offline bulk importer "
        "(`neo4j-admin database import full`, several times faster than any transaction) into DIR "
        "and print the command, instead of loading. It needs shell access to the server and the "
        "database stopped or new (not Aura); the database is NEO4J_DATABASE (default neo4j)",
    )
