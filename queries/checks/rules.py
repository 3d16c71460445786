"""The assurance rules as networkx functions, registered with their Cypher twins in this folder.

Each rule cites the guidance it tests (in the words the seed documents quote) and returns one row
per thing it judges, so a structure with no DCS yields no DCS-specific rows: the one-DCS rule
flags that instead. Evidence strings are built the same way in Cypher; keep the two in step.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from .. import graph_helpers as h
from ..catalogue import Question, register
from ..rows import sources_of

COLUMNS = ("rule", "outcome", "evidence", "posts", "sources")
DFE_2013 = "Statutory guidance on the roles and responsibilities of the DCS and LMCS (DfE, April 2013)"


def _join(items: list[str], sep: str = ", ") -> str:
    return sep.join(items) if items else "none"


def _row(rule: str, ok: bool, evidence: str, posts: list[str], *facts: Any) -> dict[str, Any]:
    return {"rule": rule, "outcome": "pass" if ok else "flag", "evidence": evidence, "posts": sorted(set(posts)),
            "sources": sources_of(*facts)}


def _dcs(g: nx.MultiDiGraph, structure: str, as_of: str | None) -> dict[str, list[dict[str, Any]]]:
    """DCS posts in force, each with its DCS designations."""
    out: dict[str, list[dict[str, Any]]] = {}
    for p, d in h.designated(g, structure, "dcs", as_of):
        out.setdefault(p, []).append(d)
    return out


def one_dcs_one_lmcs(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for code in ("dcs", "lmcs"):
        found = h.designated(g, structure, code, as_of)
        keys = sorted({h.key(g, p) for p, _ in found})
        rows.append(_row("one-dcs-one-lmcs", len(keys) == 1, f"{len(keys)} post(s) designated {code}: {_join(keys)}",
                         keys, [d for _, d in found]))
    return rows


def dcs_first_tier(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for d, facts in _dcs(g, structure, as_of).items():
        t = h.tier(g, d, as_of)
        lines = [(q, a) for q, a in h.out_edges(g, d, "ACCOUNTABLE_TO") if h.is_hops(g, q, as_of)]
        targets = sorted({h.key(g, q) for q, _ in lines})
        evidence = (f"tier {'unknown' if t is None else t}; accountability line to the Head of Paid Service: "
                    f"{_join(targets)}")
        rows.append(_row("dcs-first-tier", t in (0, 1) or bool(lines), evidence, [h.key(g, d)] + targets,
                         facts, [a for _, a in lines]))
    return rows


def dcs_education_and_social_care(g: nx.MultiDiGraph, structure: str, as_of: str | None = None,
                                  **_: Any) -> list[dict[str, Any]]:
    rows = []
    for d, facts in _dcs(g, structure, as_of).items():
        links = h.function_links(g, d)
        edu = [(f, es) for f, _, es in links if h.matches(h.function_name(g, f), h.EDUCATION_WORDS)]
        csc = [(f, es) for f, _, es in links if h.matches(h.function_name(g, f), h.SOCIAL_CARE_WORDS)]
        evidence = (f"education: {_join(sorted({h.key(g, f) for f, _ in edu}))}; "
                    f"children's social care: {_join(sorted({h.key(g, f) for f, _ in csc}))}")
        rows.append(_row("dcs-education-and-social-care", bool(edu) and bool(csc), evidence, [h.key(g, d)], facts,
                         [es for _, es in edu + csc]))
    return rows


def dcs_dass_same_tier(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    dass: dict[str, list[dict[str, Any]]] = {}
    for p, a in h.designated(g, structure, "dass", as_of):
        dass.setdefault(p, []).append(a)
    for d, dfacts in _dcs(g, structure, as_of).items():
        for a, afacts in dass.items():
            td, ta = h.tier(g, d, as_of), h.tier(g, a, as_of)
            if d == a:
                ok, evidence = True, "the same post holds DCS and DASS"
            else:
                ok = td is not None and td == ta
                evidence = (f"DCS tier {'unknown' if td is None else td}; "
                            f"DASS tier {'unknown' if ta is None else ta}")
            rows.append(_row("dcs-dass-same-tier", ok, evidence, [h.key(g, d), h.key(g, a)], dfacts, afacts))
    return rows


def combined_dcs_assurance(g: nx.MultiDiGraph, structure: str, as_of: str | None = None,
                           **_: Any) -> list[dict[str, Any]]:
    rows = []
    for d, facts in _dcs(g, structure, as_of).items():
        reasons = h.combined_reasons(g, d, as_of)
        if not reasons:
            rows.append(_row("combined-dcs-assurance", True,
                             "not combined: holds one statutory role and line-manages no statutory officer",
                             [h.key(g, d)], facts))
            continue
        reviews = h.reviews_of(g, d)
        done = sorted(r["id"] for r in reviews if r.get("status") == "completed")
        planned = sorted(r["id"] for r in reviews if r.get("status") != "completed")
        evidence = (f"combined ({_join(reasons, '; ')}); completed local test of assurance: {_join(done)}; "
                    f"planned: {_join(planned)}")
        rows.append(_row("combined-dcs-assurance", bool(done), evidence, [h.key(g, d)], facts, reviews))
    return rows


def statutory_interim(g: nx.MultiDiGraph, structure: str, as_of: str | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for p in h.posts(g, structure):
        held = h.holdings(g, p, as_of)
        holder_basis = sorted({a.get("basis") or "not stated" for _, a in held})
        for code, d in h.designations(g, p, as_of):
            basis = h.basis(g, p, d)
            exposed = basis in h.EXPOSED_BASES or bool(set(holder_basis) & set(h.EXPOSED_BASES))
            rows.append(_row("statutory-interim", not exposed,
                             f"{code}: basis {basis}; holders' basis: {_join(holder_basis)}", [h.key(g, p)],
                             d, [a for _, a in held]))
    return rows


def outside_body_accountability(g: nx.MultiDiGraph, structure: str, as_of: str | None = None,
                                **_: Any) -> list[dict[str, Any]]:
    rows = []
    for u in h.units(g, structure):
        unit = h.node(g, u)
        if unit["kind"] != "trust":
            continue
        heads = [hp for hp, _ in h.in_edges(g, u, "HEADS")]
        lines = list(h.out_edges(g, u, "ACCOUNTABLE_TO")) + [x for hp in heads for x in h.out_edges(g, hp, "ACCOUNTABLE_TO")]
        for f, delivers in h.out_edges(g, u, "DELIVERS"):
            officers = [(p, a) for p in h.posts(g, structure) if h.roles(g, p, as_of)
                        for rel in ("RESPONSIBLE_FOR", "COMMISSIONS") for fn, a in h.out_edges(g, p, rel) if fn == f]
            officer_keys = sorted({h.key(g, p) for p, _ in officers})
            back = [(q, a) for q, a in lines if h.key(g, q) in officer_keys]
            back_keys = sorted({h.key(g, q) for q, _ in back})
            evidence = (f"{unit['key']} delivers {h.key(g, f)}; statutory officers: {_join(officer_keys)}; "
                        f"accountability line to: {_join(back_keys)}")
            rows.append(_row("outside-body-accountability", bool(back), evidence, officer_keys, unit, delivers,
                             [a for _, a in officers], [a for _, a in back]))
    return rows


def _rule(rid: str, title: str, description: str, guidance: str, fn: Any) -> Question:
    return register(Question(id=rid, title=title, description=description, columns=COLUMNS,
                             cypher_file=f"checks/{rid.replace('-', '_')}.cypher", nx=fn, params=h.COMMON,
                             kind="rule", guidance=guidance, sort_by=("rule", "posts", "evidence", "outcome") + COLUMNS))


RULES = [
    _rule("one-dcs-one-lmcs", "Exactly one DCS and one LMCS",
          "Exactly one post is designated Director of Children's Services and exactly one Lead Member for "
          "Children's Services.",
          "Children Act 2004 ss.18-19: the council must appoint a Director of Children's Services and designate a "
          f"Lead Member for Children's Services; {DFE_2013}.", one_dcs_one_lmcs),
    _rule("dcs-first-tier", "DCS at first tier",
          "The DCS is at first tier (reports directly to the Head of Paid Service) or has a documented direct "
          "accountability line to the Head of Paid Service.",
          f"{DFE_2013}: the DCS 'should be at first tier officer level, reporting directly to the Chief Executive'.",
          dcs_first_tier),
    _rule("dcs-education-and-social-care", "DCS responsible for education and children's social care",
          "The DCS commissions, is responsible for, or heads the delivery of both education and children's social care.",
          "Children Act 2004 s.18: the DCS is responsible for 'local authority children's social care and education "
          f"functions'; {DFE_2013}.", dcs_education_and_social_care),
    _rule("dcs-dass-same-tier", "DCS and DASS at the same tier",
          "The DCS and the DASS are the same post or sit at the same tier below the Head of Paid Service.",
          "Statutory guidance on the role of the Director of Adult Social Services (s.7(1) Local Authority Social "
          "Services Act 1970): the DCS and DASS 'should be at the same level'.", dcs_dass_same_tier),
    _rule("combined-dcs-assurance", "Combined DCS has a local test of assurance",
          "A DCS that holds other statutory roles or line-manages other statutory officers has a completed local "
          "test of assurance recorded.",
          f"{DFE_2013}: where other functions are added to the DCS, 'local authorities should undertake a local test "
          "of assurance so that the focus on outcomes for children and young people will not be weakened or diluted'.",
          combined_dcs_assurance),
    _rule("statutory-interim", "Statutory roles held substantively",
          "Each statutory role in force is filled, and not held on an interim or acting basis.",
          "Children Act 2004 ss.18-19, Local Government and Housing Act 1989 s.4-5, Local Government Act 1972 s.151, "
          f"LASSA 1970 s.6: the council must appoint to its statutory offices; {DFE_2013}.", statutory_interim),
    _rule("outside-body-accountability", "Outside bodies account to the statutory officer",
          "A function delivered by an outside body (a trust) has an accountability line from that body back to a "
          "statutory officer responsible for, or commissioning, the function.",
          f"{DFE_2013}: where services are delivered by other bodies the statutory accountability remains with the "
          "council and the DCS ('statutory responsibility for these services will be retained by the Council').",
          outside_body_accountability),
]
