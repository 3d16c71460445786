"""Make answers comparable: the same rows in the same order from either store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

# Sort keys of answer rows: one encoder built once (json.dumps with options builds one per call,
# which a national answer of thousands of rows pays thousands of times).
_SORT_KEY = json.JSONEncoder(sort_keys=True, default=str).encode
_AS_IS = frozenset((str, int, bool, type(None)))


def plain(value: Any) -> Any:
    """Neo4j returns its own date and list types; answers carry plain JSON-able values."""
    if type(value) in _AS_IS:  # most cells: nothing to convert (exact types; subclasses go the long way)
        return value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _AS_IS else plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def normalise(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], sort_by: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    out = [{c: plain(r.get(c)) for c in columns} for r in rows]
    if len(out) < 2:  # nothing to order (and the JSON sort key is the costly part)
        return out
    # A column named twice in sort_by (the usual "these first, then every column") sorts as if named
    # once: the second copy is equal whenever it is reached. So it is encoded once.
    keys = tuple(dict.fromkeys(sort_by or columns))
    return sorted(out, key=lambda r: _SORT_KEY([r.get(k) for k in keys]))


def canonical(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts as lists of maps (lines, holders, reviews) come back in no fixed order from Cypher:
    sort every list of maps by its JSON so both stores give the same facts. Lists of plain values
    (a line chain, nearest first) keep their order."""
    return [canonical_value(r) for r in rows]


def canonical_value(value: Any) -> Any:
    """`plain` and `canonical` in one pass over a value, for the many facts of a national run: plain
    values, every list of maps sorted by its JSON. (Maps keep their key order: nothing reads it.)"""
    t = type(value)
    if t is str or t is bool or t is int or value is None:
        return value
    if t is dict:
        return {k: canonical_value(x) for k, x in value.items()}
    if t is list or t is tuple:
        items = [canonical_value(x) for x in value]
        if len(items) > 1 and all(type(x) is dict for x in items):
            items.sort(key=_SORT_KEY)
        return items
    value = plain(value)  # dates, whole floats, other list and map types: then as above
    return canonical_value(value) if type(value) in (dict, list) else value


def sources_of(*items: Any) -> list[str]:
    """The sorted, distinct 'source' ids of the facts an answer row rests on."""
    found: set[str] = set()
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict):
            if item.get("source"):
                found.add(item["source"])
        elif isinstance(item, str):
            found.add(item)
        else:
            found.update(sources_of(*item))
    return sorted(found)


def inferences_of(*items: Any) -> list[str]:
    """The marker an answer row carries for the inferred facts it rests on: "rule [source]" for each fact
    (edge or node properties) marked `inferred` (with the `rule`/reasoning that made it), sorted and
    distinct. Empty when every fact is stated. Any question can add an `inferred` column with it; the
    Cypher twin builds the same strings (`x.rule + ' [' + x.source + ']'` for x with x.inferred)."""
    found: set[str] = set()
    for item in items:
        if item is None or isinstance(item, str):
            continue
        if isinstance(item, dict):
            if item.get("inferred"):
                found.add(f"{item.get('rule')} [{item.get('source')}]")
        else:
            found.update(inferences_of(*item))
    return sorted(found)


def distinct_sorted(
    *columns: str, none_when_empty: tuple[str, ...] = ()
) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    """A Question.finish that makes each of `columns` a sorted list of its distinct non-null values
    (None, for the `none_when_empty` columns, when nothing is left). Both stores' raw rows go through
    it, so a query may return its lists as collected: sorting a few thousand short lists in Python
    costs less than a sort subquery per row on the server."""

    def finish(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            for c in columns:
                values = row.get(c)
                if not values:
                    row[c] = []
                elif len(values) > 1 or values[0] is None:  # most lists hold one value: left as they are
                    row[c] = sorted({v for v in values if v is not None})
            for c in none_when_empty:
                row[c] = row[c] or None
        return rows

    return finish
