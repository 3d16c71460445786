"""A structure whose designations or holdings change inside it is answered per period.

Why: Harrow's 2023 structure has an acting DASS until 31 December 2022, the Corporate Director of
People as DASS from 1 January 2023, and a DCS whose holder intended to retire at the end of May 2023.
Asked without a date, an answer over all of them at once shows two DASSes side by side and one rule
gives flag and unknown together for two people who never held the role at the same time. So an
answer without a date is split at every date a designation or holding starts or ends (its stated end,
or the end a holder announced), from the structure's effective date on; each period is answered as
on its first day and each row says which period it is about. Consecutive periods that give the same
answer are shown as one.

`structure-periods` (an internal question, Cypher and networkx) gives the dates; the splitting is done
once here, for both stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from remit.loader.dates import parse_date
from remit.loader.schema import source_uid, structure_uid

from . import graph_helpers as h
from .catalogue import Param, Question, register

COLUMNS = ("effective_start", "source_date", "boundary")


def day_after(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def _boundaries(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    s_uid = structure_uid(structure)
    if s_uid not in g:
        return []
    a = g.nodes[s_uid]
    start = a.get("effective_start")
    src = g.nodes.get(source_uid(a["council"], a.get("source") or "")) or {}
    source_date = src.get("date")
    dates: set[str] = set()
    for p in h.posts(g, structure):
        edges = [a for _, a in h.out_edges(g, p, "DESIGNATED")] + [a for _, a in h.in_edges(g, p, "HOLDS")]
        for a in edges:
            if a.get("from_start"):
                dates.add(a["from_start"])
            if a.get("to_end"):
                dates.add(day_after(a["to_end"]))
    return [{"effective_start": start, "source_date": source_date, "boundary": d} for d in sorted(dates)] or [
        {"effective_start": start, "source_date": source_date, "boundary": None}
    ]


QUESTION = register(
    Question(
        id="structure-periods",
        title="Periods of a structure",
        kind="internal",
        description="The dates inside a structure at which a designation or holding starts, or the day after one "
        "ends (a stated end or an announced one): where an answer without a date is split.",
        columns=COLUMNS,
        cypher_file="structure_periods.cypher",
        nx=_boundaries,
        params=(Param("structure", "Structure id", kind="structure"),),
        sort_by=COLUMNS,
    )
)


@dataclass(frozen=True)
class Period:
    start: str | None  # None: since before anything the documents say
    end: str | None  # None: still, as far as the documents say

    @property
    def as_of(self) -> str:
        """The date the period is answered as on: its first day (or, open-ended at the start, its last)."""
        return self.start if self.start is not None else self.end  # type: ignore[return-value]

    def label(self) -> str:
        from remit.loader.dates import long_date

        if self.start and self.end:
            return f"{long_date(self.start)} \u2013 {long_date(self.end)}"
        if self.start:
            return f"from {long_date(self.start)}"
        return f"until {long_date(self.end)}" if self.end else "all dates"


def periods(backend: Any, structure: str) -> list[Period]:
    """The periods of a structure (one, [Period(start, None)], when nothing changes inside it)."""
    return periods_from_rows(backend.run(QUESTION, {"structure": structure}))


def periods_from_rows(rows: list[dict[str, Any]]) -> list[Period]:
    """The periods from `structure-periods` rows (a caller with its own cache of answers, the dashboard)."""
    if not rows:
        return []
    # From the structure's effective date; a structure without one (a proposal) from its document's date.
    start = rows[0]["effective_start"]
    if start is None and rows[0]["source_date"] and (d := parse_date(rows[0]["source_date"])) is not None:
        start = d.first_day
    cuts = sorted({r["boundary"] for r in rows if r["boundary"] and (start is None or r["boundary"] > start)})
    starts: list[str | None] = [start, *cuts]
    out = []
    for i, s in enumerate(starts):
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        out.append(Period(s, day_before(nxt) if nxt else None))
    return out


Rows = list[dict[str, Any]]


def split(found: list[Period], answer_on: Callable[[str], Rows], label_rows: Callable[[Rows, str], Rows]) -> Rows:
    """Answer each period as on its date; consecutive periods with the same rows are joined; each row is
    labelled with its period (`label_rows` says how: a `period` cell, and for findings a reason prefix)."""
    groups: list[tuple[Period, Rows]] = []
    for p in found:
        rows = answer_on(p.as_of)
        if groups and groups[-1][1] == rows:
            first = groups[-1][0]
            groups[-1] = (Period(first.start, p.end), rows)
        else:
            groups.append((p, rows))
    if len(groups) == 1:
        return groups[0][1]
    return [row for p, rows in groups for row in label_rows(rows, p.label())]


def label_answer(rows: Rows, label: str) -> Rows:
    return [{**r, "period": label} for r in rows]


def label_findings(rows: Rows, label: str) -> Rows:
    return [{**r, "period": label, "reason": f"({label}) {r['reason']}"} for r in rows]
