"""`dcs-accountability`: everything that answers to the DCS, by line, accountability or escalation, and
everything that commissions or delivers a children's function, whether or not it reaches the DCS.

A children's function is one the DCS post commissions or is responsible for, or one the structure
file says is children's social care or education (its `domain`: a stated or inferred fact, never a
word in its name). With no DCS in force the rows still list the children's functions' commissioners
and deliverers, but whether they reach the DCS is not known: no document names the post that holds
the role, which is not the same as "not at all". Units are listed only when no recorded post heads
them (an outside body such as a trust); otherwise their head post stands for them. Function lists
give the functions' names.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.model import CHILDRENS_DOMAINS

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

# What `reaches` says for every row when no post is designated DCS: not known, never "not at all".
NO_DCS = "not known: no document names the post that holds the Director of Children's Services role"
NOT_AT_ALL = "not at all"

COLUMNS = (
    "dcs",
    "subject",
    "key",
    "name",
    "line_manager",
    "accountable_to",
    "reaches",
    "split",
    "children_functions",
    "inferred",
    "sources",
)


def answer(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    found = h.designated(g, structure, "dcs", as_of)
    dcs_posts: dict[str | None, list[dict[str, Any]]] = {p: [a for q, a in found if q == p] for p, _ in found} or {
        None: []
    }
    rows = []
    for d, d_facts in dcs_posts.items():
        dcs_functions = {f for f, how, _ in h.function_links(g, d) if how != "delivers"} if d else set()

        def childrens(f: str) -> bool:
            return f in dcs_functions or h.is_childrens(g, f)

        subjects = [(p, "post") for p in h.posts(g, structure) if p != d] + [
            (u, "unit") for u in h.units(g, structure) if not list(h.in_edges(g, u, "HEADS"))
        ]
        for x, kind in subjects:
            a = h.node(g, x)
            links = (
                h.function_links(g, x)
                if kind == "post"
                else [(f, "delivers", [e]) for f, e in h.out_edges(g, x, "DELIVERS")]
            )
            links = [link for link in links if childrens(link[0])]
            chain = h.line_chain(g, x)
            upto = next((i for i, (p, _) in enumerate(chain) if p == d), None) if d else None
            line_edges = [e for _, e in chain[: upto + 1]] if upto is not None else []
            acc = list(h.out_edges(g, x, "ACCOUNTABLE_TO"))
            esc = [e for t, e in h.out_edges(g, x, "ESCALATION_LINE") if d and t == d]
            reaches = [
                way
                for way, yes in (
                    ("accountability", d is not None and any(q == d for q, _ in acc)),
                    ("escalation", bool(esc)),
                    ("line", bool(line_edges)),
                )
                if yes
            ]
            if not reaches and not links:
                continue
            lm = h.line_manager(g, x)
            facts = (
                a,
                d_facts,
                lm[1] if lm else None,
                [e for _, e in acc],
                esc,
                line_edges,
                [e for _, _, es in links for e in es],
            )
            rows.append(
                {
                    "dcs": h.key(g, d) if d else None,
                    "subject": kind,
                    "key": a["key"],
                    "name": a.get("title") if kind == "post" else a.get("name"),
                    "line_manager": h.key(g, lm[0]) if lm else None,
                    "accountable_to": sorted({h.key(g, q) for q, _ in acc}),
                    "reaches": reaches or [NOT_AT_ALL if d is not None else NO_DCS],
                    "split": "accountability" in reaches and lm is not None and lm[0] != d,
                    "children_functions": sorted({h.node(g, f)["name"] for f, _, _ in links}),
                    "inferred": inferences_of(*facts),
                    "sources": sources_of(*facts),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="dcs-accountability",
        title="Who answers to the DCS",
        description="Every post whose line chain or accountability or escalation lines reach the DCS, and every post or "
        "body that commissions or delivers a children's function, with its line manager, what it is "
        "accountable to, how it reaches the DCS (line / accountability / escalation / not at all; not known when "
        "no document names the DCS) and "
        "whether that is a split (accountable to the DCS, line-managed elsewhere).",
        columns=COLUMNS,
        cypher_file="dcs_accountability.cypher",
        nx=answer,
        params=h.COMMON,
        constants={"childrens_domains": CHILDRENS_DOMAINS, "no_dcs": NO_DCS, "not_at_all": NOT_AT_ALL},
        sort_by=("dcs", "subject", "key") + COLUMNS,
    )
)
