"""The embedded store: the graph in a networkx MultiDiGraph, built from the same records as Neo4j.

A node's Neo4j label is kept in the attribute `_label` and an edge's type in `_type`, because
`label` and `type` are ordinary properties of some nodes (a structure has a label).

The graph carries an index by structure (the networkx counterpart of Neo4j's `structure`
indexes): a snapshot, a unit lookup or the list of structures then touches only what it asks
for instead of scanning every node of every council. Building runs with the garbage collector
paused: the graph is hundreds of thousands of small dicts, none of them garbage, and each
automatic collection would walk them all again.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import networkx as nx

from .files import Dataset, gc_paused
from .records import StructureRecords, dataset_records

INDEX = "_structure_index"


@dataclass
class StructureIndex:
    """Uids of Structure nodes, and per structure id its own nodes and its DESIGNATED edges.

    A structure's other edges are found from its own nodes (every one of them starts or ends at
    one: see structure_edges), so they need no list of their own: bytes per post matter here."""

    structures: list[str] = field(default_factory=list)
    nodes: dict[str, list[str]] = field(default_factory=dict)
    designated: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # DESIGNATED edges alone
    size: int = 0  # nodes of the graph it was built for (networkx counts edges in O(E), nodes in O(1))

    def add_node(self, uid: str, attrs: dict[str, Any]) -> None:
        if attrs["_label"] == "Structure":
            self.structures.append(uid)
        if "structure" in attrs:
            self.nodes.setdefault(attrs["structure"], []).append(uid)

    def add_edge(self, src: str, dst: str, key: str, attrs: dict[str, Any]) -> None:
        if attrs["_type"] == "DESIGNATED":
            self.designated.setdefault(attrs["structure"], []).append((src, dst, key))


def build_graph(records: Iterable[StructureRecords]) -> nx.MultiDiGraph:
    """The graph of the records, written straight into networkx's adjacency dicts (what add_node
    and add_edge would write, without their per-call checks), in the order they would write it.

    Bytes per post matter at a thousand councils, and most of a graph's bytes are its small dicts,
    so identical ones are made once (see Shared). That is safe because the graph is read-only:
    it is frozen (networkx refuses add_edge, remove_node, ...) and nothing writes into attributes.
    """
    g = nx.MultiDiGraph()
    node, succ, pred = g._node, g._succ, g._pred
    index = StructureIndex()
    shared = Shared()
    intern = sys.intern
    with gc_paused():
        for rec in records:
            for n in chain(rec.shared, rec.nodes):
                uid = intern(n.uid)
                if uid in node:
                    continue
                node[uid] = attrs = {"_label": n.label, **n.props}
                succ[uid] = pred[uid] = shared.empty
                index.add_node(uid, attrs)
            for e in rec.edges:
                src, dst = intern(e.src), intern(e.dst)
                for end in (src, dst):
                    if end not in node:  # as add_edge does: an end not among the records gets a bare node
                        node[end] = {}
                        succ[end] = pred[end] = shared.empty
                attrs = shared.attrs(e.type, e.props)
                out: dict[str, dict[str, Any]] = succ[src]
                if out is shared.empty:
                    out = succ[src] = {}
                into: dict[str, dict[str, Any]] = pred[dst]
                if into is shared.empty:
                    into = pred[dst] = {}
                keyed = out.get(dst)
                if keyed is None:
                    key = intern(e.type)
                    keyed = shared.keyed(key, attrs)
                else:  # a second edge between the same ends: a new dict, as `keyed` may be shared
                    key = _free_key(keyed, e.type)
                    keyed = {**keyed, key: attrs}
                out[dst] = into[src] = keyed
                index.add_edge(src, dst, key, attrs)
    index.size = len(node)
    g.graph[INDEX] = index
    return nx.freeze(g)


def _free_key(keyed: dict[str, Any], rel: str) -> str:
    """The key of another edge of type `rel` between two nodes: the type, then `TYPE#2`, `TYPE#3`..."""
    if rel not in keyed:
        return sys.intern(rel)
    n = 2
    while f"{rel}#{n}" in keyed:
        n += 1
    return f"{rel}#{n}"


class Shared:
    """Makes each distinct small dict of a graph once: an edge's attributes (most edges of a structure
    say the same thing: HAS_POST, or a source and quote repeated), a {key: attributes} map of the
    edges between two nodes, and the empty adjacency of a node with no edges one way.

    Attributes are shared only when every value is text or a flag (see _SHAREABLE)."""

    def __init__(self) -> None:
        self.empty: dict[str, Any] = {}
        self._attrs: dict[tuple[object, ...], dict[str, Any]] = {}
        self._keyed: dict[tuple[str, int], dict[str, Any]] = {}

    def attrs(self, rel: str, props: dict[str, Any]) -> dict[str, Any]:
        for v in props.values():
            if v.__class__ not in _SHAREABLE:
                return {"_type": rel, **props}
        sig = (rel, *props.items())
        found = self._attrs.get(sig)
        if found is None:
            found = self._attrs[sig] = {"_type": rel, **props}
        return found

    def keyed(self, key: str, attrs: dict[str, Any]) -> dict[str, dict[str, Any]]:
        sig = (key, id(attrs))  # attrs are kept alive by self._attrs or by the graph
        found = self._keyed.get(sig)
        if found is None:
            found = self._keyed[sig] = {key: attrs}
        return found


# Only text and flags are shared: no two of them are equal unless they are the same value (1 == True
# in Python, and 1 == 1.0; lists cannot be dictionary keys). Edges carrying numbers are rare anyway.
_SHAREABLE = frozenset((str, bool))


def structure_index(g: nx.MultiDiGraph) -> StructureIndex:
    """The graph's index by structure; rebuilt by one scan if nodes were added since it was made.

    Graphs are built whole from records and then only read; a graph made some other way (or grown
    by hand) is indexed on first use."""
    index = g.graph.get(INDEX)
    if isinstance(index, StructureIndex) and index.size == g.number_of_nodes():
        return index
    index = StructureIndex()
    for uid, a in g.nodes(data=True):
        index.add_node(uid, a)
    for src, dst, k, a in g.edges(keys=True, data=True):
        index.add_edge(src, dst, k, a)
    index.size = g.number_of_nodes()
    g.graph[INDEX] = index
    return index


def structure_edges(g: nx.MultiDiGraph, structure: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(src, dst, attrs) of every edge of one structure: the out-edges of its own nodes, and the
    in-edges its own nodes receive from shared nodes (a named person HOLDS a post)."""
    succ, pred, nodes = g._succ, g._pred, g._node
    for uid in structure_index(g).nodes.get(structure, ()):
        for dst, keyed in succ[uid].items():
            for a in keyed.values():
                if a.get("structure") == structure:
                    yield uid, dst, a
        for src, keyed in pred[uid].items():
            if "structure" not in nodes[src]:
                for a in keyed.values():
                    if a.get("structure") == structure:
                        yield src, uid, a


def graph_from_dataset(data: Dataset) -> nx.MultiDiGraph:
    return build_graph(dataset_records(data))


def counts_by_structure(g: nx.MultiDiGraph) -> dict[str, dict[str, Counter[str]]]:
    """Per structure: nodes by label and relationships by type (the figures `remit load` prints)."""
    index = structure_index(g)
    out: dict[str, dict[str, Counter[str]]] = {}
    for sid in sorted(index.nodes):
        out[sid] = {
            "nodes": Counter(g.nodes[u]["_label"] for u in index.nodes[sid]),
            "relationships": Counter(a["_type"] for _, _, a in structure_edges(g, sid)),
        }
    return out
