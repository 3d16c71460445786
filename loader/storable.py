"""Whatever a reader built, nothing in the model can fail when it is written to Neo4j.

The YAML reader refuses bad ids, over-long text and impossible numbers as it reads (with the
key's own line). Other readers (the CSV importers) build the model directly, so this walk over
any model checks what storage needs, from schema.py, before a load begins: ids no longer than
an index key allows, text within its limit, numbers finite and within 64-bit integers. A load
therefore never fails half-way on a value, on any input format. Linear in the model's size.

The safe character set of ids is the YAML format's rule (hand-written keys), not storage's:
uids percent-encode every part, so an imported key with '@' or '/' cannot forge another node's
uid, and importers keep the references the source data uses.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Any

from . import model
from .model import StructureFile
from .problems import Problems
from .schema import MAX_ID, MAX_INT, MAX_NAME, MAX_TEXT, MIN_INT
from .text import shorten, show

# Model fields holding an id or a reference to one (see model.py).
ID_FIELDS = {"id", "key", "post", "unit", "function", "source", "supersedes", "assesses", "part_of"}
# Free text that scopes a node's uid (a named holder is a Person).
NAME_FIELDS = {("Holding", "name")}


def check_storable(sf: StructureFile, problems: Problems) -> None:
    """Report every value of `sf` that Neo4j could not store or index, at the nearest line."""
    stack: list[tuple[Any, int]] = [(sf, 0)]
    while stack:
        obj, line = stack.pop()
        line = _line_of(obj, line)
        owner = type(obj).__name__
        for name in _field_names(obj.__class__):
            value = getattr(obj, name)
            for v in value if type(value) in (list, tuple) else (value,):
                t = type(v)
                if t is str:
                    if len(v) > _SHORT:  # every limit is above this: most text needs no look
                        _check(problems, line, owner, name, v)
                elif t is float or t is int:
                    _check(problems, line, owner, name, v)
                elif t in _MODEL_TYPES:
                    stack.append((v, line))


_SHORT = min(MAX_ID, MAX_NAME, MAX_TEXT)
_MODEL_TYPES = {cls for cls in vars(model).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls)}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _line_of(obj: Any, inherited: int) -> int:
    own = getattr(obj, "line", 0)
    if isinstance(own, int) and own > 0:
        return own
    ev = getattr(obj, "evidence", None)
    # A CSV importer's evidence names its row.
    at = (getattr(ev, "line", 0) or getattr(ev, "row", 0) or 0) if ev is not None else 0
    return at if isinstance(at, int) and at > 0 else inherited


def _check(problems: Problems, line: int, owner: str, name: str, v: Any) -> None:
    what = f"'{name}' of a {owner.lower()}"
    if isinstance(v, float) and not math.isfinite(v):
        problems.problem(line, f"{what} must be a finite number, not {v}")
    elif isinstance(v, int) and not MIN_INT <= v <= MAX_INT:
        problems.problem(line, f"{what} is out of range ({show(v)})")
    elif isinstance(v, str):
        if name in ID_FIELDS and len(v) > MAX_ID:
            problems.problem(
                line, f"{what} ('{shorten(v, 40)}') is {len(v)} characters long; an id has at most {MAX_ID}"
            )
        limit = MAX_NAME if (owner, name) in NAME_FIELDS else MAX_TEXT
        if len(v) > limit:
            problems.problem(line, f"{what} is {len(v)} characters long; the limit is {limit}")
