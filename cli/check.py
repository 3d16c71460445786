"""`remit check`: statutory assurance findings for a structure."""
from __future__ import annotations

import argparse

from .common import EXIT_FLAGGED, EXIT_OK, add_command, add_structure_options, emit, open_backend, structure_arg

COLUMNS = ["rule", "outcome", "evidence", "posts", "sources", "guidance"]


def cmd_check(args: argparse.Namespace) -> int:
    """Test a structure against the statutory guidance: every assurance rule's findings, pass or flag.
    Exits 1 when any rule flags, 0 when all pass."""
    from remit.queries.catalogue import all_questions

    backend = open_backend(args)
    structure, as_of = structure_arg(args, backend)
    rows = []
    for rule in all_questions("rule"):
        # Each finding cites the statutory guidance its rule tests.
        rows += [{**r, "guidance": rule.guidance} for r in backend.run(rule, {"structure": structure, "as_of": as_of})]
    emit(args, "check", COLUMNS, rows, structure=structure, as_of=as_of)
    return EXIT_FLAGGED if any(r["outcome"] == "flag" for r in rows) else EXIT_OK


def register(sub) -> None:
    p = add_command(sub, "check", cmd_check, "statutory assurance findings for a structure, rule by rule")
    add_structure_options(p)
