"""Assurance findings worded for people, once, for every place they are read: the dashboard's
Assurance cards, `remit check`'s table output and the committee report. Grouped flag / unknown /
pass / n/a; per rule its name and citation; per finding the reason, the missing fact, each
mitigation, each inferred fact, the posts and the sources, each as a whole sentence (never cut).

The words of a reason are the rule's own (queries/checks); this module only makes them sentences,
names posts and sources by their titles, and lays the parts out in one order."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from remit.queries.assurance import LABELS, ORDER

if TYPE_CHECKING:
    from remit.queries.assurance import Summary
    from remit.queries.backend import Backend


@dataclass(frozen=True)
class Worded:
    """One finding: its reason, then (label, sentence) parts in reading order."""

    reason: str
    parts: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[tuple[str, str]]:
        return [("Reason", self.reason), *self.parts]


@dataclass(frozen=True)
class RuleCard:
    """A rule's findings of one outcome: what a card on the page (or a block in print) shows."""

    outcome: str
    rule: str  # id
    title: str
    citation: str | None
    findings: list[Worded]


def sentence(text: Any) -> str:
    """A value as a whole sentence: first letter capital, a full stop at the end."""
    s = " ".join(str(text).split())
    if not s:
        return s
    s = s[0].upper() + s[1:]
    return s if s[-1] in ".!?" else s + "."


def _listed(values: Any) -> list[str]:
    if values is None:
        return []
    return [str(v) for v in (values if isinstance(values, (list, tuple)) else [values]) if v not in (None, "")]


def word_finding(
    finding: Mapping[str, Any], titles: Mapping[str, str] | None = None, sources: Mapping[str, str] | None = None
) -> Worded:
    """The one wording of a finding. `titles` names posts (key -> title), `sources` documents (id ->
    title); a key or id without a name is shown as it is."""
    titles, sources = titles or {}, sources or {}
    parts: list[tuple[str, str]] = []
    if finding.get("missing"):
        parts.append(("Missing fact", sentence(finding["missing"])))
    parts += [("Mitigation", sentence(m)) for m in _listed(finding.get("mitigations"))]
    parts += [("Inferred", sentence(i)) for i in _listed(finding.get("inferred"))]
    posts = [titles.get(p, p) for p in _listed(finding.get("posts"))]
    if posts:
        parts.append(("Posts", "; ".join(posts)))
    docs = [f"{s} ({sources[s]})" if sources.get(s) else s for s in _listed(finding.get("sources"))]
    if docs:
        parts.append(("Sources", "; ".join(docs)))
    return Worded(sentence(finding.get("reason") or "no reason given"), parts)


def rule_cards(
    summary: Summary, titles: Mapping[str, str] | None = None, sources: Mapping[str, str] | None = None
) -> list[tuple[str, list[RuleCard]]]:
    """(outcome, cards) in the order flag, unknown, pass, n/a; a rule whose findings differ in
    outcome has a card in each group it has findings in."""
    groups: dict[str, list[RuleCard]] = {o: [] for o in ORDER}
    for result in summary.results:
        for outcome in ORDER:
            mine = [f for f in result.findings if f["outcome"] == outcome]
            if mine:
                groups[outcome].append(
                    RuleCard(
                        outcome,
                        result.rule.id,
                        result.rule.title,
                        result.rule.guidance,
                        [word_finding(f, titles, sources) for f in mine],
                    )
                )
    return [(o, groups[o]) for o in ORDER if groups[o]]


def names_for(backend: Backend, structure: str) -> tuple[dict[str, str], dict[str, str]]:
    """(post key -> title, source id -> title) of a structure, from the questions every front end
    asks (`parameter-values`, `sources`)."""
    posts = {
        r["key"]: r["name"]
        for r in backend.run("parameter-values", {"structure": structure})
        if r["kind"] == "post" and r["name"]
    }
    docs = {r["source"]: r["title"] for r in backend.run("sources", {"structure": structure}) if r["title"]}
    return posts, docs


def cards_text(groups: Iterable[tuple[str, list[RuleCard]]], width: int = 100) -> str:
    """The cards as plain text wrapped at word boundaries to `width` (the terminal's), nothing cut."""
    width = max(width, 40)
    out: list[str] = []
    for outcome, cards in groups:
        n = sum(len(c.findings) for c in cards)
        out.append(f"\n{LABELS[outcome]} ({n} finding{'s' * (n != 1)})")
        out.append("=" * min(width, len(out[-1].strip())))
        for card in cards:
            out.append("")
            out += textwrap.wrap(f"{card.title} ({card.rule})", width, break_long_words=False, break_on_hyphens=False)
            if card.citation:
                out += textwrap.wrap(
                    f"Law and guidance: {card.citation}",
                    width,
                    initial_indent="  ",
                    subsequent_indent="  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            for f in card.findings:
                for i, (label, text) in enumerate(f.lines()):
                    lead = "  - " if i == 0 else "    "
                    out += textwrap.wrap(
                        f"{label}: {text}",
                        width,
                        initial_indent=lead,
                        subsequent_indent="      ",
                        break_long_words=False,
                        break_on_hyphens=False,
                    )
    return "\n".join(out).lstrip("\n")
