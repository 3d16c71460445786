"""A whole structure read back from either store: the raw material of diffs and charts.

Two internal questions fetch a structure's own nodes and its relationships; `snapshot()` turns
their rows into one object. Because both questions have Cypher and networkx forms held equal by
the parity tests, whatever is built on a snapshot agrees across stores too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from .catalogue import Param, Question, register

if TYPE_CHECKING:
    from .backend import Backend

STRUCTURE = Param("structure", "Structure id", kind="structure")


def _nodes(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    from remit.loader.memory import structure_index

    nodes = g.nodes
    return [
        {"label": nodes[uid]["_label"], "uid": uid, "props": _props(uid, nodes[uid])}
        for uid in structure_index(g).nodes.get(structure, ())
    ]


def _edges(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    from remit.loader.memory import structure_edges

    rows = []
    for src, dst, a in structure_edges(g, structure):
        sa, da = g.nodes[src], g.nodes[dst]
        rows.append(
            {
                "type": a["_type"],
                "src": src,
                "src_label": sa["_label"],
                "dst": dst,
                "dst_label": da["_label"],
                "props": {k: v for k, v in a.items() if k != "_type"},
                "src_shared": None if "structure" in sa else _props(src, sa),
                "dst_shared": None if "structure" in da else _props(dst, da),
            }
        )
    return rows


def _props(uid: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"uid": uid, **{k: v for k, v in attrs.items() if k != "_label"}}


NODES = register(
    Question(
        id="structure-nodes",
        title="Structure nodes",
        kind="internal",
        description="Every node that belongs to one structure, with all its properties.",
        columns=("label", "uid", "props"),
        cypher_file="structure_nodes.cypher",
        nx=_nodes,
        params=(STRUCTURE,),
        sort_by=("uid",),
    )
)
EDGES = register(
    Question(
        id="structure-edges",
        title="Structure relationships",
        kind="internal",
        description="Every relationship that belongs to one structure, with its ends.",
        columns=("type", "src", "src_label", "dst", "dst_label", "props", "src_shared", "dst_shared"),
        cypher_file="structure_edges.cypher",
        nx=_edges,
        params=(STRUCTURE,),
    )
)


@dataclass
class Snapshot:
    """One structure: its nodes by uid and its relationships, each with provenance properties."""

    structure: dict[str, Any]
    nodes: dict[str, dict[str, Any]]  # uid -> props (with "_label")
    edges: list[dict[str, Any]]  # rows of structure-edges
    shared: dict[str, dict[str, Any]] = field(default_factory=dict)  # uid -> props of roles, functions, persons

    def of_label(self, label: str) -> list[dict[str, Any]]:
        return [n for n in self.nodes.values() if n["_label"] == label]

    def edges_of(self, rel: str) -> list[dict[str, Any]]:
        return [e for e in self.edges if e["type"] == rel]

    def posts(self) -> dict[str, dict[str, Any]]:
        """Posts by key (keys are unique within a structure)."""
        return {p["key"]: p for p in self.of_label("Post")}

    def node(self, uid: str) -> dict[str, Any] | None:
        return self.nodes.get(uid) or self.shared.get(uid)


def snapshot(backend: Backend, structure: str) -> Snapshot:
    nodes = {r["uid"]: {"_label": r["label"], **r["props"]} for r in backend.run(NODES, {"structure": structure})}
    head = next((n for n in nodes.values() if n["_label"] == "Structure"), None)
    if head is None:
        raise LookupError(f"no structure '{structure}' is loaded")
    edges = backend.run(EDGES, {"structure": structure})
    shared: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side, label in (("src", "src_label"), ("dst", "dst_label")):
            if e[f"{side}_shared"] is not None:
                shared[e[side]] = {"_label": e[label], **e[f"{side}_shared"]}
    return Snapshot(head, nodes, edges, shared)
