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

from remit.loader.model import CHILDRENS_DOMAINS
from remit.loader.schema import role_uid

from . import empty, holders
from . import graph_helpers as h
from .catalogue import Question, register
from .rows import distinct_sorted, inferences_of, sources_of
from .scope import AS_OF, COUNCILS, IN_FORCE_STATUSES, SCOPE_COLUMNS, STATUSES, council_name, in_force

PARAMS = (AS_OF, COUNCILS, STATUSES)
CONSTANTS: dict[str, Any] = {"in_force_statuses": IN_FORCE_STATUSES}
# The roles whose exposure the national question reports (the DfE guidance's two directors).
DIRECTOR_ROLES = ("dcs", "dass")

Attrs = dict[str, Any]


def designated_in_scope(
    g: nx.MultiDiGraph,
    roles: tuple[str, ...],
    as_of: str,
    codes: list[str] | None,
    statuses: tuple[str, ...] | None,
) -> Iterator[tuple[str, str, str, Attrs]]:
    """(structure uid, post uid, role code, DESIGNATED attrs) in force, for the structures in force."""
    chosen = {g.nodes[s]["id"]: s for s in in_force(g, as_of, codes, statuses or IN_FORCE_STATUSES)}
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
    "holder_dates",
    "intentions",
    "state",
    "since",
    "until",
    "inferred",
    "sources",
)
HIDDEN = ("_holds", "_designation", "_as_of")
# What the register's Cypher returns: the holder cells are made from the hidden columns (holders.finish).
REGISTER_RAW = tuple(c for c in REGISTER_COLUMNS if c not in holders.HOLDER_COLUMNS) + HIDDEN


def _register_rows(
    g: nx.MultiDiGraph,
    roles: tuple[str, ...],
    as_of: str,
    codes: list[str] | None,
    statuses: tuple[str, ...] | None,
) -> list[dict[str, Any]]:
    rows = []
    for s_uid, p, code, d in designated_in_scope(g, roles, as_of, codes, statuses):
        post = h.node(g, p)
        # Holder cells are made from every holding in Python (holders.finish), as for the Cypher's rows.
        rows.append(
            {
                **_scope_cells(g, s_uid),
                "role": code,
                "role_name": h.node(g, role_uid(code))["name"],
                "post": post["key"],
                "title": post["title"],
                "basis": h.basis(g, p, d),
                "since": d.get("from"),
                "until": d.get("to"),
                "inferred": inferences_of(d, post),
                "sources": sources_of(d, post),
                "_holds": h.all_holdings(g, p),
                "_designation": h.designation_intention(d),
                "_as_of": as_of,
            }
        )
    return rows


def statutory_register(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] | None = None,
    **_: Any,
) -> list[dict[str, Any]]:
    return _register_rows(g, _all_codes(g), as_of, codes, statuses)


def director_exposure(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] | None = None,
    roles: tuple[str, ...] = DIRECTOR_ROLES,
    **_: Any,
) -> list[dict[str, Any]]:
    """The DCS and DASS rows of the register; which are exposed is decided with their holder cells
    (holders.finish, exposed_only), the same for both stores."""
    return _register_rows(g, tuple(roles), as_of, codes, statuses)


COMBINED_COLUMNS = SCOPE_COLUMNS + (
    "post",
    "title",
    "roles",
    "combines_dass",
    "other_roles",
    "other_functions",
    "functions_kind_not_stated",
    "inferred",
    "sources",
)


def dcs_combined(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] | None = None,
    childrens_domains: tuple[str, ...] = CHILDRENS_DOMAINS,
    **_: Any,
) -> list[dict[str, Any]]:
    """DCS posts holding another statutory role, or linked to a function whose stated domain is not
    children's social care or education (`other_functions`), or to one whose kind no document states
    (`functions_kind_not_stated`: never counted as children's, never as other). Function names, not keys."""
    dcs: dict[str, tuple[str, list[Attrs]]] = {}
    for s_uid, p, _, d in designated_in_scope(g, ("dcs",), as_of, codes, statuses):
        dcs.setdefault(p, (s_uid, []))[1].append(d)
    rows = []
    for p, (s_uid, _facts) in dcs.items():
        designations = h.designations(g, p, as_of)
        roles = sorted({code for code, _ in designations})
        links = h.function_links(g, p)
        other = [
            (f, edges) for f, _, edges in links if h.domains(g, f) and not set(h.domains(g, f)) & set(childrens_domains)
        ]
        unknown = [(f, edges) for f, _, edges in links if not h.domains(g, f)]
        if len(roles) < 2 and not other and not unknown:
            continue
        post = h.node(g, p)
        facts = [
            [a for _, a in designations],
            [edges for _, edges in other + unknown],
            [h.function_fact(g, f) for f, _ in other],
        ]
        rows.append(
            {
                **_scope_cells(g, s_uid),
                "post": post["key"],
                "title": post["title"],
                "roles": roles,
                "combines_dass": "dass" in roles,
                "other_roles": [r for r in roles if r != "dcs"],
                "other_functions": sorted({h.node(g, f)["name"] for f, _ in other}),
                "functions_kind_not_stated": sorted({h.node(g, f)["name"] for f, _ in unknown}),
                "inferred": inferences_of(*facts),
                "sources": sources_of(*facts),
            }
        )
    return rows


# The holder cells come from every holding of the post (queries/holders.py), for both stores alike.
FINISH_REGISTER = holders.finish()
FINISH_EXPOSURE = holders.finish(exposed_only=True)
FINISH_COMBINED = distinct_sorted(
    "roles", "other_roles", "other_functions", "functions_kind_not_stated", "inferred", "sources"
)

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
        constants={**CONSTANTS, "roles": None},
        finish=FINISH_REGISTER,
        hidden=HIDDEN,
        raw_columns=REGISTER_RAW,
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
        "by the holder in force), or whose holder's intended departure has passed with no successor recorded.",
        columns=REGISTER_COLUMNS,
        cypher_file="national_register.cypher",
        nx=director_exposure,
        params=PARAMS,
        constants={**CONSTANTS, "roles": DIRECTOR_ROLES},
        finish=FINISH_EXPOSURE,
        hidden=HIDDEN,
        raw_columns=REGISTER_RAW,
        empty=empty.director_exposure,
        sort_by=("council", "role", "post", "since", "until") + REGISTER_COLUMNS,
    )
)
DCS_COMBINED = register(
    Question(
        id="dcs-combined",
        title="Councils combining the DCS with other roles or functions",
        kind="national",
        description="Councils whose DCS post, in the structure in force on the date, also holds the DASS or another "
        "statutory role, or is responsible for, commissions or heads the delivery of functions whose stated domain "
        "is not children's social care or education (or whose kind no document states: listed apart).",
        columns=COMBINED_COLUMNS,
        cypher_file="national_dcs_combined.cypher",
        nx=dcs_combined,
        params=PARAMS,
        constants={**CONSTANTS, "childrens_domains": CHILDRENS_DOMAINS},
        finish=FINISH_COMBINED,
        empty=empty.dcs_combined,
        sort_by=("council", "post") + COMBINED_COLUMNS,
    )
)
