"""A chart Scene as static SVG (no script): the page's SVG download, `remit chart --out FILE.svg`
and the HTML report. Every text is escaped (titles and names come from files)."""

from __future__ import annotations

from collections.abc import Iterable

from remit.present.layout import LINE_PX, Layout
from remit.present.markup import html_escape as escape
from remit.present.orgchart import ChartGraph

from .scene import FONT_PX, MARKER, TEXT, Line, Scene, chart_scene


def _points(line: Line) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in line.points)


def _arrow(line: Line) -> str:
    (x1, y1), (x2, y2) = line.points[-2], line.points[-1]
    import math

    a = math.atan2(y2 - y1, x2 - x1)
    size = 7
    left = (x2 - size * math.cos(a - 0.45), y2 - size * math.sin(a - 0.45))
    right = (x2 - size * math.cos(a + 0.45), y2 - size * math.sin(a + 0.45))
    return (
        f'<polygon points="{x2:.1f},{y2:.1f} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}" '
        f'fill="{line.color}"/>'
    )


def scene_svg(scene: Scene, title: str | None = None) -> str:
    """A complete <svg> element, sized in layout pixels."""
    if not scene.boxes:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="24" '
            'font-family="Helvetica" font-size="12">No posts to show.</text></svg>'
        )
    left, top, right, bottom = scene.bounds
    w, h = right - left, bottom - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {w:.0f} {h:.0f}" '
        f'width="{w:.0f}" height="{h:.0f}" font-family="Helvetica, Arial, sans-serif" font-size="{FONT_PX}" '
        f'role="img">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append(f'<rect x="{left:.0f}" y="{top:.0f}" width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>')
    for line in scene.lines:
        dash = f' stroke-dasharray="{line.dashes[0]} {line.dashes[1]}"' if line.dashes else ""
        parts.append(
            f'<polyline points="{_points(line)}" fill="none" stroke="{line.color}" '
            f'stroke-width="{line.width:.1f}"{dash}/>'
        )
        if line.arrow and len(line.points) > 1:
            parts.append(_arrow(line))
    for b in scene.boxes:
        dash = f' stroke-dasharray="{b.dashes[0]} {b.dashes[1]}"' if b.dashes else ""
        parts.append(
            f'<rect x="{b.left:.1f}" y="{b.top:.1f}" width="{b.w:.0f}" height="{b.h:.0f}" '
            f'rx="{10 if b.rounded else 2}" fill="{b.fill}" stroke="{b.border}" stroke-width="{b.border_w:.1f}"{dash}/>'
        )
        y0 = b.top + LINE_PX / 2 + (b.h - len(b.lines) * LINE_PX) / 2 + FONT_PX * 0.35
        for i, text in enumerate(b.lines):
            weight = ' font-weight="bold"' if b.bold[0] <= i < b.bold[1] else ""
            parts.append(
                f'<text x="{b.x:.1f}" y="{y0 + i * LINE_PX:.1f}" text-anchor="middle" fill="{TEXT}"{weight}>'
                f"{escape(text)}</text>"
            )
    for line in scene.lines:  # labels over everything, on a white halo
        if line.label:
            mx, my = line.points[len(line.points) // 2]
            parts.append(
                f'<text x="{mx:.1f}" y="{my:.1f}" text-anchor="middle" font-style="italic" font-size="10" '
                f'fill="#444" stroke="#fff" stroke-width="3" paint-order="stroke">{escape(line.label)}</text>'
            )
    for m in scene.markers:
        parts.append(
            f'<rect x="{m.x - 16:.1f}" y="{m.y - 8:.1f}" width="32" height="16" rx="3" fill="{MARKER}"/>'
            f'<text x="{m.x:.1f}" y="{m.y + 4:.1f}" text-anchor="middle" fill="#ffffff" font-weight="bold">'
            f"{escape(m.text)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def chart_svg(
    graph: ChartGraph,
    collapsed: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    placed: Layout | None = None,
    title: str | None = None,
) -> str:
    """The chart of `graph` (with `collapsed` branches hidden) as SVG."""
    return scene_svg(chart_scene(graph, collapsed, changes, placed), title)
