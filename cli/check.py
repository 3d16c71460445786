"""`remit check`: statutory assurance findings for a structure (four outcomes apart), or for every council."""

from __future__ import annotations

import argparse

from .common import (
    EXIT_FLAGGED,
    EXIT_OK,
    Subparsers,
    add_command,
    add_scope_options,
    add_structure_options,
    emit,
    open_backend,
    scope_arg,
    structure_arg,
    terminal_width,
    wants_scope,
)
from .output import render


def cmd_check(args: argparse.Namespace) -> int:
    """Test a structure against the law and the statutory guidance. Every rule ends pass, flag, unknown
    (the documents do not state what the rule needs: listed apart, never counted as a pass) or n/a (the
    rule does not apply to this kind of council). With --all --as-of DATE, every council's structure in
    force on that date: the findings that flag or are unknown (--include-pass for all). Exits 1 when any
    rule flags, 0 otherwise."""
    from remit.present.findings import cards_text, names_for, rule_cards
    from remit.queries.assurance import FINDING_COLUMNS, summarise

    if wants_scope(args):
        return check_all(args)
    backend = open_backend(args)
    used = structure_arg(args, backend)
    structure, as_of = used.structure, used.as_of
    summary = summarise(structure, as_of, backend=backend)
    if args.format != "table":
        print(
            render(
                args.format,
                "check",
                list(FINDING_COLUMNS),
                summary.findings(),
                structure=structure,
                as_of=as_of,
                structure_status=used.status,
                used=used.describe(),
                counts=summary.counts(),
            )
        )
    else:
        if as_of or used.notes:
            print(used.describe())
        print(f"{structure}{f' as of {as_of}' if as_of else ''}: {summary.headline()}\n")
        # The same cards, in the same words, as the dashboard's Assurance page and the report.
        titles, sources = names_for(backend, structure)
        print(cards_text(rule_cards(summary, titles, sources), terminal_width(args)))
    return EXIT_FLAGGED if summary.flagged else EXIT_OK


def check_all(args: argparse.Namespace) -> int:
    from remit.queries.assurance import FINDING_COLUMNS
    from remit.queries.national_rules import national_findings
    from remit.queries.scope import NOTE_COLUMNS, SCOPE_COLUMNS, not_answered

    scope = scope_arg(args)
    backend = open_backend(args)
    rows = national_findings(backend, scope, include_pass=args.include_pass)
    emit(
        args,
        "check",
        list(SCOPE_COLUMNS + NOTE_COLUMNS) + list(FINDING_COLUMNS),
        rows,
        names_from=backend,
        scope="all",
        as_of=scope.as_of,
        type=scope.type,
        region=scope.region,
        include_proposed=scope.include_proposed,
        not_answered=not_answered(backend, scope),
    )
    return EXIT_FLAGGED if any(r["outcome"] == "flag" for r in rows) else EXIT_OK


def register(sub: Subparsers) -> None:
    p = add_command(sub, "check", cmd_check, "statutory assurance findings for a structure, or --all councils")
    add_structure_options(p)
    add_scope_options(p)
    p.add_argument("--include-pass", action="store_true", help="with --all: list passing findings too")
