"""The chart as a table: the same posts, lines and roles as text, for readers who cannot use the
picture (public sector sites must offer one) and for the printed report."""

from __future__ import annotations

from typing import Any

from .orgchart import ROLE_BADGES, ChartGraph, tiers

COLUMNS = ("Post", "Tier", "Line manager", "Unit", "Statutory roles", "Held by", "Other lines", "Change")


def chart_rows(graph: ChartGraph, changes: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per post (and unit drawn as a node), top tier first, then by title."""
    levels = tiers(graph)
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
    for key, p in sorted(graph.posts.items(), key=lambda kv: (levels.get(kv[0], 0), kv[1].title.lower(), kv[0])):
        roles = [
            ROLE_BADGES.get(c, c.upper()) + (f" ({b})" if b else "") + _mark(p.inferred, f"role:{c}")
            for c, b in p.roles
        ]
        holders = [
            (n or "not named") + (f" ({b})" if b else "") + _mark(p.inferred, f"holder:{n}") for n, b in p.holders
        ]
        row = {
            "Post": p.title
            + (" (unit)" if p.kind == "unit" else "")
            + (" (vacant)" if p.vacant else "")
            + _mark(p.inferred, "post"),
            "Tier": levels.get(key, 0) if p.manager or key in {q.manager for q in graph.posts.values()} else None,
            "Line manager": (title.get(p.manager, p.manager) + manager_inferred.get(key, "")) if p.manager else None,
            "Unit": p.unit if p.kind != "unit" else None,
            "Statutory roles": "; ".join(roles) or "none",
            "Held by": "; ".join(holders) or None,
            "Other lines": "; ".join(other.get(key, [])) or "none",
        }
        if changes is not None:
            row["Change"] = changes.get(key, "unchanged")
        rows.append(row)
    return rows


def _mark(inferred: dict[str, str], what: str) -> str:
    """ " (inferred: REASONING)" after a fact the documents support only by inference; "" if stated."""
    return f" (inferred: {inferred[what]})" if what in inferred else ""
