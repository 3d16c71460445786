"""A post's details and the evidence for each fact, read from a snapshot (no Streamlit, unit-tested).

Every fact the Structure page shows about a post comes with the source id and the quote it rests
on, because a reader of an accountability chart must be able to check each line against the paper.
"""

from __future__ import annotations

from typing import Any

from remit.loader.schema import last_part
from remit.present.orgchart import inference, settlement
from remit.queries.snapshot import Snapshot

REL_WORDS = {
    "LINE_MANAGED_BY": ("line managed by", "line manages"),
    "ACCOUNTABLE_TO": ("accountable to", "has accountable to it"),
    "ESCALATION_LINE": ("escalation line to", "escalation line from"),
    "DESIGNATED": ("designated", None),
    "HOLDS": (None, "held by"),
    "IN_UNIT": ("in unit", None),
    "HEADS": ("heads unit", None),
    "COMMISSIONS": ("commissions", None),
    "RESPONSIBLE_FOR": ("responsible for", None),
    "REPLACES": ("replaces", "replaced by"),
    "ASSESSES": (None, "assessed by review"),
}


def _name(snap: Snapshot, uid: str) -> str:
    n = snap.node(uid) or {}
    label = n.get("_label")
    if label == "Post":
        return f"{n.get('title')} ({n.get('key')})"
    if label == "Person":
        return n.get("name") or "holder not named"
    if label == "StatutoryRole":
        return f"{n.get('name')} ({n.get('code')})"
    if label == "AssuranceReview":
        return f"review {n.get('id')}"
    return n.get("name") or n.get("key") or last_part(uid)


def _money(x: Any) -> str | None:
    return None if x is None else f"£{x:,.0f}" if isinstance(x, (int, float)) else str(x)


def post_summary(snap: Snapshot, key: str) -> dict[str, Any]:
    """Holder, grade, salary, unit, roles and functions of one post, as shown in the detail panel."""
    post = snap.posts()[key]
    uid = post["uid"]
    holders, roles, functions, unit = [], [], [], None
    for e in snap.edges:
        t, props = e["type"], e["props"]
        if e["dst"] == uid and t == "HOLDS":
            holders.append(
                _name(snap, e["src"])
                + (f" ({props['basis']})" if props.get("basis") else "")
                + (f", from {props['from']}" if props.get("from") else "")
                + (f", to {props['to']}" if props.get("to") else "")
            )
        if e["src"] != uid:
            continue
        if t == "DESIGNATED":
            roles.append(
                _name(snap, e["dst"])
                + (f" ({props['basis']})" if props.get("basis") else "")
                + (" (joint)" if props.get("joint") else "")
            )
        elif t in ("COMMISSIONS", "RESPONSIBLE_FOR"):
            functions.append(f"{_name(snap, e['dst'])} ({'commissions' if t == 'COMMISSIONS' else 'responsible for'})")
        elif t in ("IN_UNIT", "HEADS") and (unit is None or t == "IN_UNIT"):
            unit = _name(snap, e["dst"])
    salary = _money(post.get("salary"))
    if salary is None and post.get("salary_min") is not None:
        salary = f"{_money(post['salary_min'])} – {_money(post.get('salary_max'))}"
    return {
        "title": post.get("title"),
        "key": key,
        "holder": "; ".join(holders) or "not stated",
        "status": post.get("status") or "not stated",
        "grade": post.get("grade") or "not stated",
        "salary": salary or "not stated",
        "on-costs": _money(post.get("on_costs")) or "not stated",
        "total cost": _money(post.get("total_cost")) or "not stated",
        "unit": unit or "not stated",
        "statutory roles": "; ".join(sorted(roles)) or "none",
        "functions": "; ".join(sorted(functions)) or "none",
        "note": post.get("note") or "",
    }


def post_facts(snap: Snapshot, key: str) -> list[dict[str, Any]]:
    """One row per fact about the post (its existence, pay, and each line in or out) with evidence,
    and whether the document states it or supports it only by inference (with the reasoning)."""
    post = snap.posts()[key]
    uid = post["uid"]
    rows = [
        {
            "fact": f"post exists: {post.get('title')}",
            "source": post.get("source"),
            "quote": post.get("quote"),
            "stated or inferred": _how(post),
            "settled": settlement(post),
        }
    ]
    if post.get("pay_source"):
        bits = [
            f"{k} {post[k]}"
            for k in ("grade", "salary", "salary_min", "salary_max", "on_costs", "fte", "total_cost")
            if post.get(k) is not None
        ]
        pay = {"inferred": post.get("pay_inferred"), "rule": post.get("pay_rule")}
        rows.append(
            {
                "fact": "pay: " + ", ".join(bits),
                "source": post.get("pay_source"),
                "quote": post.get("pay_quote"),
                "stated or inferred": _how(pay),
                "settled": settlement(post, "pay_"),
            }
        )
    for e in snap.edges:
        words = REL_WORDS.get(e["type"])
        if not words or not e["props"].get("source"):
            continue
        props = e["props"]
        extra = ""
        if props.get("basis"):
            extra += f" ({props['basis']})"
        if props.get("mechanisms"):
            extra += " — " + "; ".join(props["mechanisms"])
        if props.get("trigger"):
            extra += f" — when: {props['trigger']}"
        if e["src"] == uid and words[0]:
            rows.append(
                {
                    "fact": f"{words[0]} {_name(snap, e['dst'])}{extra}",
                    "source": props.get("source"),
                    "quote": props.get("quote"),
                    "stated or inferred": _how(props),
                    "settled": settlement(props),
                }
            )
        elif e["dst"] == uid and words[1]:
            rows.append(
                {
                    "fact": f"{words[1]} {_name(snap, e['src'])}{extra}",
                    "source": props.get("source"),
                    "quote": props.get("quote"),
                    "stated or inferred": _how(props),
                    "settled": settlement(props),
                }
            )
    return rows


def _how(props: dict[str, Any]) -> str:
    rule = inference(props)
    return f"inferred: {rule}" if rule else "stated"


# Other names people search statutory roles by (the role's own code and name are searched too).
ROLE_ALIASES = {
    "hops": ("head of paid service", "chief executive"),
    "s151": ("s151", "section 151", "chief finance officer", "chief financial officer", "cfo"),
    "mo": ("monitoring officer",),
    "dcs": ("director of children's services", "children's services director"),
    "dass": ("director of adult social services", "adult social services director"),
    "dph": ("director of public health",),
    "lmcs": ("lead member for children's services", "lead member"),
}


def _norm(text: str) -> str:
    """Lower case, punctuation dropped, spaces single: "S.151" and "s151" match, so do curly quotes."""
    return " ".join("".join(c if c.isalnum() or c.isspace() else "" for c in text.lower()).split())


def search_posts(snap: Snapshot, text: str) -> list[str]:
    """Post keys matching the text (case and punctuation ignored), best first: a statutory role's
    code or name (DCS, s151, "monitoring officer"), then the title, the holder's name, the unit,
    the key. The words as typed, together, first; only if nothing has them together, posts with
    every word somewhere."""
    posts = snap.posts()
    order = sorted(posts, key=lambda k: ((posts[k].get("title") or k).lower(), k))
    words = _norm(text).split()
    if not words:
        return order
    needle = " ".join(words)
    by_uid = {p["uid"]: k for k, p in posts.items()}
    fields: dict[str, dict[str, list[str]]] = {k: {"role": [], "holder": [], "unit": []} for k in posts}
    for e in snap.edges:
        key = by_uid.get(e["src"]) if e["type"] != "HOLDS" else by_uid.get(e["dst"])
        if key is None:
            continue
        other = snap.node(e["dst"] if e["type"] != "HOLDS" else e["src"]) or {}
        if e["type"] == "DESIGNATED":
            code = other.get("code") or ""
            fields[key]["role"] += [code, other.get("name") or "", *ROLE_ALIASES.get(code, ())]
        elif e["type"] == "HOLDS":
            fields[key]["holder"].append(other.get("name") or "")
        elif e["type"] in ("IN_UNIT", "HEADS"):
            fields[key]["unit"].append(other.get("name") or other.get("key") or "")

    def score(key: str) -> int | None:
        f = fields[key]
        texts = {
            "role": [_norm(x) for x in f["role"]],
            "title": [_norm(posts[key].get("title") or "")],
            "holder": [_norm(x) for x in f["holder"]],
            "unit": [_norm(x) for x in f["unit"]],
            "key": [_norm(key.replace("-", " "))],
        }
        everything = " ".join(t for ts in texts.values() for t in ts)
        if not all(w in everything for w in words):
            return None
        if needle in texts["role"]:
            return 0  # the role itself: "DCS", "monitoring officer"
        for rank, what in enumerate(("role", "title", "holder", "unit", "key"), start=1):
            if any(needle in t for t in texts[what]):
                return rank
        return 6  # every word, but not together

    scored = [(s, i, k) for i, k in enumerate(order) if (s := score(k)) is not None]
    together = [x for x in scored if x[0] < 6]
    return [k for _, _, k in sorted(together or scored)]


def highlighted_posts(rows: list[dict[str, Any]], post_keys: set[str]) -> set[str]:
    """Post keys an answer is about: its `post` (or `post_key`) column; for `function-owner`, the
    post a row is about (`key` where its subject is a post) and the heads of a unit or body that
    delivers it. Other columns that name posts (line managers, reports) are context, and
    highlighting them would hide the answer."""
    found: set[str] = set()
    for r in rows:
        for col, value in r.items():
            if col in ("post", "post_key") or (col == "key" and r.get("subject") == "post") or col == "heads":
                values = value if isinstance(value, list) else [value]
                found.update(v for v in values if isinstance(v, str) and v in post_keys)
    return found
