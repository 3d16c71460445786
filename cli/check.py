"""`remit check`: statutory assurance findings for a structure, or for every council."""
from __future__ import annotations

import argparse

from .common import (EXIT_FLAGGED, EXIT_OK, add_command, add_scope_options, add_structure_options, emit, open_backend,
                     scope_arg, structure_arg, wants_scope)

COLUMNS = ["rule", "outcome", "evidence", "posts", "sources", "guidance"]


def cmd_check(args: argparse.Namespace) -> int:
    """Test a structure against the statutory guidance: every assurance rule's findings, pass or flag.
    With --all --as-of DATE, every council's structure in force on that date: the findings that
    flag or are unknown (--include-pass for all). Exits 1 when any rule flags, 0 otherwise."""
    from remit.queries.catalogue import all_questions

    if wants_scope(args):
        return check_all(args)
    backend = open_backend(args)
    structure, as_of = structure_arg(args, backend)
    rows = []
    for rule in all_questions("rule"):
        # Each finding cites the statutory guidance its rule tests.
        rows += [{**r, "guidance": rule.guidance} for r in backend.run(rule, {"structure": structure, "as_of": as_of})]
    emit(args, "check", COLUMNS, rows, structure=structure, as_of=as_of)
    return EXIT_FLAGGED if any(r["outcome"] == "flag" for r in rows) else EXIT_OK


def check_all(args: argparse.Namespace) -> int:
    from remit.queries.national_rules import national_findings
    from remit.queries.scope import SCOPE_COLUMNS

    scope = scope_arg(args)
    rows = national_findings(open_backend(args), scope, include_pass=args.include_pass)
    emit(args, "check", list(SCOPE_COLUMNS) + COLUMNS, rows, scope="all", as_of=scope.as_of, type=scope.type,
         region=scope.region)
    return EXIT_FLAGGED if any(r["outcome"] == "flag" for r in rows) else EXIT_OK


def register(sub) -> None:
    p = add_command(sub, "check", cmd_check, "statutory assurance findings for a structure, or --all councils")
    add_structure_options(p)
    add_scope_options(p)
    p.add_argument("--include-pass", action="store_true", help="with --all: list passing findings too")
