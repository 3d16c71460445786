"""Structure charts as self-contained vis-network HTML, built from a snapshot without Streamlit.

Pure functions so the chart can be unit-tested and so it renders offline: vis-network's JS and
CSS come from the copy bundled in the pyvis package and are written in-line; the page links no
CDN (pyvis's own template still pulls Bootstrap from one, which is why we use our own template).
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from remit.loader.schema import last_part
from remit.queries.snapshot import Snapshot

ROLE_BADGES = {"hops": "HoPS", "s151": "S151", "mo": "MO", "dcs": "DCS", "dass": "DASS", "dph": "DPH", "lmcs": "LMCS"}
TEMPORARY_BASES = ("interim", "acting")

# Line styles: what a reader must tell apart at a glance (see the legend).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "LINE_MANAGED_BY": {"dashes": False, "color": "#444444", "width": 2, "label": "line managed by"},
    "ACCOUNTABLE_TO": {"dashes": [8, 6], "color": "#1f77b4", "width": 1.5, "label": "accountable to"},
    "ESCALATION_LINE": {"dashes": [2, 4], "color": "#d62728", "width": 2, "label": "escalation line"},
}
CHANGE_COLOURS = {"created": "#2ca02c", "deleted": "#d62728", "amended": "#ff9f1c", "moved": "#1f77b4",
                  "unchanged": "#f2f2f2"}
UNIT_PALETTE = ("#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99", "#8dd3c7", "#bebada",
                "#fccde5", "#d9d9d9", "#ccebc5", "#ffed6f", "#80b1d3", "#fdb462")
NO_UNIT_COLOUR = "#ffffff"
TEMPORARY_BORDER = "#e6550d"
HIGHLIGHT_BORDER = "#d4a000"


@dataclass
class ChartPost:
    """What the chart shows of one post (also what the detail panel and the search list use)."""

    key: str
    title: str
    unit: str | None = None  # unit name
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (role code, basis)
    holders: list[tuple[str | None, str | None]] = field(default_factory=list)  # (name, basis)
    vacant: bool = False
    kind: str = "officer"
    manager: str | None = None  # line manager's post key

    @property
    def temporary(self) -> str | None:
        """'interim' or 'acting' when a holder or designation is said to be held on that basis."""
        for basis in [b for _, b in self.holders] + [b for _, b in self.roles]:
            if basis in TEMPORARY_BASES:
                return basis
        return None

    @property
    def label(self) -> str:
        lines = [self.title]
        badges = " ".join(f"[{ROLE_BADGES.get(code, code.upper())}]" for code, _ in self.roles)
        if badges:
            lines.append(badges)
        names = [n for n, _ in self.holders if n]
        if names:
            lines.append(", ".join(names))
        marks = [m for m in (self.temporary, "vacant" if self.vacant else None) if m]
        if marks:
            lines[0] += f" ({', '.join(marks)})"
        return "\n".join(lines)


@dataclass
class ChartEdge:
    type: str
    src: str  # post key
    dst: str  # post key


@dataclass
class ChartGraph:
    posts: dict[str, ChartPost]
    edges: list[ChartEdge]


def chart_graph(snap: Snapshot) -> ChartGraph:
    """The posts and post-to-post lines of a snapshot, keyed by post key."""
    by_uid = {p["uid"]: p for p in snap.of_label("Post")}
    units = {u["uid"]: u.get("name") or u.get("key") for u in snap.of_label("Unit")}
    posts = {p["key"]: ChartPost(key=p["key"], title=p.get("title") or p["key"], kind=p.get("kind") or "officer",
                                 vacant=p.get("status") == "vacant") for p in by_uid.values()}
    edges: list[ChartEdge] = []
    for e in snap.edges:
        src = by_uid.get(e["src"])
        if src is None:
            continue
        post = posts[src["key"]]
        dst_post = by_uid.get(e["dst"])
        t = e["type"]
        if t in EDGE_STYLES and dst_post is not None:
            edges.append(ChartEdge(t, post.key, dst_post["key"]))
            if t == "LINE_MANAGED_BY":
                post.manager = dst_post["key"]
        elif t in ("IN_UNIT", "HEADS") and e["dst"] in units and (post.unit is None or t == "IN_UNIT"):
            post.unit = units[e["dst"]]
        elif t == "DESIGNATED":
            role = snap.node(e["dst"]) or {}
            post.roles.append((role.get("code") or last_part(e["dst"]), e["props"].get("basis")))
    for e in snap.edges:
        if e["type"] == "HOLDS" and e["dst"] in by_uid:
            person = snap.node(e["src"]) or {}
            posts[by_uid[e["dst"]]["key"]].holders.append((person.get("name"), e["props"].get("basis")))
    for p in posts.values():
        p.roles.sort()
    edges.sort(key=lambda x: (x.type, x.src, x.dst))
    return ChartGraph(posts, edges)


def tiers(graph: ChartGraph) -> dict[str, int]:
    """Line-management depth of each post from the top of its tree (the layout's levels)."""
    out: dict[str, int] = {}

    def depth(key: str, seen: frozenset[str] = frozenset()) -> int:
        if key in out:
            return out[key]
        manager = graph.posts[key].manager
        d = 0 if manager is None or manager in seen or manager not in graph.posts else depth(manager, seen | {key}) + 1
        out[key] = d
        return d

    for key in graph.posts:
        depth(key)
    return out


# Layout: our own top-down tree rather than vis-network's hierarchical layout, which puts every
# separate tree (each post whose manager is not stated) side by side and lays 150 leaves in one
# row. Here a manager's many leaf reports are stacked in columns, and posts with no stated line
# management go in a grid under the trees, so a 200-post chart stays a readable shape.
COL_W, ROW_H = 185, 105
STACK_AT = 3  # in a big chart, a manager with more leaf reports than this gets them in stacked columns
BIG = 60  # posts: below this every report sits side by side, as on a paper organisation chart
STACK_ROWS = 8
LOOSE_PER_ROW = 7


@dataclass
class Layout:
    xy: dict[str, tuple[int, int]]
    tier: dict[str, int]
    stacked: set[str]  # posts drawn in a stacked column (their line is curved to stay visible)

    @property
    def height(self) -> int:
        return max((y for _, y in self.xy.values()), default=0) + ROW_H


def layout(graph: ChartGraph) -> Layout:
    levels = tiers(graph)
    children: dict[str, list[str]] = {}
    for key in sorted(graph.posts):
        m = graph.posts[key].manager
        if m and m in graph.posts and m != key:
            children.setdefault(m, []).append(key)
    roots = sorted(k for k, p in graph.posts.items() if (p.manager is None or p.manager not in graph.posts)
                   and k in children)
    loose = sorted(k for k, p in graph.posts.items() if (p.manager is None or p.manager not in graph.posts)
                   and k not in children)
    # A cycle (invalid data, but never hang): posts not reachable from a root are drawn as loose.
    xy: dict[str, tuple[int, int]] = {}
    stacked: set[str] = set()
    stack_at = STACK_AT if len(graph.posts) > BIG else len(graph.posts) + 1

    def width(key: str, seen: frozenset[str]) -> int:
        kids = [c for c in children.get(key, []) if c not in seen]
        if not kids:
            return 1
        leaves = [c for c in kids if not children.get(c)]
        if len(leaves) > stack_at:
            inner = sum(width(c, seen | {key}) for c in kids if c not in leaves)
            return max(1, inner + -(-len(leaves) // STACK_ROWS))
        return max(1, sum(width(c, seen | {key}) for c in kids))

    def place(key: str, left: int, depth: int, seen: frozenset[str]) -> None:
        w = width(key, seen)
        xy[key] = (int((left + w / 2) * COL_W), depth * ROW_H)
        kids = [c for c in children.get(key, []) if c not in seen and c not in xy]
        leaves = [c for c in kids if not children.get(c)]
        stack = len(leaves) > stack_at
        x = left
        for c in kids:
            if stack and c in leaves:
                continue
            place(c, x, depth + 1, seen | {key})
            x += width(c, seen | {key})
        if stack:
            for i, c in enumerate(leaves):
                xy[c] = (int((x + i // STACK_ROWS + 0.5) * COL_W), (depth + 1 + i % STACK_ROWS) * ROW_H)
                stacked.add(c)

    left = 0
    for r in roots:
        place(r, left, 0, frozenset())
        left += width(r, frozenset())
    loose += sorted(k for k in graph.posts if k not in xy and k not in loose)
    top = (max((y for _, y in xy.values()), default=-ROW_H) // ROW_H) + 1.4 if xy else 0
    per_row = max(LOOSE_PER_ROW, left)
    for i, k in enumerate(loose):
        xy[k] = (int((i % per_row + 0.5) * COL_W), int((top + i // per_row) * ROW_H))
    return Layout(xy, levels, stacked)


def subtree(graph: ChartGraph, root: str | None, depth: int | None = None) -> ChartGraph:
    """Only `root` and the posts line-managed below it (to `depth` steps): collapsing a chart."""
    if root is None and depth is None:
        return graph
    levels = tiers(graph)
    if root is None:
        keep = {k for k, t in levels.items() if t <= depth}  # type: ignore[operator]
    else:
        children: dict[str, list[str]] = {}
        for p in graph.posts.values():
            if p.manager:
                children.setdefault(p.manager, []).append(p.key)
        keep, frontier, step = {root}, [root], 0
        while frontier and (depth is None or step < depth):
            frontier = [c for k in frontier for c in children.get(k, []) if c not in keep]
            keep.update(frontier)
            step += 1
    return ChartGraph({k: p for k, p in graph.posts.items() if k in keep},
                      [e for e in graph.edges if e.src in keep and e.dst in keep])


def merge(before: ChartGraph, after: ChartGraph, renamed: dict[str, str] | None = None) -> ChartGraph:
    """One chart of both structures: every post of either (the after version where both have it).

    `renamed` maps a before key to the after post that succeeds it, so one post is drawn once."""
    renamed = renamed or {}
    posts = dict(after.posts)
    for key, p in before.posts.items():
        if key not in renamed:
            posts.setdefault(key, replace(p))
    edges = list(after.edges)
    seen = {(e.type, e.src, e.dst) for e in edges}
    for e in before.edges:
        src, dst = renamed.get(e.src, e.src), renamed.get(e.dst, e.dst)
        if src not in after.posts and (e.type, src, dst) not in seen:
            edges.append(ChartEdge(e.type, src, dst))
            seen.add((e.type, src, dst))
    return ChartGraph(posts, edges)


POST_KINDS = ("post", "member post")
MOVES = ("line manager changed", "line manager gained", "line manager lost", "tier changed")
CHANGE_RANK = {"created": 3, "deleted": 3, "moved": 2, "amended": 1}


def changes_from_diff(rows: list[dict[str, Any]], before_keys: Iterable[str], after_keys: Iterable[str]
                      ) -> tuple[dict[str, str], dict[str, str]]:
    """From queries.diff rows: each post's colour (created / deleted / amended / moved) and the
    before keys that an after post succeeds under another key (drawn as that after post)."""
    before_keys, after_keys = set(before_keys), set(after_keys)
    changes: dict[str, str] = {}
    renamed: dict[str, str] = {}

    def mark(key: str | None, change: str) -> None:
        if key and CHANGE_RANK[change] > CHANGE_RANK.get(changes.get(key, ""), 0):
            changes[key] = change

    for r in rows:
        kb, ka, change = r.get("key_before"), r.get("key_after"), r.get("change")
        if r.get("kind") in POST_KINDS:
            if change == "created":
                mark(ka, "created")
                continue
            if change == "deleted":
                mark(kb, "deleted")
                continue
            if kb and ka and kb != ka and kb in before_keys and ka in after_keys:
                renamed[kb] = ka
        if change in MOVES:
            mark(ka if ka in after_keys else None, "moved")
        elif ka in after_keys:
            mark(ka, "amended")
        elif kb in before_keys and kb not in after_keys and kb not in renamed:
            mark(kb, "amended")
    return changes, renamed


def unit_colours(graph: ChartGraph) -> dict[str, str]:
    names = sorted({p.unit for p in graph.posts.values() if p.unit})
    return {n: UNIT_PALETTE[i % len(UNIT_PALETTE)] for i, n in enumerate(names)}


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def _options() -> dict[str, Any]:
    return {
        # Positions come from layout() (top-down tiers); vis must not move them.
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "navigationButtons": True, "keyboard": False, "multiselect": False},
        "nodes": {"shape": "box", "margin": 8, "widthConstraint": {"maximum": 150},
                  "font": {"size": 13, "face": "Helvetica, Arial, sans-serif"}},
        "edges": {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.5},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}},
    }


def _tooltip(p: ChartPost, change: str | None) -> str:
    lines = [p.title]
    if p.unit:
        lines.append(f"Unit: {p.unit}")
    for code, basis in p.roles:
        lines.append(f"Statutory role: {code}" + (f" ({basis})" if basis else ""))
    for name, basis in p.holders:
        lines.append(f"Held by: {name or 'not named'}" + (f" ({basis})" if basis else ""))
    if p.vacant:
        lines.append("Vacant")
    if change:
        lines.append(f"Change: {change}")
    return "\n".join(lines)


def vis_data(graph: ChartGraph, highlight: Iterable[str] = (), changes: dict[str, str] | None = None
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge dicts (separate from the HTML so tests can inspect them)."""
    hl = set(highlight)
    colours = unit_colours(graph)
    placed = layout(graph)
    nodes = []
    for key, p in sorted(graph.posts.items()):
        change = (changes or {}).get(key, "unchanged") if changes is not None else None
        fill = CHANGE_COLOURS.get(change or "", "#f2f2f2") if change else colours.get(p.unit or "", NO_UNIT_COLOUR)
        border = "#555555"
        width = 1
        if p.temporary:
            border, width = TEMPORARY_BORDER, 3
        if key in hl:
            border, width = HIGHLIGHT_BORDER, 5
        node: dict[str, Any] = {
            "id": key, "label": p.label, "title": _tooltip(p, change),
            "x": placed.xy[key][0], "y": placed.xy[key][1], "tier": placed.tier[key],
            "color": {"background": fill, "border": border,
                      "highlight": {"background": fill, "border": "#000000"}},
            "borderWidth": width, "borderWidthSelected": width + 1,
            "shape": "ellipse" if p.kind == "member" else "box",
        }
        if p.vacant:
            node["shapeProperties"] = {"borderDashes": [5, 5]}
        if hl and key not in hl:
            node["opacity"] = 0.35
        if change == "deleted":
            node["font"] = {"color": "#ffffff"}
        nodes.append(node)
    edges = []
    for i, e in enumerate(graph.edges):
        style = EDGE_STYLES[e.type]
        edge: dict[str, Any] = {"id": f"e{i}", "from": e.src, "to": e.dst, "dashes": style["dashes"],
                                "color": {"color": style["color"]}, "width": style["width"],
                                "title": style["label"], "relation": e.type}
        if e.type == "LINE_MANAGED_BY" and e.src in placed.stacked:
            edge["smooth"] = {"enabled": True, "type": "curvedCCW", "roundness": 0.25}
        elif e.type != "LINE_MANAGED_BY":
            # Only line management shapes the tree; the other lines are drawn over it.
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        edges.append(edge)
    return nodes, edges


def _legend(graph: ChartGraph, changes: dict[str, str] | None) -> str:
    items: list[str] = []
    if changes is not None:
        for name in ("created", "deleted", "amended", "moved", "unchanged"):
            items.append(f'<span class="sw" style="background:{CHANGE_COLOURS[name]}"></span>{name}')
    else:
        for name, colour in unit_colours(graph).items():
            items.append(f'<span class="sw" style="background:{colour}"></span>{html.escape(name)}')
        if any(not p.unit for p in graph.posts.values()):
            items.append(f'<span class="sw" style="background:{NO_UNIT_COLOUR}"></span>no unit stated')
    lines = []
    for style in EDGE_STYLES.values():
        dash = "solid" if not style["dashes"] else ("dashed" if style["dashes"][0] > 4 else "dotted")
        lines.append(f'<span class="ln" style="border-top:3px {dash} {style["color"]}"></span>{style["label"]}')
    marks = [f'<span class="sw" style="border:3px solid {TEMPORARY_BORDER}"></span>interim / acting',
             '<span class="sw" style="border:2px dashed #555"></span>vacant',
             f'<span class="sw" style="border:4px solid {HIGHLIGHT_BORDER}"></span>highlighted',
             "[DCS] statutory role badge",
             "bottom rows: no line management stated"]
    title = "Change" if changes is not None else "Units"
    return (f'<div class="legend"><div><b>{title}:</b> ' + " ".join(f"<span class=it>{i}</span>" for i in items)
            + '</div><div><b>Lines:</b> ' + " ".join(f"<span class=it>{i}</span>" for i in lines)
            + '</div><div><b>Posts:</b> ' + " ".join(f"<span class=it>{i}</span>" for i in marks) + "</div></div>")


def _json(value: Any) -> str:
    # Safe inside <script>: no "</script>" can be formed by data (titles, names) from a file.
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(graph: ChartGraph, highlight: Iterable[str] = (), changes: dict[str, str] | None = None,
           height: int = 600) -> str:
    """A complete HTML document: chart plus legend, with vis-network in-line (works offline)."""
    nodes, edges = vis_data(graph, highlight, changes)
    js, css = _vis_assets()
    empty = "" if nodes else '<p class="empty">No posts to show.</p>'
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>{css}</style>
<style>
body {{ margin: 0; font-family: Helvetica, Arial, sans-serif; font-size: 13px; }}
#remit-chart {{ width: 100%; height: {height}px; border: 1px solid #ddd; background: #fff; }}
.legend {{ padding: 6px 4px; line-height: 1.9; }}
.legend .it {{ margin-right: 14px; white-space: nowrap; }}
.legend .sw {{ display: inline-block; width: 14px; height: 12px; margin-right: 4px; vertical-align: middle;
              border: 1px solid #777; box-sizing: border-box; }}
.legend .ln {{ display: inline-block; width: 34px; margin-right: 4px; vertical-align: middle; }}
.empty {{ padding: 1em; color: #666; }}
</style>
<script>{js}</script>
</head><body>
{empty}<div id="remit-chart"></div>
{_legend(graph, changes)}
<script>
const nodes = new vis.DataSet({_json(nodes)});
const edges = new vis.DataSet({_json(edges)});
const network = new vis.Network(document.getElementById("remit-chart"), {{nodes: nodes, edges: edges}},
                                {_json(_options())});
network.once("afterDrawing", function () {{ network.fit(); }});
</script>
</body></html>"""


def chart_height(graph: ChartGraph) -> int:
    """Tall enough for the number of tiers (a wide chart is zoomed out to fit instead)."""
    return max(360, min(900, layout(graph).height + 120))


def structure_chart(snap: Snapshot, highlight: Iterable[str] = (), root: str | None = None,
                    depth: int | None = None, height: int | None = None) -> str:
    graph = subtree(chart_graph(snap), root, depth)
    return render(graph, highlight, None, height or chart_height(graph))


def compare_chart(before: Snapshot, after: Snapshot, diff_rows: list[dict[str, Any]],
                  height: int | None = None) -> str:
    """Both structures as one chart, each post coloured by what the restructure does to it."""
    gb, ga = chart_graph(before), chart_graph(after)
    changes, renamed = changes_from_diff(diff_rows, gb.posts, ga.posts)
    graph = merge(gb, ga, renamed)
    return render(graph, (), changes, height or chart_height(graph))
