"""Org-chart layout as a pure function: managers above their reports, collapsed branches replaced
by a "+N" marker, and, in the compact layout, wide flat levels hung as indented lists (the compact
or vertical mode of org-chart tools). Used by the dashboard's interactive chart and every export
(SVG, PNG, the tiled PDF, the report), so all of them show the same shape.

Why our own layout rather than vis-network's hierarchical one: vis puts every separate tree side
by side and lays 150 leaves in one row, so a 2,000-post structure becomes a thin strip.

Compact: a manager whose reports have at most one level below them (team leaders under service
managers) gets them as a hanging list, each report with its own reports indented beneath it, in
one column or a few; a manager with many leaf reports beside larger branches hangs the leaves in a
column beside them. A generated 2,000-post structure is then about 9,000 x 2,500 px rather than
89,000 x 840.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .orgchart import ChartGraph, ancestors, descendants, tiers

COL_W, ROW_H = 185, 105
BOX_W = 150  # every box is this wide (the chart, the SVG, the PDF and the PNG alike)
STACK_AT = 3  # compact: a manager with more leaf reports than this beside larger branches hangs them
BIG = 60  # posts: above this a chart is compact unless asked otherwise
WIDE = 6  # columns: a smaller chart wider than this spread out is drawn compact
STACK_ROWS = 6
HANG_MIN = 4  # compact: a block of more posts than this (reports and theirs) hangs as a list
HANG_ROWS = 45  # a hanging list of reports with reports of their own: at most this many a column
HANG_INDENT = 16  # a hung report's own reports sit this far right of it
HANG_GAP = 12  # vertical space between hung boxes
SPINE = 6  # a hanging list's spine runs this far left of its boxes
LOOSE_MIN = 4  # posts with no line manager stated: at least this many a row
OPEN_TIERS = 3  # a chart opens showing this many tiers
# Text in a box: WRAP characters a line (about 150 px of 13 px Helvetica), at most MAX_LINES lines.
WRAP, MAX_LINES, LINE_PX, PAD_PX = 21, 6, 16, 16
# The "+N" / "-" marker sits on its manager's lower-right corner, not under its centre: a line from
# a report straight below runs there, with its label ("inferred") at its middle.
MARK_DX, MARK_DY = 68, 26


@lru_cache(maxsize=16384)
def _wrap(text: str, width: int = WRAP) -> tuple[str, ...]:
    """Greedy wrapping at spaces (textwrap's rules, without its cost on 2,000 boxes): a word
    longer than the width stands on a line of its own, never split."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return tuple(lines)


def label_lines(label: str) -> list[str]:
    """A box's text as it is drawn: each line of the label wrapped at word boundaries."""
    out: list[str] = []
    for part in label.split("\n"):
        out += _wrap(part)
    return out[:MAX_LINES]


def box_height(label: str) -> int:
    return len(label_lines(label)) * LINE_PX + PAD_PX


@dataclass
class Layout:
    xy: dict[str, tuple[int, int]]  # every node drawn -> centre
    tier: dict[str, int]
    stacked: set[str] = field(default_factory=set)  # drawn in a hanging list (see `hung`)
    hidden: dict[str, int] = field(default_factory=dict)  # collapsed manager -> nodes hidden below it
    expanded: set[str] = field(default_factory=set)  # managers drawn with their reports (can collapse)
    # A hung node -> (its manager, "bus" when it hangs from the manager's spine, "indent" when it
    # sits indented under a hung manager): connectors are drawn from this, not as curves.
    hung: dict[str, tuple[str, str]] = field(default_factory=dict)
    heights: dict[str, int] = field(default_factory=dict)  # box heights (px) the layout assumed
    compact: bool = False

    @property
    def height(self) -> int:
        return max((y + self.heights.get(k, 0) // 2 for k, (_, y) in self.xy.items()), default=0) + ROW_H // 2

    @property
    def width(self) -> int:
        return max((x for x, _ in self.xy.values()), default=0) + COL_W

    def marker(self, key: str) -> tuple[int, int]:
        x, y = self.xy[key]
        return x + MARK_DX, y + max(MARK_DY, self.heights.get(key, 0) // 2 - 4)


def stack_shape(n: int) -> tuple[int, int]:
    """(columns, rows) for n hung leaf reports: one column up to STACK_ROWS, then two (three past
    60...), so a manager of 40 is a tall narrow block rather than seven columns wide."""
    cols = 1 if n <= STACK_ROWS else min(-(-n // STACK_ROWS), 2 + n // 60)
    return cols, -(-n // cols)


def default_collapsed(graph: ChartGraph, open_tiers: int = OPEN_TIERS) -> set[str]:
    """Managers whose reports are hidden when a chart opens: those at the last open tier or below
    (a chart small enough to read whole opens whole)."""
    if len(graph.posts) <= BIG:
        return set()
    levels = tiers(graph)
    return {k for k in graph.children() if levels[k] >= open_tiers - 1}


def all_collapsed(graph: ChartGraph) -> set[str]:
    """ "Collapse all": every manager below the top of its tree, so the top posts and their direct
    reports stay in view, each with its +N."""
    levels = tiers(graph)
    return {k for k in graph.children() if levels[k] >= 1}


def reveal(graph: ChartGraph, collapsed: Iterable[str], key: str) -> set[str]:
    """`collapsed` with every manager above `key` opened, so that `key` is drawn (focusing a post)."""
    return set(collapsed) - set(ancestors(graph, key))


def _columns(entries: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """A hanging list cut into columns of about equal length, never between a report and the
    reports indented under it."""
    groups: list[list[tuple[str, int]]] = []
    for e in entries:
        if e[1] == 0 or not groups:
            groups.append([])
        groups[-1].append(e)
    n = len(entries)
    target = stack_shape(n)[1] if len(groups) == n else -(-n // -(-n // HANG_ROWS))
    cols: list[list[tuple[str, int]]] = [[]]
    for g in groups:
        if cols[-1] and len(cols[-1]) + len(g) > target:
            cols.append([])
        cols[-1].extend(g)
    return cols


def layout(
    graph: ChartGraph,
    collapsed: Iterable[str] = (),
    compact: bool | None = None,
    extra: Mapping[str, Sequence[str]] | None = None,
) -> Layout:
    """Positions of the nodes to draw: every node not below a collapsed manager. `compact` hangs wide
    flat levels as indented lists; by default a chart is compact when it has more than BIG posts or
    would be more than WIDE columns wide spread out. `extra` gives lines some boxes show besides
    their label (present.palette.extra_lines), so that boxes are sized as drawn."""
    extra = extra or {}
    if compact is None:
        if len(graph.posts) > BIG:
            return _layout(graph, collapsed, True, extra)
        spread = _layout(graph, collapsed, False, extra)
        return spread if spread.width <= WIDE * COL_W else _layout(graph, collapsed, True, extra)
    return _layout(graph, collapsed, compact, extra)


def _layout(graph: ChartGraph, collapsed: Iterable[str], compact: bool, extra: Mapping[str, Sequence[str]]) -> Layout:
    levels = tiers(graph)
    all_children = graph.children()
    closed = {k for k in collapsed if k in all_children}
    children = {k: v for k, v in all_children.items() if k not in closed}
    hidden = {k: len(descendants(graph, k, all_children)) for k in closed}
    heights = {k: box_height("\n".join([p.label, *extra.get(k, ())])) for k, p in graph.posts.items()}
    widths: dict[str, int] = {}
    hangs: dict[str, list[list[tuple[str, int]]] | None] = {}

    # Loops, not recursion: a chart is as deep as its longest line (20,000 posts fit in an upload), and a
    # recursive walk hit Python's recursion limit about 600 posts down (issue 25, finding 7). The walks
    # start at roots (no parent), so they never meet a cycle; `busy` (the posts on the current walk)
    # guards anyway.
    busy: set[str] = set()

    def kids_of(key: str, *also: str) -> list[str]:
        return [c for c in children.get(key, []) if c not in busy and c != key and c not in also]

    def flat(key: str, above: str) -> bool:
        """At most one level drawn below `key` (whose manager is `above`)."""
        return all(not kids_of(c, above, key) for c in kids_of(key, above))

    def hang(key: str) -> list[list[tuple[str, int]]] | None:
        """`key`'s reports as a hanging list (columns of (post, indent)), or None to draw a tree."""
        if key in hangs:
            return hangs[key]
        out = None
        kids = kids_of(key)
        # The top post's reports always stand side by side: the shape people recognise.
        if compact and kids and levels.get(key, 0) >= 1 and all(flat(c, key) for c in kids):
            entries = []
            for c in kids:
                entries.append((c, 0))
                entries += [(g, 1) for g in kids_of(c, key)]
            if len(entries) > HANG_MIN:
                out = _columns(entries)
        hangs[key] = out
        return out

    def leaves_hung(key: str) -> list[str]:
        """Compact, beside larger branches: the leaf reports hung in a column of their own."""
        if not compact or levels.get(key, 0) < 1 or hang(key) is not None:
            return []
        leaves = [c for c in kids_of(key) if not kids_of(c, key)]
        return leaves if len(leaves) > STACK_AT else []

    def width(root: str) -> int:
        """Columns `root`'s branch takes, its reports' first (a walk with a stack, not recursion)."""
        todo = [(root, False)]
        while todo:
            key, ready = todo.pop()
            if key in widths:
                continue
            if not ready:
                cols = hang(key)
                if cols is not None:
                    widths[key] = len(cols)
                    continue
                leaves = leaves_hung(key)
                busy.add(key)
                todo.append((key, True))
                todo.extend((c, False) for c in reversed(kids_of(key)) if c not in widths and c not in leaves)
                continue
            leaves = leaves_hung(key)
            inner = sum(widths.get(c, 1) for c in kids_of(key) if c not in leaves)
            busy.discard(key)
            widths[key] = max(1, inner + (stack_shape(len(leaves))[0] if leaves else 0))
        return widths[root]

    xy: dict[str, tuple[int, int]] = {}
    hung: dict[str, tuple[str, str]] = {}

    def place_column(key: str, column: list[tuple[str, int]], x0: int, depth: int) -> None:
        y = (depth + 1) * ROW_H - heights[column[0][0]] // 2
        last_top: str = key
        for k, indent in column:
            if k in xy:
                continue
            h = heights[k]
            xy[k] = (x0 + (HANG_INDENT // 2 if indent else -HANG_INDENT // 2), y + h // 2)
            hung[k] = (last_top, "indent") if indent else (key, "bus")
            if not indent:
                last_top = k
            y += h + HANG_GAP

    def place(root: str, left: int) -> None:
        """Positions of `root`'s branch, left to right from column `left` (a walk with a stack)."""
        width(root)
        # One frame per post on the current walk: [key, next x, depth, its reports still to place, its hung leaves].
        frames: list[list] = []

        def enter(key: str, at: int, depth: int) -> None:
            xy[key] = (int((at + width(key) / 2) * COL_W), depth * ROW_H)
            cols = hang(key)
            if cols is not None:
                for i, column in enumerate(cols):
                    place_column(key, column, int((at + i + 0.5) * COL_W), depth)
                return
            leaves = leaves_hung(key)
            busy.add(key)
            frames.append([key, at, depth, [c for c in kids_of(key) if c not in leaves][::-1], leaves])

        enter(root, left, 0)
        while frames:
            key, x, depth, pending, leaves = frames[-1]
            if pending:
                c = pending.pop()
                if c in xy:
                    continue
                parent = frames[-1]
                enter(c, x, depth + 1)
                parent[1] = x + width(c)
                continue
            frames.pop()
            busy.discard(key)
            if leaves:
                per = stack_shape(len(leaves))[1]
                for i in range(0, len(leaves), per):
                    place_column(key, [(k, 0) for k in leaves[i : i + per]], int((x + i // per + 0.5) * COL_W), depth)

    roots = sorted(
        k for k, p in graph.posts.items() if (p.parent is None or p.parent not in graph.posts) and k in all_children
    )
    loose = sorted(
        k for k, p in graph.posts.items() if (p.parent is None or p.parent not in graph.posts) and k not in all_children
    )
    left = 0
    for r in roots:
        place(r, left)
        left += width(r)
    # A cycle (invalid data, but never hang): nodes no root reaches, and not hidden, are drawn loose.
    below_closed = set().union(*(descendants(graph, k, all_children) for k in closed)) if closed else set()
    loose += sorted(
        k
        for k in graph.posts
        if k not in xy
        and k not in loose
        and k not in below_closed
        and not any(a in closed for a in ancestors(graph, k))
    )
    bottom = max((y + heights[k] // 2 for k, (_, y) in xy.items()), default=None)
    top = (bottom + ROW_H * 0.9) / ROW_H if bottom is not None else 0
    per_row = max(LOOSE_MIN, left)
    for i, k in enumerate(loose):
        xy[k] = (int((i % per_row + 0.5) * COL_W), int((top + i // per_row) * ROW_H))
    expanded = {k for k in children if k in xy and any(c in xy for c in children[k])}
    return Layout(
        xy,
        levels,
        set(hung),
        {k: n for k, n in hidden.items() if k in xy},
        expanded,
        hung,
        {k: heights[k] for k in xy},
        compact,
    )
