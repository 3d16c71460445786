"""Rule: the DCS is responsible for both education and children's social care (Children Act 2004 s.18;
DfE guidance 2013). Responsibility is reached through line management: the DCS's own function links,
and those of every post line-managed below it (or the unit such a post heads). What a function is comes
from the structure file (its `domain`, stated or inferred with its reasoning), never from words in its
name or in a post's title; an inferred domain is listed among the finding's inferences."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid
from remit.queries import graph_helpers as h

from ._facts import council_kind, inference
from ._judges import none_designated, post_label
from ._law import DFE_2013_EDUCATION_AND_CARE
from ._rule import CHILDRENS_AND_ADULTS, FLAG, PASS, UNKNOWN, Facts, Finding, When, define, designation_fact

RULE = "dcs-education-and-social-care"
COLUMNS = (
    "council_kind",
    "post",
    "title",
    "designation_source",
    "designation_inferred",
    "designation_reasoning",
    "line",
    "links",
)
AREAS = (("education", "education"), ("children's social care", "childrens-social-care"))


def below(g: nx.MultiDiGraph, structure: str, d: str) -> dict[str, dict[str, Any]]:
    """Posts of the structure whose line chain reaches ``d`` (line-managed below it at any depth), each
    with its own LINE_MANAGED_BY edge: walked down from ``d`` once, not up from every post (each post
    has one line manager, so the two agree)."""
    nodes, pred = g._node, g._pred
    found: dict[str, dict[str, Any]] = {}
    todo = [d]
    while todo:
        for p, keyed in pred[todo.pop()].items():
            if p in found or p == d or nodes[p].get("structure") != structure:
                continue
            for a in keyed.values():
                if a["_type"] == "LINE_MANAGED_BY":
                    found[p] = a
                    todo.append(p)
                    break
    return found


_HOW = {"COMMISSIONS": "commissions", "RESPONSIBLE_FOR": "responsible"}


def _links(g: nx.MultiDiGraph, structure: str) -> list[tuple[str, dict[str, Any]]]:
    """(post uid, link) for every function link of the structure's posts (in_line is added per DCS).
    One pass over each post's out-edges: a national run walks every post of a thousand structures."""
    out = []
    nodes = g._node
    for p in h.posts(g, structure):
        for dst, keyed in g._succ[p].items():
            for a in keyed.values():
                rel = a["_type"]
                if rel in _HOW:
                    found = [(dst, _HOW[rel], a)]
                elif rel == "HEADS":
                    found = [(f, "delivers", la) for f, la in h.out_edges(g, dst, "DELIVERS")]
                else:
                    continue
                out += [
                    (
                        p,
                        {
                            "post": nodes[p]["key"],
                            "title": nodes[p].get("title"),
                            "function": nodes[f]["key"],
                            "name": nodes[f].get("name"),
                            "domains": list(nodes[f].get("domains") or []),
                            "domain_source": nodes[f].get("source"),
                            "domain_inferred": bool(nodes[f].get("inferred")),
                            "domain_reasoning": nodes[f].get("rule"),
                            "how": how,
                            "source": e.get("source"),
                            **inference(e),
                        },
                    )
                    for f, how, e in found
                ]
    return out


def facts(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> Facts:
    if structure_uid(structure) not in g:
        return []
    rows: Facts = [
        {
            "council_kind": council_kind(g, structure),
            "post": None,
            "title": None,
            "designation_source": None,
            "designation_inferred": False,
            "designation_reasoning": None,
            "line": [],
            "links": [],
        }
    ]
    found = h.designated(g, structure, "dcs", as_of)
    links = _links(g, structure) if found else []
    for d, dd in found:
        line = below(g, structure, d)
        rows.append(
            {
                "council_kind": rows[0]["council_kind"],
                "post": g.nodes[d]["key"],
                "title": g.nodes[d].get("title"),
                "designation_source": dd.get("source"),
                "designation_inferred": bool(dd.get("inferred")),
                "designation_reasoning": dd.get("rule"),
                "line": [
                    {
                        "post": g.nodes[p]["key"],
                        "title": g.nodes[p].get("title"),
                        "source": la.get("source"),
                        **inference(la),
                    }
                    for p, la in line.items()
                ],
                "links": [{**link, "in_line": p == d or p in line} for p, link in links],
            }
        )
    return rows


def _reach(row: dict[str, Any], domain: str) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    """(how the DCS reaches the area, the facts, posts outside its line that hold it). A link counts when
    its function's stated domain is the area; the domain's own evidence is among the facts."""
    how: list[str] = []
    used: list[dict[str, Any]] = []
    elsewhere: list[str] = []
    for link in row["links"]:
        if domain not in (link.get("domains") or ()):
            continue
        domain_fact = {
            "source": link.get("domain_source"),
            "inferred": link.get("domain_inferred"),
            "reasoning": link.get("domain_reasoning"),
        }
        if link["in_line"]:
            via = "" if link["post"] == row["post"] else f" through {link.get('title') or link['post']}"
            how.append(f"{link['how']} {link.get('name') or link['function']}{via}")
            used += [link, domain_fact]
        else:
            elsewhere.append(
                f"{link.get('name') or link['function']} ({link['how']}: {link.get('title') or link['post']})"
            )
    return sorted(set(how)), used, sorted(set(elsewhere))


def judge(rows: Facts) -> list[Finding]:
    dcs = [r for r in rows if r.get("post")]
    if not dcs:
        return [none_designated(RULE, "dcs")]
    out = []
    for row in dcs:
        parts, used, outcome, missing = [], [designation_fact(row)], PASS, None
        for area, domain in AREAS:
            how, facts_used, elsewhere = _reach(row, domain)
            used += facts_used
            if how:
                parts.append(f"{area}: {'; '.join(how)}")
            elif elsewhere:
                parts.append(f"{area}: held outside the DCS's line by {'; '.join(elsewhere)}")
                outcome = FLAG
            else:
                parts.append(f"{area}: the documents do not say who is responsible")
                if outcome == PASS:
                    outcome, missing = UNKNOWN, f"who is responsible for {area}"
        out.append(
            Finding(
                RULE, outcome, f"the DCS, {post_label(row)}: {' | '.join(parts)}", [row["post"]], used, missing=missing
            )
        )
    return out


define(
    RULE,
    "DCS responsible for education and children's social care",
    "The DCS, or a post or unit in its line of management, commissions, is responsible for or delivers both "
    "education and children's social care (functions whose stated domain is one of them, or a part of one). Flag "
    "when one of them is held outside the DCS's line; unknown when the documents do not say who holds it.",
    (DFE_2013_EDUCATION_AND_CARE,),
    judge,
    CHILDRENS_AND_ADULTS,
    cypher_file="checks/dcs_education_and_social_care.cypher",
    nx=facts,
    fact_columns=COLUMNS,
    constants={},
    when=When(
        pass_="both education and children's social care are reached from the DCS: its own function links, or "
        "those of posts and units in its line (a function counts by its stated or inferred domain)",
        flag="one of them is held by a post outside the DCS's line",
        unknown="no DCS is designated, or the documents do not say who holds one of them",
    ),
)
