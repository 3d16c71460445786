"""`remit ask`: answer one catalogue question, for one structure or (--all) for every council."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .common import (
    EXIT_OK,
    CommandError,
    Subparsers,
    add_command,
    add_param_option,
    add_scope_options,
    add_structure_options,
    emit,
    explain_empty,
    open_backend,
    scope_arg,
    structure_arg,
    wants_scope,
)

if TYPE_CHECKING:
    from remit.queries.backend import Backend
    from remit.queries.catalogue import Question


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one catalogue question for one structure, or with --all --as-of DATE for every council's
    structure in force on that date (national questions always take --all)."""
    from remit.queries.catalogue import get

    try:
        q = get(args.question)
    except KeyError as exc:
        raise CommandError(exc.args[0]) from None
    if q.kind == "internal":
        raise CommandError(f"'{q.id}' is internal; see `remit questions`")
    try:
        params = q.bind(dict(args.param))
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    national = q.kind == "national"
    if national or wants_scope(args):
        if national and not args.all:
            raise CommandError(f"'{q.id}' is a national question: give --all --as-of DATE")
        return ask_national(args, q, params)
    backend = open_backend(args)
    used = structure_arg(args, backend)
    params = matched_params(backend, q, used.structure, params)
    asked = {**params, "structure": used.structure, "as_of": used.as_of}
    rows = backend.run(q, asked)
    emit(
        args,
        "ask",
        list(q.columns),
        rows,
        used,
        names_from=backend,
        empty=None if rows else explain_empty(backend, q, asked),
        question=q.id,
        structure=used.structure,
        as_of=used.as_of,
    )
    return EXIT_OK


def ask_national(args: argparse.Namespace, q: Question, params: dict[str, Any]) -> int:
    from remit.queries.scope import NOTE_COLUMNS, SCOPE_COLUMNS, answer_national, not_answered, run_scoped

    scope = scope_arg(args)
    backend = open_backend(args)
    if q.kind == "national":
        rows, columns = answer_national(backend, q, scope, params)
    else:
        rows, columns = run_scoped(backend, q, scope, params), list(SCOPE_COLUMNS + NOTE_COLUMNS + q.columns)
    left = not_answered(backend, scope)
    emit(
        args,
        "ask",
        columns,
        rows,
        None,
        names_from=backend,
        empty=None if rows else explain_empty(backend, q, {**params, **scope.params()}),
        question=q.id,
        scope="all",
        as_of=scope.as_of,
        type=scope.type,
        region=scope.region,
        include_proposed=scope.include_proposed,
        not_answered=left,
        **({"parameters": params} if params else {}),
    )
    return EXIT_OK


def matched_params(backend: Backend, q: Question, structure: str, params: dict[str, Any]) -> dict[str, Any]:
    """Post and function values as people type them (a key, a title or a name) matched to their keys."""
    from remit.queries.matching import NoMatch
    from remit.queries.parameter_values import match_params

    try:
        return match_params(backend, q, structure, params)
    except NoMatch as exc:
        raise CommandError(str(exc)) from None


def register(sub: Subparsers) -> None:
    p = add_command(sub, "ask", cmd_ask, "answer a catalogue question for a structure, or --all councils")
    p.add_argument("question", help="question id (see `remit questions`)")
    add_structure_options(p)
    add_scope_options(p)
    add_param_option(p, "a question parameter (repeatable)")
