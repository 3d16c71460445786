"""Overlays: dated, sourced changes laid over a structure, YAML or imported.

Why: a published chart states posts but rarely who the Monitoring Officer is, and a proposal's
authors want to try the "after" before committee. Both are the same thing: a small file of
decisions, each with who made it, when, and the document it rests on (or marked as the person's
own assertion), applied over a structure without touching the structure's files. An overlay
either settles facts in its structure (same id) or, with `scenario:`, makes a new proposed
structure that supersedes it.

    overlay: remit-overlay/1
    structure: harrow-2023                       # the base
    scenario: {id: harrow-2023-dcs-to-ce, label: DCS reports to the Chief Executive}   # optional
    sources: [{id: constitution, title: ..., date: 2024-05-01, file: constitution.pdf}]  # or url:
    changes:                                     # in order; each one decision
      - {do: line_manager, post: dcs, to: chief-executive, was: corporate-director-people,
         source: constitution, quote: "...", by: A Officer, date: 2025-05-01}
      - {do: designate, post: finance-director, role: s151, asserted: true,
         reasoning: the finance director signs the accounts, by: A Officer, date: 2025-05-01}

`do` is one of OPS. A change with `source` (and `quote` or `page`) is stated; one with
`asserted: true` and `reasoning` is kept inferred, its rule "entered by NAME on DATE: reasoning",
and is never shown as stated. `was` is what the base said when the decision was made: when the
base has changed since, the change is reported as a conflict and not applied (see Outcome).

The first format's sections (`designations`, `lines`, `holders`: stated facts with source and
quote, `remit import --overlay`) are read as changes too.
"""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .dates import parse_date
from .model import (
    BASES,
    ROLE_CODES,
    Designation,
    Evidence,
    Holding,
    Pay,
    Post,
    PostLink,
    Source,
    Structure,
    StructureFile,
    UnitLink,
)
from .parse import Reader
from .problems import Problem
from .schema import MAX_NAME
from .yamlfile import LDict, read_yaml

FORMAT = "remit-overlay/1"
T = TypeVar("T")

# What a change may do, and the keys each takes besides the common ones (COMMON).
OPS: dict[str, frozenset[str]] = {
    "line_manager": frozenset({"post", "to"}),
    "designate": frozenset({"post", "role", "basis", "joint"}),
    "undesignate": frozenset({"post", "role"}),
    "holder": frozenset({"post", "name", "basis"}),
    "accountable_to": frozenset({"post", "to", "mechanisms"}),
    "remove_accountable_to": frozenset({"post", "to"}),
    "add_post": frozenset({"post", "title", "line_manager", "unit", "grade", "salary", "fte"}),
    "delete_post": frozenset({"post"}),
    "retitle": frozenset({"post", "title"}),
    "pay": frozenset({"post", "grade", "salary", "fte"}),
}
COMMON = frozenset({"do", "source", "quote", "page", "asserted", "reasoning", "by", "date", "was", "decision"})
DECISIONS = ("confirm", "correct", "assert", "propose")
OP_WORDS = {
    "line_manager": "line manager",
    "designate": "designate",
    "undesignate": "remove designation",
    "holder": "holder",
    "accountable_to": "add accountability line",
    "remove_accountable_to": "remove accountability line",
    "add_post": "add post",
    "delete_post": "delete post",
    "retitle": "retitle",
    "pay": "pay",
}

# How each change fared against the base it was laid over.
APPLIED, NO_LONGER, CONFLICT = "applied", "no longer applies", "conflicts"


@dataclass
class Change:
    """One decision. `values` holds the op's own keys (post, to, role, ...); `was` what the base
    said when it was made (None: not recorded)."""

    do: str
    values: dict[str, Any]
    source: str | None = None
    quote: str | None = None
    page: str | None = None
    asserted: bool = False
    reasoning: str | None = None
    by: str | None = None
    on: str | None = None
    was: Any = None
    decision: str | None = None
    line: int = 0
    recorded: bool = False  # `was` was written (even as null): the change was made against a base

    @property
    def post(self) -> str:
        return str(self.values.get("post") or "")

    def evidence(self) -> Evidence:
        """Stated with its source, or the person's assertion kept as an inference."""
        if self.asserted or not self.source:
            who = f"entered by {self.by or 'someone not named'}" + (f" on {self.on}" if self.on else "")
            rule = f"{who}: {self.reasoning or 'no reason given'}"
            return Evidence(
                self.source or ASSERTED, self.reasoning or rule, self.line, None, True, rule, self.by, self.on
            )
        quote = self.quote or ""
        if self.page:
            quote = f"{quote} (page {self.page})" if quote else f"page {self.page}"
        return Evidence(self.source, quote, self.line, None, False, None, self.by, self.on)

    def describe(self) -> str:
        """The change in words: "line manager of dcs: chief-executive"."""
        v = self.values
        what = OP_WORDS.get(self.do, self.do)
        if self.do in ("line_manager", "accountable_to", "remove_accountable_to"):
            return f"{what} of {self.post}: {v.get('to')}"
        if self.do in ("designate", "undesignate"):
            return f"{what} {v.get('role')}: {self.post}" + (f" ({v['basis']})" if v.get("basis") else "")
        if self.do == "holder":
            return f"holder of {self.post}: {v.get('name') or 'not named'}" + (
                f" ({v['basis']})" if v.get("basis") else ""
            )
        if self.do in ("add_post", "retitle"):
            return f"{what} {self.post}: {v.get('title')}"
        if self.do == "pay":
            return f"pay of {self.post}: " + ", ".join(f"{k} {v[k]}" for k in ("grade", "salary", "fte") if k in v)
        return f"{what} {self.post}"

    def to_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"do": self.do, **self.values}
        if self.decision:
            out["decision"] = self.decision
        if self.recorded:
            out["was"] = self.was
        for k in ("source", "quote", "page", "reasoning", "by"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.on:
            out["date"] = self.on
        if self.asserted:
            out["asserted"] = True
        return out


@dataclass
class Scenario:
    id: str
    label: str


@dataclass
class Overlay:
    structure: str
    sources: list[Source] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    scenario: Scenario | None = None
    path: str = ""
    line: int = 1  # of `structure:`, for a problem with the base

    @property
    def target(self) -> str:
        """The structure the changes end up in: the scenario's, else the base itself."""
        return self.scenario.id if self.scenario else self.structure

    def with_change(self, change: Change, sources: Iterable[Source] = ()) -> Overlay:
        """A new overlay with one more decision (and its sources): the old one is kept for undo."""
        have = {s.id for s in self.sources}
        more = [s for s in sources if s.id not in have]
        return replace(self, sources=[*self.sources, *more], changes=[*self.changes, change])

    def without_last(self) -> Overlay:
        """Undo: the overlay before its last decision (sources no longer cited are dropped)."""
        changes = self.changes[:-1]
        cited = {c.source for c in changes}
        return replace(self, changes=changes, sources=[s for s in self.sources if s.id in cited])


@dataclass
class Outcome:
    """What became of one change: applied, no longer applies (its post or line is gone, or the base
    now states the same), or conflicts (the base now says something else than when the change
    was made; not applied)."""

    change: Change
    status: str
    detail: str

    def __str__(self) -> str:
        return f"{self.status}: {self.change.describe()}" + (f" ({self.detail})" if self.detail else "")


ASSERTED = "asserted"  # the source id an assertion without a document cites (added to the file)


# -- reading --------------------------------------------------------------------------------------


def read_overlay(path: Path, label: str | None = None) -> tuple[Overlay | None, list[Problem]]:
    """Read and check one overlay file on its own (FILE:LINE problems; None when there are any).
    Whether its posts exist is checked when it is applied (apply), against the base."""
    label = label or str(path)
    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, problems
    overlay, more = parse_overlay(doc, label)
    problems += more
    return (overlay if not problems else None), problems


def parse_overlay(doc: Any, label: str) -> tuple[Overlay | None, list[Problem]]:
    r = Reader(label)
    d = r.mapping(
        doc,
        1,
        "the overlay",
        {"overlay", "structure", "scenario", "sources", "changes", "designations", "lines", "holders"},
    )
    if d is None:
        return None, list(r.problems)
    if r.text(d, "overlay", "the overlay", True) not in (None, FORMAT):
        r.problem(d.line_of("overlay"), f"overlay format must be '{FORMAT}'")
    sid = r.ident(d, "structure", "the overlay", True) or ""
    scenario = None
    if d.get("scenario") is not None:
        s = r.mapping(d["scenario"], d.line_of("scenario"), "the overlay's scenario", {"id", "label"})
        if s is not None:
            scenario = Scenario(r.ident(s, "id", "the scenario", True) or "", r.text(s, "label", "the scenario") or "")
            if scenario.id == sid:
                r.problem(s.line_of("id"), "a scenario needs an id of its own (not the base structure's)")
    sources = r.items(d, "sources", "the overlay", r.source)
    changes: list[Change] = []
    for kind in ("designations", "lines", "holders"):
        for item, line in _items(d, kind):
            c = _legacy(r, kind, item, line)
            if c is not None:
                changes.append(c)
    for item, line in _items(d, "changes"):
        c = _change(r, item, line)
        if c is not None:
            changes.append(c)
    if r.problems:
        return None, list(r.problems)
    return Overlay(sid, sources, changes, scenario, label, d.line_of("structure")), []


def _items(d: LDict, key: str) -> list[tuple[Any, int]]:
    v = d.get(key)
    return list(zip(v, v.item_lines)) if isinstance(v, list) and hasattr(v, "item_lines") else []


def _legacy(r: Reader, kind: str, item: Any, line: int) -> Change | None:
    """A fact of the first format's sections, as a stated change."""
    keys = {"post", "source", "quote"} | {
        "designations": {"role", "basis", "joint"},
        "lines": {"line_manager", "accountable_to"},
        "holders": {"name", "basis"},
    }[kind]
    m = r.mapping(item, line, f"an overlay {kind[:-1]}", keys)
    if m is None:
        return None
    what = f"overlay {kind[:-1]} at line {m.line}"
    post = r.ident(m, "post", what, True) or ""
    ev = r.evidence(m, what)
    if kind == "designations":
        role = r.choice(m, "role", what, ROLE_CODES, required=True)
        values: dict[str, Any] = {"post": post, "role": role}
        if basis := r.choice(m, "basis", what, BASES):
            values["basis"] = basis
        if r.flag(m, "joint", what):
            values["joint"] = True
        return Change("designate", values, ev.source, ev.quote, line=m.line) if role else None
    if kind == "holders":
        values = {"post": post, "name": r.text(m, "name", what, limit=MAX_NAME)}
        if basis := r.choice(m, "basis", what, BASES):
            values["basis"] = basis
        return Change("holder", values, ev.source, ev.quote, line=m.line)
    target = r.ident(m, "line_manager", what) or r.ident(m, "accountable_to", what)
    if not target:
        r.problem(m.line, f"{what} needs 'line_manager' or 'accountable_to' naming a post")
        return None
    op = "line_manager" if "line_manager" in m else "accountable_to"
    return Change(op, {"post": post, "to": target}, ev.source, ev.quote, line=m.line)


def _change(r: Reader, item: Any, line: int) -> Change | None:
    m = r.mapping(item, line, "an overlay change", set(COMMON) | {k for ks in OPS.values() for k in ks})
    if m is None:
        return None
    what = f"the change at line {m.line}"
    op = r.choice(m, "do", what, tuple(OPS), required=True)
    if op is None:
        return None
    for key in m:
        if key not in COMMON and key not in OPS[op]:
            r.problem(
                m.line_of(key), f"'{key}' is not a key of a '{op}' change (allowed: {', '.join(sorted(OPS[op]))})"
            )
    values: dict[str, Any] = {"post": r.ident(m, "post", what, True) or ""}
    if op in ("line_manager", "accountable_to", "remove_accountable_to"):
        values["to"] = r.ident(m, "to", what, True)
    if op in ("designate", "undesignate"):
        values["role"] = r.choice(m, "role", what, ROLE_CODES, required=True)
    if op in ("designate", "holder") and (basis := r.choice(m, "basis", what, BASES)):
        values["basis"] = basis
    if op == "designate" and r.flag(m, "joint", what):
        values["joint"] = True
    if op == "holder":
        values["name"] = r.text(m, "name", what, limit=MAX_NAME)
    if op == "accountable_to" and m.get("mechanisms") is not None:
        mech = m["mechanisms"]
        if not isinstance(mech, list) or not all(isinstance(x, str) and x.strip() for x in mech):
            r.problem(m.line_of("mechanisms"), f"'mechanisms' in {what} must be a list of short phrases")
        else:
            values["mechanisms"] = [x.strip() for x in mech]
    if op in ("add_post", "retitle"):
        values["title"] = r.text(m, "title", what, True)
    if op == "add_post":
        for k in ("line_manager", "unit"):
            if (v := r.ident(m, k, what)) is not None:
                values[k] = v
    if op in ("add_post", "pay"):
        if (g := r.text(m, "grade", what)) is not None:
            values["grade"] = g
        for k in ("salary", "fte"):
            if (n := r.number(m, k, what)) is not None:
                values[k] = n
        if op == "pay" and not {"grade", "salary", "fte"} & set(values):
            r.problem(m.line, f"{what} changes no pay figure: give 'grade', 'salary' or 'fte'")
    asserted = r.flag(m, "asserted", what)
    source = r.ident(m, "source", what)
    quote, page = r.text(m, "quote", what), r.text(m, "page", what)
    reasoning = r.text(m, "reasoning", what)
    by = r.text(m, "by", what, True, limit=MAX_NAME)
    on = r.date(m, "date", what, True)
    decision = r.choice(m, "decision", what, DECISIONS)
    if asserted:
        if source:
            r.problem(m.line_of("source"), f"{what} is asserted without a document: leave out 'source' or 'asserted'")
        if not reasoning:
            r.problem(m.line, f"{what} is asserted: say why in 'reasoning'")
    else:
        if not source:
            r.problem(m.line, f"{what} needs a 'source' (with 'quote' or 'page'), or 'asserted: true' with 'reasoning'")
        elif not (quote or page):
            r.problem(m.line, f"{what} cites '{source}': give the 'quote' or the 'page' it rests on")
    return Change(
        op,
        values,
        source,
        quote,
        page,
        asserted,
        reasoning,
        by,
        str(on) if on else None,
        _plain(m.get("was")),
        decision,
        m.line,
        "was" in m,
    )


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


# -- applying -------------------------------------------------------------------------------------


@dataclass
class Applied:
    """The files with the overlay laid over them (the base's file copied, never changed in place),
    each change's outcome, and the problems that stop it (FILE:LINE, nothing applied)."""

    files: list[StructureFile]
    outcomes: list[Outcome]
    problems: list[Problem]


def apply(overlay: Overlay, files: list[StructureFile]) -> Applied:
    """Lay `overlay` over the structure it names. A change whose post is gone, or whose base now says
    something else than its `was`, is reported and left out; an overlay whose base is missing, or
    whose sources are not found, is a problem at its line."""
    label = overlay.path or "overlay"
    target = next(
        ((i, sf, st) for i, sf in enumerate(files) for st in sf.structures if st.id == overlay.structure), None
    )
    if target is None:
        return Applied(files, [], [Problem(label, overlay.line, f"no structure '{overlay.structure}' is loaded")])
    i, sf, base = target
    if overlay.scenario and any(st.id == overlay.scenario.id for f in files for st in f.structures):
        return Applied(
            files,
            [],
            [Problem(label, overlay.line, f"the scenario's id '{overlay.scenario.id}' is already a structure")],
        )
    new_sf = copy.copy(sf)
    new_sf.sources = list(sf.sources)
    problems = _merge_sources(new_sf, overlay, label)
    known = {s.id for s in new_sf.sources}
    keys = {p.key for p in base.posts} | {c.post for c in overlay.changes if c.do == "add_post"}
    for c in overlay.changes:
        named = [c.post] + [c.values[k] for k in ("to", "line_manager") if c.values.get(k)]
        if not c.recorded and (gone := [k for k in named if k not in keys]):
            # written by hand, not against a base: a key that names no post is a mistake in the file
            problems.append(Problem(label, c.line, f"the change names no post '{gone[0]}' of structure '{base.id}'"))
        elif c.source and not c.asserted and c.source not in known:
            problems.append(Problem(label, c.line, f"the change cites unknown source '{c.source}'"))
    if problems:
        return Applied(files, [], problems)
    if any(c.asserted or not c.source for c in overlay.changes) and ASSERTED not in known:
        new_sf.sources.append(Source(ASSERTED, "Entered without a document (the person's own assertion)", None, ""))
    st = _copy(base)
    if overlay.scenario:
        st.id = overlay.scenario.id
        st.label = overlay.scenario.label or f"Scenario over {base.label}"
        st.status = "proposed"
        st.supersedes = base.id
        who = sorted({c.by for c in overlay.changes if c.by})
        st.evidence = Evidence(
            ASSERTED,
            st.label,
            0,
            None,
            True,
            f"a scenario over {base.id}" + (f" entered by {', '.join(who)}" if who else ""),
        )
        st.stated_change = None
        # What the base said about its own predecessor (posts it replaces or deletes) is not the
        # scenario's: the scenario's predecessor is the base itself, post for post by key.
        st.deletes = []
        for p in st.posts:
            p.replaces = []
        for u in st.units:
            u.replaces = []
        new_sf.structures = [*sf.structures, st]
    else:
        new_sf.structures = [st if s is base else s for s in sf.structures]
    index = {p.key: p for p in st.posts}
    outcomes = [_apply_one(c, st, index) for c in overlay.changes]
    if overlay.scenario:  # posts of the base the scenario deletes, said so to the diff
        had = {p.key for p in base.posts}
        st.deletes = [
            PostLink(c.post, c.evidence())
            for c, o in zip(overlay.changes, outcomes)
            if c.do == "delete_post" and o.status == APPLIED and c.post in had
        ]
    out = list(files)
    out[i] = new_sf
    return Applied(out, outcomes, [])


def _copy(base: Structure) -> Structure:
    """A copy of the structure the changes may write into without touching the base: the structure,
    its posts, units and reviews are copied one level deep (a change replaces a post's lists and
    links, never edits them in place), which is what keeps a 2,000-post overlay fast."""
    st = _shallow(base)
    st.posts = [_shallow(p) for p in base.posts]
    st.units = [_shallow(u) for u in base.units]
    st.reviews = [_shallow(r) for r in base.reviews]
    return st


def _shallow(obj: T) -> T:
    """copy.copy for the model's plain dataclasses, without its generic reduce protocol (a tenth of
    the time, thousands of times per overlay)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


def _merge_sources(sf: StructureFile, overlay: Overlay, label: str) -> list[Problem]:
    have = {s.id: s for s in sf.sources}
    problems = []
    for s in overlay.sources:
        old = have.get(s.id)
        if old is None:
            sf.sources.append(s)
        elif (old.title, old.file, old.url) != (s.title, s.file, s.url):
            problems.append(Problem(label, s.line, f"source '{s.id}' is already a different source of {sf.council.id}"))
    return problems


def _apply_one(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    try:
        out = _DO[c.do](c, st, index)
    except _Gone as gone:
        return Outcome(c, NO_LONGER, str(gone))
    if c.do in ("add_post", "delete_post"):  # the only changes that add or remove posts
        index.clear()
        index.update((p.key, p) for p in st.posts)
    return out


class _Gone(Exception):
    """The change's post (or line) is no longer in the base."""


def _post(st: Structure, key: str, index: dict[str, Post]) -> Post:
    p = index.get(key)
    if p is None:
        raise _Gone(f"'{key}' is not a post of {st.id}")
    return p


def _conflict(c: Change, now: Any) -> Outcome | None:
    """A conflict when the change recorded what the base said (`was`) and the base now says another thing."""
    if not c.recorded or _norm(now) == _norm(c.was):
        return None
    return Outcome(c, CONFLICT, f"the base now says {_show(now)}; it said {_show(c.was)} when this was decided")


def _norm(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return sorted(str(x) for x in v)
    return None if v in ("", "unknown") else v


def _show(v: Any) -> str:
    if v is None or v == "" or v == []:
        return "nothing (unknown)"
    return ", ".join(map(str, v)) if isinstance(v, list) else str(v)


def _line_manager(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    to = str(c.values["to"])
    _post(st, to, index)
    now = p.line_manager.post if p.line_manager else None
    if c.recorded and _norm(now) != _norm(c.was):
        if now == to:
            return Outcome(c, NO_LONGER, f"the base now gives the line to '{to}'")
        return _conflict(c, now) or Outcome(c, CONFLICT, "")
    if c.recorded and now == to and p.line_manager and not p.line_manager.evidence.inferred:
        return Outcome(c, NO_LONGER, f"the base now states the line to '{to}'")
    seen, cur = {p.key}, index.get(to)
    while cur is not None:
        if cur.key in seen:
            return Outcome(c, CONFLICT, f"'{to}' is line-managed (through the line) by '{p.key}': that would be a loop")
        seen.add(cur.key)
        cur = index.get(cur.line_manager.post) if cur.line_manager else None
    old = p.line_manager
    p.line_manager = PostLink(to, c.evidence())
    was = ""
    if old and old.post != to:
        was = f"was '{old.post}'" + (" (inferred)" if old.evidence.inferred else "")
    elif old and old.evidence.inferred:
        was = f"overrides the inferred line ({old.evidence.rule})"
    return Outcome(c, APPLIED, was)


def _designate(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    role = c.values["role"]
    now = sorted(q.key for q in st.posts for d in q.designations if d.role == role)
    if (bad := _conflict(c, now)) is not None:
        return bad
    joint = bool(c.values.get("joint"))
    moved = []
    for q in st.posts:
        keep = [d for d in q.designations if d.role != role or (joint and d.joint and q is not p)]
        if len(keep) != len(q.designations) and q is not p:
            moved.append(q.key)
        q.designations = keep
    p.designations = [*p.designations, Designation(role, c.values.get("basis"), c.evidence(), joint=joint)]
    return Outcome(c, APPLIED, f"taken from {', '.join(moved)}" if moved else "")


def _undesignate(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    role = c.values["role"]
    if not any(d.role == role for d in p.designations):
        return Outcome(c, NO_LONGER, f"'{p.key}' is not designated {role}")
    p.designations = [d for d in p.designations if d.role != role]
    return Outcome(c, APPLIED, "")


def _holder(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    now = sorted(h.name or "" for h in p.holders)
    if (bad := _conflict(c, now)) is not None:
        return bad
    name = c.values.get("name")
    p.holders = [h for h in p.holders if h.name and h.name != name] + [
        Holding(name, c.values.get("basis"), c.evidence())
    ]
    return Outcome(c, APPLIED, "")


def _accountable(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    to = str(c.values["to"])
    _post(st, to, index)
    p.accountable_to = [a for a in p.accountable_to if a.post != to] + [
        PostLink(to, c.evidence(), tuple(c.values.get("mechanisms") or ()))
    ]
    return Outcome(c, APPLIED, "")


def _unaccountable(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    to = str(c.values["to"])
    if not any(a.post == to for a in p.accountable_to):
        return Outcome(c, NO_LONGER, f"'{p.key}' has no accountability line to '{to}'")
    p.accountable_to = [a for a in p.accountable_to if a.post != to]
    return Outcome(c, APPLIED, "")


def _add_post(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    key = c.post
    if key in index:
        return Outcome(c, CONFLICT, f"the base already has a post '{key}'")
    ev = c.evidence()
    v = c.values
    post = Post(key, str(v.get("title")), ev)
    if v.get("line_manager"):
        _post(st, v["line_manager"], index)
        post.line_manager = PostLink(v["line_manager"], ev)
    if v.get("unit"):
        if not any(u.key == v["unit"] for u in st.units):
            raise _Gone(f"'{v['unit']}' is not a unit of {st.id}")
        post.unit = UnitLink(v["unit"], ev)
    if {"grade", "salary", "fte"} & set(v):
        post.pay = Pay(ev, grade=v.get("grade"), salary=v.get("salary"), fte=v.get("fte"))
    post.created = ev  # the change creates it: a diff against the base says "created"
    st.posts = [*st.posts, post]
    return Outcome(c, APPLIED, "")


def _delete_post(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    st.posts = [q for q in st.posts if q is not p]
    if st.top_post is not None and st.top_post.post == p.key:
        st.top_post = None
    orphans = []
    for q in st.posts:
        if q.line_manager and q.line_manager.post == p.key:
            q.line_manager = None
            orphans.append(q.key)
        q.accountable_to = [a for a in q.accountable_to if a.post != p.key]
        q.escalations = [a for a in q.escalations if a.post != p.key]
    for u in st.units:
        u.accountable_to = [a for a in u.accountable_to if a.post != p.key]
    for r in st.reviews:
        r.assesses = [k for k in r.assesses if k != p.key]
    return Outcome(c, APPLIED, f"line manager now unknown for {', '.join(orphans)}" if orphans else "")


def _retitle(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    if (bad := _conflict(c, p.title)) is not None:
        return bad
    old = p.title
    p.title = str(c.values["title"])
    p.evidence = replace(c.evidence(), line=p.evidence.line)
    return Outcome(c, APPLIED, f"was '{old}'")


def _pay(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    p = _post(st, c.post, index)
    old = p.pay
    v = c.values
    now = {k: getattr(old, k) for k in ("grade", "salary", "fte")} if old else {}
    if c.recorded and isinstance(c.was, dict):
        changed = {k: now.get(k) for k in c.was if now.get(k) != c.was.get(k)}
        if changed:
            return Outcome(c, CONFLICT, f"the base now says {changed}; it said {c.was} when this was decided")
    salary = v.get("salary", old.salary if old else None)
    keep_range = old is not None and "salary" not in v
    p.pay = Pay(
        c.evidence(),
        grade=v.get("grade", old.grade if old else None),
        salary=salary,
        salary_min=old.salary_min if keep_range and old else None,
        salary_max=old.salary_max if keep_range and old else None,
        fte=v.get("fte", old.fte if old else None),
        # stated on-costs and total cost no longer describe the changed pay
        on_costs=old.on_costs if old and not {"salary", "fte"} & set(v) else None,
        total_cost=old.total_cost if old and not {"salary", "fte"} & set(v) else None,
    )
    return Outcome(c, APPLIED, "")


_DO = {
    "line_manager": _line_manager,
    "designate": _designate,
    "undesignate": _undesignate,
    "holder": _holder,
    "accountable_to": _accountable,
    "remove_accountable_to": _unaccountable,
    "add_post": _add_post,
    "delete_post": _delete_post,
    "retitle": _retitle,
    "pay": _pay,
}


def apply_files(paths: list[Path], files: list[StructureFile]) -> tuple[list[StructureFile], list[str], list[Problem]]:
    """Read and lay each overlay file over `files` in turn: (files, report lines, problems)."""
    report: list[str] = []
    for path in paths:
        overlay, problems = read_overlay(path)
        if overlay is None:
            return files, report, problems
        done = apply(overlay, files)
        if done.problems:
            return files, report, done.problems
        files = done.files
        report += [f"{path}: {o}" for o in done.outcomes]
    return files, report, []


def overlay_dataset(data: Any, paths: list[Path]) -> tuple[Any, list[str]]:
    """A Dataset with the overlay files laid over it (a new Dataset; `data` is not changed), and the
    report line of every change. Raises InvalidStructureFiles (FILE:LINE, exit 2) on a bad overlay."""
    from .files import Dataset
    from .problems import InvalidStructureFiles

    files, report, problems = apply_files([Path(p) for p in paths], list(data.files))
    if problems:
        raise InvalidStructureFiles(problems)
    return Dataset(files), report


def apply_overlay(path: Path, files: list[StructureFile], label: str | None = None) -> tuple[list[str], list[Problem]]:
    """`remit import --overlay`: lay one file over freshly imported files, in place; (report lines,
    problems). Nothing is changed when the overlay has a problem."""
    overlay, problems = read_overlay(path, label)
    if overlay is None:
        return [], problems
    done = apply(overlay, files)
    if done.problems:
        return [], done.problems
    files[:] = done.files
    return [_legacy_report(o) for o in done.outcomes], []


def _legacy_report(o: Outcome) -> str:
    c = o.change
    if c.do == "designate":
        text = f"post '{c.post}': designation '{c.values['role']}' stated"
        return text + (f"; overrides inferred '{o.detail[11:]}'" if o.detail.startswith("taken from ") else "")
    if c.do == "line_manager":
        return f"post '{c.post}': line manager '{c.values['to']}' stated" + (f"; {o.detail}" if o.detail else "")
    if c.do == "holder":
        return f"post '{c.post}': holder '{c.values.get('name') or 'unnamed'}' stated"
    if c.do == "accountable_to":
        return f"post '{c.post}': accountable to '{c.values['to']}' stated"
    return str(o)


# -- writing --------------------------------------------------------------------------------------


def dump(overlay: Overlay) -> str:
    """The overlay as YAML, in the format read_overlay reads (one change a line)."""
    head: dict[str, Any] = {"overlay": FORMAT, "structure": overlay.structure}
    if overlay.scenario:
        head["scenario"] = {"id": overlay.scenario.id, "label": overlay.scenario.label}
    text = yaml.safe_dump(head, sort_keys=False, allow_unicode=True)
    if overlay.sources:
        text += "sources:\n" + "".join("  - " + _flow(_source_yaml(s)) + "\n" for s in overlay.sources)
    text += "changes:\n" if overlay.changes else "changes: []\n"
    text += "".join("  - " + _flow(c.to_yaml()) + "\n" for c in overlay.changes)
    return text


def _source_yaml(s: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "title": s.title}
    if s.date:
        out["date"] = str(s.date)
    if s.file:
        out["file"] = s.file
    if s.url:
        out["url"] = s.url
    return out


def _flow(d: dict[str, Any]) -> str:
    return yaml.safe_dump(d, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10**6).strip()


def save(overlay: Overlay, path: Path) -> None:
    """Write the whole overlay atomically: a reader sees the old file or the new one, never half."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dump(overlay))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def append(path: Path, change: Change, sources: Iterable[Source] = (), structure: str | None = None) -> Overlay:
    """Add one decision to the overlay file at `path` (made if missing, for `structure`), atomically."""
    if Path(path).exists():
        overlay, problems = read_overlay(Path(path))
        if overlay is None:
            from .problems import InvalidStructureFiles

            raise InvalidStructureFiles(problems)
    else:
        if structure is None:
            raise ValueError("a new overlay file needs its structure")
        overlay = Overlay(structure, path=str(path))
    overlay = overlay.with_change(change, sources)
    save(overlay, Path(path))
    return overlay


def today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def valid_date(text: str) -> bool:
    return parse_date(text) is not None
