"""The question catalogue as data, like datasette's stored queries.

One entry per question: the CLI (`remit questions`, `remit ask`, `remit check`), the dashboard
menu, README's tables and the parity tests all read these entries, so a question added here
appears everywhere. Question modules are found by scanning this package (and checks/), so adding
a question is one .py beside one .cypher: there is no hand-kept list to forget a line in.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from remit.extensions import QUESTION_PACKAGES

if TYPE_CHECKING:
    from .backend import Backend

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    kind: str = "text"  # text | post | function | date | structure: the widget to offer, and the
    # values the parity tests try (every post, every function of the structure, ...)
    required: bool = True
    example: str | None = None  # shown in --help, README and the dashboard's placeholder


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    description: str
    columns: tuple[str, ...]
    cypher_file: str | None  # relative to queries/; None for a question `compute` answers
    nx: Callable[..., list[dict[str, Any]]] | None  # nx(graph, **params) -> rows; None likewise
    params: tuple[Param, ...] = ()
    kind: str = "question"  # question | rule | internal
    guidance: str | None = None  # for rules: the statutory guidance the rule tests
    sort_by: tuple[str, ...] = field(default=())
    # Rules: the Cypher and nx return FACTS (fact_columns, parity-tested); `judge(facts)` is the one
    # Python function that turns them into findings (columns). None for plain questions.
    judge: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None
    fact_columns: tuple[str, ...] = ()
    # Values the Cypher and the networkx twin both need (word lists, thresholds): defined once in
    # Python and passed to Cypher as query parameters, never written into the .cypher text.
    constants: dict[str, Any] = field(default_factory=dict)
    # Optional last step over the raw rows, in Python, the same for both stores (e.g. sort and
    # de-duplicate list cells once on the client instead of a subquery per row on the server).
    finish: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None
    # Columns the query returns only for `finish` to read (every HOLDS edge of a post, the date asked):
    # fetched from either store, never shown.
    hidden: tuple[str, ...] = ()
    # The columns the query itself returns, when `finish` makes some of `columns` (the holder cells) from the
    # hidden ones: what a packed read (Neo4jBackend.read_packed) asks for. None: columns + hidden.
    raw_columns: tuple[str, ...] | None = None
    # What an empty answer means, in words: "none: ..." or "not known: ..." (see queries/empty.py).
    empty: Callable[[Any, dict[str, Any]], str] | None = None
    # A question answered in Python from other catalogue questions (which both stores answer alike,
    # parity-tested), instead of by a query and a networkx twin of its own: compute(backend, params)
    # -> rows. holder-changes is one: two runs of the national register compared.
    compute: Callable[[Backend, dict[str, Any]], list[dict[str, Any]]] | None = None

    def __post_init__(self) -> None:
        own_query = self.cypher_file is not None and self.nx is not None
        if own_query == (self.compute is not None) or (self.compute is not None and self.judge is not None):
            raise ValueError(f"question '{self.id}': give a .cypher file and its networkx twin, or `compute`")

    @cached_property
    def cypher(self) -> str:
        if self.cypher_file is None:
            raise ValueError(f"question '{self.id}' has no Cypher of its own: it is computed from other questions")
        return (HERE / self.cypher_file).read_text(encoding="utf-8")

    def graph_answer(self, graph: Any, **params: Any) -> list[dict[str, Any]]:
        """The networkx twin's rows (the memory store's raw answer)."""
        if self.nx is None:
            raise ValueError(f"question '{self.id}' has no networkx twin: it is computed from other questions")
        return self.nx(graph, **params)

    def user_params(self) -> tuple[Param, ...]:
        """The parameters a person gives (the structure and date are chosen apart from them)."""
        return tuple(p for p in self.params if p.name not in SCOPE_PARAMS)

    def parameter_summary(self) -> str:
        return ", ".join(p.name + ("" if p.required else "?") for p in self.user_params())

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """The user parameters a person gave (name -> value), checked against this question's: every
        name declared, every required one given, dates as YYYY-MM-DD. ValueError says what is wrong."""
        from remit.loader.dates import parse_as_of

        declared = {p.name: p for p in self.user_params()}
        out: dict[str, Any] = {}
        for name, value in given.items():
            param = declared.get(name)
            if param is None:
                known = ", ".join(declared) or "none"
                raise ValueError(f"question '{self.id}' has no parameter '{name}' (parameters: {known})")
            if param.kind == "date" and isinstance(value, str):
                try:
                    value = parse_as_of(value)
                except ValueError as exc:
                    raise ValueError(f"--param {name}: {exc}") from None
            out[name] = value
        missing = [p for p in declared.values() if p.required and p.name not in out]
        if missing:
            needs = ", ".join(f"--param {p.name}=… ({p.description})" for p in missing)
            raise ValueError(f"question '{self.id}' needs {needs}")
        return out


# Parameters the scope fills in, never a person: the structure, the date, the councils, the statuses a structure in
# force may have (--include-proposed), the structures an internal question is about.
SCOPE_PARAMS = ("structure", "as_of", "codes", "statuses", "structures")


def parameter_sets(q: Question, values_by_kind: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Parameter sets to try a question with (parity and property tests, examples): each user
    parameter takes every value of its kind that the caller knows (every post, every function of
    the structure), else its example; other parameters keep their first value."""
    options = {
        p.name: list(values_by_kind.get(p.kind) or ([p.example] if p.example is not None else [None]))
        for p in q.user_params()
    }
    if not options:
        return [{}]
    base = {name: vals[0] for name, vals in options.items()}
    return [{**base, name: v} for name, vals in options.items() for v in vals]


_REGISTRY: dict[str, Question] = {}


def register(q: Question) -> Question:
    if q.id in _REGISTRY:
        raise ValueError(f"question id '{q.id}' registered twice")
    _REGISTRY[q.id] = q
    return q


def all_questions(kind: str | None = None) -> list[Question]:
    _load_modules()
    return [q for q in _REGISTRY.values() if kind is None or q.kind == kind]


def public_questions() -> list[Question]:
    """Questions and rules, in catalogue order (questions first), without the internal ones."""
    qs = [q for q in all_questions() if q.kind != "internal"]
    return sorted(qs, key=lambda q: (q.kind != "question", q.kind))


def get(question_id: str) -> Question:
    if question_id not in _REGISTRY:
        _import_own_module(question_id)
    if question_id not in _REGISTRY:
        _load_modules()
    try:
        return _REGISTRY[question_id]
    except KeyError:
        known = ", ".join(q.id for q in all_questions() if q.kind != "internal")
        raise KeyError(f"unknown question '{question_id}' (known: {known})") from None


_SCANNED = False


def question_modules() -> list[str]:
    """Every module of the question packages (the scan the catalogue and its completeness test share)."""
    names = []
    for package in QUESTION_PACKAGES:
        path = importlib.import_module(package).__path__
        names += [
            f"{package}.{m.name}" for m in pkgutil.iter_modules(path) if not m.ispkg and not m.name.startswith("_")
        ]
    return names


def _import_own_module(question_id: str) -> None:
    """Import only the module named after the question (statutory-holders -> statutory_holders.py),
    when there is one: one `remit ask` then imports one question module, not the whole catalogue
    (start-up time). Anything not found that way falls back to the full scan."""
    name = question_id.replace("-", "_")
    for package in QUESTION_PACKAGES:
        if importlib.util.find_spec(f"{package}.{name}") is not None:
            importlib.import_module(f"{package}.{name}")
            return


def _load_modules() -> None:
    # Importing a module registers its questions. Kept lazy so the catalogue module itself has no
    # import cycle with the question modules (they import `register` from here).
    global _SCANNED
    if _SCANNED:
        return
    _SCANNED = True
    for name in question_modules():
        importlib.import_module(name)
