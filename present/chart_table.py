"""The chart as a table: the same posts, lines and roles as text, for readers who cannot use the
picture (public sector sites must offer one) and for the printed report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .orgchart import ROLE_BADGES, ChartGraph, tiers

COLUMNS = ("Post", "Tier", "Line manager", "Unit", "Statutory roles", "Held by", "Other lines", "Change")


def tier_map(rows: Iterable[Mapping[str, Any]]) -> dict[str, int | None]:
    """Post key -> tier from `span-of-control` rows: the tier every answer gives (steps below the
    top post; None where the documents do not connect the post to it)."""
    return {r["post"]: r.get("tier") for r in rows}


def chart_rows(
    graph: ChartGraph, changes: dict[str, str] | None = None, tier: Mapping[str, int | None] | None = None
) -> list[dict[str, Any]]:
    """One row per post (and unit drawn as a node), in the chart's order (top of each tree first),
    then by title (with `tier`, by it: posts with no tier last). `tier` is the `span-of-control` answer's (tier_map): the same tier as `remit
    ask` and every rule, not the chart's drawing depth; without it the row has no tier."""
    levels: Mapping[str, int | None] = tier if tier is not None else tiers(graph)
    title = {k: p.title for k, p in graph.posts.items()}
    other: dict[str, list[str]] = {}
    manager_inferred: dict[str, str] = {}
    for e in graph.edges:
        mark = f" (inferred: {e.inferred})" if e.inferred else ""
        if e.type == "ACCOUNTABLE_TO":
            other.setdefault(e.src, []).append(f"accountable to {title.get(e.dst, e.dst)}{mark}")
            other.setdefault(e.dst, []).append(f"{title.get(e.src, e.src)} accountable to it{mark}")
        elif e.type == "ESCALATION_LINE":
            other.setdefault(e.src, []).append(f"escalation line to {title.get(e.dst, e.dst)}{mark}")
        elif e.type == "LINE_MANAGED_BY" and e.inferred:
            manager_inferred[e.src] = mark
    rows = []

    def order(kv: tuple[str, Any]) -> tuple[int, str, str]:
        level = levels.get(kv[0])
        return (level if level is not None else 1000, kv[1].title.lower(), kv[0])

    for key, p in sorted(graph.posts.items(), key=order):
        roles = [
            ROLE_BADGES.get(c, c.upper()) + (f" ({b})" if b else "") + _mark(p.inferred, f"role:{c}")
            for c, b in p.roles
        ]
        holders = [
            (n or "not named") + (f" ({b})" if b else "") + _mark(p.inferred, f"holder:{n}") for n, b in p.holders
        ]
        row: dict[str, Any] = {
            "Post": p.title
            + (" (unit)" if p.kind == "unit" else "")
            + (" (vacant)" if p.vacant else "")
            + _mark(p.inferred, "post"),
            "Line manager": (title.get(p.manager, p.manager) + manager_inferred.get(key, "")) if p.manager else None,
            "Unit": p.unit if p.kind != "unit" else None,
            "Statutory roles": "; ".join(roles) or "none",
            "Held by": "; ".join(holders) or None,
            "Other lines": "; ".join(other.get(key, [])) or "none",
        }
        if tier is not None:
            row["Tier"] = tier.get(key)
        if changes is not None:
            row["Change"] = changes.get(key, "unchanged")
        rows.append(row)
    return rows


def _mark(inferred: dict[str, str], what: str) -> str:
    """ " (inferred: REASONING)" after a fact the documents support only by inference; "" if stated."""
    return f" (inferred: {inferred[what]})" if what in inferred else ""
