"""The `remit check` command (registered into dashboard.cli's parser)."""
from __future__ import annotations

import argparse

from . import cli

COLUMNS = ["rule", "outcome", "evidence", "posts", "sources", "guidance"]


def cmd_check(args: argparse.Namespace) -> int:
    """Test a structure against the statutory guidance: every assurance rule's findings, pass or flag.
    Exits 1 when any rule flags, 0 when all pass."""
    from queries.catalogue import all_questions

    backend = cli.open_backend(args)
    structure, as_of = cli.structure_arg(args, backend)
    rows = []
    for rule in all_questions("rule"):
        # Each finding cites the statutory guidance its rule tests.
        rows += [{**r, "guidance": rule.guidance} for r in backend.run(rule, {"structure": structure, "as_of": as_of})]
    cli.emit(args, "check", COLUMNS, rows, structure=structure, as_of=as_of)
    return cli.EXIT_FLAGGED if any(r["outcome"] == "flag" for r in rows) else cli.EXIT_OK


def extend(add) -> None:
    p = add("check", cmd_check, "statutory assurance findings for a structure")
    cli._structure_options(p)


cli._EXTENSIONS.append(extend)
