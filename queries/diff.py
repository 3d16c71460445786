"""What a restructure changes: two structure snapshots compared fact by fact.

Pure Python over `snapshot()` results, so the diff is the same on networkx and Neo4j: both
snapshots come from internal questions whose two forms are held equal by the parity tests.

Two rules shape the rows. Role amendments (title, unit, kind, designations, commissioning and
responsibility) are kept apart from pay changes (grade, salary, FTE, costs), because committee
reports list amended positions separately from the figures. And what one document leaves unsaid
is not a change: a figure or a unit stated on one side only is "not stated" on the other.
Lines, designations and functions are compared in after-structure terms (see diff_match).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .diff_cost import cost_summary, stated_counts
from .diff_match import Matching, inferred_reason, match
from .diff_side import Side
from .rows import sources_of
from .snapshot import snapshot

COLUMNS = ("change", "kind", "subject", "key_before", "key_after", "before", "after", "detail",
           "sources_before", "sources_after")
KIND_ORDER = ("post", "member post", "line management", "accountability", "escalation", "designation",
              "holder", "function", "unit", "tier", "span", "stated count")
PAY_FIELDS = ("grade", "salary", "fte", "on_costs", "total_cost")


class DiffError(ValueError):
    """Two structures that cannot be compared (different councils)."""


@dataclass
class Diff:
    before: str
    after: str
    council: str
    rows: list[dict[str, Any]]
    cost: dict[str, Any]


def diff(backend: Any, before: str, after: str, as_of: tuple[str | None, str | None] = (None, None)) -> Diff:
    b = Side(snapshot(backend, before), as_of[0])
    a = Side(snapshot(backend, after), as_of[1])
    return diff_sides(b, a)


def diff_sides(b: Side, a: Side) -> Diff:
    if b.council != a.council:
        raise DiffError(f"'{b.id}' is a structure of {b.council} and '{a.id}' of {a.council}: "
                        "a diff compares two structures of one council")
    m = match(b, a)
    rows: list[dict[str, Any]] = []
    for section in (_posts, _lines, _links, _designations, _holders, _functions, _units, _tiers_spans, _counts):
        rows += section(b, a, m)
    rows.sort(key=lambda r: (KIND_ORDER.index(r["kind"]), r["change"], r["subject"] or "", r["key_before"] or "",
                             r["key_after"] or "", r["detail"]))
    return Diff(b.id, a.id, b.council, rows, cost_summary(b, a))


def row(change: str, kind: str, subject: str | None, key_before: str | None = None, key_after: str | None = None,
        before: Any = None, after: Any = None, detail: str = "", evidence_before: Any = (),
        evidence_after: Any = ()) -> dict[str, Any]:
    return {"change": change, "kind": kind, "subject": subject, "key_before": key_before, "key_after": key_after,
            "before": before, "after": after, "detail": detail,
            "sources_before": sources_of(evidence_before), "sources_after": sources_of(evidence_after)}


def _post_kind(post: dict[str, Any]) -> str:
    return "member post" if post.get("kind") == "member" else "post"


# -- posts ---------------------------------------------------------------------------------------
def _role(side: Side, key: str) -> dict[str, tuple[Any, Any, list[Any]]]:
    """The role facts of a post: (value compared, value shown, evidence). None = not stated.

    Units are compared by key, so a unit the document names differently is not a move."""
    p = side.posts[key]

    def unit(rel: str) -> tuple[Any, Any, list[Any]]:
        links = side.out_links(rel, key)
        if not links:
            return None, None, []
        ukey = side.key_of(links[0]["dst"])
        return ukey, side.unit_name(ukey), [e["props"] for e in links]

    def codes(rel: str, attr: str) -> tuple[Any, Any, list[Any]]:
        links = side.out_links(rel, key)
        names = sorted((side.snap.node(e["dst"]) or {}).get(attr, e["dst"]) for e in links)
        shown = ", ".join(n.upper() if attr == "code" else n for n in names) or "none"
        return tuple(names), shown, [e["props"] for e in links]

    return {"title": (p.get("title"), p.get("title"), [p]),
            "kind": (p.get("kind", "officer"), p.get("kind", "officer"), [p]),
            "unit": unit("IN_UNIT"), "heads": unit("HEADS"),
            "designations": codes("DESIGNATED", "code"),
            "commissions": codes("COMMISSIONS", "name"),
            "responsible for": codes("RESPONSIBLE_FOR", "name")}


def _pay(side: Side, key: str) -> dict[str, Any]:
    p = side.posts[key]
    salary = p.get("salary")
    if salary is None and p.get("salary_min") is not None:
        salary = f"{p['salary_min']}–{p['salary_max']}"
    return {"grade": p.get("grade"), "salary": salary, "fte": p.get("fte"), "on_costs": p.get("on_costs"),
            "total_cost": p.get("total_cost")}


def _show(values: dict[str, Any], fields: list[str]) -> str:
    return "; ".join(f"{f}: {values[f] if values[f] is not None else 'not stated'}" for f in fields)


def _summary(side: Side, key: str) -> str:
    p = side.posts[key]
    bits = [p.get("title") or key]
    manager = side.manager(key)[0]
    if manager:
        bits.append(f"reports to {side.title(manager)}")
    roles = _role(side, key)["designations"][1]
    if roles != "none":
        bits.append(f"designated {roles}")
    return "; ".join(bits)


def _posts(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for key in m.created:
        p = a.posts[key]
        detail = ""
        if key in m.predecessors:
            olds = m.predecessors[key]
            detail = "replaces " + ", ".join(f"{b.title(k)} ({k})" for k in olds)
            ev_b = [b.posts[k] for k in olds]
        else:
            ev_b = []
        ev_a = [p] + [e["props"] for e in a.out_links("REPLACES", key)]
        rows.append(row("created", _post_kind(p), p["title"], None, key, None, _summary(a, key), detail, ev_b, ev_a))
    for key in m.deleted:
        p = b.posts[key]
        heirs = m.successors.get(key, [])
        detail = ("succeeded by " + ", ".join(f"{a.title(k)} ({k})" for k in heirs)) if heirs else ""
        ev_a = [e["props"] for h in heirs for e in a.out_links("REPLACES", h)] + [a.posts[h] for h in heirs]
        rows.append(row("deleted", _post_kind(p), p["title"], key, None, _summary(b, key), None, detail, [p], ev_a))
    for bkey, akey in m.pairs.items():
        rows += _amended(b, a, bkey, akey, m.how[bkey])
    return rows


def _amended(b: Side, a: Side, bkey: str, akey: str, how: str) -> list[dict[str, Any]]:
    rows = []
    kind = _post_kind(a.posts[akey])
    title = a.posts[akey]["title"]
    rb, ra = _role(b, bkey), _role(a, akey)
    changed = [f for f in rb if rb[f][0] is not None and ra[f][0] is not None and rb[f][0] != ra[f][0]]
    reason = inferred_reason(how)
    if changed or how == "replaces" or reason:
        detail = ", ".join(changed) + " changed" if changed else ""
        if how == "replaces":
            detail = (detail + "; " if detail else "") + f"replaces {bkey} under the key {akey}"
        if reason:
            detail = (detail + "; " if detail else "") + f"matched by inference: {reason}"
        vb, va = {f: rb[f][1] for f in rb}, {f: ra[f][1] for f in ra}
        rows.append(row("amended" if changed else "matched", kind, title, bkey, akey, _show(vb, changed), _show(va, changed), detail,
                        [b.posts[bkey]] + [e for f in changed for e in rb[f][2]],
                        [a.posts[akey]] + [e for f in changed for e in ra[f][2]]))
    pb, pa = _pay(b, bkey), _pay(a, akey)
    moved = [f for f in PAY_FIELDS if pb[f] is not None and pa[f] is not None and pb[f] != pa[f]]
    if moved:
        one_side = [f for f in PAY_FIELDS if (pb[f] is None) != (pa[f] is None)]
        detail = ", ".join(moved) + " changed"
        if one_side:
            detail += "; stated on one side only (not a change): " + ", ".join(one_side)
        rows.append(row("pay changed", kind, title, bkey, akey, _show(pb, moved), _show(pa, moved), detail,
                        b.posts[bkey].get("pay_source"), a.posts[akey].get("pay_source")))
    sb, sa = b.posts[bkey].get("status"), a.posts[akey].get("status")
    if sb and sa and sb != sa:
        rows.append(row("status changed", "holder", title, bkey, akey, sb, sa, "", [b.posts[bkey]], [a.posts[akey]]))
    return rows


# -- lines ---------------------------------------------------------------------------------------
def _lines(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for bkey, akey in m.pairs.items():
        mb, eb = b.manager(bkey)
        ma, ea = a.manager(akey)
        if m.ident(mb) == ma:
            continue
        title = a.posts[akey]["title"]
        if mb is None:
            change, detail = "line manager gained", f"no line manager stated in {b.id}"
        elif ma is None:
            change, detail = "line manager lost", f"no line manager stated in {a.id}"
        else:
            change, detail = "line manager changed", f"moved from {b.title(mb)} to {a.title(ma)}"
        rows.append(row(change, "line management", title, bkey, akey, b.title(mb), a.title(ma), detail, [eb], [ea]))
    return rows


def _link_set(side: Side, rel: str, extra: str, ident) -> dict[tuple[str, str], tuple[Any, dict[str, Any], str, str]]:
    out = {}
    for e in side.edges(rel):
        skey, dkey = side.key_of(e["src"]), side.key_of(e["dst"])
        if e["src_label"] == "Unit":
            src, sname = f"unit:{skey}", side.unit_name(skey)
        else:
            src, sname = ident(skey), side.title(skey)
        value = e["props"].get(extra)
        out[(src, ident(dkey))] = (sorted(value) if isinstance(value, list) else value, e["props"], sname,
                                   side.title(dkey))
    return out


def _links(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for rel, kind, extra in (("ACCOUNTABLE_TO", "accountability", "mechanisms"), ("ESCALATION_LINE", "escalation", "trigger")):
        lb = _link_set(b, rel, extra, m.ident)
        la = _link_set(a, rel, extra, lambda k: k)

        def show(x: Any) -> str | None:
            return None if x is None else f"to {x[3]}" + (f" ({extra}: {_fmt(x[0])})" if x[0] else "")

        for pair in sorted(set(lb) | set(la)):
            xb, xa = lb.get(pair), la.get(pair)
            if xb and xa and xb[0] == xa[0]:
                continue
            src = pair[0]
            post_src = None if src.startswith("unit:") else src
            change = (f"{kind} line added" if xb is None else f"{kind} line removed" if xa is None
                      else f"{extra} changed")
            either = xa or xb
            rows.append(row(change, kind, either[2], m.before_of(post_src) or post_src if xb and post_src else None,
                            post_src if xa else None, show(xb), show(xa), f"{either[2]} → {either[3]}",
                            [xb[1]] if xb else [], [xa[1]] if xa else []))
    return rows


def _fmt(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


# -- designations and holders --------------------------------------------------------------------
def _designees(side: Side, ident) -> dict[str, dict[str, dict[str, Any]]]:
    """role code -> {post ident: DESIGNATED props}."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for e in side.edges("DESIGNATED"):
        code = (side.snap.node(e["dst"]) or {}).get("code", e["dst"].removeprefix("role:"))
        out.setdefault(code, {})[ident(side.key_of(e["src"]))] = e["props"]
    return out


def _designations(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    db, da = _designees(b, m.ident), _designees(a, lambda k: k)

    def names(side: Side, holders: dict[str, Any], before: bool) -> str | None:
        keys = [m.before_of(k) or k for k in holders] if before else list(holders)
        return ", ".join(sorted(side.title(k) for k in keys)) or None

    for code in sorted(set(db) | set(da)):
        hb, ha = db.get(code, {}), da.get(code, {})
        if set(hb) == set(ha):
            bases = [(k, hb[k].get("basis"), ha[k].get("basis")) for k in ha if hb[k].get("basis") != ha[k].get("basis")]
            for k, x, y in bases:
                if x and y:
                    rows.append(row("basis changed", "designation", code.upper(), m.before_of(k), k, x, y,
                                    a.title(k), [hb[k]], [ha[k]]))
            continue
        if not hb:
            change, detail = "designation assigned", f"no post designated {code.upper()} in {b.id}"
        elif not ha:
            change, detail = "designation removed", f"no post designated {code.upper()} in {a.id}"
        else:
            change, detail = "designation moved", ""
        rows.append(row(change, "designation", code.upper(), ", ".join(sorted(m.before_of(k) or k for k in hb)) or None,
                        ", ".join(sorted(ha)) or None, names(b, hb, True), names(a, ha, False), detail,
                        list(hb.values()), list(ha.values())))
    # combined: one after post holds roles that no single before post held together
    roles_a: dict[str, list[str]] = {}
    for code, holders in da.items():
        for k in holders:
            roles_a.setdefault(k, []).append(code)
    for k, codes in sorted(roles_a.items()):
        if len(codes) > 1 and not all(k in db.get(c, {}) for c in codes):
            was = "; ".join(f"{c.upper()}: {names(b, db[c], True) if db.get(c) else 'not stated'}" for c in sorted(codes))
            rows.append(row("designations combined", "designation", a.title(k), m.before_of(k), k, was,
                            f"{', '.join(c.upper() for c in sorted(codes))}: {a.title(k)}",
                            f"{a.title(k)} now holds {', '.join(c.upper() for c in sorted(codes))}",
                            [p for c in codes for p in db.get(c, {}).values()], [da[c][k] for c in codes]))
    roles_b: dict[str, list[str]] = {}
    for code, holders in db.items():
        for k in holders:
            roles_b.setdefault(k, []).append(code)
    for k, codes in sorted(roles_b.items()):
        if len(codes) > 1 and not all(k in da.get(c, {}) for c in codes):
            now = "; ".join(f"{c.upper()}: {names(a, da[c], False) if da.get(c) else 'not stated'}" for c in sorted(codes))
            bkey = m.before_of(k) or k
            rows.append(row("designations split", "designation", b.title(bkey), bkey, k if k in a.posts else None,
                            f"{', '.join(c.upper() for c in sorted(codes))}: {b.title(bkey)}", now,
                            f"{b.title(bkey)} held {', '.join(c.upper() for c in sorted(codes))}",
                            [db[c][k] for c in codes], [p for c in codes for p in da.get(c, {}).values()]))
    return rows


def _holders(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for bkey, akey in m.pairs.items():
        hb, ha = b.holders(bkey), a.holders(akey)
        if not hb or not ha or [x[0] for x in hb] == [x[0] for x in ha]:
            continue  # no holder stated on one side is "not stated", not a change
        rows.append(row("holders changed", "holder", a.posts[akey]["title"], bkey, akey,
                        "; ".join(x[0] for x in hb) or "none stated", "; ".join(x[0] for x in ha) or "none stated",
                        "", [x[1] for x in hb], [x[1] for x in ha]))
    return rows


# -- functions and units -------------------------------------------------------------------------
FUNCTION_LINKS = (("DELIVERS", "delivered by"), ("COMMISSIONS", "commissioned by"),
                  ("RESPONSIBLE_FOR", "responsibility of"))


def _function_links(side: Side, rel: str, ident) -> dict[str, dict[str, tuple[str, dict[str, Any]]]]:
    """function uid -> {holder ident: (holder name, link props)}."""
    out: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {}
    for e in side.edges(rel):
        key = side.key_of(e["src"])
        if e["src_label"] == "Unit":
            holder, name = f"unit:{key}", side.unit_name(key)
        else:
            holder, name = ident(key), side.title(key)
        out.setdefault(e["dst"], {})[holder] = (name, e["props"])
    return out


def _functions(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for rel, verb in FUNCTION_LINKS:
        fb, fa = _function_links(b, rel, m.ident), _function_links(a, rel, lambda k: k)
        for fn in sorted(set(fb) | set(fa)):
            xb, xa = fb.get(fn, {}), fa.get(fn, {})
            if set(xb) == set(xa):
                continue
            name = (b.snap.node(fn) or a.snap.node(fn) or {}).get("name", fn)
            if not xb:
                change, detail = "function assigned", f"{verb}: not stated in {b.id}"
            elif not xa:
                change, detail = "function unassigned", f"{verb}: not stated in {a.id}"
            else:
                change, detail = "function moved", verb
            show = lambda x: "; ".join(sorted(v[0] for v in x.values())) or None
            rows.append(row(change, "function", name, fn.rsplit(":", 1)[-1], fn.rsplit(":", 1)[-1], show(xb), show(xa),
                            detail, [v[1] for v in xb.values()], [v[1] for v in xa.values()]))
    return rows


def _units(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for key in sorted(set(b.units) | set(a.units)):
        ub, ua = b.units.get(key), a.units.get(key)
        if ub and ua:
            changed = [f for f in ("name", "kind") if ub.get(f) != ua.get(f)]
            if changed:
                rows.append(row("unit amended", "unit", ua["name"], key, key, _show(ub, changed), _show(ua, changed),
                                ", ".join(changed) + " changed", [ub], [ua]))
            continue
        u = ua or ub
        rows.append(row("unit added" if ua else "unit removed", "unit", u["name"], key if ub else None,
                        key if ua else None, ub and ub["name"], ua and ua["name"], u.get("kind", ""),
                        [ub] if ub else [], [ua] if ua else []))
    return rows


# -- tiers, spans, stated counts -----------------------------------------------------------------
def _tiers_spans(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for bkey, akey in m.pairs.items():
        title = a.posts[akey]["title"]
        tb, ta = b.tier(bkey), a.tier(akey)
        if tb is not None and ta is not None and tb != ta:
            rows.append(row("tier changed", "tier", title, bkey, akey, tb, ta,
                            "steps of line management up to the Head of Paid Service",
                            [b.manager(bkey)[1]], [a.manager(akey)[1]]))
        rb, ra = b.reports(bkey), a.reports(akey)
        if len(rb) != len(ra):
            gone = sorted(set(m.ident(k) for k in rb) - set(ra))
            new = sorted(set(ra) - set(m.ident(k) for k in rb))
            bits = ([f"gains {', '.join(a.title(k) for k in new)}"] if new else []) + (
                [f"loses {', '.join(b.title(m.before_of(k) or k) for k in gone)}"] if gone else [])
            rows.append(row("span changed", "span", title, bkey, akey, len(rb), len(ra), "; ".join(bits),
                            [b.manager(k)[1] for k in rb], [a.manager(k)[1] for k in ra]))
    return rows


def _counts(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    if a.snap.structure.get("supersedes") != b.id:
        return []
    for c in stated_counts(b, a):
        if c["stated_before"] is None or c["stated_after"] is None or c["stated_before"] == c["stated_after"]:
            continue
        rows.append(row("count changed", "stated count", c["what"], None, None, c["stated_before"], c["stated_after"],
                        f"recorded posts whose title contains '{c['title_contains']}': "
                        f"{c['recorded_before']} in {b.id}, {c['recorded_after']} in {a.id}",
                        c["source"], c["source"]))
    return rows
