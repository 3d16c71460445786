"""`remit ask`: answer one catalogue question."""
from __future__ import annotations

import argparse

from .common import EXIT_OK, CommandError, add_command, add_structure_options, emit, open_backend, structure_arg


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one catalogue question for one structure."""
    from remit.queries.catalogue import get

    try:
        q = get(args.question)
    except KeyError as exc:
        raise CommandError(exc.args[0]) from None
    if q.kind == "internal":
        raise CommandError(f"'{q.id}' is internal; see `remit questions`")
    params = parse_params(args.param, q)
    backend = open_backend(args)
    structure, as_of = structure_arg(args, backend)
    rows = backend.run(q, {**params, "structure": structure, "as_of": as_of})
    emit(args, "ask", list(q.columns), rows, question=q.id, structure=structure, as_of=as_of)
    return EXIT_OK


def parse_params(pairs: list[str], q) -> dict[str, str]:
    declared = {p.name: p for p in q.user_params()}
    out: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise CommandError(f"--param takes KEY=VALUE, not '{pair}'")
        if key not in declared:
            raise CommandError(f"question '{q.id}' has no parameter '{key}' "
                               f"(parameters: {', '.join(declared) or 'none'})")
        out[key] = value
    missing = [p for p in declared.values() if p.required and p.name not in out]
    if missing:
        raise CommandError(f"question '{q.id}' needs " + ", ".join(f"--param {p.name}=… ({p.description})" for p in missing))
    return out


def register(sub) -> None:
    p = add_command(sub, "ask", cmd_ask, "answer one catalogue question for a structure (or a council on a date)")
    p.add_argument("question", help="question id (see `remit questions`)")
    add_structure_options(p)
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="a question parameter (repeatable)")
