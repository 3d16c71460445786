"""How the interactive chart looks: vis-network options and the legend (pure; no Streamlit). The
colours, change coding and line styles are present.palette's, shared with every export."""

from __future__ import annotations

from typing import Any

from remit.present.layout import BOX_W
from remit.present.markup import html_escape
from remit.present.orgchart import ChartGraph
from remit.present.palette import (
    CHANGES,
    HIGHLIGHT_BORDER,
    MARKER,
    PATH_COLOUR,
    TEMPORARY_BORDER,
    UNIT_NODE,
    Colouring,
    colouring,
)
from remit.present.palette import EDGE_STYLES as _EDGES

# vis-network wants lists for dashes.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    k: {**v, "dashes": list(v["dashes"]) if v["dashes"] else False}  # type: ignore[call-overload]
    for k, v in _EDGES.items()
}
CHANGE_COLOURS = {name: style.fill for name, style in CHANGES.items()}


def options() -> dict[str, Any]:
    return {
        # Positions come from present.layout (top-down tiers); vis must not move them.
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "navigationButtons": False,
            "keyboard": False,  # chart.js's own tree layer: arrows between posts, not panning
            "multiselect": False,
            "tooltipDelay": 200,
        },
        "nodes": {
            "shape": "box",
            "margin": 8,
            "widthConstraint": {"minimum": BOX_W, "maximum": BOX_W},
            "font": {"size": 13, "face": "Helvetica, Arial, sans-serif"},
        },
        "edges": {
            "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.5},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        },
    }


def _swatch(fill: str, border: str = "#777", style: str = "solid", width: int = 1, radius: int = 0) -> str:
    return (
        f'<span class="sw" style="background:{fill};border:{width}px {style} {border};border-radius:{radius}px"></span>'
    )


def legend(graph: ChartGraph, changes: dict[str, str] | None, colours: Colouring | None = None) -> str:
    """The legend as HTML (every name escaped: unit names come from files)."""
    colours = colours or colouring(graph)
    items: list[str] = []
    if changes is not None:
        shown = set(changes.values()) | {"unchanged"}
        for name, style in CHANGES.items():
            if name not in shown:
                continue
            css = "solid" if not style.dashes else ("dashed" if style.dashes[0] >= 5 else "dotted")
            word = html_escape(style.badge or name)
            items.append(_swatch(style.fill, style.border, css, max(1, int(style.width))) + word)
        title = "Change (border and badge as well as colour)"
    else:
        for name, fill in colours.legend:
            items.append(_swatch(fill) + html_escape(name))
        title = "Units" if colours.by == "unit" else "Directorates (each box names its unit)"
    lines = []
    for style in EDGE_STYLES.values():
        dash = "solid" if not style["dashes"] else ("dashed" if style["dashes"][0] > 4 else "dotted")
        lines.append(f'<span class="ln" style="border-top:3px {dash} {style["color"]}"></span>{style["label"]}')
    marks = [
        _swatch("#fff", TEMPORARY_BORDER, width=3) + "interim / acting",
        _swatch("#fff", "#555", "dashed", 2) + "vacant",
        _swatch("#fff", HIGHLIGHT_BORDER, width=4) + "answer",
        _swatch("#fff", PATH_COLOUR, width=3) + "path to the top (glowing lines)",
        _swatch(UNIT_NODE, radius=6) + "unit with its own lines",
        "[DCS] statutory role badge",
        "<i>inferred</i>: a post, role, holder or line the documents support only by inference "
        "(the reasoning is in its tooltip)",
        f'<b style="color:{MARKER}">+N</b> reports hidden: click to expand, <b>&minus;</b> to collapse',
        "bottom rows: no line management stated",
    ]
    return (
        f'<div class="legend"><div><b>{title}:</b> '
        + " ".join(f"<span class=it>{i}</span>" for i in items)
        + "</div><div><b>Lines:</b> "
        + " ".join(f"<span class=it>{i}</span>" for i in lines)
        + "</div><div><b>Posts:</b> "
        + " ".join(f"<span class=it>{i}</span>" for i in marks)
        + "</div></div>"
    )
