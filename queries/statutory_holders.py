"""`statutory-holders`: who carries each statutory role on the date asked, and how securely."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import role_uid

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "role",
    "role_name",
    "post",
    "title",
    "holder",
    "basis",
    "since",
    "until",
    "tier",
    "tier_from",
    "line_manager",
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
        held = h.holdings(g, p, as_of)
        for code, d in h.designations(g, p, as_of):
            rows.append(
                {
                    "role": code,
                    "role_name": h.node(g, role_uid(code))["name"],
                    "post": post["key"],
                    "title": post["title"],
                    "holder": h.holder_names(g, p, as_of),
                    "basis": h.basis(g, p, d),
                    "since": d.get("from"),
                    "until": d.get("to"),
                    "tier": h.tier_below(g, p, tops),
                    "tier_from": tier_from,
                    "line_manager": h.key(g, lm[0]) if lm else None,
                    "inferred": inferences_of(d, [a for _, a in held], lm[1] if lm else None),
                    "sources": sources_of(d, post, [a for _, a in held], lm[1] if lm else None),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="statutory-holders",
        title="Statutory role holders",
        description="Each statutory role in force: the post designated, its named holders, the basis (permanent, "
        "interim, acting, vacant or not stated), its tier below the top post (the Head of Paid Service, else "
        "the post titled Chief Executive: `tier_from` says which), its line manager, and the inferred facts "
        "the row rests on.",
        columns=COLUMNS,
        cypher_file="statutory_holders.cypher",
        nx=answer,
        params=h.COMMON,
        constants={"chief_executive": h.CHIEF_EXECUTIVE_TITLE},
        sort_by=("role", "post", "since", "until", "basis") + COLUMNS,
    )
)
