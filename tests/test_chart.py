"""The pure chart builder: offline HTML, top-down layout without physics, line styles, badges,
interim/vacant marks, unit legend, highlighting and change colouring."""
from __future__ import annotations

import json
import re

import pytest

from remit.dashboard import chart
from remit.queries.diff import diff
from remit.queries.snapshot import snapshot


def _data(html: str, name: str) -> list[dict]:
    m = re.search(rf"const {name} = new vis\.DataSet\((.*?)\);\n", html, re.S)
    assert m, f"no {name} DataSet in the chart"
    return json.loads(m.group(1))


def _options(html: str) -> dict:
    m = re.search(r"\{nodes: nodes, edges: edges\},\s*(\{.*?\})\);\n", html, re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def barnet(memory_backend):
    return snapshot(memory_backend, "barnet-2015-04")


@pytest.fixture(scope="module")
def harrow(memory_backend):
    return snapshot(memory_backend, "harrow-2023")


def test_offline_no_external_script_or_link(barnet):
    html = chart.structure_chart(barnet)
    refs = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?([^\"' >]+)", html, re.I)
    assert [r for r in refs if r.startswith(("http://", "https://", "//"))] == []
    assert "<link" not in html.lower()
    assert "new vis.Network" in html and "vis.DataSet" in html  # vis-network is in-line, not fetched
    assert len(html) > 400_000  # the bundled vis-network.min.js itself is in the page


def test_physics_off_and_layout_top_down(barnet):
    html = chart.structure_chart(barnet)
    opts = _options(html)
    assert opts["physics"]["enabled"] is False
    nodes = {n["id"]: n for n in _data(html, "nodes")}
    managed = [e for e in _data(html, "edges") if e["relation"] == "LINE_MANAGED_BY"]
    assert managed
    for e in managed:  # a report is drawn below its line manager: a hierarchical, top-down chart
        assert nodes[e["from"]]["y"] > nodes[e["to"]]["y"]
        assert nodes[e["from"]]["tier"] == nodes[e["to"]]["tier"] + 1
    assert nodes["chief-executive"]["tier"] == 0


def test_node_count_equals_posts(barnet, harrow):
    for snap in (barnet, harrow):
        nodes = _data(chart.structure_chart(snap), "nodes")
        assert sorted(n["id"] for n in nodes) == sorted(snap.posts())


def test_edge_styles_by_relationship(barnet):
    edges = _data(chart.structure_chart(barnet), "edges")
    by_type = {}
    for e in edges:
        by_type.setdefault(e["relation"], []).append(e)
    assert set(by_type) == {"LINE_MANAGED_BY", "ACCOUNTABLE_TO", "ESCALATION_LINE"}
    assert all(e["dashes"] is False for e in by_type["LINE_MANAGED_BY"])
    assert all(e["dashes"] == [8, 6] for e in by_type["ACCOUNTABLE_TO"])
    assert all(e["dashes"] == [2, 4] and e["color"]["color"] == "#d62728" for e in by_type["ESCALATION_LINE"])
    expected = {t: len(barnet.edges_of(t)) for t in by_type}
    assert {t: len(v) for t, v in by_type.items()} == expected


def test_badges_units_and_legend(barnet):
    html = chart.structure_chart(barnet)
    nodes = {n["id"]: n for n in _data(html, "nodes")}
    assert "[HoPS]" in nodes["chief-executive"]["label"]
    assert "[DCS]" in nodes["commissioning-director-children-young-people"]["label"]
    units = {u["name"] for u in barnet.of_label("Unit")}
    colours = chart.unit_colours(chart.chart_graph(barnet))
    assert set(colours) <= units and colours
    legend = html[html.index('<div class="legend">'):]
    for name in colours:
        assert name in legend.replace("&amp;", "&")
    # posts of one unit share that unit's colour
    g = chart.chart_graph(barnet)
    for key, p in g.posts.items():
        if p.unit:
            assert nodes[key]["color"]["background"] == colours[p.unit]


def test_interim_acting_and_vacant_marked(harrow):
    g = chart.chart_graph(harrow)
    nodes = {n["id"]: n for n in _data(chart.structure_chart(harrow), "nodes")}
    temporary = [k for k, p in g.posts.items() if p.temporary]
    vacant = [k for k, p in g.posts.items() if p.vacant]
    assert temporary and vacant  # the Harrow 2023 structure has both
    for k in temporary:
        assert nodes[k]["color"]["border"] == chart.TEMPORARY_BORDER
        assert f"({g.posts[k].temporary}" in nodes[k]["label"]
    for k in vacant:
        assert nodes[k]["shapeProperties"]["borderDashes"]
        assert "vacant" in nodes[k]["label"]
    for k in set(g.posts) - set(temporary) - set(vacant):
        assert "shapeProperties" not in nodes[k] and nodes[k]["color"]["border"] != chart.TEMPORARY_BORDER


def test_highlight_marks_given_posts_and_dims_others(barnet):
    nodes = _data(chart.structure_chart(barnet, highlight={"chief-executive"}), "nodes")
    hl = [n for n in nodes if n["color"]["border"] == chart.HIGHLIGHT_BORDER]
    assert [n["id"] for n in hl] == ["chief-executive"]
    assert all(n.get("opacity") == 0.35 for n in nodes if n["id"] != "chief-executive")


def test_subtree_and_depth(barnet):
    g = chart.chart_graph(barnet)
    sub = chart.subtree(g, "strategic-director-commissioning")
    reports = {k for k, p in g.posts.items() if p.manager == "strategic-director-commissioning"}
    assert set(sub.posts) == {"strategic-director-commissioning"} | reports
    top = chart.subtree(g, "chief-executive", 1)
    assert set(top.posts) == {"chief-executive"} | {k for k, p in g.posts.items() if p.manager == "chief-executive"}
    assert all(e.src in top.posts and e.dst in top.posts for e in top.edges)


def test_compare_colours_by_change(memory_backend):
    b, a = snapshot(memory_backend, "barnet-2014-06"), snapshot(memory_backend, "barnet-2015-04")
    d = diff(memory_backend, "barnet-2014-06", "barnet-2015-04")
    nodes = {n["id"]: n for n in _data(chart.compare_chart(b, a, d.rows), "nodes")}
    assert set(nodes) == set(b.posts()) | set(a.posts())
    created = {r["key_after"] for r in d.rows if r["change"] == "created" and r["kind"] in chart.POST_KINDS}
    deleted = {r["key_before"] for r in d.rows if r["change"] == "deleted" and r["kind"] in chart.POST_KINDS}
    assert created and deleted
    for k in created:
        assert nodes[k]["color"]["background"] == chart.CHANGE_COLOURS["created"]
    for k in deleted:
        assert nodes[k]["color"]["background"] == chart.CHANGE_COLOURS["deleted"]
    moved = {r["key_after"] for r in d.rows if r["change"].startswith("line manager")}
    assert moved and all(nodes[k]["color"]["background"] == chart.CHANGE_COLOURS["moved"] for k in moved)
    amended = {k for k, n in nodes.items() if n["color"]["background"] == chart.CHANGE_COLOURS["amended"]}
    assert "director-for-strategy" in amended  # pay and title changes
    untouched = set(b.posts()) & set(a.posts()) - created - deleted - moved - amended
    assert all(nodes[k]["color"]["background"] == chart.CHANGE_COLOURS["unchanged"] for k in untouched)


def test_renamed_post_drawn_once():
    before = chart.ChartGraph({"a": chart.ChartPost("a", "Old"), "boss": chart.ChartPost("boss", "Boss")},
                              [chart.ChartEdge("LINE_MANAGED_BY", "a", "boss")])
    before.posts["a"].manager = "boss"
    after = chart.ChartGraph({"b": chart.ChartPost("b", "New", manager="boss"), "boss": chart.ChartPost("boss", "Boss")},
                             [chart.ChartEdge("LINE_MANAGED_BY", "b", "boss")])
    rows = [{"change": "amended", "kind": "post", "key_before": "a", "key_after": "b"}]
    changes, renamed = chart.changes_from_diff(rows, before.posts, after.posts)
    assert renamed == {"a": "b"} and changes == {"b": "amended"}
    merged = chart.merge(before, after, renamed)
    assert set(merged.posts) == {"b", "boss"}


def test_readable_shape_with_200_posts():
    posts = {"ceo": chart.ChartPost("ceo", "Chief Executive")}
    for i in range(6):
        posts[f"d{i}"] = chart.ChartPost(f"d{i}", f"Director {i}", unit=f"U{i}", manager="ceo")
        for j in range(5):
            posts[f"h{i}{j}"] = chart.ChartPost(f"h{i}{j}", f"Head {i}{j}", unit=f"U{i}", manager=f"d{i}")
            for k in range(6):
                posts[f"m{i}{j}{k}"] = chart.ChartPost(f"m{i}{j}{k}", f"Manager {i}{j}{k}", manager=f"h{i}{j}")
    edges = [chart.ChartEdge("LINE_MANAGED_BY", k, p.manager) for k, p in posts.items() if p.manager]
    g = chart.ChartGraph(posts, edges)
    assert len(posts) > 200
    placed = chart.layout(g)
    assert len(set(placed.xy.values())) == len(posts)  # no two posts on top of each other
    xs = [x for x, _ in placed.xy.values()]
    # Leaves are stacked: the chart is far narrower than one row of all 180 managers would be.
    assert (max(xs) - min(xs)) / chart.COL_W < 60
    nodes = _data(chart.render(g), "nodes")
    assert len(nodes) == len(posts)


def test_titles_cannot_break_out_of_the_script():
    g = chart.ChartGraph({"x": chart.ChartPost("x", "</script><script>alert(1)</script>")}, [])
    html = chart.render(g)
    assert "<script>alert(1)" not in html
