"""`span-of-control`: how many posts each post line-manages and how many answer to it otherwise.

Direct reports the documents count without naming ("Direct: 5 x Assistant Directors & 1x Director of
Education": a grade group with `count`) are counted in `line_reports` and listed in `counted_reports`."""

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
    "counted_reports",
    "accountability_reports",
    "accountable_from",
    "inferred",
    "sources",
)


def counted_groups(post: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(count, title or grade, source) of the post's grade groups the documents count."""
    counts = post.get("junior_counts") or []
    titles, grades = post.get("junior_titles") or [], post.get("junior_grades") or []
    sources = post.get("junior_sources") or []

    def at(values: list[Any], i: int) -> Any:
        return values[i] if i < len(values) else None

    return [
        (n, at(titles, i) or at(grades, i), at(sources, i)) for i, n in enumerate(counts) if n is not None and n >= 0
    ]


def answer(
    g: nx.MultiDiGraph,
    structure: str,
    as_of: str | None = None,
    chief_executive: str = h.CHIEF_EXECUTIVE_TITLE,
    **_: Any,
) -> list[dict[str, Any]]:
    rows = []
    tops, tier_from = h.top_posts(g, structure, as_of, chief_executive)
    posts = h.posts(g, structure)
    tiers = h.tiers_below(g, posts, tops)
    for p in posts:
        post = h.node(g, p)
        lm = h.line_manager(g, p)
        reports = list(h.in_edges(g, p, "LINE_MANAGED_BY"))
        accountable = list(h.in_edges(g, p, "ACCOUNTABLE_TO"))
        counted = counted_groups(post)
        rows.append(
            {
                "post": post["key"],
                "title": post["title"],
                "tier": tiers[p],
                "tier_from": tier_from,
                "line_manager": h.key(g, lm[0]) if lm else None,
                "line_reports": len(reports) + sum(n for n, _, _ in counted),
                "line_report_posts": sorted(h.key(g, r) for r, _ in reports),
                "counted_reports": [f"{n} x {what} (not named)" for n, what, _ in counted],
                "accountability_reports": len(accountable),
                "accountable_from": sorted(h.subject_key(g, r) for r, _ in accountable),
                "inferred": inferences_of(post, lm[1] if lm else None, [a for _, a in reports + accountable]),
                "sources": sources_of(
                    post, lm[1] if lm else None, [a for _, a in reports + accountable], [s for _, _, s in counted]
                ),
            }
        )
    return rows


QUESTION = register(
    Question(
        id="span-of-control",
        title="Span of control",
        description="Each post's direct line reports (posts, and staff the documents count without naming), the posts "
        "and bodies accountable to it, and its tier below the top post (the Head of Paid Service, else the post the "
        "documents call the most senior, else the post titled Chief Executive that reports to no post: `tier_from` "
        "says which).",
        columns=COLUMNS,
        cypher_file="span_of_control.cypher",
        nx=answer,
        params=h.COMMON,
        sort_by=("post",) + COLUMNS,
        constants={"chief_executive": h.CHIEF_EXECUTIVE_TITLE},
    )
)
