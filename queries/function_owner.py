"""`function-owner`: who answers for one function, who commissions it, and who delivers it, with the
deliverer's lines upward, so an outside body's route back to the statutory officer is visible.

A function the documents name in parts (Harrow's children's social care: Children's Access, Children
in Need, ...) is answered through its parts too: `through` names the part a row is about, and the
grouping's reasoning is among the row's inferences when it is inferred."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import function_uid, structure_uid

from . import graph_helpers as h
from .catalogue import Param, Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "function",
    "function_name",
    "part",
    "through",
    "subject",
    "key",
    "name",
    "unit_kind",
    "roles",
    "heads",
    "line_chain",
    "accountable_to",
    "inferred",
    "sources",
)
PARTS = {"RESPONSIBLE_FOR": "responsible", "COMMISSIONS": "commissions"}


def _through(g: nx.MultiDiGraph, f: str, function: str) -> tuple[str | None, list[dict[str, Any]]]:
    """(the part's name, the grouping's facts) when `f` is a part of the function asked, else (None, [])."""
    a = h.node(g, f)
    if a.get("key") == function:
        return None, []
    return a.get("name"), [h.function_fact(g, f)]


def answer(
    g: nx.MultiDiGraph, structure: str, function: str, as_of: str | None = None, **_: Any
) -> list[dict[str, Any]]:
    rows = []
    s = h.node(g, structure_uid(structure)) if structure_uid(structure) in g else {}
    asked = g.nodes.get(function_uid(s.get("council") or "", function)) or {}
    for p in h.posts(g, structure):
        post = h.node(g, p)
        for f, a in ((f, a) for _, f, a in g.out_edges(p, data=True) if a["_type"] in PARTS):
            if not h.covers(g, f, function):
                continue
            through, grouping = _through(g, f, function)
            acc = list(h.out_edges(g, p, "ACCOUNTABLE_TO"))
            rows.append(
                {
                    "function": function,
                    "function_name": asked.get("name"),
                    "part": PARTS[a["_type"]],
                    "through": through,
                    "subject": "post",
                    "key": post["key"],
                    "name": post["title"],
                    "unit_kind": None,
                    "roles": h.roles(g, p, as_of),
                    "heads": None,
                    "line_chain": [h.key(g, u) for u, _ in h.line_chain(g, p)],
                    "accountable_to": sorted({h.key(g, q) for q, _ in acc}),
                    "inferred": inferences_of(post, a, [e for _, e in acc], grouping),
                    "sources": sources_of(post, a, [e for _, e in acc], grouping),
                }
            )
    for u in h.units(g, structure):
        unit = h.node(g, u)
        for f, a in h.out_edges(g, u, "DELIVERS"):
            if not h.covers(g, f, function):
                continue
            through, grouping = _through(g, f, function)
            heads = sorted(((hp, e) for hp, e in h.in_edges(g, u, "HEADS")), key=lambda x: h.key(g, x[0]))
            acc = list(h.out_edges(g, u, "ACCOUNTABLE_TO"))
            acc += [x for hp, _ in heads for x in h.out_edges(g, hp, "ACCOUNTABLE_TO")]
            chain = [h.key(g, x) for x, _ in h.line_chain(g, heads[0][0])] if heads else []
            rows.append(
                {
                    "function": function,
                    "function_name": asked.get("name"),
                    "part": "delivers",
                    "through": through,
                    "subject": "unit",
                    "key": unit["key"],
                    "name": unit["name"],
                    "unit_kind": unit["kind"],
                    "roles": [],
                    "heads": sorted(h.key(g, hp) for hp, _ in heads),
                    "line_chain": chain,
                    "accountable_to": sorted({h.key(g, q) for q, _ in acc}),
                    "inferred": inferences_of(unit, a, [e for _, e in heads], [e for _, e in acc], grouping),
                    "sources": sources_of(unit, a, [e for _, e in heads], [e for _, e in acc], grouping),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="function-owner",
        title="Function owner",
        description="Who is statutorily responsible for a function, who commissions it, and which unit or outside body "
        "delivers it, with the deliverer's head, line chain (from its head) and accountability lines; a function the "
        "documents name in parts is answered through its parts (`through`).",
        columns=COLUMNS,
        cypher_file="function_owner.cypher",
        nx=answer,
        params=(
            h.STRUCTURE,
            Param(
                "function", "Function key, e.g. childrens-social-care", kind="function", example="childrens-social-care"
            ),
            h.AS_OF,
        ),
        sort_by=("part", "subject", "key", "through") + COLUMNS,
    )
)
