"""networkx twin of statutory_facts.cypher: the facts the rules about statutory roles judge.

One row per post designated a statutory role in force, plus one row with ``role`` None carrying the
council's kind and the top-post candidates, so a rule can say "unknown" or "n/a" even when nothing is
designated. Both stores return exactly these rows (tests/test_questions_parity.py); the verdict is
made once, in Python, from them (see _rule.py).
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid

from .. import graph_helpers as h

STATUTORY_FACTS = "checks/statutory_facts.cypher"
STATUTORY_COLUMNS = (
    "council_kind", "hops", "chief_executives", "role", "post", "title", "post_kind", "post_status", "basis",
    "designation_source", "designation_inferred", "designation_reasoning", "chain", "chain_titles",
    "chain_facts", "accountable", "holders", "reports", "reviews",
)
REVIEW_FIELDS = ("id", "status", "date", "by", "outcome", "follow_up", "source")


def inference(a: dict[str, Any]) -> dict[str, Any]:
    """The inferred flag and reasoning of a fact, as the Cypher returns them."""
    return {"inferred": bool(a.get("inferred")), "reasoning": a.get("rule")}


def council_kind(g: nx.MultiDiGraph, structure: str) -> str | None:
    s_uid = structure_uid(structure)
    council = next((c for c, _ in h.out_edges(g, s_uid, "OF")), None)
    return None if council is None else g.nodes[council].get("authority_kind")


def _post_facts(g: nx.MultiDiGraph, p: str, as_of: str | None) -> dict[str, Any]:
    chain = h.line_chain(g, p)
    holders = [{"name": g.nodes[x].get("name"), "basis": a.get("basis"), "source": a.get("source"), **inference(a)}
               for x, a in h.holdings(g, p, as_of)]
    accountable = [{"post": g.nodes[q]["key"], "title": g.nodes[q].get("title"),
                    "mechanisms": list(a.get("mechanisms") or []), "source": a.get("source"), **inference(a)}
                   for q, a in h.out_edges(g, p, "ACCOUNTABLE_TO") if g.nodes[q]["_label"] == "Post"]
    reports = [{"post": g.nodes[x]["key"], "role": code, "source": la.get("source")}
               for x, la in h.in_edges(g, p, "LINE_MANAGED_BY") for code, _ in h.designations(g, x, as_of)]
    reviews = [{**{k: v.get(k) for k in REVIEW_FIELDS}, "criteria": list(v.get("criteria") or []),
                "criteria_outcomes": list(v.get("criteria_outcomes") or []),
                "criteria_conditions": list(v.get("criteria_conditions") or [])} for v in h.reviews_of(g, p)]
    return {"post": g.nodes[p]["key"], "title": g.nodes[p].get("title"), "post_kind": g.nodes[p].get("kind"),
            "post_status": g.nodes[p].get("status"), "chain": [g.nodes[q]["key"] for q, _ in chain],
            "chain_titles": [g.nodes[q].get("title") for q, _ in chain],
            "chain_facts": [{"source": a.get("source"), **inference(a)} for _, a in chain],
            "accountable": accountable, "holders": holders, "reports": reports, "reviews": reviews}


_EMPTY = {"post": None, "title": None, "post_kind": None, "post_status": None, "chain": [], "chain_titles": [],
          "chain_facts": [], "accountable": [], "holders": [], "reports": [], "reviews": []}


def statutory_facts(g: nx.MultiDiGraph, structure: str, as_of: str | None = None,
                    chief_executive: str = h.CHIEF_EXECUTIVE_TITLE, **_: Any) -> list[dict[str, Any]]:
    if structure_uid(structure) not in g:
        return []
    posts = h.posts(g, structure)
    context = {
        "council_kind": council_kind(g, structure),
        "hops": sorted({g.nodes[p]["key"] for p, _ in h.designated(g, structure, "hops", as_of)}),
        "chief_executives": sorted({g.nodes[p]["key"] for p in posts
                                    if (g.nodes[p].get("title") or "").lower().startswith(chief_executive)}),
    }
    rows = [{**context, "role": None, **_EMPTY, "basis": None, "designation_source": None,
             "designation_inferred": False, "designation_reasoning": None}]
    for p in posts:
        for code, d in h.designations(g, p, as_of):
            rows.append({**context, "role": code, **_post_facts(g, p, as_of), "basis": d.get("basis"),
                         "designation_source": d.get("source"), "designation_inferred": bool(d.get("inferred")),
                         "designation_reasoning": d.get("rule")})
    return rows
