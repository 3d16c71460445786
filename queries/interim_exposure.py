"""`interim-exposure`: statutory roles that rest on an interim, acting or vacant footing on a date, or
whose holder's intended departure has passed with no successor recorded."""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import empty, holders
from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "role",
    "post",
    "title",
    "basis",
    "state",
    "holder",
    "holder_basis",
    "holder_dates",
    "intentions",
    "since",
    "until",
    "inferred",
    "sources",
)


def answer(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for p in h.posts(g, structure):
        post = h.node(g, p)
        for code, d in h.designations(g, p, as_of):
            rows.append(
                {
                    "role": code,
                    "post": post["key"],
                    "title": post["title"],
                    "basis": h.basis(g, p, d),
                    "since": d.get("from"),
                    "until": d.get("to"),
                    "inferred": inferences_of(d, post),
                    "sources": sources_of(d, post),
                    "_holds": h.all_holdings(g, p),
                    "_designation": h.designation_intention(d),
                    "_as_of": as_of,
                }
            )
    return rows


QUESTION = register(
    Question(
        id="interim-exposure",
        title="Interim exposure",
        description="Statutory roles vacant, or held on an interim or acting basis (by designation or by the holder in "
        "force), or whose holder's intended departure has passed with no successor recorded, on the date asked; "
        "with each holder's own dates and any end announced (an intention, quoted).",
        columns=COLUMNS,
        cypher_file="interim_exposure.cypher",
        nx=answer,
        params=h.COMMON,
        sort_by=("role", "post", "since", "until", "basis") + COLUMNS,
        finish=holders.finish(exposed_only=True),
        hidden=("_holds", "_designation", "_as_of"),
        empty=empty.interim_exposure,
    )
)
