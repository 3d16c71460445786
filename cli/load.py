"""`remit load`: validate structure files and write them into the chosen store."""
from __future__ import annotations

import argparse

from .common import EXIT_OK, CommandError, add_command, emit, progress_printer


def cmd_load(args: argparse.Namespace) -> int:
    """Validate and load structure files into the chosen store; print counts per structure."""
    from remit.loader import default_data_dir, read_files
    from remit.queries.backend import BackendError, backend_name, open_backend

    data = read_files(args.paths or [default_data_dir()])
    name = backend_name(args.backend)
    try:
        backend = open_backend(name, args.paths or None) if name == "memory" else open_backend(name)
        counts = backend.load(data, progress_printer(args), by_council=args.by_council)
    except BackendError as exc:
        raise CommandError(str(exc), exc.exit_code) from None
    rows = [{"structure": sid, "nodes": sum(c["nodes"].values()), "relationships": sum(c["relationships"].values()),
             **{f"{k}": v for k, v in sorted(c["nodes"].items())}} for sid, c in sorted(counts.items())]
    columns = ["structure", "nodes", "relationships"] + sorted({k for c in counts.values() for k in c["nodes"]})
    emit(args, "load", columns, rows, backend=name)
    return EXIT_OK


def register(sub) -> None:
    p = add_command(sub, "load", cmd_load, "validate and load (default seed/); prints node and relationship counts per structure")
    p.add_argument("paths", nargs="*", metavar="PATH", help="structure files or folders (default: seed/)")
    p.add_argument("--by-council", action="store_true",
                   help="Neo4j: one all-or-nothing transaction per group of councils instead of one for the whole "
                        "set (for national sets larger than the server's transaction memory; a failure leaves "
                        "the groups before it loaded and says so)")
