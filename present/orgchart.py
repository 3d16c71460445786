"""What an organisation chart shows of a structure: posts, units with accountability lines, and
the lines between them, read from a snapshot. Shared by the dashboard's chart and the report's SVG,
so both draw the same thing from the same layout (queries.layout)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from remit.loader.schema import last_part
from remit.queries.snapshot import Snapshot

ROLE_BADGES = {"hops": "HoPS", "s151": "S151", "mo": "MO", "dcs": "DCS", "dass": "DASS", "dph": "DPH", "lmcs": "LMCS"}
TEMPORARY_BASES = ("interim", "acting")
LINE_TYPES = ("LINE_MANAGED_BY", "ACCOUNTABLE_TO", "ESCALATION_LINE")
UNIT_PREFIX = "unit:"  # a unit drawn as a node: no post key contains ':' (see the loader's key rule)


@dataclass
class ChartPost:
    """What the chart shows of one post, or of a unit drawn as a node (kind 'unit')."""

    key: str
    title: str
    unit: str | None = None  # unit name
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (role code, basis)
    holders: list[tuple[str | None, str | None]] = field(default_factory=list)  # (name, basis)
    vacant: bool = False
    kind: str = "officer"
    manager: str | None = None  # line manager's post key
    accountable_to: str | None = None  # first accountability line (where a unit is drawn)
    # What the documents support only by inference, with its reasoning: "post", "role:CODE",
    # "holder:NAME", "unit" -> rule. Shown as inferred on the chart, in its table and the report.
    inferred: dict[str, str] = field(default_factory=dict)
    # The top unit above the post's unit (units "part of" others), where the documents say and it
    # differs from the unit: the chart colours by it when units are too many to colour apart.
    directorate: str | None = None
    # Facts a person settled (an overlay's decision): the same keys (and "line") -> "settled by NAME
    # on DATE from SOURCE" (or "asserted by ..."), shown in the chart's tooltips.
    settled: dict[str, str] = field(default_factory=dict)

    @property
    def temporary(self) -> str | None:
        """'interim' or 'acting' when a holder or designation is said to be held on that basis."""
        for basis in [b for _, b in self.holders] + [b for _, b in self.roles]:
            if basis in TEMPORARY_BASES:
                return basis
        return None

    @property
    def badges(self) -> str:
        return " ".join(
            f"[{ROLE_BADGES.get(code, code.upper())}" + (" inferred]" if f"role:{code}" in self.inferred else "]")
            for code, _ in self.roles
        )

    @property
    def label(self) -> str:
        lines = [self.title]
        if self.badges:
            lines.append(self.badges)
        names = [n + (" (inferred)" if f"holder:{n}" in self.inferred else "") for n, _ in self.holders if n]
        if names:
            lines.append(", ".join(names))
        marks = [
            m
            for m in (
                self.temporary,
                "vacant" if self.vacant else None,
                "inferred" if "post" in self.inferred else None,
            )
            if m
        ]
        if marks:
            lines[0] += f" ({', '.join(marks)})"
        return "\n".join(lines)

    @property
    def parent(self) -> str | None:
        """Where the layout hangs this node: its line manager, or for a unit the post it answers to."""
        return self.manager or (self.accountable_to if self.kind == "unit" else None)


@dataclass
class ChartEdge:
    type: str
    src: str  # post key (or UNIT_PREFIX + unit key)
    dst: str
    inferred: str | None = None  # the reasoning, when the line is inferred rather than stated
    settled: str | None = None  # who settled the line, when, from which source (settlement())


def inference(props: dict[str, Any]) -> str | None:
    """The reasoning of an inferred fact (None when the fact is stated)."""
    return (props.get("rule") or props.get("reasoning") or "inferred") if props.get("inferred") else None


def settlement(props: dict[str, Any], prefix: str = "") -> str | None:
    """Who settled a fact and when, and from which source: "settled by A on 2025-06-03 from
    constitution", or "asserted by A on 2025-06-03 (no document)"; None for a fact as read."""
    by = props.get(f"{prefix}settled_by")
    if not by:
        return None
    on = props.get(f"{prefix}settled_on")
    when = f" on {on}" if on else ""
    if props.get(f"{prefix}inferred"):
        return f"asserted by {by}{when} (no document)"
    return f"settled by {by}{when} from {props.get(f'{prefix}source')}"


@dataclass
class ChartGraph:
    posts: dict[str, ChartPost]
    edges: list[ChartEdge]

    def children(self) -> dict[str, list[str]]:
        """Layout parent -> children, sorted by key (stable across runs)."""
        out: dict[str, list[str]] = {}
        for key in sorted(self.posts):
            parent = self.posts[key].parent
            if parent and parent in self.posts and parent != key:
                out.setdefault(parent, []).append(key)
        return out


def chart_graph(snap: Snapshot) -> ChartGraph:
    """The posts and lines of a snapshot, keyed by post key; units that have lines of their own
    (a children's trust accountable to the DCS) become nodes too."""
    by_uid = {p["uid"]: p for p in snap.of_label("Post")}
    units = {u["uid"]: u for u in snap.of_label("Unit")}
    posts = {
        p["key"]: ChartPost(
            key=p["key"],
            title=p.get("title") or p["key"],
            kind=p.get("kind") or "officer",
            vacant=p.get("status") == "vacant",
            inferred={"post": why} if (why := inference(p)) else {},
        )
        for p in by_uid.values()
    }
    ids = {uid: p["key"] for uid, p in by_uid.items()}
    for e in snap.edges:
        if e["type"] in LINE_TYPES and e["src"] in units and e["dst"] in by_uid:
            u = units[e["src"]]
            key = UNIT_PREFIX + (u.get("key") or e["src"])
            ids[e["src"]] = key
            posts.setdefault(
                key,
                ChartPost(
                    key=key,
                    title=u.get("name") or u.get("key") or key,
                    kind="unit",
                    unit=u.get("name"),
                    inferred={"post": why} if (why := inference(u)) else {},
                ),
            )
    edges: list[ChartEdge] = []
    for e in snap.edges:
        src, dst, t = ids.get(e["src"]), ids.get(e["dst"]), e["type"]
        if src is None:
            continue
        post = posts[src]
        if t in LINE_TYPES and dst is not None:
            edges.append(ChartEdge(t, src, dst, inference(e["props"]), settlement(e["props"])))
            if t == "LINE_MANAGED_BY":
                post.manager = dst
                if settlement(e["props"]):
                    post.settled["line manager"] = settlement(e["props"]) or ""
            elif t == "ACCOUNTABLE_TO" and post.accountable_to is None:
                post.accountable_to = dst
        elif t in ("IN_UNIT", "HEADS") and e["dst"] in units and (post.unit is None or t == "IN_UNIT"):
            post.unit = units[e["dst"]].get("name") or units[e["dst"]].get("key")
        elif t == "DESIGNATED":
            role = snap.node(e["dst"]) or {}
            code = role.get("code") or last_part(e["dst"])
            post.roles.append((code, e["props"].get("basis")))
            if inference(e["props"]):
                post.inferred[f"role:{code}"] = inference(e["props"]) or ""
            if settlement(e["props"]):
                post.settled[f"role:{code}"] = settlement(e["props"]) or ""
    for e in snap.edges:
        if e["type"] == "HOLDS" and e["dst"] in by_uid:
            person = snap.node(e["src"]) or {}
            holder = posts[ids[e["dst"]]]
            holder.holders.append((person.get("name"), e["props"].get("basis")))
            if inference(e["props"]) and person.get("name"):
                holder.inferred[f"holder:{person['name']}"] = inference(e["props"]) or ""
            if settlement(e["props"]):
                holder.settled[f"holder:{person.get('name') or 'not named'}"] = settlement(e["props"]) or ""
    part_of = {e["src"]: e["dst"] for e in snap.edges if e["type"] == "PART_OF" and e["dst"] in units}
    in_unit = {  # IN_UNIT wins over HEADS, as for the unit shown
        ids[e["src"]]: e["dst"]
        for e in sorted(snap.edges_of("HEADS") + snap.edges_of("IN_UNIT"), key=lambda e: e["type"])
        if e["src"] in ids and e["dst"] in units
    }
    for key, uid in in_unit.items():
        seen = [uid]
        while part_of.get(seen[-1]) and part_of[seen[-1]] not in seen:
            seen.append(part_of[seen[-1]])
        if len(seen) > 1:
            posts[key].directorate = units[seen[-1]].get("name") or units[seen[-1]].get("key")
    for p in posts.values():
        p.roles.sort()
    edges.sort(key=lambda x: (x.type, x.src, x.dst))
    return ChartGraph(posts, edges)


def tiers(graph: ChartGraph) -> dict[str, int]:
    """Depth of each node from the top of its tree (line management; units under their post)."""
    out: dict[str, int] = {}
    for start in graph.posts:
        path: list[str] = []
        on_path: set[str] = set()  # a set beside the list: membership in the list was quadratic on a deep chain
        key: str | None = start
        while key is not None and key not in out and key not in on_path:
            path.append(key)
            on_path.add(key)
            parent = graph.posts[key].parent
            key = parent if parent in graph.posts else None
        base = out[key] + 1 if key is not None and key in out else 0
        for i, k in enumerate(reversed(path)):
            out[k] = base + i
    return out


def descendants(graph: ChartGraph, root: str, children: dict[str, list[str]] | None = None) -> set[str]:
    """Every node below `root` in the layout tree (cycle-safe)."""
    children = children if children is not None else graph.children()
    seen: set[str] = set()
    stack = list(children.get(root, []))
    while stack:
        k = stack.pop()
        if k in seen or k == root:
            continue
        seen.add(k)
        stack.extend(children.get(k, []))
    return seen


def ancestors(graph: ChartGraph, key: str) -> list[str]:
    """The chain of layout parents above `key`, nearest first (cycle-safe)."""
    out: list[str] = []
    seen: set[str] = set()
    parent = graph.posts[key].parent if key in graph.posts else None
    while parent and parent in graph.posts and parent not in seen and parent != key:
        out.append(parent)
        seen.add(parent)
        parent = graph.posts[parent].parent
    return out


def subtree(graph: ChartGraph, root: str | None, depth: int | None = None) -> ChartGraph:
    """Only `root` and the posts below it (to `depth` steps): one branch of a chart."""
    if root is None and depth is None:
        return graph
    levels = tiers(graph)
    if root is None:
        keep = {k for k, t in levels.items() if t <= depth}  # type: ignore[operator]
    else:
        keep = {root} | {k for k in descendants(graph, root) if depth is None or levels[k] - levels[root] <= depth}
    return ChartGraph(
        {k: p for k, p in graph.posts.items() if k in keep}, [e for e in graph.edges if e.src in keep and e.dst in keep]
    )


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
MOVES = ("line manager changed", "tier changed")
# A post on one side only that no document says is created or deleted (issue 21) is marked as such, not
# as created / deleted: the other side's document is silent on it.
ONE_SIDED = ("not recorded before", "not stated after")
CHANGE_RANK = {"created": 3, "deleted": 3, "not recorded before": 3, "not stated after": 3, "moved": 2, "amended": 1}


def changes_from_diff(
    rows: list[dict[str, Any]], before_keys: Iterable[str], after_keys: Iterable[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """From queries.diff rows: each post's change (created / deleted / amended / moved) and the
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
            if change in ONE_SIDED:
                mark(ka if change == ONE_SIDED[0] else kb, change)
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


def compare_graph(
    before: Snapshot, after: Snapshot, diff_rows: list[dict[str, Any]]
) -> tuple[ChartGraph, dict[str, str]]:
    """Both structures as one graph, and each post's change."""
    gb, ga = chart_graph(before), chart_graph(after)
    changes, renamed = changes_from_diff(diff_rows, gb.posts, ga.posts)
    return merge(gb, ga, renamed), changes


def paths_to_top(graph: ChartGraph, key: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The posts and lines from `key` to the top, as the `chain` question walks them: its line
    chain (line management up), and its accountability chain (its accountability lines, then on by
    accountability or line management). Lines as (type, from, to)."""
    up: dict[str, list[ChartEdge]] = {}
    for e in graph.edges:
        up.setdefault(e.src, []).append(e)
    nodes, lines = {key}, set()
    current: str | None = key
    while current is not None:  # the line chain
        step = next((e for e in up.get(current, []) if e.type == "LINE_MANAGED_BY"), None)
        if step is None or step.dst in nodes:
            break
        nodes.add(step.dst)
        lines.add((step.type, step.src, step.dst))
        current = step.dst
    todo = [e for e in up.get(key, []) if e.type == "ACCOUNTABLE_TO"]
    seen: set[str] = set()
    while todo:  # the accountability chain
        e = todo.pop()
        lines.add((e.type, e.src, e.dst))
        nodes.add(e.dst)
        if e.dst in seen:
            continue
        seen.add(e.dst)
        todo += [n for n in up.get(e.dst, []) if n.type in ("LINE_MANAGED_BY", "ACCOUNTABLE_TO")]
    return nodes, lines
