"""`accountability-split`: posts answerable to someone other than the post that line-manages them.

The Barnet protocols are the pattern: delivery-unit directors line-managed by the Chief Executive
but accountable to the DCS or DASS. A post whose line manager the documents do not state is listed
too (line_manager empty), because its accountability then stands alone.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "post",
    "title",
    "post_roles",
    "line_manager",
    "line_manager_roles",
    "accountable_to",
    "accountable_to_title",
    "accountable_to_roles",
    "mechanisms",
    "escalation",
    "inferred",
    "sources",
)


def answer(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for p in h.posts(g, structure):
        post = h.node(g, p)
        lm = h.line_manager(g, p)
        for q, a in h.out_edges(g, p, "ACCOUNTABLE_TO"):
            if lm and lm[0] == q:
                continue
            esc = [e for t, e in h.out_edges(g, p, "ESCALATION_LINE") if t == q]
            rows.append(
                {
                    "post": post["key"],
                    "title": post["title"],
                    "post_roles": h.roles(g, p, as_of),
                    "line_manager": h.key(g, lm[0]) if lm else None,
                    "line_manager_roles": h.roles(g, lm[0], as_of) if lm else [],
                    "accountable_to": h.key(g, q),
                    "accountable_to_title": h.node(g, q)["title"],
                    "accountable_to_roles": h.roles(g, q, as_of),
                    "mechanisms": a.get("mechanisms") or [],
                    "escalation": sorted(e.get("trigger") or "" for e in esc) or None,
                    "inferred": inferences_of(post, a, lm[1] if lm else None, esc),
                    "sources": sources_of(post, a, lm[1] if lm else None, esc),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="accountability-split",
        title="Accountability splits",
        description="Every post accountable to a post other than its line manager: the mechanisms of that accountability, "
        "any escalation to direct line management, and the statutory roles on each side.",
        columns=COLUMNS,
        cypher_file="accountability_split.cypher",
        nx=answer,
        params=h.COMMON,
        sort_by=("post", "accountable_to", "mechanisms") + COLUMNS,
    )
)
