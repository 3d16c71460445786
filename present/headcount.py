"""Headcount and cost below each post, for people: the `headcount-below` answer as a table and the
structure's totals in a sentence (the Structure page and the report show the same words).

Why here: the question gives numbers per post; a reader wants pay as a range in pounds, the posts
with nothing below left out, and the totals of the whole structure -- the posts no one manages with
everything under them, which add up to the file's own totals -- with what is not known said apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .tables import money, number

QUESTION = "headcount-below"
Row = Mapping[str, Any]


def _range(low: Any, high: Any) -> str:
    if not low and not high:
        return "none given"
    return money(low) if low == high else f"{money(low)} – {money(high)}"


def _unknown(count: Any, what: str) -> str:
    return f" ({number(count)} {what})" if count else ""


def people_rows(rows: Sequence[Row]) -> list[dict[str, str]]:
    """One row per post with anything below it, the largest first: senior posts, junior FTE and pay."""
    titles = {r["post"]: r.get("title") or r["post"] for r in rows}
    busy = [
        r for r in rows if r.get("senior_posts_below") or r.get("junior_fte_below") or r.get("junior_counted_below")
    ]
    busy.sort(key=lambda r: (-(r.get("junior_fte_below") or 0), -(r.get("senior_posts_below") or 0), r["post"]))
    return [
        {
            "Post": titles[r["post"]],
            "Reports to": titles.get(r.get("line_manager") or "", "no one (a top post)")
            if r.get("line_manager")
            else "no one (a top post)",
            "Senior posts below": number(r.get("senior_posts_below") or 0),
            "Junior FTE below": number(r.get("junior_fte_below") or 0)
            + (f"; {number(r['junior_counted_below'])} counted heads" if r.get("junior_counted_below") else ""),
            "Junior pay (FTE × scale)": _range(r.get("junior_cost_min_below"), r.get("junior_cost_max_below"))
            + _unknown(r.get("junior_fte_without_pay_below"), "FTE without a pay scale"),
            "Senior pay below": _range(r.get("senior_pay_min_below"), r.get("senior_pay_max_below"))
            + _unknown(r.get("senior_posts_without_pay_below"), "posts without pay"),
            "Inferred": "; ".join(r.get("inferred") or []) or "none",
        }
        for r in busy
    ]


def totals(rows: Sequence[Row]) -> dict[str, float]:
    """The structure's totals: the posts no one manages (in this structure) and everything under them."""
    keys = {r["post"] for r in rows}
    tops = [r for r in rows if r.get("line_manager") not in keys]
    return {
        "tops": float(len(tops)),
        "senior_posts": float(len(tops) + sum(r.get("senior_posts_below") or 0 for r in tops)),
        "junior_fte": float(sum(r.get("junior_fte_below") or 0 for r in tops)),
        "junior_counted": float(sum(r.get("junior_counted_below") or 0 for r in tops)),
        "junior_cost_min": float(sum(r.get("junior_cost_min_below") or 0 for r in tops)),
        "junior_cost_max": float(sum(r.get("junior_cost_max_below") or 0 for r in tops)),
        "junior_fte_without_pay": float(sum(r.get("junior_fte_without_pay_below") or 0 for r in tops)),
    }


def summary(rows: Sequence[Row]) -> str:
    """The totals in one sentence, saying what they rest on."""
    t = totals(rows)
    if not rows:
        return "No posts."
    tops = int(t["tops"])
    rest = (
        "the one post no one manages and everything under it"
        if tops == 1
        else f"the {tops} posts no post of this structure manages, and everything under them"
    )
    junior = f"{number(t['junior_fte'])} junior FTE" + (
        f", paid {_range(t['junior_cost_min'], t['junior_cost_max'])} a year by their pay scales"
        if t["junior_cost_max"]
        else ""
    )
    return (
        f"In all ({rest}): {number(t['senior_posts'])} senior posts, {junior}"
        + _unknown(t["junior_fte_without_pay"], "FTE without a pay scale")
        + (f", {number(t['junior_counted'])} counted heads" if t["junior_counted"] else "")
        + "."
    )
