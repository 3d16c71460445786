"""What a report says, gathered from the library: the structure, its chart (static SVG from the
shared layout), statutory holders, assurance findings with their guidance, the restructure story
and changes, and every source with its quote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from remit.present.chart_table import chart_rows, tier_map
from remit.present.drawing.scene import Scene, chart_scene
from remit.present.drawing.svg import scene_svg
from remit.present.findings import RuleCard, names_for, rule_cards
from remit.present.headcount import QUESTION as HEADCOUNT
from remit.present.layout import default_collapsed
from remit.present.orgchart import chart_graph, compare_graph
from remit.present.story import Story, change_rows, grouped_changes, story
from remit.queries.assurance import side_by_side, summarise
from remit.queries.snapshot import Snapshot, snapshot

if TYPE_CHECKING:
    from remit.queries.backend import Backend

HOLDER_COLUMNS = ("role_name", "title", "holder", "basis", "since", "tier", "inferred", "sources")


class ReportError(ValueError):
    """A report that cannot be made (unknown format, structures of two councils)."""


@dataclass
class Report:
    title: str
    structure: dict[str, Any]
    as_of: str | None
    svg: str
    hidden: int  # posts under collapsed managers in the chart (all are in the posts table)
    scene: Scene  # the chart as drawn: the PDF tiles it on A4 pages, the HTML shows its SVG
    posts: list[dict[str, Any]]
    holders: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    cards: list[tuple[str, list[RuleCard]]] = field(default_factory=list)  # the findings as worded everywhere
    story: Story | None = None
    changes: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    compare_svg: str | None = None
    compare_scene: Scene | None = None
    compare_findings: list[dict[str, Any]] = field(default_factory=list)  # every rule, before and after
    sources: list[dict[str, Any]] = field(default_factory=list)
    headcount: list[dict[str, Any]] = field(default_factory=list)  # the headcount-below answer
    made: str = field(default_factory=lambda: dt.date.today().isoformat())


def _sources(snaps: list[Snapshot], titles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Every (source, quote) the structures' facts rest on, once each, with the source's title (the
    structure file's, from its Source node or the `sources` question)."""
    titles = titles or {}
    docs: dict[str, dict[str, Any]] = {}
    pairs: dict[tuple[str, str], set[str]] = {}
    for snap in snaps:
        for n in list(snap.nodes.values()) + list(snap.shared.values()):
            if n.get("_label") == "Source":
                docs[n.get("id") or ""] = n
            for prefix in ("", "pay_"):
                s, q = n.get(f"{prefix}source"), n.get(f"{prefix}quote")
                if s and q:
                    pairs.setdefault((s, q), set()).update(_settled(n, prefix))
        for e in snap.edges:
            s, q = e["props"].get("source"), e["props"].get("quote")
            if s and q:
                pairs.setdefault((s, q), set()).update(_settled(e["props"]))
    return [
        {
            "source": s,
            "title": (docs.get(s) or {}).get("title") or titles.get(s),
            "quote": q,
            "settled": sorted(who) or None,
        }
        for (s, q), who in sorted(pairs.items())
    ]


def _settled(props: dict[str, Any], prefix: str = "") -> list[str]:
    """Who settled the fact and when (an overlay's decision), as the report's sources table shows it."""
    from remit.present.orgchart import settlement

    found = settlement(props, prefix)
    return [found] if found else []


def build_report(backend: Backend, structure: str, as_of: str | None = None, compare: str | None = None) -> Report:
    """The report on `structure` (in force on `as_of`); with `compare`, what changed from that one."""
    snap = snapshot(backend, structure)
    graph = chart_graph(snap)
    scene = chart_scene(graph, default_collapsed(graph))
    params = {"structure": structure, "as_of": as_of}
    # The same calls as `remit ask statutory-holders` / `span-of-control` and `remit check`: one answer.
    holders = backend.run("statutory-holders", params)
    tiers = tier_map(backend.run("span-of-control", params))
    post_titles, source_titles = names_for(backend, structure)
    # The one summary `remit check` and the dashboard use: four outcomes, reason, missing fact, mitigations.
    summary = summarise(structure, as_of, backend=backend)
    findings = [
        {
            "rule": r.rule.title,
            "outcome": f["outcome"],
            "reason": f["reason"],
            "missing": f["missing"],
            "mitigations": f["mitigations"],
            "inferred": f["inferred"],
            "guidance": r.rule.guidance,
            "sources": f["sources"],
        }
        for r in summary.results
        for f in r.findings
    ]
    label = snap.structure.get("label") or structure
    report = Report(
        title=f"{label} ({structure})",
        structure=snap.structure,
        as_of=as_of,
        svg=scene_svg(scene, f"Organisation chart of {label}"),
        hidden=sum(int(m.text[1:]) for m in scene.markers),
        scene=scene,
        posts=chart_rows(graph, tier=tiers),
        holders=[{c: h.get(c) for c in HOLDER_COLUMNS} for h in holders],
        findings=findings,
        cards=rule_cards(summary, post_titles, source_titles),
        headcount=backend.run(HEADCOUNT, {"structure": structure}),
    )
    snaps = [snap]
    if compare:
        from remit.diff import DiffError, diff

        try:
            d = diff(backend, compare, structure, (None, as_of))
        except DiffError as exc:
            raise ReportError(str(exc)) from None
        before = snapshot(backend, compare)
        snaps.insert(0, before)
        report.story = story(d, before, snap)
        titles = {k: p.get("title") or k for s in snaps for k, p in s.posts().items()}
        report.changes = [(h, change_rows(rows, titles)) for h, rows in grouped_changes(d.rows)]
        report.compare_findings = side_by_side(summarise(compare, None, backend=backend), summary)
        merged, changes = compare_graph(before, snap, d.rows)
        report.compare_scene = chart_scene(merged, default_collapsed(merged), changes)
        report.compare_svg = scene_svg(report.compare_scene, "Both structures in one chart")
        source_titles.update(names_for(backend, compare)[1])
    report.sources = _sources(snaps, source_titles)
    return report
