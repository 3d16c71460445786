"""The cost side of a diff: totals computed from the per-post figures beside the document's own.

Committee papers print their own totals and change line; transcription slips and the papers'
own rounding show up as a gap between those and the sum of the rows, so both are shown.
Only officer posts count (member roles are not on the establishment), and a post without a
figure is counted as such rather than taken as zero.
"""

from __future__ import annotations

from typing import Any

from remit.queries.side import Side

METRICS = ("salary", "salary_min", "salary_max", "on_costs", "total_cost", "fte")
# Junior staff under senior posts (organogram grade groups): headcount and pay-range cost roll up,
# shown only when either side has any.
JUNIOR_METRICS = ("junior_fte", "junior_cost_min", "junior_cost_max")
COST_COLUMNS = (
    "metric",
    "note",
    "before",
    "after",
    "difference",
    "stated_before",
    "stated_after",
    "stated_change",
    "gap_before",
    "gap_after",
    "gap_change",
    "posts_with_before",
    "posts_without_before",
    "posts_with_after",
    "posts_without_after",
    "inferred",
)


def _num(x: float | int | None) -> float | int | None:
    if x is None:
        return None
    x = round(x, 2)
    return int(x) if float(x).is_integer() else x


def _sub(x: Any, y: Any) -> Any:
    return None if x is None or y is None else _num(x - y)


def _figure(post: dict[str, Any], metric: str) -> Any:
    """A post's figure for a metric; a salary range contributes its ends to salary_min / salary_max,
    and a single salary counts at both ends, so min-max totals cover every post with a salary."""
    if metric == "salary_min":
        return post.get("salary_min", post.get("salary"))
    if metric == "salary_max":
        return post.get("salary_max", post.get("salary"))
    return post.get(metric)


def _officers(side: Side) -> list[dict[str, Any]]:
    return [p for _, p in sorted(side.posts.items()) if p.get("kind", "officer") != "member"]


def _totals(side: Side, metric: str) -> tuple[Any, int, int]:
    figures = [_figure(p, metric) for p in _officers(side)]
    found = [f for f in figures if f is not None]
    return (_num(sum(found)) if found else None), len(found), len(figures) - len(found)


def cost_summary(b: Side, a: Side) -> dict[str, Any]:
    # The document's change line and counts describe the restructure that produced AFTER, so they
    # are set beside the computed change only when AFTER supersedes BEFORE.
    own = a.snap.structure.get("supersedes") == b.id
    sb, sa = b.stated("stated_totals"), a.stated("stated_totals")
    sc = a.stated("stated_change") if own else {}
    metrics = []
    juniors = any(p.get("junior_fte") is not None for side in (b, a) for p in side.posts.values())
    for metric in METRICS + (JUNIOR_METRICS if juniors else ()):
        (tb, wb, nb), (ta, wa, na) = _totals(b, metric), _totals(a, metric)
        diff = _sub(ta, tb)
        stated_change = sc.get(metric)
        metrics.append(
            {
                "metric": metric,
                "note": _note(b, a, metric, tb, ta, diff, sb.get(metric), sa.get(metric), stated_change)
                if own
                else None,
                "inferred": _pay_inferences(b, a, metric),
                "before": tb,
                "after": ta,
                "difference": diff,
                "stated_before": sb.get(metric),
                "stated_after": sa.get(metric),
                "stated_change": sc.get(metric),
                "gap_before": _sub(tb, sb.get(metric)),
                "gap_after": _sub(ta, sa.get(metric)),
                "gap_change": _sub(diff, sc.get(metric)),
                "posts_with_before": wb,
                "posts_without_before": nb,
                "posts_with_after": wa,
                "posts_without_after": na,
            }
        )
    posts = [
        {
            "structure": side.id,
            "key": p["key"],
            "title": p.get("title"),
            **{
                m: _figure(p, m)
                for m in ("grade", "salary", "salary_min", "salary_max", "on_costs", "total_cost", "fte")
            },
            "source": p.get("pay_source"),
        }
        for side in (b, a)
        for p in _officers(side)
    ]
    return {
        "columns": list(COST_COLUMNS),
        "metrics": metrics,
        "stated": {"totals_before": sb or None, "totals_after": sa or None, "change": sc or None},
        "counts": stated_counts(b, a) if own else [],
        "posts": posts,
    }


def _pay_inferences(b: Side, a: Side, metric: str) -> list[str]:
    """The inferred pay figures a computed total rests on ("reasoning [source]")."""
    out = set()
    for side in (b, a):
        for p in _officers(side):
            if p.get("pay_inferred") and _figure(p, metric) is not None:
                out.add(f"{p.get('pay_rule')} [{p.get('pay_source')}]")
    return sorted(out)


def _note(
    b: Side, a: Side, metric: str, tb: Any, ta: Any, diff: Any, stated_b: Any, stated_a: Any, stated_change: Any
) -> str | None:
    """Why the computed change differs from the document's own figure, in words (issue 21: Barnet's FTE,
    −2 from the posts against the table's (1))."""
    if diff is None or stated_change is None or diff == stated_change:
        return None
    deleted = sum(1 for r in a.deletes() if r in b.posts)
    created = sum(1 for k in a.posts if a.created(k) is not None and k not in b.posts)
    said = (
        f"The document states {stated_b} -> {stated_a} ({stated_change})"
        if stated_a is not None
        else (f"The document states a change of {stated_change}")
    )
    bits = [
        f"Computed from the posts recorded: {tb} -> {ta} ({diff}).",
        f"{said}.",
    ]
    if metric == "fte" and (deleted or created):
        bits.append(
            f"The document's own lists delete {deleted} posts and create {created} ({tb} - {deleted} + {created} = "
            f"{tb - deleted + created if isinstance(tb, (int, float)) else 'n/a'}), which the computed figure follows; "
            "the gap is the document's own."
        )
    return " ".join(bits)


def stated_counts(b: Side, a: Side) -> list[dict[str, Any]]:
    """The document's own counts of the restructure producing AFTER, beside the posts recorded."""
    out = []
    for c in a.stated_counts():
        needle = (c["title_contains"] or "").lower()

        def count(side: Side) -> int:
            return sum(1 for p in side.posts.values() if needle and needle in (p.get("title") or "").lower())

        out.append(
            {
                "what": c["what"],
                "title_contains": c["title_contains"],
                "stated_before": c["before"],
                "stated_after": c["after"],
                "recorded_before": count(b),
                "recorded_after": count(a),
                "source": c["source"],
                "quote": c["quote"],
            }
        )
    return out
