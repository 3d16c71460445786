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

        to_dcs = _line_facts_to(g, h.posts(g, structure), d) if d else {}
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
            line_edges = _as_facts(to_dcs[x]) if x in to_dcs else []
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


def _line_facts_to(g: nx.MultiDiGraph, posts: list[str], d: str) -> dict[str, frozenset[tuple[Any, ...]]]:
    """For each post whose line chain reaches `d`: what the answer row needs of the line edges up to
    it (their source, inferred flag and rule: all sources_of and inferences_of read), as a set. Each
    line is walked once and the posts on it take their set from the post above (issue 25, finding 7:
    a walk up per post was quadratic, 11 s on a 5,000-deep chain); a post whose chain does not reach
    `d` is left out."""
    found: dict[str, frozenset[tuple[Any, ...]] | None] = {d: frozenset()}
    for start in posts:
        walk: list[tuple[str, dict[str, Any]]] = []
        on_walk: set[str] = set()
        cur, base = start, None
        while True:
            if cur in found:
                base = found[cur]
                break
            lm = h.line_manager(g, cur)
            if lm is None or cur in on_walk:
                break
            on_walk.add(cur)
            walk.append((cur, lm[1]))
            cur = lm[0]
        for p, edge in reversed(walk):
            if base is not None:
                base = base | {(edge.get("source"), bool(edge.get("inferred")), edge.get("rule"))}
            found[p] = base
    return {p: facts for p, facts in found.items() if facts is not None and p != d}


def _as_facts(facts: frozenset[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [{"source": s, "inferred": i, "rule": r} for s, i, r in facts]


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
