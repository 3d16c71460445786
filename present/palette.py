"""How a chart looks, for every way it is drawn (the dashboard's vis-network chart, SVG, PNG, the
tiled PDF and the report): the colours of units or directorates, how each change of a restructure
is told (fill, border style and a badge, so it never rests on colour alone), the three kinds of
line, the marks of interim and vacant posts.

Every fill is light enough for the dark label text (#1a1a1a) to read at 4.5:1 or better."""

from __future__ import annotations

from dataclasses import dataclass

from .orgchart import ChartGraph, ancestors

TEXT = "#1a1a1a"
BORDER = "#555555"
NO_UNIT = "#ffffff"
UNIT_NODE = "#e8e0f5"  # a unit drawn as a node (it has lines of its own)
TEMPORARY_BORDER = "#c2410c"  # interim / acting: 5.2:1 against white, told by a thick border too
HIGHLIGHT_BORDER = "#b8860b"
PATH_COLOUR = "#b8860b"  # the chosen post's line and accountability paths to the top
MARKER = "#2b4c7e"  # the +N / − markers (white text on it: 9.4:1)
OTHER_GROUP = "#eeeeee"

# Twelve fills that stay apart from each other and keep dark text at >= 4.5:1 (ColorBrewer Set3
# and Pastel1, near-twins removed). More groups than this: colour by directorate instead.
PALETTE = (
    "#a6cee3",
    "#b2df8a",
    "#fb9a99",
    "#fdbf6f",
    "#cab2d6",
    "#ffff99",
    "#8dd3c7",
    "#fccde5",
    "#d9d9d9",
    "#ccebc5",
    "#80b1d3",
    "#e5c494",
)

# Lines: what a reader must tell apart at a glance (dashes differ as well as colours).
EDGE_STYLES: dict[str, dict[str, object]] = {
    "LINE_MANAGED_BY": {"dashes": None, "color": "#444444", "width": 2.0, "label": "line managed by"},
    "ACCOUNTABLE_TO": {"dashes": (8, 6), "color": "#1f77b4", "width": 1.5, "label": "accountable to"},
    "ESCALATION_LINE": {"dashes": (2, 4), "color": "#d62728", "width": 2.0, "label": "escalation line"},
}


@dataclass(frozen=True)
class ChangeStyle:
    """How one kind of change is drawn: fill, border (colour, width, dashes) and a badge word on
    the box's first line, so that created and deleted differ in more than red and green."""

    fill: str
    border: str
    width: float
    dashes: tuple[int, int] | None
    badge: str


CHANGES: dict[str, ChangeStyle] = {
    "created": ChangeStyle("#c7e9c0", "#2c7a2c", 3.0, None, "+ created"),
    "deleted": ChangeStyle("#fcbba1", "#b22222", 2.0, (6, 4), "x deleted"),
    "amended": ChangeStyle("#fdd49e", "#a0522d", 2.0, (2, 3), "~ amended"),
    "moved": ChangeStyle("#c6dbef", "#1f5f99", 3.0, (10, 3), "> moved"),
    "not recorded before": ChangeStyle("#e3edf5", "#555555", 1.0, (1, 3), "? not recorded before"),
    "not stated after": ChangeStyle("#f3e4ee", "#555555", 1.0, (1, 3), "? not stated after"),
    "unchanged": ChangeStyle("#f7f7f7", "#555555", 1.0, None, ""),
}


def change_style(change: str) -> ChangeStyle:
    return CHANGES.get(change, CHANGES["unchanged"])


@dataclass(frozen=True)
class Colouring:
    """Each post's fill, what the colours stand for ("unit" or "directorate") and the legend."""

    by: str
    fill: dict[str, str]  # post key -> fill
    group: dict[str, str]  # post key -> the unit or directorate its colour stands for
    legend: list[tuple[str, str]]  # (name, fill), in the order shown


def directorate(graph: ChartGraph, key: str) -> str | None:
    """The directorate a post sits in: its unit's top unit (part of ...) where the documents say,
    else the unit of the post under the top post that its line runs through."""
    post = graph.posts[key]
    if post.directorate:
        return post.directorate
    chain = [key] + ancestors(graph, key)
    top_reports = chain[-2] if len(chain) >= 2 else chain[-1]
    p = graph.posts[top_reports]
    return p.directorate or p.unit


def colouring(graph: ChartGraph, most: int = len(PALETTE)) -> Colouring:
    """Units coloured while there are at most `most` of them; else directorates (units are then
    written in the boxes); past `most` directorates, the largest keep colours and the rest share
    one grey, named in the legend."""
    posts = {k: p for k, p in graph.posts.items() if p.kind != "unit"}
    units = {p.unit for p in posts.values() if p.unit}
    by = "unit" if len(units) <= most else "directorate"
    group = {k: g for k in posts if (g := (posts[k].unit if by == "unit" else directorate(graph, k)))}
    sizes: dict[str, int] = {}
    for g in group.values():
        sizes[g] = sizes.get(g, 0) + 1
    ranked = sorted(sizes, key=lambda g: (-sizes[g], g))
    keep = ranked if len(ranked) <= most else ranked[: most - 1]
    colour = {g: PALETTE[i] for i, g in enumerate(sorted(keep))}
    fill = {k: colour.get(group.get(k, ""), OTHER_GROUP if k in group else NO_UNIT) for k in posts}
    legend = [(g, colour[g]) for g in sorted(keep)]
    others = len(ranked) - len(keep)
    if others:
        legend.append((f"{others} other {by}s", OTHER_GROUP))
    if any(k not in group for k in posts):
        legend.append((f"no {by} stated", NO_UNIT))
    return Colouring(by, fill, group, legend)


def extra_lines(
    graph: ChartGraph, changes: dict[str, str] | None, colours: Colouring | None = None
) -> dict[str, list[str]]:
    """Lines a box shows besides its label: the change badge first (comparing), the unit last (when
    colours stand for directorates). The layout sizes boxes with them; every painter writes them."""
    colours = colours or colouring(graph)
    out: dict[str, list[str]] = {}
    for key, p in graph.posts.items():
        lines = []
        if changes is not None:
            badge = change_style(changes.get(key, "unchanged")).badge
            if badge:
                lines.append(badge)
        if colours.by == "directorate" and p.unit and p.unit != colours.group.get(key):
            lines.append(f"({p.unit})")
        if lines:
            out[key] = lines
    return out
