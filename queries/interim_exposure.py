"""`interim-exposure`: statutory roles that rest on an interim, acting or vacant footing on a date."""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = ("role", "post", "title", "basis", "holder", "holder_basis", "since", "until", "inferred", "sources")


def answer(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for p in h.posts(g, structure):
        post = h.node(g, p)
        held = h.holdings(g, p, as_of)
        holder_basis = sorted({a.get("basis") or "not stated" for _, a in held})
        for code, d in h.designations(g, p, as_of):
            basis = h.basis(g, p, d)
            if basis not in h.EXPOSED_BASES and not set(holder_basis) & set(h.EXPOSED_BASES):
                continue
            rows.append(
                {
                    "role": code,
                    "post": post["key"],
                    "title": post["title"],
                    "basis": basis,
                    "holder": h.holder_names(g, p, as_of),
                    "holder_basis": holder_basis or None,
                    "since": d.get("from"),
                    "until": d.get("to"),
                    "inferred": inferences_of(d, post, [a for _, a in held]),
                    "sources": sources_of(d, post, [a for _, a in held]),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="interim-exposure",
        title="Interim exposure",
        description="Statutory roles vacant, or held on an interim or acting basis (by designation or by the holder in "
        "force), on the date asked.",
        columns=COLUMNS,
        cypher_file="interim_exposure.cypher",
        nx=answer,
        params=h.COMMON,
        sort_by=("role", "post", "since", "until", "basis") + COLUMNS,
    )
)
