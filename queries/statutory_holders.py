"""`statutory-holders`: who carries each statutory role on the date asked, and how securely.

Each row gives the designation's own dates (`since`, `until`) and each holder's (`holder_dates`); an
end a holder has only announced is an intention (`intentions`, with its quote), and once it has passed
with no successor the row says so (`state`) instead of showing no holder as if nothing were known."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import role_uid

from . import empty, holders
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
    "holder_basis",
    "holder_dates",
    "intentions",
    "state",
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
        for code, d in h.designations(g, p, as_of):
            rows.append(
                {
                    "role": code,
                    "role_name": h.node(g, role_uid(code))["name"],
                    "post": post["key"],
                    "title": post["title"],
                    "basis": h.basis(g, p, d),
                    "since": d.get("from"),
                    "until": d.get("to"),
                    "tier": h.tier_below(g, p, tops),
                    "tier_from": tier_from,
                    "line_manager": h.key(g, lm[0]) if lm else None,
                    "inferred": inferences_of(d, lm[1] if lm else None),
                    "sources": sources_of(d, post, lm[1] if lm else None),
                    "_holds": h.all_holdings(g, p),
                    "_designation": h.designation_intention(d),
                    "_as_of": as_of,
                }
            )
    return rows


QUESTION = register(
    Question(
        id="statutory-holders",
        title="Statutory role holders",
        description="Each statutory role in force: the post designated, its named holders with their own dates, any "
        "end a holder has announced (an intention, quoted), the basis (permanent, interim, acting, vacant or not "
        "stated), its tier below the top post (the Head of Paid Service, else the post the documents call the most "
        "senior, else the post titled Chief Executive that reports to no post: `tier_from` says which), its line "
        "manager, and the inferred "
        "facts the row rests on.",
        columns=COLUMNS,
        cypher_file="statutory_holders.cypher",
        nx=answer,
        params=h.COMMON,
        constants={"chief_executive": h.CHIEF_EXECUTIVE_TITLE},
        sort_by=("role", "post", "since", "until", "basis") + COLUMNS,
        finish=holders.finish(),
        hidden=("_holds", "_designation", "_as_of"),
        empty=empty.statutory_holders,
    )
)
