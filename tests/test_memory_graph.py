"""The embedded store's graph: the records exactly, in fewer bytes (identical edge attributes shared),
and read-only so that sharing can never leak one edge's change into another."""

from __future__ import annotations

import networkx as nx
import pytest

from remit.loader.memory import build_graph, structure_index
from remit.loader.records import Edge, Node, StructureRecords, dataset_records


def _rec(nodes: list[Node], edges: list[Edge]) -> StructureRecords:
    return StructureRecords("s", "c", [], nodes, edges)


def _edges(g: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    return sorted(((u, v, dict(a)) for u, v, a in g.edges(data=True)), key=repr)


def test_the_graph_holds_every_record_and_nothing_else(seed_dataset):
    records = list(dataset_records(seed_dataset))
    g = build_graph(records)
    nodes: dict[str, dict] = {}
    for rec in records:
        for n in rec.shared + rec.nodes:
            nodes.setdefault(n.uid, {"_label": n.label, **n.props})
    assert dict(g.nodes(data=True)) == nodes
    expected = sorted(((e.src, e.dst, {"_type": e.type, **e.props}) for rec in records for e in rec.edges), key=repr)
    assert _edges(g) == expected


def test_the_graph_is_read_only_and_shares_identical_edge_attributes(seed_dataset):
    g = build_graph(dataset_records(seed_dataset))
    assert nx.is_frozen(g)
    with pytest.raises(nx.NetworkXError):
        g.add_edge("a", "b")
    has_post = [a for _, _, a in g.edges(data=True) if a["_type"] == "HAS_POST"]
    by_structure = {a["structure"] for a in has_post}
    # One HAS_POST attribute dict per structure, however many posts it has.
    assert len({id(a) for a in has_post}) == len(by_structure) < len(has_post)


def test_equal_but_different_values_are_never_shared():
    """1 == True == 1.0 in Python; a property that is the number 1 must not come back as True."""
    nodes = [Node("Post", f"p{i}", {}) for i in range(4)]
    edges = [
        Edge("X", "p0", "p1", {"v": 1}),
        Edge("X", "p2", "p3", {"v": True}),
        Edge("X", "p1", "p2", {"v": 1.0}),
        Edge("X", "p3", "p0", {"v": ["a"]}),
    ]
    g = build_graph([_rec(nodes, edges)])
    got = {(u, v): a["v"] for u, v, a in g.edges(data=True)}
    assert [type(got[k]) for k in (("p0", "p1"), ("p2", "p3"), ("p1", "p2"), ("p3", "p0"))] == [int, bool, float, list]


def test_a_second_edge_between_two_nodes_leaves_other_pairs_alone():
    """Two pairs with the same single edge share one {key: attrs} map; a second edge on one pair must not
    appear on the other (the map is copied, never written in place)."""
    nodes = [Node("Post", f"p{i}", {"structure": "s"}) for i in range(4)]
    same = {"structure": "s"}
    edges = [
        Edge("HAS_POST", "p0", "p1", dict(same)),
        Edge("HAS_POST", "p2", "p3", dict(same)),
        Edge("HAS_POST", "p0", "p1", {"structure": "s", "source": "doc"}),
        Edge("DESIGNATED", "p0", "p1", dict(same)),
    ]
    g = build_graph([_rec(nodes, edges)])
    assert g.number_of_edges("p2", "p3") == 1
    assert sorted(g._succ["p0"]["p1"]) == ["DESIGNATED", "HAS_POST", "HAS_POST#2"]
    assert g._pred["p1"]["p0"] is g._succ["p0"]["p1"]
    # The index of DESIGNATED edges names the edge by the key it really has.
    [(src, dst, key)] = structure_index(g).designated["s"]
    assert g._succ[src][dst][key]["_type"] == "DESIGNATED"


def test_an_end_missing_from_the_records_becomes_a_bare_node_as_networkx_makes_it():
    g = build_graph(
        [_rec([Node("Post", "p0", {"structure": "s"})], [Edge("REPLACES", "p0", "gone", {"structure": "s"})])]
    )
    reference = nx.MultiDiGraph()
    reference.add_node("p0", _label="Post", structure="s")
    reference.add_edge("p0", "gone", _type="REPLACES", structure="s")
    assert dict(g.nodes(data=True)) == dict(reference.nodes(data=True))
    assert _edges(g) == _edges(reference)
    assert list(g.predecessors("p0")) == [] and list(g.successors("gone")) == []
