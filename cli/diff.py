"""`remit diff`: what a restructure changes."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from .common import EXIT_OK, CommandError, Subparsers, add_command, emit, open_backend, terminal_width
from .output import cell, render, table

if TYPE_CHECKING:
    from remit.queries.backend import Backend


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two structures of one council: posts created, deleted, amended and re-paid; lines,
    designations, holders, functions, tiers and spans that changed; and the cost before and after
    beside the document's own totals.

    Name the structures (`remit diff BEFORE AFTER`) or a council and two dates
    (`remit diff --council C --as-of D1 --as-of D2`)."""
    from remit.diff import COLUMNS, DiffError, diff

    backend = open_backend(args)
    before, after, dates = _pair(args, backend)
    try:
        result = diff(backend, before, after, dates)
    except DiffError as exc:
        raise CommandError(str(exc)) from None
    findings = findings_side_by_side(backend, before, after, dates)
    if args.format == "table":
        print(render("table", "diff", list(COLUMNS), result.rows, width=terminal_width(args)))
        print()
        print(cost_table(result.cost))
        print()
        print("Assurance findings before and after (rules whose outcome changed first)")
        print(table(list(FINDING_COLUMNS), findings))
        return EXIT_OK
    extra: dict[str, Any] = {"structures": [before, after]}
    if dates != (None, None):
        extra["as_of"] = list(dates)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "command": "diff",
                    **extra,
                    "columns": list(COLUMNS),
                    "rows": result.rows,
                    "cost": result.cost,
                    "findings": findings,
                },
                indent=2,
                default=str,
                ensure_ascii=False,
            )
        )
    else:
        emit(args, "diff", list(COLUMNS), result.rows, **extra)
    return EXIT_OK


FINDING_COLUMNS = ("rule", "before", "after", "changed")


def findings_side_by_side(
    backend: Backend, before: str, after: str, dates: tuple[str | None, str | None]
) -> list[dict[str, Any]]:
    """Every rule's outcome on both sides (a scenario against its base, or any restructure)."""
    from remit.queries.assurance import side_by_side, summarise

    return side_by_side(summarise(before, dates[0], backend), summarise(after, dates[1], backend))


def _pair(args: argparse.Namespace, backend: Backend) -> tuple[str, str, tuple[str | None, str | None]]:
    from remit.queries.structures import UsageError, resolve, resolve_structure

    names, dates = args.structures or [], args.as_of or []
    try:
        if names and not dates and not args.council:
            if len(names) != 2:
                raise UsageError(f"diff takes two structures, BEFORE and AFTER (got {len(names)})")
            return resolve(backend, names[0])[0], resolve(backend, names[1])[0], (None, None)
        if args.council and len(dates) == 2 and not names:
            first, second = (
                resolve_structure(backend, council=args.council, as_of=d, include_proposed=args.include_proposed)
                for d in dates
            )
            if first.structure == second.structure:
                # Never compare a structure with itself in silence: say which one both dates give, and why.
                raise UsageError(
                    f"both dates give the same structure, so there is nothing to compare. "
                    f"{first.describe()} {second.describe()}"
                )
            for r in (first, second):
                if r.notes:
                    print(r.describe(), file=sys.stderr)
            return first.structure, second.structure, (first.as_of, second.as_of)
        raise UsageError(
            "name two structures (remit diff BEFORE AFTER) or a council and two dates "
            "(remit diff --council C --as-of D1 --as-of D2)"
        )
    except UsageError as exc:
        raise CommandError(str(exc)) from None


def cost_table(cost: dict[str, Any]) -> str:
    """The cost summary as the committee table reads: computed, stated, and the gap between them."""
    lines = [
        "Cost (officer posts; computed from the per-post figures, beside the document's own totals)",
        table([c for c in cost["columns"] if c not in ("note", "inferred")], cost["metrics"]),
    ]
    # Why a computed figure differs from the document's, and the inferred figures it rests on: in words, below.
    for m in cost["metrics"]:
        if m.get("note"):
            lines.append(f"{m['metric']}: {m['note']}")
        lines += [f"{m['metric']} rests on an inferred figure: {i}" for i in m.get("inferred") or []]
    for side, label in (("before", "before"), ("after", "after")):
        missing = {m["metric"]: m[f"posts_without_{side}"] for m in cost["metrics"] if m[f"posts_without_{side}"]}
        if missing:
            lines.append(f"posts without a figure {label}: " + ", ".join(f"{k} {v}" for k, v in missing.items()))
    stated = cost.get("stated") or {}
    for what in ("totals_before", "totals_after", "change"):
        if stated.get(what):
            inferred = f" (inferred: {stated[what].get('rule')})" if stated[what].get("inferred") else ""
            lines.append(
                f"stated {what.replace('_', ' ')} ({stated[what].get('source')}): "
                f'"{stated[what].get("quote")}"{inferred}'
            )
    if cost.get("counts"):
        lines += [
            "",
            "Counts the document states, beside the posts recorded",
            table(
                [
                    "what",
                    "title_contains",
                    "stated_before",
                    "stated_after",
                    "recorded_before",
                    "recorded_after",
                    "source",
                ],
                cost["counts"],
            ),
        ]
    return "\n".join(cell(x) if not isinstance(x, str) else x for x in lines)


def register(sub: Subparsers) -> None:
    p = add_command(sub, "diff", cmd_diff, "what a restructure creates, deletes, amends, moves and costs")
    p.add_argument("structures", nargs="*", metavar="STRUCTURE", help="BEFORE and AFTER structure ids")
    p.add_argument("--council", help="council id, with two --as-of dates")
    p.add_argument(
        "--as-of",
        dest="as_of",
        action="append",
        metavar="DATE",
        help="date (YYYY-MM-DD); give it twice, before and after",
    )
    p.add_argument(
        "--include-proposed",
        dest="include_proposed",
        action="store_true",
        help="a proposed structure whose effective date has passed may be used for a date",
    )
