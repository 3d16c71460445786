"""The report's content as headed sections of paragraphs and tables (text already formatted for
people), so the HTML and the PDF renderers only lay it out and cannot say different things."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from remit.present import headcount
from remit.present.drawing.scene import Scene
from remit.present.tables import date, rows_for_people
from remit.queries.assurance import LABELS

from . import Report


@dataclass
class Table:
    headings: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths in print


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    svg: str | None = None
    scene: Scene | None = None  # the chart as shapes: the PDF draws it tiled on pages of its own
    level: int = 2


def table(
    rows: list[dict[str, Any]], columns: list[str] | tuple[str, ...] | None = None, widths: list[float] | None = None
) -> Table:
    heads, shown = rows_for_people(rows, columns)
    return Table(heads, [[r[h] for h in heads] for r in shown], widths)


def subtitle(r: Report) -> str:
    s = r.structure
    bits = [
        f"Council: {s.get('council')}",
        f"status: {s.get('status') or 'not stated'}",
        f"effective: {date(s.get('effective')) if s.get('effective') else 'not stated'}",
    ]
    if r.as_of:
        bits.append(f"holdings as of {date(r.as_of)}")
    bits.append(f"report made {date(r.made)}")
    return " · ".join(bits)


def _story(r: Report) -> list[Section]:
    t = r.story
    if t is None:
        return []
    out = [Section(f"What the restructure does ({t.before} → {t.after})", paragraphs=[t.headline + "."])]
    out.append(
        Section(
            "Statutory roles before and after",
            level=3,
            table=table(
                [{"role": x.role, "before": x.before, "after": x.after, "changed": x.changed} for x in t.roles],
                widths=[1, 3, 3, 1],
            ),
        )
    )
    for heading, items in (
        ("Posts deleted", t.deleted),
        ("Posts created", t.created),
        ("Posts amended", t.amended),
        ("Pay changed", t.repaid),
        ("Member posts created", t.members_created),
        ("Member posts deleted", t.members_deleted),
        ("Lines added", t.lines_added),
        ("Lines lost", t.lines_lost),
    ):
        if items:
            out.append(Section(f"{heading} ({len(items)})", bullets=list(items), level=3))
    if r.compare_findings:
        out.append(
            Section(
                "Assurance findings before and after",
                level=3,
                paragraphs=[
                    "Every rule's outcome on each side (the number of inferred facts it rests on in brackets)."
                ],
                table=table(
                    r.compare_findings,
                    ["rule", "before", "after", "changed", "reason_before", "reason_after"],
                    widths=[1.6, 1, 1, 0.7, 2.8, 2.8],
                ),
            )
        )
    out.append(
        Section(
            "Cost, computed from each post's figures, beside the document's own",
            level=3,
            table=table(
                t.cost,
                ["metric", "before", "after", "difference", "stated_change", "quote", "source"],
                widths=[1.2, 1.3, 1.3, 1.2, 1.2, 3, 2],
            ),
        )
    )
    return out


def _headcount_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]], list[float]]:
    shown = headcount.people_rows(rows)
    heads = list(shown[0]) if shown else ["Post"]
    return heads, [[row[h] for h in heads] for row in shown], [2.2, 1.8, 0.9, 1.2, 2.2, 2.0, 1.7][: len(heads)]


def sections(r: Report) -> list[Section]:
    out = _story(r)
    note = ("The chart shows the top three tiers" if r.hidden else "The chart shows every post") + (
        f"; {r.hidden} posts under the managers marked +N are in the table of posts." if r.hidden else "."
    )
    out.append(
        Section(
            "Organisation chart",
            paragraphs=[
                note + " Solid lines: line management; dashed blue: accountable to; dotted red: escalation line; "
                "orange border: interim or acting; dashed border: vacant."
            ],
            svg=r.svg,
            scene=r.scene,
        )
    )
    out.append(
        Section(
            "Statutory roles and who holds them",
            table=table(
                r.holders,
                ["role_name", "title", "holder", "basis", "since", "tier", "inferred", "sources"],
                widths=[2.0, 2.2, 1.5, 0.9, 1.1, 0.9, 1.9, 1.5],
            ),
        )
    )
    if r.headcount:
        out.append(
            Section(
                "Headcount and cost below each post",
                paragraphs=[
                    headcount.summary(r.headcount)
                    + " Each row sums the posts under the post through line management, its own junior staff "
                    "and theirs; pay not given is counted apart, never as nought."
                ],
                table=Table(*_headcount_table(r.headcount)),
            )
        )
    if r.findings:
        n = {o: sum(1 for f in r.findings if f["outcome"] == o) for o in ("flag", "unknown", "pass", "n/a")}
        out.append(
            Section(
                "Assurance findings",
                paragraphs=[
                    f"{len(r.findings)} findings: {n['flag']} flag, {n['unknown']} unknown (the documents do not say), "
                    f"{n['pass']} pass, {n['n/a']} not applicable. Each rule cites the law or guidance it tests; "
                    "the words are those of `remit check` and the dashboard's Assurance page."
                ],
            )
        )
        for outcome, cards in r.cards:
            count = sum(len(c.findings) for c in cards)
            out.append(Section(f"{LABELS[outcome]} ({count} finding{'s' * (count != 1)})", level=3))
            for card in cards:
                bullets = [f"{label}: {text}" for f in card.findings for label, text in f.lines()]
                out.append(
                    Section(
                        f"{outcome.upper()} - {card.title} ({card.rule})",
                        paragraphs=[f"Law and guidance: {card.citation}"] if card.citation else [],
                        bullets=bullets,
                        level=4,
                    )
                )
    if r.compare_svg:
        out.append(
            Section(
                "Both structures in one chart",
                paragraphs=[
                    "Each changed post says how in its first line and its border as well as its colour: + created "
                    "(green, thick border), x deleted (red, dashed), ~ amended (amber, dotted), > moved (line manager "
                    "changed; blue, long dashes); unchanged grey."
                ],
                svg=r.compare_svg,
                scene=r.compare_scene,
            )
        )
    for heading, rows in r.changes:
        out.append(
            Section(
                f"Changes: {heading} ({len(rows)})",
                table=table(rows, ["what", "change", "from → to", "detail", "sources"], widths=[2.4, 1.4, 3, 3, 1.6]),
            )
        )
    out.append(
        Section(
            "Every post",
            table=table(
                r.posts,
                ["Post", "Tier", "Line manager", "Unit", "Statutory roles", "Held by", "Other lines"],
                widths=[2.4, 0.6, 2, 1.8, 1.2, 1.6, 2.4],
            ),
        )
    )
    out.append(
        Section(
            "Sources and the words each fact rests on",
            table=table(r.sources, ["source", "title", "quote", "settled"], widths=[1.4, 2, 5, 1.6]),
        )
    )
    return out
