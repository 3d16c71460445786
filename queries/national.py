"""National questions: one answer over every council's structure in force on a date.

Each is one query (Cypher) or one pass (networkx) over the whole scope, not a question looped
over a thousand structures. They start from the same selection as `structures-in-force` (the
Cypher repeats its first lines; tests hold them equal) and the networkx side reaches the facts
through the statutory role nodes, whose DESIGNATED edges carry their structure, so it touches
only the designated posts of the chosen structures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from remit.loader.schema import role_uid

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import distinct_sorted, inferences_of, sources_of
from .scope import AS_OF, COUNCILS, IN_FORCE_STATUSES, SCOPE_COLUMNS, council_name, in_force

PARAMS = (AS_OF, COUNCILS)
CONSTANTS: dict[str, Any] = {"statuses": IN_FORCE_STATUSES}
# The roles whose exposure the national question reports (the DfE guidance's two directors).
DIRECTOR_ROLES = ("dcs", "dass")

Attrs = dict[str, Any]


def designated_in_scope(
    g: nx.MultiDiGraph, roles: tuple[str, ...], as_of: str, codes: list[str] | None, statuses: tuple[str, ...]
) -> Iterator[tuple[str, str, str, Attrs]]:
    """(structure uid, post uid, role code, DESIGNATED attrs) in force, for the structures in force."""
    chosen = {g.nodes[s]["id"]: s for s in in_force(g, as_of, codes, statuses)}
    for code in roles:
        role = role_uid(code)
        if role not in g:
            continue
        for p, d in h.in_edges(g, role, "DESIGNATED"):
            if d.get("structure") in chosen and h.in_force(d, as_of):
                yield chosen[d["structure"]], p, code, d


def _scope_cells(g: nx.MultiDiGraph, s_uid: str) -> dict[str, Any]:
    council = g.nodes[s_uid]["council"]
    return {"council": council, "council_name": council_name(g, council), "structure": g.nodes[s_uid]["id"]}


def _all_codes(g: nx.MultiDiGraph) -> tuple[str, ...]:
    return tuple(sorted(a["code"] for _, a in g.nodes(data=True) if a["_label"] == "StatutoryRole"))


REGISTER_COLUMNS = SCOPE_COLUMNS + (
    "role",
    "role_name",
    "post",
    "title",
    "holder",
    "basis",
    "holder_basis",
    "since",
    "until",
    "inferred",
    "sources",
)


def _register_rows(
    g: nx.MultiDiGraph, roles: tuple[str, ...], as_of: str, codes: list[str] | None, statuses: tuple[str, ...]
) -> list[dict[str, Any]]:
    rows = []
    for s_uid, p, code, d in designated_in_scope(g, roles, as_of, codes, statuses):
        post = h.node(g, p)
        held = h.holdings(g, p, as_of)
        facts = [a for _, a in held]
        # Lists as collected, like the Cypher's: FINISH_REGISTER sorts them and drops repeats for both.
        rows.append(
            {
                **_scope_cells(g, s_uid),
                "role": code,
                "role_name": h.node(g, role_uid(code))["name"],
                "post": post["key"],
                "title": post["title"],
                "holder": [g.nodes[person].get("name") or "(not named)" for person, _ in held],
                "basis": h.basis(g, p, d),
                "holder_basis": [a.get("basis") or "not stated" for a in facts],
                "since": d.get("from"),
                "until": d.get("to"),
                "inferred": inferences_of(d, post, facts),
                "sources": sources_of(d, post, facts),
            }
        )
    return rows


def statutory_register(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] = IN_FORCE_STATUSES,
    **_: Any,
) -> list[dict[str, Any]]:
    return _register_rows(g, _all_codes(g), as_of, codes, statuses)


def director_exposure(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] = IN_FORCE_STATUSES,
    roles: tuple[str, ...] = DIRECTOR_ROLES,
    exposed: tuple[str, ...] = h.EXPOSED_BASES,
    **_: Any,
) -> list[dict[str, Any]]:
    return [
        r
        for r in _register_rows(g, tuple(roles), as_of, codes, statuses)
        if r["basis"] in exposed or set(r["holder_basis"]) & set(exposed)
    ]


COMBINED_COLUMNS = SCOPE_COLUMNS + (
    "post",
    "title",
    "roles",
    "combines_dass",
    "other_roles",
    "other_functions",
    "inferred",
    "sources",
)


def dcs_combined(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] = IN_FORCE_STATUSES,
    children_words: tuple[str, ...] = h.CHILDREN_WORDS,
    **_: Any,
) -> list[dict[str, Any]]:
    dcs: dict[str, tuple[str, list[Attrs]]] = {}
    for s_uid, p, _, d in designated_in_scope(g, ("dcs",), as_of, codes, statuses):
        dcs.setdefault(p, (s_uid, []))[1].append(d)
    rows = []
    for p, (s_uid, _facts) in dcs.items():
        designations = h.designations(g, p, as_of)
        roles = sorted({code for code, _ in designations})
        other = [
            (f, edges)
            for f, _, edges in h.function_links(g, p)
            if not h.matches(h.function_name(g, f), tuple(children_words))
        ]
        if len(roles) < 2 and not other:
            continue
        post = h.node(g, p)
        rows.append(
            {
                **_scope_cells(g, s_uid),
                "post": post["key"],
                "title": post["title"],
                "roles": roles,
                "combines_dass": "dass" in roles,
                "other_roles": [r for r in roles if r != "dcs"],
                "other_functions": sorted({h.key(g, f) for f, _ in other}),
                "inferred": inferences_of([a for _, a in designations], [edges for _, edges in other]),
                "sources": sources_of([a for _, a in designations], [edges for _, edges in other]),
            }
        )
    return rows


# The Cypher returns list cells as collected; both stores' rows are finished the same way in Python.
FINISH_REGISTER = distinct_sorted(
    "holder", "holder_basis", "inferred", "sources", none_when_empty=("holder", "holder_basis")
)
FINISH_COMBINED = distinct_sorted("roles", "other_roles", "other_functions", "inferred", "sources")

STATUTORY_REGISTER = register(
    Question(
        id="statutory-register",
        title="National register of statutory officers",
        kind="national",
        description="Every council's structure in force on the date: who holds each statutory role, in which post, and "
        "on what basis (the designation's, and the holders' in force).",
        columns=REGISTER_COLUMNS,
        cypher_file="national_register.cypher",
        nx=statutory_register,
        params=PARAMS,
        constants={**CONSTANTS, "roles": None, "exposed": None},
        finish=FINISH_REGISTER,
        sort_by=("council", "role", "post", "since", "until") + REGISTER_COLUMNS,
    )
)
DIRECTOR_EXPOSURE = register(
    Question(
        id="director-exposure",
        title="Councils whose DCS or DASS is interim, acting or vacant",
        kind="national",
        description="Councils whose Director of Children's Services or Director of Adult Social Services, in the "
        "structure in force on the date, is vacant or held on an interim or acting basis (by designation or "
        "by the holder in force).",
        columns=REGISTER_COLUMNS,
        cypher_file="national_register.cypher",
        nx=director_exposure,
        params=PARAMS,
        constants={**CONSTANTS, "roles": DIRECTOR_ROLES, "exposed": h.EXPOSED_BASES},
        finish=FINISH_REGISTER,
        sort_by=("council", "role", "post", "since", "until") + REGISTER_COLUMNS,
    )
)
DCS_COMBINED = register(
    Question(
        id="dcs-combined",
        title="Councils combining the DCS with other roles or functions",
        kind="national",
        description="Councils whose DCS post, in the structure in force on the date, also holds the DASS or another "
        "statutory role, or is responsible for, commissions or heads the delivery of functions other than "
        "children's.",
        columns=COMBINED_COLUMNS,
        cypher_file="national_dcs_combined.cypher",
        nx=dcs_combined,
        params=PARAMS,
        constants={**CONSTANTS, "children_words": h.CHILDREN_WORDS},
        finish=FINISH_COMBINED,
        sort_by=("council", "post") + COMBINED_COLUMNS,
    )
)
