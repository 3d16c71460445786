"""networkx twin of statutory_facts.cypher: the facts the rules about statutory roles judge.

One row per post designated a statutory role in force, plus one row with ``role`` None carrying the
council's kind and the top-post candidates (the posts designated Head of Paid Service; only when there is
none, the post the documents call the most senior (`top_post`); only when there is neither, the posts
titled Chief Executive), so a rule can say "unknown" or "n/a" even when nothing is designated. Each
post's row also carries the holdings whose intended end has passed (`departed`), its statutory reports
with their designations' inferences, and its function links with each function's stated domain. Both stores return exactly these rows (tests/test_questions_parity.py); the verdict is
made once, in Python, from them (see _rule.py).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid
from remit.queries import graph_helpers as h

STATUTORY_FACTS = "checks/statutory_facts.cypher"
STATUTORY_COLUMNS = (
    "council_kind",
    "hops",
    "chief_executives",
    "top_post",
    "candidates",
    "leader",
    "role",
    "post",
    "title",
    "post_kind",
    "post_status",
    "basis",
    "designation_source",
    "designation_inferred",
    "designation_reasoning",
    "chain",
    "chain_titles",
    "chain_facts",
    "accountable",
    "holders",
    "departed",
    "reports",
    "functions",
    "reviews",
)
REVIEW_FIELDS = ("id", "status", "date", "by", "outcome", "follow_up", "source")


def inference(a: dict[str, Any]) -> dict[str, Any]:
    """The inferred flag and reasoning of a fact, as the Cypher returns them."""
    return {"inferred": bool(a.get("inferred")), "reasoning": a.get("rule")}


def _candidates(g: nx.MultiDiGraph, structure: str) -> list[dict[str, Any]]:
    """The posts an imported file makes candidates for a statutory role (a title naming the role's area,
    never a designation), by post key: findings about a role no post is designated name them as missing."""
    out = []
    for p in sorted(h.posts(g, structure), key=lambda p: g.nodes[p]["key"]):
        a = g.nodes[p]
        for role, rule in zip(a.get("candidate_roles") or [], a.get("candidate_rules") or [], strict=False):
            out.append({"post": a["key"], "title": a.get("title"), "role": role, "rule": rule})
    return out


def council_kind(g: nx.MultiDiGraph, structure: str) -> str | None:
    s_uid = structure_uid(structure)
    council = next((c for c, _ in h.out_edges(g, s_uid, "OF")), None)
    return None if council is None else g.nodes[council].get("authority_kind")


def _post_facts(g: nx.MultiDiGraph, p: str, as_of: str | None, reports: list[dict[str, Any]]) -> dict[str, Any]:
    chain = h.line_chain(g, p)
    holders = [
        {"name": g.nodes[x].get("name"), "basis": a.get("basis"), "source": a.get("source"), **inference(a)}
        for x, a in h.holdings(g, p, as_of)
    ]
    departed = [
        {
            "name": g.nodes[x].get("name"),
            "intended_end": a.get("intended_end"),
            "quote": a.get("intended_end_quote"),
            "source": a.get("intended_end_source"),
            "inferred": bool(a.get("intended_end_inferred")),
            "reasoning": a.get("intended_end_rule"),
        }
        for x, a in h.in_edges(g, p, "HOLDS")
        if as_of is not None
        and a.get("to") is None
        and a.get("intended_end_last") is not None
        and a["intended_end_last"] < as_of
        and (a.get("from_start") is None or a["from_start"] <= as_of)
    ]
    functions = [
        {
            "function": g.nodes[f].get("name"),
            "domains": list(g.nodes[f].get("domains") or []),
            "how": how,
            "source": edges[-1].get("source"),
            "edges": [{"source": e.get("source"), **inference(e)} for e in edges],
            "domain_source": g.nodes[f].get("source"),
            "domain_inferred": bool(g.nodes[f].get("inferred")),
            "domain_reasoning": g.nodes[f].get("rule"),
        }
        for f, how, edges in h.function_links(g, p)
    ]
    accountable = [
        {
            "post": g.nodes[q]["key"],
            "title": g.nodes[q].get("title"),
            "mechanisms": list(a.get("mechanisms") or []),
            "source": a.get("source"),
            **inference(a),
        }
        for q, a in h.out_edges(g, p, "ACCOUNTABLE_TO")
        if g.nodes[q]["_label"] == "Post"
    ]
    reviews = [
        {
            **{k: v.get(k) for k in REVIEW_FIELDS},
            "criteria": list(v.get("criteria") or []),
            "criteria_outcomes": list(v.get("criteria_outcomes") or []),
            "criteria_conditions": list(v.get("criteria_conditions") or []),
        }
        for v in h.reviews_of(g, p)
    ]
    return {
        "post": g.nodes[p]["key"],
        "title": g.nodes[p].get("title"),
        "post_kind": g.nodes[p].get("kind"),
        "post_status": g.nodes[p].get("status"),
        "chain": [g.nodes[q]["key"] for q, _ in chain],
        "chain_titles": [g.nodes[q].get("title") for q, _ in chain],
        "chain_facts": [{"source": a.get("source"), **inference(a)} for _, a in chain],
        "accountable": accountable,
        "holders": holders,
        "departed": departed,
        "reports": reports,
        "functions": functions,
        "reviews": reviews,
    }


_EMPTY: dict[str, Any] = {
    "post": None,
    "title": None,
    "post_kind": None,
    "post_status": None,
    "chain": [],
    "chain_titles": [],
    "chain_facts": [],
    "accountable": [],
    "holders": [],
    "departed": [],
    "reports": [],
    "functions": [],
    "reviews": [],
}


def designations_in_force(
    g: nx.MultiDiGraph, structure: str, as_of: str | None
) -> list[tuple[str, str, dict[str, Any]]]:
    """(post uid, role code, DESIGNATED attrs) of every designation in force in a structure: from the
    graph's index of the structure's designations, not a walk over every post (a national run asks
    this of a thousand structures)."""
    from remit.loader.memory import structure_index

    succ, nodes = g._succ, g._node
    return [
        (p, nodes[r]["code"], a)
        for p, r, k in structure_index(g).designated.get(structure, ())
        for a in (succ[p][r][k],)
        if h.in_force(a, as_of)
    ]


def statutory_facts(
    g: nx.MultiDiGraph,
    structure: str,
    as_of: str | None = None,
    chief_executive: str = h.CHIEF_EXECUTIVE_TITLE,
    **_: Any,
) -> list[dict[str, Any]]:
    """The rows above. Posts titled Chief Executive are top-post candidates only when no post is
    designated Head of Paid Service (h.measure_tier), so they are looked for only then."""
    if structure_uid(structure) not in g:
        return []
    found = designations_in_force(g, structure, as_of)
    hops = sorted({g.nodes[p]["key"] for p, code, _ in found if code == "hops"})
    stated = h.stated_top(g, structure)
    top_post = [] if hops or stated is None else [g.nodes[stated]["key"]]
    context = {
        "council_kind": council_kind(g, structure),
        "hops": hops,
        "top_post": top_post,
        "candidates": _candidates(g, structure),
        "leader": [k for k in [(g.nodes[structure_uid(structure)] or {}).get("leader")] if k],
        "chief_executives": []
        if hops or top_post
        else sorted({g.nodes[p]["key"] for p in h.titled_chief_executives(g, structure, chief_executive)}),
    }
    rows = [
        {
            **context,
            "role": None,
            **_EMPTY,
            "basis": None,
            "designation_source": None,
            "designation_inferred": False,
            "designation_reasoning": None,
        }
    ]
    # Reports that hold a statutory role, by line manager: from the designations in force, not from
    # every report of every designated post.
    reports: dict[str, list[dict[str, Any]]] = {}
    for x, code, xd in found:
        for m, la in h.out_edges(g, x, "LINE_MANAGED_BY"):
            # The report's designation is what makes it statutory: a finding resting on it lists its inference.
            reports.setdefault(m, []).append(
                {
                    "post": g.nodes[x]["key"],
                    "title": g.nodes[x].get("title"),
                    "role": code,
                    "source": la.get("source"),
                    "inferred": bool(xd.get("inferred") or la.get("inferred")),
                    "reasoning": xd.get("rule") if xd.get("inferred") else la.get("rule"),
                }
            )
    post_facts: dict[str, dict[str, Any]] = {}
    for p, code, d in found:
        if p not in post_facts:
            post_facts[p] = _post_facts(g, p, as_of, reports.get(p, []))
        rows.append(
            {
                **context,
                "role": code,
                **post_facts[p],
                "basis": d.get("basis"),
                "designation_source": d.get("source"),
                "designation_inferred": bool(d.get("inferred")),
                "designation_reasoning": d.get("rule"),
            }
        )
    return rows
