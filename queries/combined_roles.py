"""`combined-roles`: statutory posts that carry more than one statutory role or line-manage other
statutory officers, with the local test of assurance recorded for them (the guidance asks for one)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "post",
    "title",
    "roles",
    "reasons",
    "statutory_reports",
    "review",
    "review_status",
    "review_date",
    "review_outcome",
    "inferred",
    "sources",
)


def answer(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for p in h.posts(g, structure):
        reasons = h.combined_reasons(g, p, as_of)
        if not reasons:
            continue
        post = h.node(g, p)
        reports = h.statutory_reports(g, p, as_of)
        base = {
            "post": post["key"],
            "title": post["title"],
            "roles": h.roles(g, p, as_of),
            "reasons": reasons,
            "statutory_reports": sorted(h.key(g, r) for r, _ in reports),
        }
        # The reports' own designations are facts of the row too: they make the reports statutory officers.
        facts = [
            post,
            [d for _, d in h.designations(g, p, as_of)],
            [a for _, a in reports],
            [d for r, _ in reports for _, d in h.designations(g, r, as_of)],
        ]
        reviews: list[dict[str, Any] | None] = [*h.reviews_of(g, p)] or [None]
        for r in reviews:
            rows.append(
                {
                    **base,
                    "review": r and r.get("id"),
                    "review_status": r and r.get("status"),
                    "review_date": r and r.get("date"),
                    "review_outcome": r and r.get("outcome"),
                    "inferred": inferences_of(*facts, r),
                    "sources": sources_of(*facts, r),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="combined-roles",
        title="Combined roles",
        description="Posts holding more than one statutory role, or a statutory role and the line management of other "
        "statutory officers, with the local test of assurance recorded for them (date, status, outcome) or none.",
        columns=COLUMNS,
        cypher_file="combined_roles.cypher",
        nx=answer,
        params=h.COMMON,
        sort_by=("post", "review") + COLUMNS,
    )
)
