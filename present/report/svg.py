"""The organisation chart as static SVG (no JavaScript), from the same layout as the dashboard's
chart: boxes for posts, rounded boxes for units, the three kinds of line, "+N" for hidden reports."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from remit.present.layout import COL_W, Layout, layout
from remit.present.markup import html_escape as escape
from remit.present.orgchart import ChartGraph

BOX_W = 160
LINE_H = 13
WRAP = 26
STYLES = {
    "LINE_MANAGED_BY": 'stroke="#444" stroke-width="1.6"',
    "ACCOUNTABLE_TO": 'stroke="#1f77b4" stroke-width="1.4" stroke-dasharray="7 5"',
    "ESCALATION_LINE": 'stroke="#d62728" stroke-width="1.6" stroke-dasharray="2 4"',
}
CHANGE_FILL = {
    "created": "#c7e9c0",
    "deleted": "#fcbba1",
    "amended": "#fdd49e",
    "moved": "#c6dbef",
    "not recorded before": "#e3edf5",
    "not stated after": "#f3e4ee",
    "unchanged": "#f7f7f7",
}


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for part in text.split("\n"):
        out += textwrap.wrap(part, WRAP) or [""]
    return out[:6]


def box_height(text: str) -> int:
    return len(_lines(text)) * LINE_H + 10


def chart_svg(
    graph: ChartGraph,
    collapsed: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    placed: Layout | None = None,
) -> str:
    """A complete <svg> element; every text escaped (titles and names come from files)."""
    placed = placed or layout(graph, collapsed)
    if not placed.xy:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="24" '
            'font-family="Helvetica" font-size="12">No posts to show.</text></svg>'
        )
    xs = [x for x, _ in placed.xy.values()]
    ys = [y for _, y in placed.xy.values()]
    left, top = min(xs) - COL_W // 2, min(ys) - 60
    width, height = max(xs) - left + COL_W // 2, max(ys) - top + 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {width} {height}" '
        f'width="{width}" height="{height}" font-family="Helvetica, Arial, sans-serif" font-size="10">'
    ]
    half = {k: box_height(graph.posts[k].label) / 2 for k in placed.xy}
    for e in graph.edges:
        if e.src not in placed.xy or e.dst not in placed.xy:
            continue
        (x1, y1), (x2, y2) = placed.xy[e.src], placed.xy[e.dst]
        if e.type == "LINE_MANAGED_BY":
            if e.src in placed.stacked:  # a stacked column hangs from a spine to its left
                spine = x1 - BOX_W // 2 - 8
                d = f"M{x2},{y2 + half[e.dst]} V{y2 + half[e.dst] + 14} H{spine} V{y1} H{x1 - BOX_W // 2}"
            else:
                mid = (y2 + half[e.dst] + y1 - half[e.src]) / 2
                d = f"M{x2},{y2 + half[e.dst]} V{mid} H{x1} V{y1 - half[e.src]}"
            parts.append(f'<path d="{d}" fill="none" {STYLES[e.type]}/>')
        else:
            cx, cy = (x1 + x2) / 2 + 40, (y1 + y2) / 2
            parts.append(f'<path d="M{x1},{y1} Q{cx},{cy} {x2},{y2}" fill="none" {STYLES[e.type]}/>')
        if e.inferred:  # an inferred line says so where it is drawn
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            parts.append(
                f'<text x="{mx}" y="{my}" text-anchor="middle" font-style="italic" fill="#555" '
                f'font-size="9">inferred</text>'
            )
    for key, (x, y) in placed.xy.items():
        p = graph.posts[key]
        lines = _lines(p.label)
        h = box_height(p.label)
        fill = (
            CHANGE_FILL.get((changes or {}).get(key, "unchanged"), "#f7f7f7")
            if changes is not None
            else ("#e8e0f5" if p.kind == "unit" else "#ffffff")
        )
        stroke = "#e6550d" if p.temporary else "#555"
        dash = ' stroke-dasharray="4 3"' if p.vacant else ""
        rx = 10 if p.kind in ("unit", "member") else 2
        parts.append(
            f'<rect x="{x - BOX_W / 2}" y="{y - h / 2}" width="{BOX_W}" height="{h}" rx="{rx}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if p.temporary else 1}"{dash}/>'
        )
        for i, line in enumerate(lines):
            weight = ' font-weight="bold"' if i == 0 else ""
            parts.append(
                f'<text x="{x}" y="{y - h / 2 + 15 + i * LINE_H}" text-anchor="middle"{weight}>{escape(line)}</text>'
            )
    for key, n in placed.hidden.items():
        x, y = placed.xy[key]
        my = y + half[key] + 9
        parts.append(
            f'<rect x="{x - 16}" y="{my - 8}" width="32" height="15" rx="3" fill="#2b4c7e"/>'
            f'<text x="{x}" y="{my + 3}" text-anchor="middle" fill="#ffffff" font-weight="bold">+{n}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
