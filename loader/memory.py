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
from dataclasses import dataclass, field
from typing import Iterable, Iterator

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
    designated: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # DESIGNATED edges alone
    size: int = 0  # nodes of the graph it was built for (networkx counts edges in O(E), nodes in O(1))

    def add_node(self, uid: str, attrs: dict) -> None:
        if attrs["_label"] == "Structure":
            self.structures.append(uid)
        if "structure" in attrs:
            self.nodes.setdefault(attrs["structure"], []).append(uid)

    def add_edge(self, src: str, dst: str, key: int, attrs: dict) -> None:
        if attrs["_type"] == "DESIGNATED":
            self.designated.setdefault(attrs["structure"], []).append((src, dst, key))


def build_graph(records: Iterable[StructureRecords]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    index = StructureIndex()
    intern = sys.intern
    with gc_paused():
        for rec in records:
            for n in rec.shared + rec.nodes:
                if n.uid in g:
                    continue
                g.add_node(intern(n.uid), _label=n.label, **n.props)
                index.add_node(n.uid, g.nodes[n.uid])
            for e in rec.edges:
                k = g.add_edge(intern(e.src), intern(e.dst), _type=e.type, **e.props)
                index.add_edge(e.src, e.dst, k, g._succ[e.src][e.dst][k])
    index.size = g.number_of_nodes()
    g.graph[INDEX] = index
    return g


def structure_index(g: nx.MultiDiGraph) -> StructureIndex:
    """The graph's index by structure; rebuilt by one scan if nodes were added since it was made.

    Graphs are built whole from records and then only read; a graph made some other way (or grown
    by hand) is indexed on first use."""
    index = g.graph.get(INDEX)
    if index is not None and index.size == g.number_of_nodes():
        return index
    index = StructureIndex()
    for uid, a in g.nodes(data=True):
        index.add_node(uid, a)
    for src, dst, k, a in g.edges(keys=True, data=True):
        index.add_edge(src, dst, k, a)
    index.size = g.number_of_nodes()
    g.graph[INDEX] = index
    return index


def structure_edges(g: nx.MultiDiGraph, structure: str) -> Iterator[tuple[str, str, dict]]:
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


def counts_by_structure(g: nx.MultiDiGraph) -> dict[str, dict[str, Counter]]:
    """Per structure: nodes by label and relationships by type (the figures `remit load` prints)."""
    index = structure_index(g)
    out: dict[str, dict[str, Counter]] = {}
    for sid in sorted(index.nodes):
        out[sid] = {"nodes": Counter(g.nodes[u]["_label"] for u in index.nodes[sid]),
                    "relationships": Counter(a["_type"] for _, _, a in structure_edges(g, sid))}
    return out
