"""The graph as plain node and edge records: the single mapping from model to graph.

Both stores are written from these records (networkx in memory, Neo4j with UNWIND batches), so
the two graphs cannot drift apart: a parity test compares them record for record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .files import Dataset
from .model import (
    ROLE_CODES,
    ROLE_NAMES,
    Designation,
    Evidence,
    Figures,
    Function,
    Holding,
    Intention,
    Post,
    PostLink,
    Structure,
    StructureFile,
    UnitLink,
)
from .schema import (
    STATED_COUNT_FIELDS,
    STATED_LINK_FIELDS,
    council_uid,
    encode_records,
    function_uid,
    person_uid,
    post_uid,
    review_uid,
    role_uid,
    source_uid,
    structure_uid,
    unit_uid,
    unnamed_person_uid,
)


@dataclass
class Node:
    label: str
    uid: str
    props: dict[str, Any]


@dataclass
class Edge:
    type: str
    src: str
    dst: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class StructureRecords:
    """Everything one structure contributes; loaded (and replaced) as one unit."""

    structure: str
    council: str
    shared: list[Node]
    nodes: list[Node]
    edges: list[Edge]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: Neo4j cannot store nulls, and both stores must hold the same properties."""
    out: dict[str, Any] = {}
    for k, v in props.items():
        if v is None:
            continue
        cls = v.__class__
        if cls is tuple or cls is list:
            if not v:
                continue
            if cls is tuple:
                v = list(v)
        out[k] = v
    return out


def _ev(ev: Evidence, **props: Any) -> dict[str, Any]:
    return _clean(
        {
            "source": ev.source,
            "quote": ev.quote,
            "row": ev.row,
            "inferred": ev.inferred or None,
            "rule": ev.rule,
            "settled_by": ev.by,
            "settled_on": ev.on,
            **props,
        }
    )


def _scoped_ev(ev: Evidence, sid: str) -> dict[str, Any]:
    """`_ev(ev, structure=sid)`, the properties of most relationships, built directly when the
    evidence is a plain statement (no table row, not inferred): the usual case."""
    if (
        ev.row is None
        and not ev.inferred
        and ev.rule is None
        and ev.by is None
        and ev.source is not None
        and ev.quote is not None
    ):
        return {"source": ev.source, "quote": ev.quote, "structure": sid}
    return _ev(ev, structure=sid)


def _figures(prefix: str, fig: Figures | None) -> dict[str, Any]:
    if fig is None:
        return {}
    inferred = {f"{prefix}_inferred": True, f"{prefix}_rule": fig.evidence.rule} if fig.evidence.inferred else {}
    return (
        {f"{prefix}_{k}": getattr(fig, k) for k in ("salary", "on_costs", "fte", "total_cost")}
        | {f"{prefix}_source": fig.evidence.source, f"{prefix}_quote": fig.evidence.quote}
        | inferred
    )


def _dated(d: Designation | Holding, **props: Any) -> dict[str, Any]:
    """A designation's or holding's dates. `to` is the stated end only; `to_end` is the last day the
    documents speak for the fact, which every in-force test reads: the stated end, or else the last day
    of an intended end ("will retire at the end of May 2023"). After it the fact is not in force, and
    answers say the intended departure passed (the intention itself stays on the edge, with its quote)."""
    intention: Intention | None = getattr(d, "intended_end", None)
    last = d.end.last_day if d.end else None
    if last is None and intention is not None and intention.date is not None:
        last = intention.date.last_day
    return props | {
        "from": str(d.start) if d.start else None,
        "to": str(d.end) if d.end else None,
        "from_start": d.start.first_day if d.start else None,
        "to_end": last,
        **_intention(intention),
    }


def _intention(i: Intention | None) -> dict[str, Any]:
    if i is None:
        return {}
    return {
        "intended_end": str(i.date) if i.date else None,
        "intended_end_last": i.date.last_day if i.date else None,
        "intended_end_source": i.evidence.source,
        "intended_end_quote": i.evidence.quote,
        "intended_end_inferred": i.evidence.inferred or None,
        "intended_end_rule": i.evidence.rule,
    }


def _stated(prefix: str, ev: Evidence | None) -> dict[str, Any]:
    """A bare statement (a post or unit created) as `{prefix}_source` / `_quote` / `_inferred` / `_rule`."""
    if ev is None:
        return {}
    return {
        f"{prefix}_source": ev.source,
        f"{prefix}_quote": ev.quote,
        f"{prefix}_inferred": ev.inferred or None,
        f"{prefix}_rule": ev.rule,
    }


def _links(links: list[PostLink] | list[UnitLink]) -> str | None:
    return encode_records(
        (
            {
                "key": link.post if isinstance(link, PostLink) else link.unit,
                "source": link.evidence.source,
                "quote": link.evidence.quote,
                "inferred": link.evidence.inferred or None,
                "rule": link.evidence.rule,
            }
            for link in links
        ),
        STATED_LINK_FIELDS,
    )


def function_props(council: str, f: Function, ancestors: list[str]) -> dict[str, Any]:
    """A function's node: its name, what kind of function it is (`domains`), the function it is part of
    and every function above that (`ancestors`, nearest first: what a question asking for a function
    also finds), with the evidence for domain and parent."""
    ev = f.evidence
    return _clean(
        {
            "key": f.key,
            "name": f.name,
            "council": council,
            "domains": list(f.domains),
            "part_of": f.part_of,
            "ancestors": ancestors,
            "source": ev.source if ev else None,
            "quote": ev.quote if ev else None,
            "inferred": (ev.inferred or None) if ev else None,
            "rule": ev.rule if ev else None,
        }
    )


def function_ancestors(sf: StructureFile) -> dict[str, list[str]]:
    """Each function's chain of parents, nearest first (validation has refused cycles)."""
    parent = {f.key: f.part_of for f in sf.functions if f.part_of}
    out = {}
    for f in sf.functions:
        chain, cur, seen = [], parent.get(f.key), {f.key}
        while cur is not None and cur not in seen:
            chain.append(cur)
            seen.add(cur)
            cur = parent.get(cur)
        out[f.key] = chain
    return out


def shared_nodes(sf: StructureFile) -> list[Node]:
    c = sf.council
    nodes = [
        Node(
            "Council",
            council_uid(c.id),
            _clean(
                {
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind,
                    "code": c.code or None,
                    "authority_kind": c.authority_kind or None,
                }
            ),
        )
    ]
    nodes += [
        Node(
            "Source",
            source_uid(c.id, s.id),
            _clean(
                {
                    "id": s.id,
                    "title": s.title,
                    "file": s.file or None,
                    "url": s.url,
                    "council": c.id,
                    "date": str(s.date) if s.date else None,
                }
            ),
        )
        for s in sf.sources
    ]
    ancestors = function_ancestors(sf)
    nodes += [
        Node("Function", function_uid(c.id, f.key), function_props(c.id, f, ancestors[f.key])) for f in sf.functions
    ]
    nodes += [Node("StatutoryRole", role_uid(code), {"code": code, "name": ROLE_NAMES[code]}) for code in ROLE_CODES]
    return nodes


def structure_records(sf: StructureFile, st: Structure, previous: Structure | None) -> StructureRecords:
    council = sf.council.id
    sid = st.id
    scoped = {"structure": sid}
    shared = shared_nodes(sf)
    nodes: list[Node] = []
    edges: list[Edge] = []
    s_uid = structure_uid(sid)
    nodes.append(
        Node(
            "Structure",
            s_uid,
            _ev(
                st.evidence,
                id=sid,
                council=council,
                label=st.label,
                status=st.status,
                effective=str(st.effective) if st.effective else None,
                effective_start=st.effective.first_day if st.effective else None,
                supersedes=st.supersedes,
                effective_intended=st.effective_intended or None,
                deletes=_links(st.deletes),
                top_post=st.top_post.post if st.top_post else None,
                top_post_source=st.top_post.evidence.source if st.top_post else None,
                top_post_quote=st.top_post.evidence.quote if st.top_post else None,
                leader=st.leader.post if st.leader else None,
                leader_source=st.leader.evidence.source if st.leader else None,
                leader_quote=st.leader.evidence.quote if st.leader else None,
                structure=sid,
                **_figures("stated_totals", st.stated_totals),
                **_figures("stated_change", st.stated_change),
                stated_counts=encode_records(
                    (
                        {
                            "what": c.what,
                            "title_contains": c.title_contains,
                            "before": c.before,
                            "after": c.after,
                            "source": c.evidence.source,
                            "quote": c.evidence.quote,
                        }
                        for c in st.stated_counts
                    ),
                    STATED_COUNT_FIELDS,
                ),
            ),
        )
    )
    edges.append(Edge("OF", s_uid, council_uid(council), dict(scoped)))
    if st.supersedes:
        edges.append(Edge("SUPERSEDES", s_uid, structure_uid(st.supersedes), dict(scoped)))
    for u in st.units:
        uid = unit_uid(sid, u.key)
        nodes.append(
            Node(
                "Unit",
                uid,
                _ev(
                    u.evidence,
                    key=u.key,
                    name=u.name,
                    kind=u.kind,
                    council=council,
                    replaces=_links(u.replaces),
                    **_stated("created", u.created),
                    **scoped,
                ),
            )
        )
        if u.part_of:
            edges.append(Edge("PART_OF", uid, unit_uid(sid, u.part_of.unit), _scoped_ev(u.part_of.evidence, sid)))
        for link in u.delivers:
            edges.append(Edge("DELIVERS", uid, function_uid(council, link.function), _scoped_ev(link.evidence, sid)))
        for link in u.accountable_to:
            edges.append(
                Edge(
                    "ACCOUNTABLE_TO",
                    uid,
                    post_uid(sid, link.post),
                    _ev(link.evidence, mechanisms=link.mechanisms, **scoped),
                )
            )
    for x in st.posts:
        uid = post_uid(sid, x.key)
        nodes.append(Node("Post", uid, _post_props(council, sid, x)))
        edges.append(Edge("HAS_POST", s_uid, uid, dict(scoped)))
        for link, rel in ((x.unit, "IN_UNIT"), (x.heads, "HEADS")):
            if link:
                edges.append(Edge(rel, uid, unit_uid(sid, link.unit), _scoped_ev(link.evidence, sid)))
        if x.line_manager:
            edges.append(
                Edge(
                    "LINE_MANAGED_BY", uid, post_uid(sid, x.line_manager.post), _scoped_ev(x.line_manager.evidence, sid)
                )
            )
        for link in x.accountable_to:
            edges.append(
                Edge(
                    "ACCOUNTABLE_TO",
                    uid,
                    post_uid(sid, link.post),
                    _ev(link.evidence, mechanisms=link.mechanisms, **scoped),
                )
            )
        for link in x.escalations:
            edges.append(
                Edge(
                    "ESCALATION_LINE", uid, post_uid(sid, link.post), _ev(link.evidence, trigger=link.trigger, **scoped)
                )
            )
        for d in x.designations:
            edges.append(
                Edge(
                    "DESIGNATED",
                    uid,
                    role_uid(d.role),
                    _ev(d.evidence, **_dated(d, basis=d.basis, joint=d.joint, **scoped)),
                )
            )
        for i, h in enumerate(x.holders):
            if h.name:
                person = person_uid(council, h.name)
                shared.append(Node("Person", person, {"name": h.name, "council": council}))
            else:
                # An unnamed holder is still a fact (the post is held, on some basis); its node
                # belongs to this structure because nothing identifies it elsewhere.
                person = unnamed_person_uid(sid, x.key, i)
                nodes.append(Node("Person", person, {"named": False, "council": council, **scoped}))
            edges.append(Edge("HOLDS", person, uid, _ev(h.evidence, **_dated(h, basis=h.basis, **scoped))))
        for links, rel in ((x.commissions, "COMMISSIONS"), (x.responsible_for, "RESPONSIBLE_FOR")):
            for link in links:
                edges.append(Edge(rel, uid, function_uid(council, link.function), _scoped_ev(link.evidence, sid)))
        if previous is not None:
            for r in x.replaces:
                edges.append(Edge("REPLACES", uid, post_uid(previous.id, r.post), _scoped_ev(r.evidence, sid)))
    for r in st.reviews:
        uid = review_uid(sid, r.id)
        nodes.append(
            Node(
                "AssuranceReview",
                uid,
                _ev(
                    r.evidence,
                    id=r.id,
                    status=r.status,
                    date=str(r.date) if r.date else None,
                    by=r.by,
                    outcome=r.outcome,
                    criteria=[c.criterion for c in r.criteria],
                    criteria_outcomes=[c.outcome for c in r.criteria],
                    criteria_findings=[c.finding or "" for c in r.criteria],
                    criteria_conditions=[c.condition or "" for c in r.criteria]
                    if any(c.condition for c in r.criteria)
                    else None,
                    follow_up=r.follow_up,
                    council=council,
                    **scoped,
                ),
            )
        )
        for key in r.assesses:
            edges.append(Edge("ASSESSES", uid, post_uid(sid, key), dict(scoped)))
    return StructureRecords(sid, council, dedupe_nodes(shared), nodes, edges)


def _post_props(council: str, sid: str, x: Post) -> dict[str, Any]:
    pay = x.pay
    return _ev(
        x.evidence,
        key=x.key,
        title=x.title,
        kind=x.kind,
        status=x.status,
        council=council,
        structure=sid,
        note=x.note,
        replaces=[r.post for r in x.replaces],
        grade=pay.grade if pay else None,
        salary=pay.salary if pay else None,
        salary_min=pay.salary_min if pay else None,
        salary_max=pay.salary_max if pay else None,
        on_costs=pay.on_costs if pay else None,
        fte=pay.fte if pay else None,
        total_cost=pay.total_cost if pay else None,
        pay_source=pay.evidence.source if pay else None,
        pay_quote=pay.evidence.quote if pay else None,
        pay_inferred=(pay.evidence.inferred or None) if pay else None,
        pay_rule=pay.evidence.rule if pay else None,
        pay_settled_by=pay.evidence.by if pay else None,
        pay_settled_on=pay.evidence.on if pay else None,
        reference=x.reference,
        level=x.level,
        vacant_from=str(x.vacancy.start) if x.vacancy and x.vacancy.start else None,
        **_stated("vacancy", x.vacancy.evidence if x.vacancy else None),
        **_stated("created", x.created),
        **_grade_groups(x),
        **_candidacies(x),
    )


def _candidacies(x: Post) -> dict[str, Any]:
    """Statutory roles the post is a candidate for (never designated), with the rule that saw each."""
    if not x.candidate_for:
        return {}
    return {
        "candidate_roles": [c.role for c in x.candidate_for],
        "candidate_rules": [f"{c.evidence.rule} [{c.evidence.source}]" for c in x.candidate_for],
    }


def _grade_groups(x: Post) -> dict[str, Any]:
    """Junior grade groups as lists on their senior post, with the FTE and pay-range roll-ups."""
    groups = x.grade_groups
    if not groups:
        return {}
    return {
        # A list of empty strings only is left out: Neo4j's bulk importer reads an empty CSV cell as no value, so
        # the two stores would differ (a group may now give a title and no grade: "5 x Assistant Directors").
        "junior_grades": [g.grade or "" for g in groups] if any(g.grade for g in groups) else None,
        "junior_titles": [g.title or "" for g in groups] if any(g.title for g in groups) else None,
        # -1: not counted (graph stores cannot hold a null inside a list); the sum counts what is counted
        "junior_counts": [-1 if g.count is None else g.count for g in groups],
        "junior_count": sum(g.count or 0 for g in groups),
        "junior_fte_each": [g.fte or 0.0 for g in groups],
        # -1: not given (graph stores cannot hold a null inside a list)
        "junior_min": [-1.0 if g.salary_min is None else g.salary_min for g in groups],
        "junior_max": [-1.0 if g.salary_max is None else g.salary_max for g in groups],
        "junior_rows": [g.evidence.row or 0 for g in groups],
        "junior_quotes": [g.evidence.quote for g in groups],
        "junior_sources": [g.evidence.source for g in groups],
        "junior_fte": sum(g.fte or 0.0 for g in groups),
        "junior_cost_min": sum((g.fte or 0.0) * (g.salary_min or 0.0) for g in groups),
        "junior_cost_max": sum((g.fte or 0.0) * (g.salary_max or 0.0) for g in groups),
    }


def dedupe_nodes(nodes: Iterable[Node]) -> list[Node]:
    """One node per uid, the first one given (both stores keep the first)."""
    seen: dict[str, Node] = {}
    for n in nodes:
        seen.setdefault(n.uid, n)
    return list(seen.values())


def dataset_records(data: Dataset) -> Iterator[StructureRecords]:
    """Structures in an order where a superseded structure comes before the one superseding it.

    Iterative (a chain of thousands of structures must not hit Python's recursion limit) and
    linear: each structure is visited once. Validation has refused supersedes cycles."""
    file_of = {st.id: f for f in data.files for st in f.structures}
    structures = {sid: st for f in data.files for st in f.structures for sid in (st.id,)}
    done: set[str] = set()
    for sid in sorted(structures):
        chain: list[str] = []
        cur: str | None = sid
        while cur is not None and cur in structures and cur not in done:
            done.add(cur)
            chain.append(cur)
            cur = structures[cur].supersedes
        for s in reversed(chain):
            st = structures[s]
            prev = structures.get(st.supersedes) if st.supersedes else None
            yield structure_records(file_of[s], st, prev)
