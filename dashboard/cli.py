"""The `remit` command line: a thin layer over loader/ and queries/, as sqlite-utils is over its library.

Every command is a library call the dashboard makes too; this module only parses arguments,
picks the backend and prints. Exit codes follow design.md: 0 ok, 1 a check flagged a rule,
2 bad input or usage, 3 Neo4j unreachable.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Callable

from loader import InvalidStructureFiles, default_data_dir

from .output import FORMATS, render

EXIT_OK, EXIT_FLAGGED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


class CommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


# -- shared plumbing -----------------------------------------------------------------------------
def open_backend(args: argparse.Namespace):
    """The backend a command reads from: memory (structure files) or Neo4j (environment)."""
    from queries.backend import MemoryBackend, backend_name

    name = backend_name(getattr(args, "backend", None))
    if name == "memory":
        return MemoryBackend.from_paths([getattr(args, "data", None) or default_data_dir()])
    if name == "neo4j":
        from loader.neo4j_store import Neo4jUnavailable, connect
        from queries.backend import Neo4jBackend

        try:
            store = connect()
        except Neo4jUnavailable as exc:
            raise CommandError(str(exc), EXIT_UNREACHABLE) from None
        return Neo4jBackend(store.driver, store.database)
    raise CommandError(f"unknown backend '{name}' (use memory or neo4j)")


def structure_arg(args: argparse.Namespace, backend) -> tuple[str, str | None]:
    from queries.structures import UsageError, resolve

    try:
        return resolve(backend, getattr(args, "structure", None), getattr(args, "council", None),
                       getattr(args, "as_of", None))
    except UsageError as exc:
        raise CommandError(str(exc)) from None


def emit(args: argparse.Namespace, command: str, columns: list[str], rows: list[dict[str, Any]], **extra: Any) -> None:
    print(render(args.format, command, columns, rows, **extra))


# -- commands ------------------------------------------------------------------------------------
def cmd_validate(args: argparse.Namespace) -> int:
    """Validate structure files; print every problem as FILE:LINE: message."""
    from loader import read_files

    data = read_files(args.paths)
    rows = [{"file": f.path, "council": f.council.id, "structures": len(f.structures),
             "posts": sum(len(s.posts) for s in f.structures)} for f in data.files]
    emit(args, "validate", ["file", "council", "structures", "posts"], rows)
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    """Validate and load structure files into the chosen store; print counts per structure."""
    from loader import read_files
    from queries.backend import backend_name

    data = read_files(args.paths or [default_data_dir()])
    name = backend_name(args.backend)
    if name == "memory":
        from loader.memory import counts_by_structure, graph_from_dataset

        counts = counts_by_structure(graph_from_dataset(data))
    elif name == "neo4j":
        from loader.neo4j_store import Neo4jUnavailable, connect, load_dataset

        try:
            store = connect()
        except Neo4jUnavailable as exc:
            raise CommandError(str(exc), EXIT_UNREACHABLE) from None
        with store:
            counts = load_dataset(store, data, progress=_progress(args))
    else:
        raise CommandError(f"unknown backend '{name}' (use memory or neo4j)")
    rows = [{"structure": sid, "nodes": sum(c["nodes"].values()), "relationships": sum(c["relationships"].values()),
             **{f"{k}": v for k, v in sorted(c["nodes"].items())}} for sid, c in sorted(counts.items())]
    columns = ["structure", "nodes", "relationships"] + sorted({k for c in counts.values() for k in c["nodes"]})
    emit(args, "load", columns, rows, backend=name)
    return EXIT_OK


def _progress(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    if args.format != "table" or not sys.stderr.isatty() and not os.environ.get("REMIT_PROGRESS"):
        return None

    def show(done: int, total: int, what: str) -> None:
        print(f"\r[{done}/{total}] {what}".ljust(70), end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def cmd_structures(args: argparse.Namespace) -> int:
    """List the structures loaded (optionally of one council)."""
    from queries.catalogue import get

    backend = open_backend(args)
    q = get("structures")
    rows = backend.run(q, {"council": args.council})
    cols = ["structure", "council", "label", "status", "effective", "supersedes", "posts", "source"]
    emit(args, "structures", cols, rows)
    return EXIT_OK


def cmd_questions(args: argparse.Namespace) -> int:
    """List the question catalogue and the assurance rules."""
    from queries.catalogue import all_questions

    rows = [{"id": q.id, "kind": q.kind, "title": q.title,
             "parameters": ", ".join(p.name + ("" if p.required else "?") for p in q.params
                                     if p.name not in ("structure", "as_of")),
             "description": q.description} for q in all_questions() if q.kind != "internal"]
    emit(args, "questions", ["id", "kind", "title", "parameters", "description"], rows)
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one catalogue question for one structure."""
    from queries.catalogue import get

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
    declared = {p.name: p for p in q.params if p.name not in ("structure", "as_of")}
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remit", description="Who answers for what in a council's senior structure, and what a restructure changes.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str, *, backend: bool = True,
            fmt: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=(func.__doc__ or help_text).strip())
        if fmt:
            p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
        if backend:
            p.add_argument("--backend", choices=("memory", "neo4j"), default=None,
                           help="graph store (default: memory, or $REMIT_BACKEND)")
            p.add_argument("--data", default=None, help="structure files for the memory backend (default: seed/)")
        p.set_defaults(func=func)
        COMMANDS[name] = func
        return p

    p = add("validate", cmd_validate, "validate structure files only", backend=False)
    p.add_argument("paths", nargs="+", metavar="PATH", help="structure files or folders")
    p = add("load", cmd_load, "validate and load structure files (default: seed/)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="structure files or folders (default: seed/)")
    p = add("structures", cmd_structures, "list structures")
    p.add_argument("--council", help="only this council's structures")
    add("questions", cmd_questions, "list the question catalogue", backend=False)
    p = add("ask", cmd_ask, "answer a catalogue question for a structure")
    p.add_argument("question", help="question id (see `remit questions`)")
    _structure_options(p)
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="a question parameter (repeatable)")
    for extend in _EXTENSIONS:
        extend(add)
    return parser


def _structure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--structure", help="structure id (see `remit structures`)")
    p.add_argument("--council", help="council id, with --as-of")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date (YYYY-MM-DD): the structure in force then")


# Commands defined in their own modules (check, diff, dashboard) register here.
_EXTENSIONS: list[Callable[..., None]] = []


def main(argv: list[str] | None = None) -> int:
    from . import cli_commands  # noqa: F401  (registers check, diff, dashboard)

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except InvalidStructureFiles as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"remit: {len(exc.problems)} problem(s); nothing was loaded", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"remit: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("remit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
