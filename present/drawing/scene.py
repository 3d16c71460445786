"""A chart as shapes in layout pixels: boxes with their text, connectors, lines and markers, styled
from present.palette. Each export (svg.py, pdf.py, png.py) only paints a Scene, so the three cannot
show different things; the dashboard's interactive chart is sent the same layout and palette.

Tree lines are orthogonal connectors (manager's bottom, across, down to the report), a hanging
list's reports hang from a spine to their left; accountability and escalation lines are curves
drawn over the tree with an arrowhead at the post they run to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from remit.present.layout import BOX_W, LINE_PX, PAD_PX, SPINE, Layout, label_lines, layout
from remit.present.orgchart import ChartGraph, ChartPost
from remit.present.palette import (
    BORDER,
    EDGE_STYLES,
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

Point = tuple[float, float]
MARGIN = 24
FONT_PX = 12  # text size in layout pixels (LINE_PX apart)


@dataclass
class Box:
    key: str
    x: float  # centre
    y: float
    w: float
    h: float
    lines: list[str]
    fill: str
    border: str = BORDER
    border_w: float = 1.0
    dashes: tuple[int, int] | None = None
    rounded: bool = False
    bold: tuple[int, int] = (0, 1)  # the lines set in bold (the title): from, to (exclusive)

    @property
    def left(self) -> float:
        return self.x - self.w / 2

    @property
    def top(self) -> float:
        return self.y - self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h / 2


@dataclass
class Line:
    points: list[Point]
    color: str
    width: float
    dashes: tuple[int, int] | None = None
    arrow: bool = False  # an arrowhead at the last point
    label: str | None = None  # written at the middle ("inferred")


@dataclass
class Marker:
    x: float
    y: float
    text: str  # "+N": reports hidden below the manager


@dataclass
class Scene:
    boxes: list[Box]
    lines: list[Line]
    markers: list[Marker]
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (fill, border, text)
    notes: list[str] = field(default_factory=list)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) with a margin, in layout pixels."""
        if not self.boxes:
            return 0, 0, 200, 40
        return (
            min(b.left for b in self.boxes) - MARGIN,
            min(b.top for b in self.boxes) - MARGIN,
            max(b.right for b in self.boxes) + MARGIN + 20,
            max(b.bottom for b in self.boxes) + MARGIN + 12,
        )


def box_text(post: ChartPost, extra: list[str], change: str | None) -> tuple[list[str], tuple[int, int]]:
    """The lines written in a post's box, and which are the title: a change badge first (when
    comparing), then the label (title, role badges, holders), then the unit when colours stand
    for directorates (present.palette.extra_lines)."""
    badge = [extra[0]] if change and extra and extra[0] == change_style(change).badge else []
    rest = extra[len(badge) :]
    title = len(label_lines(post.label.split("\n")[0]))
    lines = badge + label_lines(post.label) + [x for line in rest for x in label_lines(line)]
    return lines, (len(badge), len(badge) + title)


def _curve(a: Point, b: Point, bend: float = 40, steps: int = 14) -> list[Point]:
    """A quadratic curve from a to b bowed sideways, as points (every painter draws polylines)."""
    cx, cy = (a[0] + b[0]) / 2 + bend, (a[1] + b[1]) / 2
    out = []
    for i in range(steps + 1):
        t = i / steps
        out.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * cx + t * t * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * cy + t * t * b[1],
            )
        )
    return out


def _edge_point(box: Box, toward: Point) -> Point:
    """Where the straight line from a box's centre toward a point leaves the box."""
    dx, dy = toward[0] - box.x, toward[1] - box.y
    if dx == 0 and dy == 0:
        return box.x, box.y
    sx = (box.w / 2) / abs(dx) if dx else float("inf")
    sy = (box.h / 2) / abs(dy) if dy else float("inf")
    s = min(sx, sy)
    return box.x + dx * s, box.y + dy * s


def tree_connector(parent: Box, child: Box, how: str | None) -> list[Point]:
    """The line from a manager down to a report: an elbow between tiers, or, in a hanging list,
    along the spine ("bus": under the manager, across, down the column; "indent": down the left of
    a hung manager)."""
    if how == "indent":
        spine = parent.left + SPINE + 2
        return [(spine, parent.bottom), (spine, child.y), (child.left, child.y)]
    if how == "bus":
        spine = child.left - SPINE
        bus = parent.bottom + 10
        return [(parent.x, parent.bottom), (parent.x, bus), (spine, bus), (spine, child.y), (child.left, child.y)]
    mid = (parent.bottom + child.top) / 2
    return [(parent.x, parent.bottom), (parent.x, mid), (child.x, mid), (child.x, child.top)]


def chart_scene(
    graph: ChartGraph,
    collapsed: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    placed: Layout | None = None,
    highlight: Iterable[str] = (),
) -> Scene:
    """Everything to paint for `graph` laid out with `collapsed` branches hidden."""
    colours = colouring(graph)
    extras = extra_lines(graph, changes, colours)
    placed = placed or layout(graph, collapsed, extra=extras)
    marked = set(highlight)
    boxes: dict[str, Box] = {}
    for key, (x, y) in placed.xy.items():
        p = graph.posts[key]
        change = (changes or {}).get(key, "unchanged") if changes is not None else None
        text, bold = box_text(p, extras.get(key, []), change)
        h = len(text) * LINE_PX + PAD_PX
        box = Box(key, x, y, BOX_W, h, text, NO_UNIT, rounded=p.kind in ("unit", "member"), bold=bold)
        if change is not None:
            style = change_style(change)
            box.fill, box.border, box.border_w, box.dashes = style.fill, style.border, style.width, style.dashes
        else:
            box.fill = UNIT_NODE if p.kind == "unit" else colours.fill.get(key, NO_UNIT)
        if p.temporary and change in (None, "unchanged"):
            box.border, box.border_w = TEMPORARY_BORDER, 3.0
        if p.vacant and box.dashes is None:
            box.dashes = (4, 3)
        if key in marked:
            box.border, box.border_w = PATH_COLOUR, 4.0
        boxes[key] = box
    lines: list[Line] = []
    tree = EDGE_STYLES["LINE_MANAGED_BY"]
    for e in graph.edges:
        if e.src not in boxes or e.dst not in boxes:
            continue
        style = EDGE_STYLES[e.type]
        src, dst = boxes[e.src], boxes[e.dst]
        label = "inferred" if e.inferred else None
        if e.type == "LINE_MANAGED_BY" and graph.posts[e.src].manager == e.dst:
            points = tree_connector(dst, src, placed.hung.get(e.src, (None, None))[1])
            lines.append(Line(points, str(tree["color"]), float(tree["width"]) * 0.8, label=label))  # type: ignore[arg-type]
            continue
        a, b = _edge_point(src, (dst.x, dst.y)), _edge_point(dst, (src.x, src.y))
        dashes = style["dashes"]
        lines.append(
            Line(
                _curve(a, b),
                str(style["color"]),
                float(style["width"]) * 0.8,  # type: ignore[arg-type]
                tuple(dashes) if dashes else None,  # type: ignore[arg-type]
                arrow=True,
                label=label,
            )
        )
    markers = [
        Marker(placed.xy[k][0] + BOX_W / 2 - 14, boxes[k].bottom, f"+{n}") for k, n in sorted(placed.hidden.items())
    ]
    return Scene(list(boxes.values()), lines, markers, legend(graph, changes, colours.legend), [])


def legend(
    graph: ChartGraph, changes: dict[str, str] | None, groups: list[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """(fill, border, text) swatches: what the colours, borders and badges stand for."""
    out: list[tuple[str, str, str]] = []
    if changes is not None:
        seen = set(changes.values()) | {"unchanged"}
        for name in ("created", "deleted", "amended", "moved", "not recorded before", "not stated after", "unchanged"):
            if name in seen:
                s = change_style(name)
                out.append((s.fill, s.border, f"{s.badge or name}"))
    else:
        out += [(fill, BORDER, name) for name, fill in groups]
    if any(p.temporary for p in graph.posts.values()):
        out.append(("#ffffff", TEMPORARY_BORDER, "thick orange border: interim / acting"))
    if any(p.vacant for p in graph.posts.values()):
        out.append(("#ffffff", BORDER, "dashed border: vacant"))
    return out


__all__ = ["MARKER", "TEXT", "Box", "Line", "Marker", "Scene", "chart_scene", "tree_connector"]
