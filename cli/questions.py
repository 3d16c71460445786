"""`remit questions`: the question catalogue and the assurance rules."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, Subparsers, add_command, emit


def cmd_questions(args: argparse.Namespace) -> int:
    """List the question catalogue and the assurance rules."""
    from remit.queries.catalogue import public_questions

    rows = [
        {
            "id": q.id,
            "kind": q.kind,
            "title": q.title,
            "parameters": q.parameter_summary(),
            "description": q.description,
        }
        for q in public_questions()
    ]
    emit(args, "questions", ["id", "kind", "title", "parameters", "description"], rows)
    return EXIT_OK


def register(sub: Subparsers) -> None:
    add_command(sub, "questions", cmd_questions, "list the question catalogue and the assurance rules", backend=False)
