"""The embedded store: the graph in a networkx MultiDiGraph, built from the same records as Neo4j.

A node's Neo4j label is kept in the attribute `_label` and an edge's type in `_type`, because
`label` and `type` are ordinary properties of some nodes (a structure has a label).
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import networkx as nx

from .files import Dataset
from .records import StructureRecords, dataset_records


def build_graph(records: Iterable[StructureRecords]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for rec in records:
        for n in rec.shared + rec.nodes:
            if n.uid in g:
                continue
            g.add_node(n.uid, _label=n.label, **n.props)
        for e in rec.edges:
            g.add_edge(e.src, e.dst, _type=e.type, **e.props)
    return g


def graph_from_dataset(data: Dataset) -> nx.MultiDiGraph:
    return build_graph(dataset_records(data))


def counts_by_structure(g: nx.MultiDiGraph) -> dict[str, dict[str, Counter]]:
    """Per structure: nodes by label and relationships by type (the figures `remit load` prints)."""
    out: dict[str, dict[str, Counter]] = {}

    def slot(sid: str) -> dict[str, Counter]:
        return out.setdefault(sid, {"nodes": Counter(), "relationships": Counter()})

    for _, attrs in g.nodes(data=True):
        if "structure" in attrs:
            slot(attrs["structure"])["nodes"][attrs["_label"]] += 1
    for _, _, attrs in g.edges(data=True):
        slot(attrs["structure"])["relationships"][attrs["_type"]] += 1
    return out
