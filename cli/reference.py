"""README's command and catalogue tables, generated from the parser and the catalogue.

As sqlite-utils does with its CLI reference: README.md holds the tables between markers, and
`python -m remit.cli.reference` rewrites them; tests/test_cli.py fails when they are not current,
so a command or question cannot be added without README saying so.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
# Options every command has; README describes them once, above the table.
COMMON = {"-h", "--format", "--wide", "--raw-csv", "--backend", "--data"}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def synopsis(name: str, parser: argparse.ArgumentParser) -> str:
    parts = [f"remit {name}"]
    for action in parser._actions:
        if COMMON & set(action.option_strings):
            continue
        if not action.option_strings:
            meta = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
            parts.append(f"{meta} …" if action.nargs in ("+", "*") else meta)
            if action.nargs == "*":
                parts[-1] = f"[{parts[-1]}]"
            continue
        opt = action.option_strings[-1]
        if action.nargs == 0:
            parts.append(f"[{opt}]")
        else:
            meta = action.metavar or (
                ("{" + ",".join(map(str, action.choices)) + "}") if action.choices else action.dest.upper()
            )
            parts.append(f"[{opt} {meta}]" + (" …" if isinstance(action, argparse._AppendAction) else ""))
    return " ".join(parts)


def commands_table() -> str:
    from .main import build_parser, subcommands

    sub = subcommands(build_parser())
    helps = {a.dest: a.help for a in sub._choices_actions}
    rows = ["| command | what it does |", "|---|---|"]
    for name, parser in sub.choices.items():
        rows.append(f"| `{_cell(synopsis(name, parser))}` | {_cell(helps.get(name) or '')} |")
    return "\n".join(rows)


def catalogue_table() -> str:
    from remit.queries.catalogue import public_questions

    rows = ["| id | kind | parameters | what it answers |", "|---|---|---|---|"]
    # Sorted: the registry's order depends on which modules a run imported first (a lone `ask`
    # imports only its own), and the README must not change with that.
    for q in sorted(public_questions(), key=lambda q: (q.kind, q.id)):
        params = ", ".join(f"`{p.name}`" + (f" (e.g. `{p.example}`)" if p.example else "") for p in q.user_params())
        text = q.description + (f" *Cites:* {q.guidance}." if q.guidance else "")
        rows.append(f"| `{q.id}` | {q.kind} | {params} | {_cell(text)} |")
    return "\n".join(rows)


def rules_table() -> str:
    from remit.queries.assurance import rules_table as table

    return table()


SECTIONS = {"commands": commands_table, "catalogue": catalogue_table, "rules": rules_table}


def update(text: str) -> str:
    """README text with every generated section replaced by its current content."""
    for name, make in SECTIONS.items():
        start, end = f"<!-- generated:{name} -->", f"<!-- /generated:{name} -->"
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise ValueError(f"README.md has no {start} … {end} markers")
        text = pattern.sub(lambda _m: f"{start}\n{make()}\n{end}", text)
    return text


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = update(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"updated {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
