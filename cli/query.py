"""`remit query`: the dashboard's read-only Cypher box on the command line, with the same rules."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import EXIT_OK, CommandError, Subparsers, add_command, add_param_option, emit


def cmd_query(args: argparse.Namespace) -> int:
    """Run one read-only Cypher query on Neo4j (NEO4J_URI, ...) and print its rows.

    Neo4j's own planner decides: the text runs only if EXPLAIN shows nothing but read operators
    (no writes, LOAD CSV, SHOW/TERMINATE, administration commands, or procedures other than the
    db.labels-style schema ones), and only if its expressions cannot grow or run without bound: no
    regular expressions (=~; use CONTAINS / STARTS WITH / ENDS WITH), no reduce, range (except
    UNWIND range(a, b)), replace or split, no nested list comprehensions. Text is at most 5,000
    characters nesting 40 levels deep. It runs in a read transaction with a time limit and stops at
    --max-rows rows or --max-bytes bytes; a single row over the byte cap is refused while it
    arrives. Values go in as parameters: --param name=Harrow, then
    $name in the query; --param n:=3 passes JSON (numbers, lists, true/false/null).
    Exit 2 when the query is refused or fails, 3 when Neo4j cannot be reached."""
    from remit.queries.backend import BackendError, open_backend
    from remit.queries.readonly import Limits, QueryFailed, Refused, run_read_only

    params = dict(args.param)
    limits = Limits(rows=args.max_rows, bytes=args.max_bytes, seconds=args.timeout)
    try:
        backend = open_backend("neo4j")
        try:
            result = run_read_only(backend, args.cypher, params, limits)
        finally:
            backend.close()
    except (Refused, QueryFailed) as exc:
        raise CommandError(f"{'refused' if isinstance(exc, Refused) else 'failed'}: {exc}", exc.exit_code) from None
    except BackendError as exc:
        raise CommandError(str(exc), exc.exit_code) from None
    emit(args, "query", result.columns, result.rows, truncated=result.truncated)
    if result.truncated:
        print(f"remit: {result.note()}", file=sys.stderr)
    return EXIT_OK


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"'{text}' must be more than 0")
        return value

    return parse


def register(sub: Subparsers) -> None:
    p = add_command(
        sub, "query", cmd_query, "run a read-only Cypher query on Neo4j (the dashboard's Cypher box)", backend=False
    )
    p.add_argument("cypher", help="the Cypher text (one read-only statement)")
    add_param_option(p, "a query parameter: K=text or K:=JSON (repeatable)", json_values=True)
    p.add_argument("--max-rows", type=_positive(int), default=1000, help="stop after this many rows (default 1000)")
    p.add_argument(
        "--max-bytes",
        type=_positive(int),
        default=2_000_000,
        help="stop after this many bytes of rows, as JSON (default 2000000)",
    )
    p.add_argument("--timeout", type=_positive(float), default=15.0, help="seconds Neo4j may spend (default 15)")
