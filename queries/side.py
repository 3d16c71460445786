"""A snapshot read by post and unit keys: one side of a diff, or a structure to write out.

A diff compares facts, not node ids: post and unit uids carry their structure id, so every link is
re-expressed here with post keys, unit keys and role/function codes, which are stable across the
structures of one council. Designations and holdings are filtered to a date when the side was
resolved with --as-of, as design.md asks of every as-of answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, overload

import networkx as nx

from remit.loader.schema import STATED_COUNT_FIELDS, STATED_LINK_FIELDS, decode_records

from . import graph_helpers
from .snapshot import Snapshot

ROLE_LINKS = ("DESIGNATED", "HOLDS")


@dataclass
class Side:
    snap: Snapshot
    as_of: str | None = None
    posts: dict[str, dict[str, Any]] = field(init=False)
    units: dict[str, dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.posts = self.snap.posts()
        self.units = {u["key"]: u for u in self.snap.of_label("Unit")}

    @property
    def id(self) -> str:
        sid: str = self.snap.structure["id"]
        return sid

    @property
    def council(self) -> str:
        council: str = self.snap.structure["council"]
        return council

    def key(self, uid: str) -> str:
        """Key of a post or unit of this structure: the ends of its lines, designations and function
        links are all posts or units of it (KeyError for any other node)."""
        node = self.snap.nodes[uid]
        if node["_label"] not in ("Post", "Unit"):
            raise KeyError(uid)
        key: str = node["key"]
        return key

    def key_of(self, uid: str) -> str | None:
        """Post or unit key of a uid of this structure (None for other nodes)."""
        node = self.snap.nodes.get(uid)
        return node.get("key") if node and node["_label"] in ("Post", "Unit") else None

    def edges(self, rel: str) -> list[dict[str, Any]]:
        found = self.snap.edges_of(rel)
        if rel in ROLE_LINKS:
            found = [e for e in found if graph_helpers.in_force(e["props"], self.as_of)]
        return found

    def out_links(self, rel: str, key: str) -> list[dict[str, Any]]:
        """Links of one post (by key) of a relationship type, each with its far end's props."""
        uid = self.posts[key]["uid"]
        return [e for e in self.edges(rel) if e["src"] == uid]

    def manager(self, key: str) -> tuple[str | None, dict[str, Any] | None]:
        links = self.out_links("LINE_MANAGED_BY", key)
        if not links:
            return None, None
        return self.key_of(links[0]["dst"]), links[0]["props"]

    def reports(self, key: str) -> list[str]:
        uid = self.posts[key]["uid"]
        found = (self.key_of(e["src"]) for e in self.edges("LINE_MANAGED_BY") if e["dst"] == uid)
        return sorted(k for k in found if k is not None)  # a line manager's reports are posts: all keyed

    @overload
    def unit_name(self, key: str) -> str: ...
    @overload
    def unit_name(self, key: None) -> None: ...
    def unit_name(self, key: str | None) -> str | None:
        if key is None:
            return None
        name: str | None = self.units.get(key, {}).get("name", key)
        return name

    @overload
    def title(self, key: str) -> str: ...
    @overload
    def title(self, key: None) -> None: ...
    def title(self, key: str | None) -> str | None:  # a post's title, else its key
        if key is None:
            return None
        title: str | None = self.posts.get(key, {}).get("title", key)
        return title

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The snapshot as a networkx graph, so the catalogue's own helpers (tier) apply unchanged."""
        g = nx.MultiDiGraph()
        for uid, props in {**self.snap.shared, **self.snap.nodes}.items():
            g.add_node(uid, **props)
        for e in self.snap.edges:
            for end in ("src", "dst"):
                if e[end] not in g:
                    g.add_node(e[end], _label=e[f"{end}_label"])
            g.add_edge(e["src"], e["dst"], _type=e["type"], **e["props"])
        return g

    def tier(self, key: str) -> int | None:
        """Tier as the question catalogue computes it: steps up to the Head of Paid Service, or None."""
        return graph_helpers.tier(self.graph, self.posts[key]["uid"], self.as_of)

    def holders(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        """(label, HOLDS props) per holding: a named person by name, an unnamed one by its basis."""
        out = []
        for e in self.edges("HOLDS"):
            if e["dst"] != self.posts[key]["uid"]:
                continue
            person = self.snap.node(e["src"]) or {}
            label = person.get("name") or "unnamed holder"
            if e["props"].get("basis"):
                label += f" ({e['props']['basis']})"
            out.append((label, e["props"]))
        return sorted(out, key=lambda x: x[0])

    def stated(self, prefix: str) -> dict[str, Any]:
        """The document's own figures stored on the Structure node (stated_totals_*, stated_change_*)."""
        head = self.snap.structure
        return {k[len(prefix) + 1 :]: v for k, v in head.items() if k.startswith(prefix + "_")}

    def stated_counts(self) -> list[dict[str, Any]]:
        return decode_records(self.snap.structure.get("stated_counts"), STATED_COUNT_FIELDS)

    # -- what the documents state changes (issue 21): a diff says created / deleted only then ----------
    @property
    def complete(self) -> bool:
        """Every post is a row of a published table (an organogram or chart import): the side lists every
        post, so a post missing from it is missing from the structure, not just unmentioned."""
        return bool(self.posts) and all(p.get("row") is not None for p in self.posts.values())

    def created(self, key: str) -> dict[str, Any] | None:
        """The statement that a post is created, as a fact map, or None."""
        return _statement(self.posts.get(key) or {}, "created")

    def unit_created(self, key: str) -> dict[str, Any] | None:
        return _statement(self.units.get(key) or {}, "created")

    def deletes(self) -> dict[str, dict[str, Any]]:
        """Posts of the superseded structure this structure's documents say are deleted: key -> fact map."""
        return {r["key"]: r for r in decode_records(self.snap.structure.get("deletes"), STATED_LINK_FIELDS)}

    def unit_replaces(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Units of the superseded structure taken over by a unit of this one: before key -> (after key, fact)."""
        out = {}
        for key, u in sorted(self.units.items()):
            for r in decode_records(u.get("replaces"), STATED_LINK_FIELDS):
                out[r["key"]] = (key, r)
        return out


def _statement(props: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if not props.get(f"{prefix}_source"):
        return None
    return {
        "source": props[f"{prefix}_source"],
        "quote": props.get(f"{prefix}_quote"),
        "inferred": props.get(f"{prefix}_inferred"),
        "rule": props.get(f"{prefix}_rule"),
    }


def placement_names(side: Side, key: str) -> tuple[str, str]:
    """(directorate, service) names of a post as published: its unit, and the unit that is part of."""
    links = side.out_links("IN_UNIT", key)
    if not links:
        return "", ""
    unit = side.snap.nodes.get(links[0]["dst"], {})
    parent = next(
        (side.snap.nodes.get(e["dst"], {}) for e in side.edges("PART_OF") if e["src"] == links[0]["dst"]), None
    )
    if unit.get("kind") == "service":
        return (parent.get("name") or "") if parent else "", unit.get("name") or ""
    return unit.get("name") or "", ""
