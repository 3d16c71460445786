"""The question catalogue as data, like datasette's stored queries.

One entry per question: the CLI (`remit questions`, `remit ask`, `remit check`), the dashboard
menu and the parity tests all read these entries, so a question added here appears everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    kind: str = "text"  # text | post | function | date: tells the dashboard which widget to offer
    required: bool = True


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    description: str
    columns: tuple[str, ...]
    cypher_file: str  # relative to queries/
    nx: Callable[..., list[dict[str, Any]]]  # nx(graph, **params) -> rows
    params: tuple[Param, ...] = ()
    kind: str = "question"  # question | rule | internal
    guidance: str | None = None  # for rules: the statutory guidance the rule tests
    sort_by: tuple[str, ...] = field(default=())

    @cached_property
    def cypher(self) -> str:
        return (HERE / self.cypher_file).read_text(encoding="utf-8")


_REGISTRY: dict[str, Question] = {}


def register(q: Question) -> Question:
    if q.id in _REGISTRY:
        raise ValueError(f"question id '{q.id}' registered twice")
    _REGISTRY[q.id] = q
    return q


def all_questions(kind: str | None = None) -> list[Question]:
    _load_modules()
    return [q for q in _REGISTRY.values() if kind is None or q.kind == kind]


def get(question_id: str) -> Question:
    _load_modules()
    try:
        return _REGISTRY[question_id]
    except KeyError:
        known = ", ".join(q.id for q in all_questions() if q.kind != "internal")
        raise KeyError(f"unknown question '{question_id}' (known: {known})") from None


def _load_modules() -> None:
    # Importing the modules registers their questions; kept lazy so the catalogue module itself
    # has no import cycle with the question modules.
    from . import register_all  # noqa: F401
