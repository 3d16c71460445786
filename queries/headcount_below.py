"""`headcount-below`: the senior posts, junior staff (FTE and counted heads) and pay ranges under each post.

Why: an organogram's junior file counts staff by grade under each senior post, and a restructure
question is often "how many people, and what pay, sit under this director?". The answer rolls each
post's own junior rows up through its line-management tree, so the rows of the posts no one manages
add up to the file's totals. Pay is summed where the file gives it; what it does not give is counted
apart (junior FTE without a pay scale, senior posts without pay), never taken as nought. A roll-up
rests on every line below the post: an inferred one is listed in `inferred`.

Both stores return each post's own figures and line (headcount_below.cypher); `roll_up` sums them in
Python once, so the two stores agree to the last digit.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import graph_helpers as h
from .catalogue import Question, register

COLUMNS = (
    "post",
    "title",
    "line_manager",
    "senior_posts_below",
    "junior_fte",
    "junior_fte_below",
    "junior_counted_below",
    "junior_cost_min_below",
    "junior_cost_max_below",
    "junior_fte_without_pay_below",
    "senior_pay_min_below",
    "senior_pay_max_below",
    "senior_posts_without_pay_below",
    "inferred",
    "sources",
)
RAW = (
    "post",
    "title",
    "kind",
    "line_manager",
    "line_inferred",
    "line_rule",
    "line_source",
    "source",
    "salary",
    "salary_min",
    "salary_max",
    "junior_fte_each",
    "junior_min",
    "junior_max",
    "junior_counts",
)


def answer(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    """Each post's own figures and line, as headcount_below.cypher returns them."""
    rows = []
    for p in h.posts(g, structure):
        a = h.node(g, p)
        lm = h.line_manager(g, p)
        line = lm[1] if lm else {}
        rows.append(
            {
                "post": a["key"],
                "title": a.get("title"),
                "kind": a.get("kind"),
                "line_manager": h.key(g, lm[0]) if lm else None,
                "line_inferred": bool(line.get("inferred")),
                "line_rule": line.get("rule"),
                "line_source": line.get("source"),
                "source": a.get("source"),
                "salary": a.get("salary"),
                "salary_min": a.get("salary_min"),
                "salary_max": a.get("salary_max"),
                "junior_fte_each": list(a.get("junior_fte_each") or []),
                "junior_min": list(a.get("junior_min") or []),
                "junior_max": list(a.get("junior_max") or []),
                "junior_counts": list(a.get("junior_counts") or []),
            }
        )
    return rows


def _own(row: dict[str, Any]) -> dict[str, float]:
    """A post's own junior figures (-1 in the lists: not given) and its own pay range."""
    fte = [float(x or 0) for x in row.get("junior_fte_each") or []]
    lo = [float(x) for x in row.get("junior_min") or []] + [-1.0] * len(fte)
    hi = [float(x) for x in row.get("junior_max") or []] + [-1.0] * len(fte)
    counts = [int(x) for x in row.get("junior_counts") or [] if x is not None and x >= 0]
    priced = [i for i in range(len(fte)) if lo[i] >= 0 and hi[i] >= 0]
    low = row.get("salary_min") if row.get("salary_min") is not None else row.get("salary")
    high = row.get("salary_max") if row.get("salary_max") is not None else row.get("salary")
    return {
        "junior_fte": sum(fte),
        "junior_counted": float(sum(counts)),
        "junior_cost_min": sum(fte[i] * lo[i] for i in priced),
        "junior_cost_max": sum(fte[i] * hi[i] for i in priced),
        "junior_fte_without_pay": sum(fte[i] for i in range(len(fte)) if i not in priced),
        "pay_min": float(low) if low is not None else 0.0,
        "pay_max": float(high) if high is not None else 0.0,
        "without_pay": 1.0 if low is None or high is None else 0.0,
        "officer": 1.0 if (row.get("kind") or "officer") == "officer" else 0.0,
    }


def _figure(x: float) -> float | int:
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def roll_up(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each post's figures summed over the posts below it (its line-management tree), in key order."""
    rows = {r["post"]: r for r in sorted(raw, key=lambda r: r["post"])}
    children: dict[str, list[str]] = {}
    for key, r in rows.items():
        if r.get("line_manager") in rows:
            children.setdefault(r["line_manager"], []).append(key)
    own = {key: _own(r) for key, r in rows.items()}
    out = []
    for key, r in rows.items():
        below: list[str] = []
        stack, seen = list(children.get(key, [])), {key}
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            below.append(k)
            stack.extend(children.get(k, []))
        team = [key, *below]

        def total(name: str, posts: list[str]) -> float | int:
            return _figure(sum((own[k][name] for k in sorted(posts)), 0.0))

        lines = [rows[k] for k in below]
        out.append(
            {
                "post": key,
                "title": r.get("title"),
                "line_manager": r.get("line_manager"),
                "senior_posts_below": total("officer", below),
                "junior_fte": _figure(own[key]["junior_fte"]),
                "junior_fte_below": total("junior_fte", team),
                "junior_counted_below": total("junior_counted", team),
                "junior_cost_min_below": total("junior_cost_min", team),
                "junior_cost_max_below": total("junior_cost_max", team),
                "junior_fte_without_pay_below": total("junior_fte_without_pay", team),
                "senior_pay_min_below": total("pay_min", below),
                "senior_pay_max_below": total("pay_max", below),
                "senior_posts_without_pay_below": total("without_pay", below),
                "inferred": sorted(
                    {f"{x.get('line_rule')} [{x.get('line_source')}]" for x in lines if x.get("line_inferred")}
                ),
                "sources": sorted({s for x in [r, *lines] for s in (x.get("source"), x.get("line_source")) if s}),
            }
        )
    return out


QUESTION = register(
    Question(
        id="headcount-below",
        title="Headcount and cost below each post",
        description="Senior posts, junior FTE (and heads where counted) and pay ranges under each post, rolled up "
        "through line management; the posts no one manages add up to the structure's totals. Pay not given is "
        "counted apart (`junior_fte_without_pay_below`, `senior_posts_without_pay_below`), never taken as nought.",
        columns=COLUMNS,
        cypher_file="headcount_below.cypher",
        nx=answer,
        params=(h.STRUCTURE,),
        sort_by=("post",),
        finish=roll_up,
    )
)
