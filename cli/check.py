"""`remit check`: statutory assurance findings for a structure, four outcomes apart."""
from __future__ import annotations

import argparse

from .common import EXIT_FLAGGED, EXIT_OK, add_command, add_structure_options, open_backend, structure_arg
from .output import render



def _block(row: dict) -> str:
    """One finding in full (a reviewer reads every word of the reason; a table would clip it)."""
    lines = [f"- {row['rule']}: {row['reason']}"]
    if row.get("missing"):
        lines.append(f"    missing: {row['missing']}")
    lines += [f"    mitigation: {m}" for m in row.get("mitigations") or []]
    lines += [f"    inferred: {i}" for i in row.get("inferred") or []]
    if row.get("sources"):
        lines.append(f"    sources: {', '.join(row['sources'])}")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    """Test a structure against the law and the statutory guidance. Every rule ends pass, flag, unknown
    (the documents do not state what the rule needs: listed apart, never counted as a pass) or n/a (the
    rule does not apply to this kind of council). Exits 1 when any rule flags, 0 otherwise."""
    from remit.queries.assurance import FINDING_COLUMNS, LABELS, ORDER, summarise

    backend = open_backend(args)
    structure, as_of = structure_arg(args, backend)
    summary = summarise(structure, as_of, backend=backend)
    if args.format != "table":
        print(render(args.format, "check", list(FINDING_COLUMNS), summary.findings(), structure=structure,
                     as_of=as_of, counts=summary.counts()))
    else:
        print(f"{structure}{f' as of {as_of}' if as_of else ''}: {summary.headline()}")
        for outcome in ORDER:
            rows = summary.findings(outcome)
            if rows:
                print(f"\n{LABELS[outcome]} ({len(rows)} findings)")
                print("\n".join(_block(r) for r in rows))
    return EXIT_FLAGGED if summary.flagged else EXIT_OK


def register(sub) -> None:
    p = add_command(sub, "check", cmd_check, "statutory assurance findings for a structure, rule by rule")
    add_structure_options(p)
