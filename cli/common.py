"""What every command shares: exit codes, the usage error, backend and structure options, output.

Commands translate library errors into exit codes here and nowhere else; the codes themselves
(design.md's 0 ok, 1 a check flagged, 2 bad input, 3 Neo4j unreachable) are remit.loader.exits'."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

from remit.loader.exits import EXIT_FLAGGED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from remit.loader.text import visible

from .output import FORMATS, render
from .terminal import raw

if TYPE_CHECKING:
    from remit.queries.backend import Backend
    from remit.queries.scope import Scope
    from remit.queries.structures import Resolved

__all__ = ["EXIT_FLAGGED", "EXIT_OK", "EXIT_UNREACHABLE", "EXIT_USAGE", "CommandError", "Subparsers"]

# What each command module's register() is given: `remit`'s sub-command list (argparse's own type).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def add_command(
    sub: Subparsers,
    name: str,
    func: Callable[[argparse.Namespace], int],
    help_text: str,
    *,
    backend: bool = True,
    fmt: bool = True,
) -> argparse.ArgumentParser:
    """Add a sub-command whose description is its function's docstring; the usual options with it."""
    p = sub.add_parser(name, help=help_text, description=(func.__doc__ or help_text).strip())
    if fmt:
        p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
        p.add_argument(
            "--wide",
            action="store_true",
            help="table output at its full width, one line a row (for a pager or a wide terminal); "
            "by default tables fit the terminal, wrapping at word boundaries",
        )
        add_raw_csv_option(p)
    if backend:
        add_backend_options(p)
    p.set_defaults(func=func)
    return p


def add_raw_csv_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="CSV cells as they are, for programs (by default a cell starting with = + - @, tab or CR gets a "
        "leading ' so a spreadsheet shows it as text)",
    )


def add_backend_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--backend", choices=("memory", "neo4j"), default=None, help="graph store (default: memory, or $REMIT_BACKEND)"
    )
    p.add_argument("--data", default=None, help="structure files for the memory backend (default: seed/)")
    add_overlay_option(p)


def add_overlay_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--overlay",
        action="append",
        metavar="FILE",
        help="lay an overlay (remit-overlay/1: sourced decisions, or a scenario) over the structures read "
        "(may be repeated; applied in order)",
    )


def add_structure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--structure", help="structure id (see `remit structures`)")
    p.add_argument("--council", help="council id, with --as-of")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date (YYYY-MM-DD): the structure in force then")
    p.add_argument(
        "--include-proposed",
        dest="include_proposed",
        action="store_true",
        help="with --as-of (and with --all): a proposed structure whose effective date has passed may be used",
    )


def add_scope_options(p: argparse.ArgumentParser) -> None:
    """--all (every council's structure in force on --as-of), narrowed by --type / --region."""
    p.add_argument(
        "--all",
        action="store_true",
        help="every council: the structure in force in each on --as-of (a national answer)",
    )
    p.add_argument(
        "--type",
        dest="la_type",
        metavar="TYPE",
        help="with --all: only councils of this local authority type (register code, e.g. LBO, UA, CTY)",
    )
    p.add_argument("--region", metavar="REGION", help="with --all: only councils in this region (e.g. London)")


def add_param_option(p: argparse.ArgumentParser, help_text: str, json_values: bool = False) -> None:
    """--param K=V (repeatable), parsed here once for every command that takes it: `args.param` is a
    list of (name, value) pairs, and a malformed pair is a usage error (exit 2) before the command
    runs. With `json_values`, K:=JSON passes a JSON value (httpie's convention)."""
    p.add_argument(
        "--param",
        action="append",
        default=[],
        type=lambda text: parse_param(text, json_values),
        metavar="K=V" + (" | K:=JSON" if json_values else ""),
        help=help_text,
    )


def parse_param(text: str, json_values: bool = False) -> tuple[str, Any]:
    """One --param: (name, text) from K=V, or (name, JSON value) from K:=JSON when allowed."""
    key, sep, value = text.partition("=")
    is_json = json_values and key.endswith(":")
    if is_json:
        key = key[:-1]
    if not sep or not key:
        form = "KEY=VALUE or KEY:=JSON" if json_values else "KEY=VALUE"
        raise argparse.ArgumentTypeError(f"takes {form}, not '{text}'")
    if not key.isidentifier():
        raise argparse.ArgumentTypeError(f"'{key}' is not a parameter name (letters, digits, _)")
    if not is_json:
        return key, value
    try:
        return key, json.loads(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{key}:= needs a JSON value ({exc.args[0]})") from None


def scope_arg(args: argparse.Namespace) -> Scope:
    """The national scope of --all --as-of D [--type T] [--region R]; usage errors exit 2."""
    from remit.loader.dates import parse_as_of
    from remit.queries.scope import Scope, ScopeError

    if getattr(args, "structure", None) or getattr(args, "council", None):
        raise CommandError("--all answers for every council: leave out --structure and --council")
    if not args.as_of:
        raise CommandError("--all needs --as-of DATE: the structures in force on that date")
    try:
        scope = Scope(
            parse_as_of(args.as_of), args.la_type, args.region, bool(getattr(args, "include_proposed", False))
        )
        scope.params()  # resolves --type / --region against the register now, so a bad one exits 2
    except (ValueError, ScopeError) as exc:
        raise CommandError(str(exc)) from None
    return scope


def wants_scope(args: argparse.Namespace) -> bool:
    if (args.la_type or args.region) and not args.all:
        raise CommandError("--type and --region narrow --all; add --all")
    return bool(args.all)


def open_backend(args: argparse.Namespace) -> Backend:
    """The backend a command reads from: memory (structure files) or Neo4j (environment)."""
    from remit.queries.backend import BackendError
    from remit.queries.backend import open_backend as open_

    data = getattr(args, "data", None)
    try:
        backend = open_(getattr(args, "backend", None), [data] if data else None, getattr(args, "overlay", None))
    except BackendError as exc:
        raise CommandError(str(exc), exc.exit_code) from None
    for line in getattr(backend, "overlay_report", []):
        print(f"overlay: {line}", file=sys.stderr)
    return backend


def structure_arg(args: argparse.Namespace, backend: Backend) -> Resolved:
    """The structure --structure, or --council with --as-of, names: its id, the date, its status and
    what the documents cannot say (pass it to emit(), which names the structure used)."""
    from remit.queries.structures import UsageError, resolve_structure

    try:
        resolved = resolve_structure(
            backend,
            getattr(args, "structure", None),
            getattr(args, "council", None),
            getattr(args, "as_of", None),
            getattr(args, "include_proposed", False),
        )
    except UsageError as exc:
        raise CommandError(str(exc)) from None
    return resolved


WIDE = 100_000  # --wide: no wrapping


def terminal_width(args: argparse.Namespace) -> int:
    """The width table output fits: the terminal's ($COLUMNS if set), or unlimited with --wide."""
    import shutil

    return WIDE if getattr(args, "wide", False) else shutil.get_terminal_size((120, 24)).columns


def emit(
    args: argparse.Namespace,
    command: str,
    columns: list[str],
    rows: list[dict[str, Any]],
    resolved: Resolved | None = None,
    *,
    names_from: Backend | None = None,
    empty: str | None = None,
    **extra: Any,
) -> None:
    """Print the rows in --format; with `resolved` (structure_arg's), say which structure answered. Rows split
    by period (a structure whose designations change inside it) show the period first; with `names_from` (a
    backend) a table shows names for post, unit and function keys; an empty answer says why (`empty`:
    "none: ..." or "not known: ...")."""
    if any("period" in r for r in rows) and "period" not in columns:
        columns = ["period", *columns]
    if args.format == "table" and names_from is not None and rows:
        from remit.present.tables import with_names
        from remit.queries.names import names_of

        default = resolved.structure if resolved is not None else None
        ids = {r["structure"] for r in rows if r.get("structure")} | ({default} if default else set())
        rows = with_names(rows, columns, names_of(names_from, sorted(ids)), default)
    if resolved is not None and (resolved.as_of or resolved.notes):
        # An answer for a date says which structure it used, its status, and what the documents cannot say.
        extra = {**extra, "structure_status": resolved.status, "used": resolved.describe()}
        if args.format == "table":
            print(resolved.describe())
        elif args.format == "csv":
            print(resolved.describe(), file=sys.stderr)
    print(render(args.format, command, columns, rows, width=terminal_width(args), empty=empty, **extra))
    if extra.get("not_answered") and args.format != "json":  # JSON carries them as a key of its own
        from remit.queries.scope import not_answered_lines

        said = "\n".join(not_answered_lines(extra["not_answered"], extra.get("as_of") or ""))
        print(said, file=sys.stdout if args.format == "table" else sys.stderr)


def explain_empty(backend: Any, q: Any, params: dict[str, Any]) -> str:
    """Why a question's answer is empty, in words (queries.empty): none, or not known and why."""
    from remit.queries.empty import DEFAULT

    return q.empty(backend, params) if q.empty is not None else DEFAULT


def progress_printer(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    """A one-line progress counter on stderr for long loads (only on a terminal, or if asked)."""
    if args.format != "table" or not sys.stderr.isatty() and not os.environ.get("REMIT_PROGRESS"):
        return None

    def show(done: int, total: int, what: str) -> None:
        line = f"\r[{done}/{total}] {visible(what)}".ljust(70)
        print(line, end="" if done < total else "\n", file=raw(sys.stderr), flush=True)

    return show
