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
    open_backend,
    scope_arg,
    structure_arg,
    wants_scope,
)

if TYPE_CHECKING:
    from remit.queries.backend import Backend
    from remit.queries.catalogue import Question
    from remit.queries.national_changes import Derived


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one catalogue question for one structure, or with --all --as-of DATE for every council's
    structure in force on that date (national questions always take --all)."""
    from remit.queries.catalogue import get

    try:
        q = get(args.question)
    except KeyError as exc:
        from remit.queries.national_changes import DERIVED  # questions computed from others

        if args.question in DERIVED:
            return ask_derived(args, DERIVED[args.question])
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
    rows = backend.run(q, {**params, "structure": used.structure, "as_of": used.as_of})
    emit(args, "ask", list(q.columns), rows, used, question=q.id, structure=used.structure, as_of=used.as_of)
    return EXIT_OK


def ask_national(args: argparse.Namespace, q: Question, params: dict[str, Any]) -> int:
    from remit.queries.scope import SCOPE_COLUMNS, run_scoped

    scope = scope_arg(args)
    backend = open_backend(args)
    if q.kind == "national":
        rows, columns = backend.run(q, {**params, **scope.params()}), list(q.columns)
    else:
        rows, columns = run_scoped(backend, q, scope, params), list(SCOPE_COLUMNS + q.columns)
    emit(
        args, "ask", columns, rows, question=q.id, scope="all", as_of=scope.as_of, type=scope.type, region=scope.region
    )
    return EXIT_OK


def ask_derived(args: argparse.Namespace, d: Derived) -> int:
    from remit.loader.dates import parse_as_of
    from remit.queries.national_changes import holder_changes

    pairs = dict(args.param)
    if not args.all or set(pairs) != {d.since}:
        raise CommandError(f"'{d.id}' takes --all --as-of DATE --param {d.since}=EARLIER_DATE")
    try:
        since = parse_as_of(pairs[d.since])
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    scope = scope_arg(args)
    rows = holder_changes(open_backend(args), since, scope)
    emit(
        args,
        "ask",
        list(d.columns),
        rows,
        question=d.id,
        scope="all",
        since=since,
        as_of=scope.as_of,
        type=scope.type,
        region=scope.region,
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
