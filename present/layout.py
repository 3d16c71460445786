"""Org-chart layout as a pure function: managers above their reports, leaf reports stacked in
columns under their manager (the compact mode of org-chart tools), collapsed branches replaced by
a "+N" marker. Used by the dashboard's interactive chart and the report's static SVG, so both
show the same shape.

Why our own layout rather than vis-network's hierarchical one: vis puts every separate tree side
by side and lays 150 leaves in one row, so a 2,000-post structure becomes a thin strip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .orgchart import ChartGraph, ancestors, descendants, tiers

COL_W, ROW_H = 185, 105
STACK_AT = 3  # in a big chart, a manager with more leaf reports than this gets them in stacked columns
BIG = 60  # posts: below this every report sits side by side, as on a paper organisation chart
STACK_ROWS = 6
LOOSE_PER_ROW = 7
OPEN_TIERS = 3  # a chart opens showing this many tiers
# The "+N" / "-" marker sits on its manager's lower-right corner (boxes are at most 150 wide), not
# under its centre: a line from a report straight below runs there, with its label ("inferred") at
# its middle, which a marker under the centre covered.
MARK_DX, MARK_DY = 68, 26


@dataclass
class Layout:
    xy: dict[str, tuple[int, int]]  # every node drawn -> centre
    tier: dict[str, int]
    stacked: set[str] = field(default_factory=set)  # drawn in a stacked column
    hidden: dict[str, int] = field(default_factory=dict)  # collapsed manager -> nodes hidden below it
    expanded: set[str] = field(default_factory=set)  # managers drawn with their reports (can collapse)

    @property
    def height(self) -> int:
        return max((y for _, y in self.xy.values()), default=0) + ROW_H

    @property
    def width(self) -> int:
        return max((x for x, _ in self.xy.values()), default=0) + COL_W

    def marker(self, key: str) -> tuple[int, int]:
        x, y = self.xy[key]
        return x + MARK_DX, y + MARK_DY


def stack_shape(n: int) -> tuple[int, int]:
    """(columns, rows) for n stacked leaf reports: one column up to STACK_ROWS, then two (three
    past 60...), so a manager of 40 is a tall narrow block rather than seven columns wide."""
    cols = 1 if n <= STACK_ROWS else min(-(-n // STACK_ROWS), 2 + n // 60)
    return cols, -(-n // cols)


def default_collapsed(graph: ChartGraph, open_tiers: int = OPEN_TIERS) -> set[str]:
    """Managers whose reports are hidden when a chart opens: those at the last open tier or below
    (a chart small enough to read whole opens whole)."""
    if len(graph.posts) <= BIG:
        return set()
    levels = tiers(graph)
    return {k for k in graph.children() if levels[k] >= open_tiers - 1}


def reveal(graph: ChartGraph, collapsed: Iterable[str], key: str) -> set[str]:
    """`collapsed` with every manager above `key` opened, so that `key` is drawn (focusing a post)."""
    return set(collapsed) - set(ancestors(graph, key))


def layout(graph: ChartGraph, collapsed: Iterable[str] = ()) -> Layout:
    """Positions of the nodes to draw: every node not below a collapsed manager."""
    levels = tiers(graph)
    all_children = graph.children()
    closed = {k for k in collapsed if k in all_children}
    children = {k: v for k, v in all_children.items() if k not in closed}
    hidden = {k: len(descendants(graph, k, all_children)) for k in closed}
    stack_at = STACK_AT if len(graph.posts) > BIG else len(graph.posts) + 1
    widths: dict[str, int] = {}
    # Loops, not recursion: a chart is as deep as its longest line (20,000 posts fit in an upload), and a
    # recursive walk hit Python's recursion limit about 600 posts down (issue 25, finding 7). The walks
    # start at roots (no parent), so they never meet a cycle; `busy` (on the current walk) guards anyway.
    busy: set[str] = set()

    def kids_of(key: str) -> list[str]:
        return [c for c in children.get(key, []) if c not in busy and c != key]

    def width(root: str) -> int:
        todo = [(root, False)]
        while todo:
            key, ready = todo.pop()
            if key in widths:
                continue
            if not ready:
                busy.add(key)
                todo.append((key, True))
                todo.extend((c, False) for c in reversed(kids_of(key)) if c not in widths)
                continue
            busy.discard(key)
            kids = kids_of(key)
            leaves = [c for c in kids if not children.get(c)]
            stack = len(leaves) > stack_at
            inner = sum(widths.get(c, 1) for c in kids if not (stack and c in leaves))
            widths[key] = max(1, inner + (stack_shape(len(leaves))[0] if stack else 0))
        return widths[root]

    xy: dict[str, tuple[int, int]] = {}
    stacked: set[str] = set()

    def place(root: str, left: int) -> None:
        width(root)
        # One frame per post on the current walk: [key, next x, depth, its kids to place, its stacked leaves].
        frames: list[list] = []

        def enter(key: str, at: int, depth: int) -> None:
            xy[key] = (int((at + widths[key] / 2) * COL_W), depth * ROW_H)
            kids = [c for c in kids_of(key) if c not in xy]
            leaves = [c for c in kids if not children.get(c)]
            stack = len(leaves) > stack_at
            busy.add(key)
            frames.append(
                [key, at, depth, [c for c in kids if not (stack and c in leaves)][::-1], leaves if stack else []]
            )

        enter(root, left, 0)
        while frames:
            key, x, depth, pending, leaves = frames[-1]
            if pending:
                c = pending.pop()
                frames[-1][1] = x + widths.get(c, 1)
                enter(c, x, depth + 1)
                continue
            frames.pop()
            busy.discard(key)
            if leaves:
                rows = stack_shape(len(leaves))[1]
                for i, c in enumerate(leaves):
                    xy[c] = (int((x + i // rows + 0.5) * COL_W), (depth + 1 + i % rows) * ROW_H)
                    stacked.add(c)

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
    top = (max((y for _, y in xy.values()), default=-ROW_H) / ROW_H) + 1.4 if xy else 0
    per_row = max(LOOSE_PER_ROW, left)
    for i, k in enumerate(loose):
        xy[k] = (int((i % per_row + 0.5) * COL_W), int((top + i // per_row) * ROW_H))
    expanded = {k for k in children if k in xy and any(c in xy for c in children[k])}
    return Layout(xy, levels, stacked, {k: n for k, n in hidden.items() if k in xy}, expanded)
