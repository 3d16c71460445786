"""Diff sections about what joins posts: accountability and escalation lines, statutory
designations, holders, functions and units."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from remit.loader.schema import last_part
from remit.queries.side import Side

from .match import Matching
from .rows import NOT_RECORDED_BEFORE, NOT_STATED_AFTER, row
from .rows import fmt as _fmt
from .rows import show as show_fields

Ident = Callable[[str], str]  # a post key in the after structure's terms (Matching.ident, or as it is)


def _stated_new(b: Side, a: Side, m: Matching, end: str) -> dict[str, Any] | None:
    """The statement that an after-side post or unit (`unit:KEY`) is new, when a document makes one."""
    if end.startswith("unit:"):
        key = end.removeprefix("unit:")
        return a.unit_created(key) if key not in b.units else None
    if end in m.predecessors:
        return {"source": None, "quote": "replaces " + ", ".join(m.predecessors[end])}
    return a.created(end) if end in m.created else None


def _stated_gone(b: Side, a: Side, m: Matching, end: str) -> dict[str, Any] | None:
    """The statement that a before-side post is deleted (the after structure's `deletes`, or a successor)."""
    if end.startswith("unit:"):
        return None
    key = m.before_of(end) or end
    if key in m.successors:
        return {"source": None, "quote": "succeeded by " + ", ".join(m.successors[key])}
    return a.deletes().get(key) if key in m.deleted else None


def _link_set(
    side: Side, rel: str, extra: str, ident: Ident
) -> dict[tuple[str, str], tuple[Any, dict[str, Any], str, str]]:
    """(source ident, target ident) -> (the extra property, the link's props, source name, target title)."""
    out: dict[tuple[str, str], tuple[Any, dict[str, Any], str, str]] = {}
    for e in side.edges(rel):
        skey, dkey = side.key(e["src"]), side.key(e["dst"])
        if e["src_label"] == "Unit":
            src, sname = f"unit:{skey}", side.unit_name(skey)
        else:
            src, sname = ident(skey), side.title(skey)
        value = e["props"].get(extra)
        out[(src, ident(dkey))] = (
            sorted(value) if isinstance(value, list) else value,
            e["props"],
            sname,
            side.title(dkey),
        )
    return out


def links_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for rel, kind, extra in (
        ("ACCOUNTABLE_TO", "accountability", "mechanisms"),
        ("ESCALATION_LINE", "escalation", "trigger"),
    ):
        lb = _link_set(b, rel, extra, m.ident)
        la = _link_set(a, rel, extra, lambda k: k)

        def show(x: Any) -> str | None:
            return None if x is None else f"to {x[3]}" + (f" ({extra}: {_fmt(x[0])})" if x[0] else "")

        both_listed = b.complete and a.complete
        for pair in sorted(set(lb) | set(la)):
            xb, xa = lb.get(pair), la.get(pair)
            if xb and xa and xb[0] == xa[0]:
                continue
            src = pair[0]
            post_src = None if src.startswith("unit:") else src
            # A line on one side only is a change when an end of it is stated new or gone (a line to or from a
            # created post is new); otherwise the other side's document is just silent on it.
            said: list[dict[str, Any]]
            if xb is None:
                said = [x for x in (_stated_new(b, a, m, e) for e in pair) if x]
                change = f"{kind} line added" if said or both_listed else NOT_RECORDED_BEFORE
            elif xa is None:
                said = [x for x in (_stated_gone(b, a, m, e) for e in pair) if x]
                change = f"{kind} line removed" if said or both_listed else NOT_STATED_AFTER
            else:
                change, said = f"{extra} changed", []
            either = xa if xa is not None else lb[pair]  # the pair is on one side at least
            rows.append(
                row(
                    change,
                    kind,
                    either[2],
                    m.before_of(post_src) or post_src if xb and post_src else None,
                    post_src if xa else None,
                    show(xb),
                    show(xa),
                    f"{either[2]} → {either[3]}",
                    [xb[1]] if xb else [],
                    ([xa[1]] if xa else []) + [x for x in said if x.get("source")],
                )
            )
    return rows


# -- designations and holders --------------------------------------------------------------------
def _designees(side: Side, ident: Ident) -> dict[str, dict[str, dict[str, Any]]]:
    """role code -> {post ident: DESIGNATED props}."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for e in side.edges("DESIGNATED"):
        code = (side.snap.node(e["dst"]) or {}).get("code", e["dst"].removeprefix("role:"))
        out.setdefault(code, {})[ident(side.key(e["src"]))] = e["props"]
    return out


def designations_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    db, da = _designees(b, m.ident), _designees(a, lambda k: k)

    def names(side: Side, holders: dict[str, Any], before: bool) -> str | None:
        keys = [m.before_of(k) or k for k in holders] if before else list(holders)
        return ", ".join(sorted(side.title(k) for k in keys)) or None

    for code in sorted(set(db) | set(da)):
        hb, ha = db.get(code, {}), da.get(code, {})
        if set(hb) == set(ha):
            bases = [
                (k, hb[k].get("basis"), ha[k].get("basis")) for k in ha if hb[k].get("basis") != ha[k].get("basis")
            ]
            for k, x, y in bases:
                if x and y:
                    rows.append(
                        row(
                            "basis changed",
                            "designation",
                            code.upper(),
                            m.before_of(k),
                            k,
                            x,
                            y,
                            a.title(k),
                            [hb[k]],
                            [ha[k]],
                        )
                    )
            continue
        # A role no document of one side assigns to a post is not known there: "not recorded before" (the
        # restructure may well state the designation: Barnet's DCS), never "assigned" as if there were none.
        if not hb:
            change = NOT_RECORDED_BEFORE
            detail = f"designated in {a.id}; no document of {b.id} names the post that holds {code.upper()}"
        elif not ha:
            change = NOT_STATED_AFTER
            detail = f"no document of {a.id} names the post that holds {code.upper()}"
        else:
            change, detail = "designation moved", ""
        rows.append(
            row(
                change,
                "designation",
                code.upper(),
                ", ".join(sorted(m.before_of(k) or k for k in hb)) or None,
                ", ".join(sorted(ha)) or None,
                names(b, hb, True),
                names(a, ha, False),
                detail,
                list(hb.values()),
                list(ha.values()),
            )
        )
    # combined: one after post holds roles that no single before post held together
    roles_a: dict[str, list[str]] = {}
    for code, holders in da.items():
        for k in holders:
            roles_a.setdefault(k, []).append(code)
    for k, codes in sorted(roles_a.items()):
        if len(codes) > 1 and not all(k in db.get(c, {}) for c in codes):
            was = "; ".join(
                f"{c.upper()}: {names(b, db[c], True) if db.get(c) else 'not stated'}" for c in sorted(codes)
            )
            rows.append(
                row(
                    "designations combined",
                    "designation",
                    a.title(k),
                    m.before_of(k),
                    k,
                    was,
                    f"{', '.join(c.upper() for c in sorted(codes))}: {a.title(k)}",
                    f"{a.title(k)} now holds {', '.join(c.upper() for c in sorted(codes))}",
                    [p for c in codes for p in db.get(c, {}).values()],
                    [da[c][k] for c in codes],
                )
            )
    roles_b: dict[str, list[str]] = {}
    for code, holders in db.items():
        for k in holders:
            roles_b.setdefault(k, []).append(code)
    for k, codes in sorted(roles_b.items()):
        if len(codes) > 1 and not all(k in da.get(c, {}) for c in codes):
            now = "; ".join(
                f"{c.upper()}: {names(a, da[c], False) if da.get(c) else 'not stated'}" for c in sorted(codes)
            )
            bkey = m.before_of(k) or k
            rows.append(
                row(
                    "designations split",
                    "designation",
                    b.title(bkey),
                    bkey,
                    k if k in a.posts else None,
                    f"{', '.join(c.upper() for c in sorted(codes))}: {b.title(bkey)}",
                    now,
                    f"{b.title(bkey)} held {', '.join(c.upper() for c in sorted(codes))}",
                    [db[c][k] for c in codes],
                    [p for c in codes for p in da.get(c, {}).values()],
                )
            )
    return rows


def holders_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for bkey, akey in m.pairs.items():
        hb, ha = b.holders(bkey), a.holders(akey)
        if not hb or not ha or [x[0] for x in hb] == [x[0] for x in ha]:
            continue  # no holder stated on one side is "not stated", not a change
        rows.append(
            row(
                "holders changed",
                "holder",
                a.posts[akey]["title"],
                bkey,
                akey,
                "; ".join(x[0] for x in hb) or "none stated",
                "; ".join(x[0] for x in ha) or "none stated",
                "",
                [x[1] for x in hb],
                [x[1] for x in ha],
            )
        )
    return rows


# -- functions and units -------------------------------------------------------------------------
FUNCTION_LINKS = (
    ("DELIVERS", "delivered by"),
    ("COMMISSIONS", "commissioned by"),
    ("RESPONSIBLE_FOR", "responsibility of"),
)


def _function_links(side: Side, rel: str, ident: Ident) -> dict[str, dict[str, tuple[str, dict[str, Any]]]]:
    """function uid -> {holder ident: (holder name, link props)}."""
    out: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {}
    for e in side.edges(rel):
        key = side.key(e["src"])
        if e["src_label"] == "Unit":
            holder, name = f"unit:{key}", side.unit_name(key)
        else:
            holder, name = ident(key), side.title(key)
        out.setdefault(e["dst"], {})[holder] = (name, e["props"])
    return out


def functions_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for rel, verb in FUNCTION_LINKS:
        fb, fa = _function_links(b, rel, m.ident), _function_links(a, rel, lambda k: k)
        for fn in sorted(set(fb) | set(fa)):
            xb, xa = fb.get(fn, {}), fa.get(fn, {})
            if set(xb) == set(xa):
                continue
            name = (b.snap.node(fn) or a.snap.node(fn) or {}).get("name", fn)
            if not xb:
                change, detail = NOT_RECORDED_BEFORE, f"{verb}: not stated in {b.id}"
            elif not xa:
                change, detail = NOT_STATED_AFTER, f"{verb}: not stated in {a.id}"
            else:
                change, detail = "function moved", verb
            show = lambda x: "; ".join(sorted(v[0] for v in x.values())) or None
            rows.append(
                row(
                    change,
                    "function",
                    name,
                    last_part(fn),
                    last_part(fn),
                    show(xb),
                    show(xa),
                    detail,
                    [v[1] for v in xb.values()],
                    [v[1] for v in xa.values()],
                )
            )
    return rows


def units_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    """Units on one side only: "unit added" when a document creates it, "merged into X" when a unit of the
    after structure takes it over (its `replaces`), otherwise "not recorded before" / "not stated after"."""
    rows = []
    taken = a.unit_replaces()
    both_listed = b.complete and a.complete
    for key in sorted(set(b.units) | set(a.units)):
        ub, ua = b.units.get(key), a.units.get(key)
        if ub and ua:
            changed = [f for f in ("name", "kind") if ub.get(f) != ua.get(f)]
            if changed:
                rows.append(
                    row(
                        "unit amended",
                        "unit",
                        ua["name"],
                        key,
                        key,
                        show_fields(ub, changed),
                        show_fields(ua, changed),
                        ", ".join(changed) + " changed",
                        [ub],
                        [ua],
                    )
                )
            continue
        u = ua if ua is not None else b.units[key]  # the key is on one side at least
        detail, ev_a = u.get("kind", ""), [ua] if ua else []
        shown_after: str | None
        if ua:
            stated = a.unit_created(key)
            change = "unit added" if stated or both_listed else NOT_RECORDED_BEFORE
            ev_a += [stated] if stated else []
            shown_after = ua["name"]
        elif key in taken:
            into, fact = taken[key]
            change = f"merged into {a.unit_name(into)}"
            detail = f"{u.get('kind', '')}; stated: \u201c{fact['quote']}\u201d"
            ev_a, shown_after = [fact], a.unit_name(into)
        else:
            change = "unit removed" if both_listed else NOT_STATED_AFTER
            shown_after = None
        rows.append(
            row(
                change,
                "unit",
                u["name"],
                key if ub else None,
                key if ua else None,
                ub and ub["name"],
                shown_after,
                detail,
                [ub] if ub else [],
                ev_a,
            )
        )
    return rows


# -- tiers, spans, stated counts -----------------------------------------------------------------
