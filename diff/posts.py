"""Diff sections about posts: created, deleted, amended and re-paid; line management; tiers,
spans and the documents' stated counts."""

from __future__ import annotations

from typing import Any

from remit.queries.side import Side

from .cost import stated_counts
from .match import Matching, inferred_reason
from .rows import NOT_RECORDED_BEFORE, NOT_STATED_AFTER, PAY_FIELDS, row, show


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

    return {
        "title": (p.get("title"), p.get("title"), [p]),
        "kind": (p.get("kind", "officer"), p.get("kind", "officer"), [p]),
        "unit": unit("IN_UNIT"),
        "heads": unit("HEADS"),
        "designations": codes("DESIGNATED", "code"),
        "commissions": codes("COMMISSIONS", "name"),
        "responsible for": codes("RESPONSIBLE_FOR", "name"),
    }


def _pay(side: Side, key: str) -> dict[str, Any]:
    p = side.posts[key]
    salary = p.get("salary")
    if salary is None and p.get("salary_min") is not None:
        salary = f"{p['salary_min']}–{p['salary_max']}"
    return {
        "grade": p.get("grade"),
        "salary": salary,
        "fte": p.get("fte"),
        "on_costs": p.get("on_costs"),
        "total_cost": p.get("total_cost"),
    }


def _summary(side: Side, key: str) -> str:
    p = side.posts[key]
    bits = [p.get("title") or key]
    manager = side.manager(key)[0]
    if manager:
        bits.append(f"reports to {side.title(manager)}")
    roles = _role(side, key)["designations"][1]
    if roles != "none":
        bits.append(f"designated {roles}")
    if p.get("status") == "vacant":
        bits.append(f"vacant since {p['vacant_from']}" if p.get("vacant_from") else "vacant")
    return "; ".join(bits)


def posts_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    """Posts on one side only. "created" / "deleted" only where a document states it (a post's
    `created`, the after structure's `deletes`, a successor's `replaces`) or both sides list every post
    (imported tables); otherwise the other side's document is silent: "not recorded before" / "not stated
    after"."""
    rows = []
    both_listed = b.complete and a.complete
    deletes = a.deletes()
    for key in m.created:
        p = a.posts[key]
        detail = ""
        stated = a.created(key)
        ev_b: list[Any] = []
        ev_a: list[Any] = [p] + [e["props"] for e in a.out_links("REPLACES", key)]
        if key in m.predecessors:
            olds = m.predecessors[key]
            detail = "replaces " + ", ".join(f"{b.title(k)} ({k})" for k in olds)
            ev_b = [b.posts[k] for k in olds]
        if stated:
            ev_a.append(stated)
            detail = "; ".join(x for x in (detail, f"stated: \u201c{stated['quote']}\u201d") if x)
        if stated or key in m.predecessors or both_listed:
            change = "created"
        else:
            change = NOT_RECORDED_BEFORE
            detail = f"not in {b.id}; no document says the post is new"
        rows.append(row(change, _post_kind(p), p["title"], None, key, None, _summary(a, key), detail, ev_b, ev_a))
    for key in m.deleted:
        p = b.posts[key]
        heirs = m.successors.get(key, [])
        detail = ("succeeded by " + ", ".join(f"{a.title(k)} ({k})" for k in heirs)) if heirs else ""
        ev_a = [e["props"] for h in heirs for e in a.out_links("REPLACES", h)] + [a.posts[h] for h in heirs]
        if key in deletes:
            ev_a.append(deletes[key])
            detail = "; ".join(x for x in (detail, f"stated: \u201c{deletes[key]['quote']}\u201d") if x)
        if heirs or key in deletes or both_listed:
            change = "deleted"
        else:
            change = NOT_STATED_AFTER
            detail = f"not in {a.id}; no document says the post is deleted"
        rows.append(row(change, _post_kind(p), p["title"], key, None, _summary(b, key), None, detail, [p], ev_a))
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
        rows.append(
            row(
                "amended" if changed else "matched",
                kind,
                title,
                bkey,
                akey,
                show(vb, changed),
                show(va, changed),
                detail,
                [b.posts[bkey]] + [e for f in changed for e in rb[f][2]],
                [a.posts[akey]] + [e for f in changed for e in ra[f][2]],
            )
        )
    pb, pa = _pay(b, bkey), _pay(a, akey)
    moved = [f for f in PAY_FIELDS if pb[f] is not None and pa[f] is not None and pb[f] != pa[f]]
    if moved:
        one_side = [f for f in PAY_FIELDS if (pb[f] is None) != (pa[f] is None)]
        detail = ", ".join(moved) + " changed"
        if one_side:
            detail += "; stated on one side only (not a change): " + ", ".join(one_side)
        rows.append(
            row(
                "pay changed",
                kind,
                title,
                bkey,
                akey,
                show(pb, moved),
                show(pa, moved),
                detail,
                b.posts[bkey].get("pay_source"),
                a.posts[akey].get("pay_source"),
            )
        )
    sb, sa = b.posts[bkey].get("status"), a.posts[akey].get("status")
    if sb and sa and sb != sa:
        rows.append(row("status changed", "holder", title, bkey, akey, sb, sa, "", [b.posts[bkey]], [a.posts[akey]]))
    return rows


# -- lines ---------------------------------------------------------------------------------------
def lines_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for bkey, akey in m.pairs.items():
        mb, eb = b.manager(bkey)
        ma, ea = a.manager(akey)
        if m.ident(mb) == ma:
            continue
        title = a.posts[akey]["title"]
        # One side's documents silent on the line is not a change (issue 21: Barnet's Director of Streetscene).
        if mb is None:
            change, detail = "line manager not stated before", f"no line manager stated in {b.id}"
        elif ma is None:
            change, detail = "line manager not stated after", f"no line manager stated in {a.id}"
        else:
            change, detail = "line manager changed", f"moved from {b.title(mb)} to {a.title(ma)}"
        detail += "".join(
            f"; {when} line inferred ({e['rule']})"
            for when, e in (("before:", eb), ("after:", ea))
            if e and e.get("inferred")
        )
        rows.append(row(change, "line management", title, bkey, akey, b.title(mb), a.title(ma), detail, [eb], [ea]))
    return rows


def tiers_spans_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    for bkey, akey in m.pairs.items():
        title = a.posts[akey]["title"]
        tb, ta = b.tier(bkey), a.tier(akey)
        if tb is not None and ta is not None and tb != ta:
            rows.append(
                row(
                    "tier changed",
                    "tier",
                    title,
                    bkey,
                    akey,
                    tb,
                    ta,
                    "steps of line management up to the Head of Paid Service",
                    [b.manager(bkey)[1]],
                    [a.manager(akey)[1]],
                )
            )
        rb, ra = b.reports(bkey), a.reports(akey)
        if len(rb) != len(ra):
            gone = sorted({m.ident(k) for k in rb} - set(ra))
            new = sorted(set(ra) - {m.ident(k) for k in rb})
            bits = ([f"gains {', '.join(a.title(k) for k in new)}"] if new else []) + (
                [f"loses {', '.join(b.title(m.before_of(k) or k) for k in gone)}"] if gone else []
            )
            rows.append(
                row(
                    "span changed",
                    "span",
                    title,
                    bkey,
                    akey,
                    len(rb),
                    len(ra),
                    "; ".join(bits),
                    [b.manager(k)[1] for k in rb],
                    [a.manager(k)[1] for k in ra],
                )
            )
    return rows


def counts_changes(b: Side, a: Side, m: Matching) -> list[dict[str, Any]]:
    rows = []
    if a.snap.structure.get("supersedes") != b.id:
        return []
    for c in stated_counts(b, a):
        if c["stated_before"] is None or c["stated_after"] is None or c["stated_before"] == c["stated_after"]:
            continue
        rows.append(
            row(
                "count changed",
                "stated count",
                c["what"],
                None,
                None,
                c["stated_before"],
                c["stated_after"],
                f"recorded posts whose title contains '{c['title_contains']}': "
                f"{c['recorded_before']} in {b.id}, {c['recorded_after']} in {a.id}",
                c["source"],
                c["source"],
            )
        )
    return rows
