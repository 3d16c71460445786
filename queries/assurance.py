"""A structure's assurance findings, summarised once for every front end (`remit check`, the dashboard).

Each rule's findings come from the catalogue (facts from either store, judged in Python by the rule,
see queries/checks/_rule.py). A rule's own outcome is its worst finding: flag, then unknown, then pass;
n/a only when every finding is n/a. Unknowns are never counted as passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .backend import Backend, answer
from .catalogue import Question, all_questions
from .checks._rule import FLAG as FLAG  # the outcomes, for the pages and commands that show them
from .checks._rule import NA as NA
from .checks._rule import OUTCOMES, WHEN
from .checks._rule import PASS as PASS
from .checks._rule import UNKNOWN as UNKNOWN
from .periods import Period, label_findings, periods, split

# Shown in this order everywhere: what needs action first, then what the documents do not say.
ORDER = (FLAG, UNKNOWN, PASS, NA)
LABELS = {FLAG: "Flag", UNKNOWN: "Unknown \u2014 the documents do not say", PASS: "Pass", NA: "Not applicable"}
FINDING_COLUMNS = ("rule", "outcome", "reason", "missing", "mitigations", "inferred", "posts", "sources", "guidance")


def rule_outcome(findings: list[dict[str, Any]]) -> str:
    outcomes = {f["outcome"] for f in findings}
    return next((o for o in (FLAG, UNKNOWN, PASS) if o in outcomes), NA)


@dataclass(frozen=True)
class RuleResult:
    rule: Question
    outcome: str
    findings: list[dict[str, Any]]


@dataclass(frozen=True)
class Summary:
    structure: str
    as_of: str | None
    results: list[RuleResult]

    def counts(self) -> dict[str, int]:
        """How many rules end in each outcome."""
        return {o: sum(1 for r in self.results if r.outcome == o) for o in OUTCOMES}

    def findings(self, outcome: str | None = None) -> list[dict[str, Any]]:
        """Every finding (or those of one outcome), each with its rule's citation as ``guidance``."""
        return [
            {**f, "guidance": r.rule.guidance}
            for r in self.results
            for f in r.findings
            if outcome is None or f["outcome"] == outcome
        ]

    @property
    def flagged(self) -> bool:
        return any(r.outcome == FLAG for r in self.results)

    def headline(self) -> str:
        c = self.counts()
        return ", ".join(f"{c[o]} {o}" for o in ORDER) + f" (of {len(self.results)} rules)"


Facts = Callable[[Question, dict[str, Any]], list[dict[str, Any]]]  # a rule's facts before its verdict


def summarise(
    structure: str,
    as_of: str | None = None,
    backend: Backend | None = None,
    facts_of: Facts | None = None,
    periods_of: Callable[[str], list[Period]] | None = None,
) -> Summary:
    """Every rule's findings for one structure. Each distinct facts query (rules share
    statutory_facts.cypher) runs once and every rule that shares it judges the same facts;
    ``facts_of`` lets a caller fetch the facts through its own cache (the dashboard)."""
    if facts_of is None:
        if backend is None:
            raise ValueError("summarise needs a backend or facts_of")
        facts_of = backend.facts
    rules = sorted(all_questions("rule"), key=lambda q: q.id)
    if as_of is not None:
        found: list[Period] = []
    elif periods_of is not None:
        found = periods_of(structure)
    elif backend is not None:
        found = periods(backend, structure)
    else:
        found = []
    if len(found) > 1:
        # Issue 21: designations that change inside the structure are judged per period, each finding
        # naming its period, never two holders who did not coexist judged together.
        by_day = {p.as_of: _judged(rules, facts_of, structure, p.as_of) for p in found}

        def of_rule(rule_id: str) -> Callable[[str], list[dict[str, Any]]]:
            return lambda day: by_day[day][rule_id]

        results = []
        for rule in rules:
            rows = split(found, of_rule(rule.id), label_findings)
            results.append(RuleResult(rule, rule_outcome(rows), rows))
        return Summary(structure, as_of, results)
    judged = _judged(rules, facts_of, structure, as_of)
    return Summary(
        structure, as_of, [RuleResult(rule, rule_outcome(judged[rule.id]), judged[rule.id]) for rule in rules]
    )


def _judged(
    rules: list[Question], facts_of: Facts, structure: str, as_of: str | None
) -> dict[str, list[dict[str, Any]]]:
    """Each rule's findings on one date: each distinct facts query fetched once, judged by every rule sharing it."""
    params = {"structure": structure, "as_of": as_of}
    facts: dict[str | None, list[dict[str, Any]]] = {}  # by the rule's .cypher file
    out = {}
    for rule in rules:
        if rule.cypher_file not in facts:
            facts[rule.cypher_file] = facts_of(rule, params)
        out[rule.id] = answer(rule, facts[rule.cypher_file])
    return out


def rule_states(summary: Summary) -> dict[str, str]:
    """Each rule's outcome, with how many inferred facts its findings rest on ("pass (2 inferred)"):
    confirming one of them changes the finding even when the outcome stays."""
    out = {}
    for r in summary.results:
        n = len({i for f in r.findings for i in f.get("inferred") or []})
        out[r.rule.id] = r.outcome + (f" ({n} inferred)" if n else "")
    return out


def side_by_side(before: Summary, after: Summary) -> list[dict[str, Any]]:
    """Two structures' findings rule by rule (a restructure, or a scenario against its base): the
    outcome and reasons on each side and whether the outcome changed; changed rules first."""
    b = {r.rule.id: r for r in before.results}
    a = {r.rule.id: r for r in after.results}
    sb, sa = rule_states(before), rule_states(after)
    rows = [
        {
            "rule": rule,
            "before": sb.get(rule, "not run"),
            "after": sa.get(rule, "not run"),
            "changed": sb.get(rule) != sa.get(rule),
            "reason_before": "; ".join(f["reason"] for f in b[rule].findings) if rule in b else "",
            "reason_after": "; ".join(f["reason"] for f in a[rule].findings) if rule in a else "",
        }
        for rule in sorted(set(a) | set(b))
    ]
    rows.sort(key=lambda r: (not r["changed"], r["rule"]))
    return rows


def rules_table() -> str:
    """README's rule table: each rule, the law it cites and what makes each outcome (generated)."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    rows = ["| rule | cites | pass | flag | unknown | n/a |", "|---|---|---|---|---|---|"]
    for q in sorted(all_questions("rule"), key=lambda q: q.id):
        w = WHEN[q.id]
        rows.append(
            f"| `{q.id}` {cell(q.title)} | {cell(q.guidance or '')} | {cell(w.pass_)} | {cell(w.flag)} | "
            f"{cell(w.unknown)} | {cell(w.na)} |"
        )
    return "\n".join(rows)
