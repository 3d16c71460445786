"""Rule: a function an outside body (a trust) delivers keeps an accountability line back to the statutory
officer responsible for it (DfE guidance 2013: statutory accountability stays with the council)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid
from remit.queries import graph_helpers as h

from ._facts import designations_in_force, inference
from ._law import OUTSIDE_BODIES
from ._rule import FLAG, NA, PASS, UNKNOWN, Facts, Finding, When, define

RULE = "outside-body-accountability"
COLUMNS = ("unit", "unit_name", "unit_source", "function", "function_name", "delivers_source", "officers", "lines")


def _lines(g: nx.MultiDiGraph, u: str) -> list[dict[str, Any]]:
    out = [
        {
            "post": g.nodes[q]["key"],
            "title": g.nodes[q].get("title"),
            "by": g.nodes[u]["key"],
            "by_name": g.nodes[u].get("name"),
            "source": a.get("source"),
            **inference(a),
        }
        for q, a in h.out_edges(g, u, "ACCOUNTABLE_TO")
    ]
    for hp, _ in h.in_edges(g, u, "HEADS"):
        out += [
            {
                "post": g.nodes[q]["key"],
                "title": g.nodes[q].get("title"),
                "by": g.nodes[hp]["key"],
                "by_name": g.nodes[hp].get("title"),
                "source": a.get("source"),
                **inference(a),
            }
            for q, a in h.out_edges(g, hp, "ACCOUNTABLE_TO")
        ]
    return out


def _officers(g: nx.MultiDiGraph, structure: str, as_of: str | None) -> dict[str, list[dict[str, Any]]]:
    """By function uid: the statutory officers in force responsible for or commissioning it (from the
    structure's designations, not a walk over every post for every function)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for p in dict.fromkeys(p for p, _, _ in designations_in_force(g, structure, as_of)):
        for rel in ("RESPONSIBLE_FOR", "COMMISSIONS"):
            for fn, a in h.out_edges(g, p, rel):
                out.setdefault(fn, []).append(
                    {
                        "post": g.nodes[p]["key"],
                        "title": g.nodes[p].get("title"),
                        "source": a.get("source"),
                        **inference(a),
                    }
                )
    return out


def facts(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> Facts:
    if structure_uid(structure) not in g:
        return []
    rows: Facts = [dict.fromkeys(COLUMNS[:6]) | {"officers": [], "lines": []}]
    officers: dict[str, list[dict[str, Any]]] | None = None
    for u in h.units(g, structure):
        unit = h.node(g, u)
        if unit["kind"] != "trust":
            continue
        officers = _officers(g, structure, as_of) if officers is None else officers
        for f, dl in h.out_edges(g, u, "DELIVERS"):
            rows.append(
                {
                    "unit": unit["key"],
                    "unit_name": unit.get("name"),
                    "unit_source": unit.get("source"),
                    "function": g.nodes[f]["key"],
                    "function_name": g.nodes[f].get("name"),
                    "delivers_source": dl.get("source"),
                    "officers": list(officers.get(f, [])),
                    "lines": _lines(g, u),
                }
            )
    return rows


def judge(rows: Facts) -> list[Finding]:
    delivered = [r for r in rows if r.get("unit")]
    if not delivered:
        return [Finding(RULE, NA, "no function is delivered by an outside body in this structure")]
    out = []
    for r in delivered:
        officers = {o["post"] for o in r["officers"]}
        back = [ln for ln in r["lines"] if ln["post"] in officers]
        what = f"{r['unit_name']} ({r['unit']}) delivers {r['function_name']} ({r['function']})"
        used = [{"source": r["unit_source"]}, {"source": r["delivers_source"]}, *r["officers"], *back]
        if not officers:
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"{what}; no statutory officer is recorded as responsible for or commissioning it",
                    [],
                    used,
                    missing=f"the statutory officer responsible for {r['function_name']}",
                )
            )
        elif back:
            lines = "; ".join(
                f"{ln['by_name'] or ln['by']} ({ln['by']}) \u2192 {ln['title']} ({ln['post']})"
                + (" (inferred)" if ln["inferred"] else "")
                for ln in back
            )
            out.append(
                Finding(
                    RULE, PASS, f"{what}; accountability line back to the statutory officer: {lines}", officers, used
                )
            )
        elif r["lines"]:
            # Names, not keys (issue 21, class 9): "Title (key)" on both sides.
            to = ", ".join(sorted({f"{ln['title'] or ln['post']} ({ln['post']})" for ln in r["lines"]}))
            named = ", ".join(sorted({f"{o['title'] or o['post']} ({o['post']})" for o in r["officers"]}))
            out.append(
                Finding(
                    RULE,
                    FLAG,
                    f"{what}; its accountability lines go to {to}, not to the statutory officer ({named})",
                    officers,
                    used + r["lines"],
                )
            )
        else:
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"{what}; the documents record no accountability line from it",
                    officers,
                    used,
                    missing=f"the accountability line from {r['unit_name']}",
                )
            )
    return out


define(
    RULE,
    "Outside bodies account to the statutory officer",
    "A function delivered by an outside body (a trust) has an accountability line from that body, or its head, "
    "back to a statutory officer responsible for or commissioning the function. n/a when no outside body "
    "delivers a function.",
    (OUTSIDE_BODIES,),
    judge,
    cypher_file="checks/outside_body_accountability.cypher",
    nx=facts,
    fact_columns=COLUMNS,
    constants={},
    when=When(
        pass_="the trust, or the post heading it, has an accountability line to a statutory officer "
        "responsible for or commissioning the function",
        flag="its accountability lines go only to other posts",
        unknown="no statutory officer is linked to the function, or no line from the trust is recorded",
        na="no outside body delivers a function in the structure",
    ),
)
