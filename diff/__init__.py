"""What a restructure changes: two structure snapshots compared fact by fact.

Pure Python over `snapshot()` results, so the diff is the same on networkx and Neo4j: both
snapshots come from internal questions whose two forms are held equal by the parity tests.

Two rules shape the rows. Role amendments (title, unit, kind, designations, commissioning and
responsibility) are kept apart from pay changes (grade, salary, FTE, costs), because committee
reports list amended positions separately from the figures. And what one document leaves unsaid
is not a change: a figure or a unit stated on one side only is "not stated" on the other.
Lines, designations and functions are compared in after-structure terms (see diff_match).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .cost import cost_summary
from .links import designations_changes, functions_changes, holders_changes, links_changes, units_changes
from .match import match
from .posts import counts_changes, lines_changes, posts_changes, tiers_spans_changes
from .rows import COLUMNS, KIND_ORDER

__all__ = ["COLUMNS", "Diff", "DiffError", "diff", "diff_sides"]
from remit.queries.side import Side
from remit.queries.snapshot import snapshot

if TYPE_CHECKING:
    from remit.queries.backend import Backend


class DiffError(ValueError):
    """Two structures that cannot be compared (different councils)."""


@dataclass
class Diff:
    before: str
    after: str
    council: str
    rows: list[dict[str, Any]]
    cost: dict[str, Any]


def diff(backend: Backend, before: str, after: str, as_of: tuple[str | None, str | None] = (None, None)) -> Diff:
    b = Side(snapshot(backend, before), as_of[0])
    a = Side(snapshot(backend, after), as_of[1])
    return diff_sides(b, a)


def diff_sides(b: Side, a: Side) -> Diff:
    if b.council != a.council:
        raise DiffError(
            f"'{b.id}' is a structure of {b.council} and '{a.id}' of {a.council}: "
            "a diff compares two structures of one council"
        )
    m = match(b, a)
    rows: list[dict[str, Any]] = []
    for section in (
        posts_changes,
        lines_changes,
        links_changes,
        designations_changes,
        holders_changes,
        functions_changes,
        units_changes,
        tiers_spans_changes,
        counts_changes,
    ):
        rows += section(b, a, m)
    rows.sort(
        key=lambda r: (
            KIND_ORDER.index(r["kind"]),
            r["change"],
            r["subject"] or "",
            r["key_before"] or "",
            r["key_after"] or "",
            r["detail"],
        )
    )
    return Diff(b.id, a.id, b.council, rows, cost_summary(b, a))
