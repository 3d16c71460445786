"""`span-of-control`: how many posts each post line-manages and how many answer to it otherwise."""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "post",
    "title",
    "tier",
    "tier_from",
    "line_manager",
    "line_reports",
    "line_report_posts",
    "accountability_reports",
    "accountable_from",
    "inferred",
    "sources",
)


def answer(
    g: nx.MultiDiGraph,
    structure: str,
    as_of: str | None = None,
    chief_executive: str = h.CHIEF_EXECUTIVE_TITLE,
    **_: Any,
) -> list[dict[str, Any]]:
    rows = []
    tops, tier_from = h.top_posts(g, structure, as_of, chief_executive)
    for p in h.posts(g, structure):
        post = h.node(g, p)
        lm = h.line_manager(g, p)
        reports = list(h.in_edges(g, p, "LINE_MANAGED_BY"))
        accountable = list(h.in_edges(g, p, "ACCOUNTABLE_TO"))
        rows.append(
            {
                "post": post["key"],
                "title": post["title"],
                "tier": h.tier_below(g, p, tops),
                "tier_from": tier_from,
                "line_manager": h.key(g, lm[0]) if lm else None,
                "line_reports": len(reports),
                "line_report_posts": sorted(h.key(g, r) for r, _ in reports),
                "accountability_reports": len(accountable),
                "accountable_from": sorted(h.subject_key(g, r) for r, _ in accountable),
                "inferred": inferences_of(post, lm[1] if lm else None, [a for _, a in reports + accountable]),
                "sources": sources_of(post, lm[1] if lm else None, [a for _, a in reports + accountable]),
            }
        )
    return rows


QUESTION = register(
    Question(
        id="span-of-control",
        title="Span of control",
        description="Each post's direct line reports, the posts and bodies accountable to it, and its tier below the "
        "top post (the Head of Paid Service, else the post titled Chief Executive: `tier_from` says which).",
        columns=COLUMNS,
        cypher_file="span_of_control.cypher",
        nx=answer,
        params=h.COMMON,
        sort_by=("post",) + COLUMNS,
        constants={"chief_executive": h.CHIEF_EXECUTIVE_TITLE},
    )
)
