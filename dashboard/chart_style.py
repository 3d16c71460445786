"""How the chart looks: colours, line styles, vis-network options and the legend (pure; no
Streamlit), shared by the interactive chart (chart_data) and kept beside the report's SVG palette."""

from __future__ import annotations

from typing import Any

from remit.present.markup import html_escape
from remit.present.orgchart import ChartGraph

# Line styles: what a reader must tell apart at a glance (see the legend).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "LINE_MANAGED_BY": {"dashes": False, "color": "#444444", "width": 2, "label": "line managed by"},
    "ACCOUNTABLE_TO": {"dashes": [8, 6], "color": "#1f77b4", "width": 1.5, "label": "accountable to"},
    "ESCALATION_LINE": {"dashes": [2, 4], "color": "#d62728", "width": 2, "label": "escalation line"},
}
CHANGE_COLOURS = {
    "created": "#2ca02c",
    "deleted": "#d62728",
    "amended": "#ff9f1c",
    "moved": "#1f77b4",
    "not recorded before": "#b9d3e6",
    "not stated after": "#e6c3d8",
    "unchanged": "#f2f2f2",
}
UNIT_PALETTE = (
    "#a6cee3",
    "#b2df8a",
    "#fb9a99",
    "#fdbf6f",
    "#cab2d6",
    "#ffff99",
    "#8dd3c7",
    "#bebada",
    "#fccde5",
    "#d9d9d9",
    "#ccebc5",
    "#ffed6f",
    "#80b1d3",
    "#fdb462",
)
NO_UNIT_COLOUR = "#ffffff"
UNIT_NODE_COLOUR = "#e8e0f5"
TEMPORARY_BORDER = "#e6550d"
HIGHLIGHT_BORDER = "#d4a000"
MARKER_COLOUR = "#2b4c7e"


def unit_colours(graph: ChartGraph) -> dict[str, str]:
    names = sorted({p.unit for p in graph.posts.values() if p.unit and p.kind != "unit"})
    return {n: UNIT_PALETTE[i % len(UNIT_PALETTE)] for i, n in enumerate(names)}


def options() -> dict[str, Any]:
    return {
        # Positions come from queries.layout (top-down tiers); vis must not move them.
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "tooltipDelay": 200,
        },
        "nodes": {
            "shape": "box",
            "margin": 8,
            "widthConstraint": {"maximum": 150},
            "font": {"size": 13, "face": "Helvetica, Arial, sans-serif"},
        },
        "edges": {
            "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.5},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        },
    }


def legend(graph: ChartGraph, changes: dict[str, str] | None) -> str:
    """The legend as HTML (every name escaped: unit names come from files)."""
    items: list[str] = []
    if changes is not None:
        for name in ("created", "deleted", "amended", "moved", "not recorded before", "not stated after", "unchanged"):
            items.append(f'<span class="sw" style="background:{CHANGE_COLOURS[name]}"></span>{name}')
    else:
        for name, colour in unit_colours(graph).items():
            items.append(f'<span class="sw" style="background:{colour}"></span>{html_escape(name)}')
        if any(not p.unit for p in graph.posts.values()):
            items.append(f'<span class="sw" style="background:{NO_UNIT_COLOUR}"></span>no unit stated')
    lines = []
    for style in EDGE_STYLES.values():
        dash = "solid" if not style["dashes"] else ("dashed" if style["dashes"][0] > 4 else "dotted")
        lines.append(f'<span class="ln" style="border-top:3px {dash} {style["color"]}"></span>{style["label"]}')
    marks = [
        f'<span class="sw" style="border:3px solid {TEMPORARY_BORDER}"></span>interim / acting',
        '<span class="sw" style="border:2px dashed #555"></span>vacant',
        f'<span class="sw" style="border:4px solid {HIGHLIGHT_BORDER}"></span>highlighted',
        f'<span class="sw" style="background:{UNIT_NODE_COLOUR};border-radius:6px"></span>unit with its own lines',
        "[DCS] statutory role badge",
        "<i>inferred</i>: a post, role, holder or line the documents support only by inference "
        "(the reasoning is in its tooltip)",
        f'<b style="color:{MARKER_COLOUR}">+N</b> reports hidden: click to expand, <b>&minus;</b> to collapse',
        "bottom rows: no line management stated",
    ]
    title = "Change" if changes is not None else "Units"
    return (
        f'<div class="legend"><div><b>{title}:</b> '
        + " ".join(f"<span class=it>{i}</span>" for i in items)
        + "</div><div><b>Lines:</b> "
        + " ".join(f"<span class=it>{i}</span>" for i in lines)
        + "</div><div><b>Posts:</b> "
        + " ".join(f"<span class=it>{i}</span>" for i in marks)
        + "</div></div>"
    )
