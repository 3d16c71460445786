"""Each kind of change laid over a copy of its structure (one function a kind, named in DO), and
what became of it: applied, no longer applies, or conflicts with what the base now says."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Designation, Holding, Pay, Post, PostLink, Structure, UnitLink
from .model import APPLIED, CONFLICT, NO_LONGER, Change, Outcome


def apply_one(c: Change, st: Structure, index: dict[str, Post]) -> Outcome:
    try:
        out = DO[c.do](c, st, index)
    except Gone as gone:
        return Outcome(c, NO_LONGER, str(gone))
    if c.do in ("add_post", "delete_post"):  # the only changes that add or remove posts
        index.clear()
        index.update((p.key, p) for p in st.posts)
    return out


class Gone(Exception):
    """The change's post (or line) is no longer in the base."""


def _post(st: Structure, key: str, index: dict[str, Post]) -> Post:
    p = index.get(key)
    if p is None:
        raise Gone(f"'{key}' is not a post of {st.id}")
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
            raise Gone(f"'{v['unit']}' is not a unit of {st.id}")
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


DO = {
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
