"""`chain`: a post's line-management chain and its accountability chain, each up to the Head of Paid Service.

The accountability chain starts with the post's own accountability lines and then follows both
accountability and line management from the posts reached (their accountability runs upward
through both), stopping at the Head of Paid Service; each post appears once, at its shortest
distance, so the answer does not depend on the order in which edges are stored.

A line chain that stops at a post whose own line manager no document states, and which is not the top
post (the Head of Paid Service, else the post the documents call the most senior, else the post
titled Chief Executive), ends with a row saying so (`post` None): it did not reach the top, the
documents just stop.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import post_uid

from . import graph_helpers as h
from .catalogue import Param, Question, register
from .rows import inferences_of, sources_of

COLUMNS = ("chain", "step", "post", "title", "roles", "inferred", "sources")
# The last row of a line chain that stops short of the top post: the line above is not stated.
UNSTATED = "line manager not stated (the chain stops here; the documents do not say who manages "


def unstated(title: str | None) -> str:
    return f"{UNSTATED}{title})"


UPWARD = ("ACCOUNTABLE_TO", "LINE_MANAGED_BY")


def answer(
    g: nx.MultiDiGraph,
    structure: str,
    post: str,
    as_of: str | None = None,
    chief_executive: str = h.CHIEF_EXECUTIVE_TITLE,
    **_: Any,
) -> list[dict[str, Any]]:
    start = post_uid(structure, post)
    if start not in h.posts(g, structure):
        return []

    def row(chain: str, step: int, uid: str, *facts: Any) -> dict[str, Any]:
        a = h.node(g, uid)
        return {
            "chain": chain,
            "step": step,
            "post": a["key"],
            "title": a["title"],
            "roles": h.roles(g, uid, as_of),
            "inferred": inferences_of(a, *facts),
            "sources": sources_of(a, *facts),
        }

    rows = [row("line", 0, start)]
    last, step = start, 0
    if not h.is_hops(g, start, as_of):
        for step, (uid, edge) in enumerate(h.line_chain(g, start), 1):
            rows.append(row("line", step, uid, edge))
            last = uid
            if h.is_hops(g, uid, as_of):
                break
    tops, _ = h.top_posts(g, structure, as_of, chief_executive)
    if last not in tops and not h.is_hops(g, last, as_of) and h.line_manager(g, last) is None:
        rows.append(
            {
                "chain": "line",
                "step": step + 1,
                "post": None,
                "title": unstated(h.node(g, last)["title"]),
                "roles": [],
                "inferred": [],
                "sources": [],
            }
        )
    dist = _accountability_distances(g, start, as_of)
    for uid, step in dist.items():
        into = [a for src, _, a in g.in_edges(uid, data=True) if _expands(g, start, src, a["_type"], dist, as_of)]
        rows.append(row("accountability", step, uid, into))
    return rows


def _expands(g: nx.MultiDiGraph, start: str, src: str, rel: str, reached: dict[str, int], as_of: str | None) -> bool:
    if src == start:
        return rel == "ACCOUNTABLE_TO"
    return rel in UPWARD and src in reached and not h.is_hops(g, src, as_of)


def _accountability_distances(g: nx.MultiDiGraph, start: str, as_of: str | None) -> dict[str, int]:
    dist: dict[str, int] = {}
    frontier = [dst for dst, _ in h.out_edges(g, start, "ACCOUNTABLE_TO") if h.node(g, dst)["_label"] == "Post"]
    step = 1
    while frontier:
        nxt = []
        for uid in frontier:
            if uid == start or uid in dist:
                continue
            dist[uid] = step
            if h.is_hops(g, uid, as_of):
                continue
            nxt += [dst for rel in UPWARD for dst, _ in h.out_edges(g, uid, rel)]
        frontier, step = nxt, step + 1
    return dist


QUESTION = register(
    Question(
        id="chain",
        title="Line and accountability chain",
        description="The line-management chain of a post, and its accountability chain (its accountability lines, then "
        "onward by accountability or line management), each up to the Head of Paid Service.",
        columns=COLUMNS,
        cypher_file="chain.cypher",
        nx=answer,
        params=(
            h.STRUCTURE,
            Param("post", "Post key (see span-of-control)", kind="post", example="chief-executive"),
            h.AS_OF,
        ),
        sort_by=("chain", "step", "post") + COLUMNS,
        constants={"chief_executive": h.CHIEF_EXECUTIVE_TITLE, "unstated": UNSTATED},
    )
)
