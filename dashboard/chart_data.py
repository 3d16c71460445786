"""What the chart component is sent: vis-network nodes and edges placed by present.layout, the
"+N" markers of collapsed managers, the legend and the post to focus. Pure (no Streamlit) so
payloads are unit-tested, and kept small: only the nodes drawn are sent, never vis-network itself.

Every node carries every styled field (opacity, font, shape, border dashes) even at its default:
vis-network merges an update into the node it has, so a field left out keeps its last value (the
Ask page's dimming outlived the question that set it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from remit.present.layout import BOX_W, Layout, layout
from remit.present.orgchart import ChartGraph, ChartPost
from remit.present.palette import (
    BORDER,
    HIGHLIGHT_BORDER,
    MARKER,
    NO_UNIT,
    PATH_COLOUR,
    TEMPORARY_BORDER,
    TEXT,
    UNIT_NODE,
    change_style,
    colouring,
    extra_lines,
)

from .chart_style import EDGE_STYLES, legend, options

TOGGLE = "toggle:"  # id prefix of a marker node: clicking it expands or collapses its manager
DIM = 0.35


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


def _node(
    p: ChartPost,
    placed: Layout,
    fill: str,
    change: str | None,
    extra: list[str],
    hl: set[str],
    path: set[str],
) -> dict[str, Any]:
    border, width, dashes = BORDER, 1, None
    if change is not None:
        style = change_style(change)
        border, width, dashes = style.border, style.width, style.dashes
    if p.temporary and change in (None, "unchanged"):
        border, width = TEMPORARY_BORDER, 3
    if p.vacant and dashes is None:
        dashes = (5, 5)
    if p.key in path:
        border, width = PATH_COLOUR, 4
    if p.key in hl:
        border, width = HIGHLIGHT_BORDER, 5
    badge = [extra[0]] if change and extra and extra[0] == change_style(change).badge else []
    label = "\n".join(badge + [p.label] + extra[len(badge) :])
    hung = placed.hung.get(p.key)
    x, y = placed.xy[p.key]
    return {
        "id": p.key,
        "name": p.title,
        "label": label,
        "title": tooltip(p, change),
        "x": x,
        "y": y,
        "color": {"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"}},
        "borderWidth": width,
        "shape": "ellipse" if p.kind == "member" else "box",
        "shapeProperties": {"borderDashes": list(dashes) if dashes else False},
        "opacity": DIM if (hl or path) and p.key not in hl | path else 1,
        "font": {"color": TEXT},
        # The layout's parent and, in a hanging list, how the connector runs: the keyboard walks
        # the tree by `parent`; chart.js draws `hang` connectors itself.
        "parent": p.parent if p.parent in placed.xy else None,
        "hang": list(hung) if hung else None,
    }


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
        "widthConstraint": False,
        "font": {"size": 12, "color": "#ffffff", "bold": True},
        "opacity": 1,
        "shapeProperties": {"borderDashes": False},
        "color": {
            "background": MARKER,
            "border": MARKER,
            "highlight": {"background": "#000000", "border": "#000000"},
        },
        "title": f"{n} post(s) below: click to show them" if n else "Click to hide the posts below",
        "parent": None,
        "hang": None,
    }


def vis_data(
    graph: ChartGraph,
    highlight: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    collapsed: Iterable[str] = (),
    placed: Layout | None = None,
    paths: tuple[set[str], set[tuple[str, str, str]]] | None = None,
    compact: bool | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge dicts of the nodes drawn (a collapsed branch is a marker)."""
    hl = set(highlight)
    path_nodes, path_lines = paths or (set(), set())
    colours = colouring(graph)
    extras = extra_lines(graph, changes, colours)
    placed = placed or layout(graph, collapsed, compact, extras)
    nodes = []
    for key in sorted(placed.xy):
        p = graph.posts[key]
        change = (changes or {}).get(key, "unchanged") if changes is not None else None
        if change:
            fill = change_style(change).fill
        elif p.kind == "unit":
            fill = UNIT_NODE
        else:
            fill = colours.fill.get(key, NO_UNIT)
        nodes.append(_node(p, placed, fill, change, extras.get(key, []), hl, path_nodes))
    for key in sorted(set(placed.hidden) | placed.expanded):
        nodes.append(_marker(key, placed))
    edges = []
    for i, e in enumerate(graph.edges):
        if e.src not in placed.xy or e.dst not in placed.xy:
            continue
        style = EDGE_STYLES[e.type]
        on_path = (e.type, e.src, e.dst) in path_lines
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": e.src,
            "to": e.dst,
            "color": {"color": style["color"], "opacity": 1.0 if not (hl or path_nodes) or on_path else DIM},
            "width": style["width"] * (2.5 if on_path else 1),
            "title": style["label"],
            "relation": e.type,
            "hidden": False,
        }
        if on_path:
            edge["shadow"] = {"enabled": True, "color": PATH_COLOUR, "size": 10, "x": 0, "y": 0}
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
        if e.type == "LINE_MANAGED_BY" and e.src in placed.hung and placed.hung[e.src][0] == e.dst:
            # Drawn by chart.js as the hanging list's spine; kept (hidden) for the edge count.
            edge["hidden"] = not on_path and not e.inferred
            edge["smooth"] = {"enabled": True, "type": "curvedCCW", "roundness": 0.25}
        elif e.type != "LINE_MANAGED_BY":
            # Only line management shapes the tree; the other lines are drawn over it.
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        edges.append(edge)
    return nodes, edges


def chart_height(placed: Layout) -> int:
    """Tall enough for the tiers drawn, within one screen (a wide chart opens fitted instead)."""
    return max(380, min(620, int(placed.height * 0.9) + 80))


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
    paths: tuple[set[str], set[tuple[str, str, str]]] | None = None,
    compact: bool | None = None,
) -> dict[str, Any]:
    """Everything one render of the component needs. `view` names what is shown (a new view opens
    fitted); `rev` changes on every render so tests can wait for this one to be drawn."""
    colours = colouring(graph)
    placed = layout(graph, collapsed, compact, extra_lines(graph, changes, colours))
    nodes, edges = vis_data(graph, highlight, changes, collapsed, placed, paths)
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options(),
        "legend": legend(graph, changes, colours),
        "focus": focus if focus in placed.xy else None,
        "view": view,
        "rev": rev,
        "height": height or chart_height(placed),
        "compact": placed.compact,
        "box": BOX_W,
    }


def payload_size(args: dict[str, Any]) -> int:
    """Bytes sent to the browser for one render (what the 300 KB budget in benchmarks/ measures)."""
    return len(json.dumps(args, separators=(",", ":")).encode("utf-8"))
