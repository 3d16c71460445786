"""`remit review`: the open items of a structure, and settling one into an overlay file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import EXIT_OK, CommandError, Subparsers, add_command, emit

if TYPE_CHECKING:
    from remit.queries.backend import MemoryBackend


def cmd_review(args: argparse.Namespace) -> int:
    """List every open item of a structure: each inferred fact (with the rule or reasoning that made
    it) and each unknown a rule needs (line managers, statutory designations, bases, holders), most
    useful first ("settles dcs-first-tier (unknown)"), with the candidates Remit found.

    With --settle ITEM the decision is appended to the overlay file --write (made if missing,
    written atomically): cite a document (--title, --url or --file, --quote or --page) to state
    the fact, or give --reasoning alone to record it as your own assertion (kept inferred, never
    shown as stated). The findings it changed are printed. Reads the structure files (the memory
    store); load the overlay into Neo4j with `remit load PATH --overlay FILE`."""
    from remit.loader.overlay import Overlay, append, read_overlay, today
    from remit.queries.assurance import summarise
    from remit.review.items import review_items
    from remit.review.live import changed, file_of

    if args.backend not in (None, "memory"):
        raise CommandError("remit review reads the structure files (--data); it has no --backend neo4j")
    overlays = list(args.overlay or [])
    if args.write and Path(args.write).exists() and args.write not in overlays:
        overlays.append(args.write)  # its decisions so far are part of what is reviewed
    backend = _open(args, overlays)
    sid = args.structure
    data = backend.dataset
    if data is None or sid not in data.structures:
        raise CommandError(f"no structure '{sid}' (see `remit structures`)")
    sf, st = file_of(data, sid), data.structures[sid]
    summary = summarise(sid, args.as_of, backend)
    items = review_items(sf, st, summary)
    titles = {p.key: p.title for p in st.posts}
    if args.settle is None:
        emit(args, "review", list(ROW_COLUMNS), [it.row(titles) for it in items], structure=sid)
        return EXIT_OK
    item = next((it for it in items if it.id == args.settle), None)
    if item is None:
        raise CommandError(f"no open item '{args.settle}' in {sid} (run `remit review {sid}` for the list)")
    if not args.write:
        raise CommandError("--settle needs --write OVERLAY.yaml: the file the decision is appended to")
    from remit.review.decide import Cited, DecisionError, settle

    base = read_overlay(Path(args.write))[0] if Path(args.write).exists() else None
    overlay = base or Overlay(sid, path=args.write)
    if overlay.target != sid:
        raise CommandError(f"{args.write} is an overlay of '{overlay.target}', not of '{sid}'")
    cited = Cited(args.title, args.source_date, args.url, args.file, args.quote, args.page) if args.title else None
    try:
        change, sources = settle(
            item,
            st,
            overlay,
            value=args.value,
            by=args.by or "",
            date=args.date or today(),
            cited=cited,
            reasoning=args.reasoning,
            known_sources={s.id for s in sf.sources},
        )
    except DecisionError as exc:
        raise CommandError(str(exc)) from None
    append(Path(args.write), change, sources, structure=sid)
    after = _open(args, overlays if args.write in overlays else [*overlays, args.write])
    now = summarise(sid, args.as_of, after)
    for line in after.overlay_report[-1:]:
        print(f"overlay: {line}", file=sys.stderr)
    moved = changed(summary, now) or ["no rule's outcome changed"]
    emit(args, "review", ["changed"], [{"changed": m} for m in moved], structure=sid, settled=item.id)
    return EXIT_OK


ROW_COLUMNS = ("item", "kind", "state", "question", "now", "reasoning", "settles", "candidates")


def _open(args: argparse.Namespace, overlays: list[str]) -> MemoryBackend:
    from remit.queries.backend import MemoryBackend, open_backend

    backend = open_backend("memory", [args.data] if args.data else None, overlays or None)
    assert isinstance(backend, MemoryBackend)
    return backend


def register(sub: Subparsers) -> None:
    p = add_command(
        sub, "review", cmd_review, "the open items of a structure (inferred or unknown facts), and settling one"
    )
    p.add_argument("structure", metavar="STRUCTURE", help="structure id (see `remit structures`)")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="count the designations and holders in force on DATE")
    p.add_argument("--settle", metavar="ITEM", help="the item to settle (its id, first column of the list)")
    p.add_argument("--value", help="the value: a post key, a basis or a name (default: confirm the inferred one)")
    p.add_argument("--write", metavar="OVERLAY", help="the overlay file the decision is appended to")
    p.add_argument("--by", help="who decides (your name)")
    p.add_argument("--date", help="when (YYYY-MM-DD; default today)")
    p.add_argument("--title", help="the document's title (a document makes the fact stated)")
    p.add_argument("--source-date", dest="source_date", metavar="DATE", help="the document's date")
    p.add_argument("--url", help="the document's address")
    p.add_argument("--file", help="the document's file name")
    p.add_argument("--quote", help="the words of the document the decision rests on")
    p.add_argument("--page", help="the page of the document")
    p.add_argument("--reasoning", help="without a document: why (kept as your assertion, shown as inferred)")
