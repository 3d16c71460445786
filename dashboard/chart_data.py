"""What the chart component is sent: vis-network nodes and edges placed by queries.layout, the
"+N" markers of collapsed managers, the legend and the post to focus. Pure (no Streamlit) so
payloads are unit-tested, and kept small: only the nodes drawn are sent, never vis-network itself."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from remit.present.layout import Layout, layout
from remit.present.orgchart import ChartGraph, ChartPost

from .chart_style import (
    CHANGE_COLOURS,
    EDGE_STYLES,
    HIGHLIGHT_BORDER,
    MARKER_COLOUR,
    NO_UNIT_COLOUR,
    TEMPORARY_BORDER,
    UNIT_NODE_COLOUR,
    legend,
    options,
    unit_colours,
)

TOGGLE = "toggle:"  # id prefix of a marker node: clicking it expands or collapses its manager


def tooltip(p: ChartPost, change: str | None) -> str:
    lines = [p.title]
    if p.kind == "unit":
        lines.append("Unit (drawn because it has lines of its own)")
    elif p.unit:
        lines.append(f"Unit: {p.unit}")
    for code, basis in p.roles:
        lines.append(f"Statutory role: {code}" + (f" ({basis})" if basis else ""))
    for name, basis in p.holders:
        lines.append(f"Held by: {name or 'not named'}" + (f" ({basis})" if basis else ""))
    if p.vacant:
        lines.append("Vacant")
    for what, rule in sorted(p.inferred.items()):
        lines.append(f"Inferred ({what.replace(':', ' ')}): {rule}")
    for what, who in sorted(p.settled.items()):
        lines.append(f"{what.replace(':', ' ').capitalize()}: {who}")
    if change:
        lines.append(f"Change: {change}")
    return "\n".join(lines)


def _node(p: ChartPost, xy: tuple[int, int], fill: str, change: str | None, hl: set[str]) -> dict[str, Any]:
    border, width = "#555555", 1
    if p.temporary:
        border, width = TEMPORARY_BORDER, 3
    if p.key in hl:
        border, width = HIGHLIGHT_BORDER, 5
    node: dict[str, Any] = {
        "id": p.key,
        "label": p.label,
        "title": tooltip(p, change),
        "x": xy[0],
        "y": xy[1],
        "color": {"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"}},
        "borderWidth": width,
    }
    if p.kind == "member":
        node["shape"] = "ellipse"
    if p.vacant:
        node["shapeProperties"] = {"borderDashes": [5, 5]}
    if hl and p.key not in hl:
        node["opacity"] = 0.35
    if change == "deleted":
        node["font"] = {"color": "#ffffff"}
    return node


def _marker(key: str, placed: Layout) -> dict[str, Any]:
    n = placed.hidden.get(key)
    x, y = placed.marker(key)
    return {
        "id": TOGGLE + key,
        "label": f"+{n}" if n else "\u2212",
        "x": x,
        "y": y,
        "shape": "box",
        "margin": 3,
        "font": {"size": 12, "color": "#ffffff", "bold": True},
        "color": {
            "background": MARKER_COLOUR,
            "border": MARKER_COLOUR,
            "highlight": {"background": "#000000", "border": "#000000"},
        },
        "title": f"{n} post(s) below: click to show them" if n else "Click to hide the posts below",
    }


def vis_data(
    graph: ChartGraph,
    highlight: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    collapsed: Iterable[str] = (),
    placed: Layout | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge dicts of the nodes drawn (a collapsed branch is a marker)."""
    hl = set(highlight)
    placed = placed or layout(graph, collapsed)
    colours = unit_colours(graph)
    nodes = []
    for key in sorted(placed.xy):
        p = graph.posts[key]
        change = (changes or {}).get(key, "unchanged") if changes is not None else None
        if change:
            fill = CHANGE_COLOURS.get(change, CHANGE_COLOURS["unchanged"])
        elif p.kind == "unit":
            fill = UNIT_NODE_COLOUR
        else:
            fill = colours.get(p.unit or "", NO_UNIT_COLOUR)
        nodes.append(_node(p, placed.xy[key], fill, change, hl))
    for key in sorted(set(placed.hidden) | placed.expanded):
        nodes.append(_marker(key, placed))
    edges = []
    for i, e in enumerate(graph.edges):
        if e.src not in placed.xy or e.dst not in placed.xy:
            continue
        style = EDGE_STYLES[e.type]
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": e.src,
            "to": e.dst,
            "color": {"color": style["color"]},
            "width": style["width"],
            "title": style["label"],
            "relation": e.type,
        }
        if style["dashes"]:
            edge["dashes"] = style["dashes"]
        if e.inferred:  # said so on the line itself, with the reasoning in its tooltip
            edge["label"] = "inferred"
            # Level text on a white halo: written along the line ("middle"), a short vertical line
            # turned it sideways and its arrowhead covered the first letters.
            edge["font"] = {
                "size": 10,
                "color": "#555555",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "align": "horizontal",
            }
            edge["title"] = f"{style['label']} (inferred: {e.inferred})"
        if e.settled:
            edge["title"] = f"{edge['title']} — {e.settled}"
        if e.type == "LINE_MANAGED_BY" and e.src in placed.stacked:
            edge["smooth"] = {"enabled": True, "type": "curvedCCW", "roundness": 0.25}
        elif e.type != "LINE_MANAGED_BY":
            # Only line management shapes the tree; the other lines are drawn over it.
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        edges.append(edge)
    return nodes, edges


def chart_height(placed: Layout) -> int:
    """Tall enough for the tiers drawn (a wide chart opens zoomed to a legible size instead)."""
    return max(360, min(760, int(placed.height * 0.9) + 80))


def chart_args(
    graph: ChartGraph,
    *,
    view: str,
    rev: int = 0,
    highlight: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    collapsed: Iterable[str] = (),
    focus: str | None = None,
    height: int | None = None,
) -> dict[str, Any]:
    """Everything one render of the component needs. `view` names what is shown (a new view opens
    at the top); `rev` changes on every render so tests can wait for this one to be drawn."""
    placed = layout(graph, collapsed)
    nodes, edges = vis_data(graph, highlight, changes, collapsed, placed)
    roots = [placed.xy[k] for k in placed.xy if placed.tier.get(k) == 0]
    top = min(roots, key=lambda xy: (xy[1], xy[0])) if roots else None
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options(),
        "legend": legend(graph, changes),
        "focus": focus if focus in placed.xy else None,
        "view": view,
        "rev": rev,
        "top": top,
        "height": height or chart_height(placed),
    }


def payload_size(args: dict[str, Any]) -> int:
    """Bytes sent to the browser for one render (what the 300 KB budget in benchmarks/ measures)."""
    return len(json.dumps(args, separators=(",", ":")).encode("utf-8"))
