"""Councils where an assurance rule flags or is unknown: every rule over every council's structure in force.

Each rule runs once for the whole scope (one Cypher query per rule on Neo4j, see
scope.scoped_cypher), so the national table costs seven queries, not seven per council. Both
the command line (`remit check --all`) and the dashboard's Overview read it from here.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from .catalogue import all_questions
from .scope import Scope, structures


def national_findings(backend: Any, scope: Scope, include_pass: bool = False,
                      rules: list[str] | None = None) -> list[dict[str, Any]]:
    """Findings of every rule (or those named) for each council in scope, with the rule's guidance;
    passing findings only if asked. Sorted by council, then in catalogue rule order.

    Rules that judge the same facts (one Cypher file, one networkx function, the same constants)
    have those facts fetched once for the whole scope and judged by each rule in turn."""
    from .backend import answer, fact_rows
    from .rows import normalise

    chosen = structures(backend, scope)
    order = {r["council"]: i for i, r in enumerate(chosen)}
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for rule in all_questions("rule"):
        if rules is None or rule.id in rules:
            key = (rule.cypher_file, rule.nx, rule.fact_columns, repr(sorted(rule.constants.items())))
            groups.setdefault(key, []).append(rule)
    found: dict[str, list[dict[str, Any]]] = {}
    for group in groups.values():
        raw = backend.raw_scoped(group[0], [c["structure"] for c in chosen], {"as_of": scope.as_of})
        # Facts put in canonical form once per structure, then judged by each rule of the group
        # (what backend.answer does for one rule).
        facts = {s: fact_rows(group[0], rows) for s, rows in raw.items()} if group[0].judge else raw
        for rule in group:
            def judged(s: str, rule: Any = rule) -> list[dict[str, Any]]:
                if rule.judge is None:
                    return answer(rule, facts.get(s, []))
                return normalise(rule.judge(facts.get(s, [])), rule.columns, rule.sort_by)

            found[rule.id] = [{"council": c["council"], "council_name": c["council_name"], "structure": c["structure"],
                               **row, "guidance": rule.guidance}
                              for c in chosen for row in judged(c["structure"])
                              if include_pass or row["outcome"] in ("flag", "unknown")]  # n/a: nothing to act on
    rows = [r for rule in all_questions("rule") for r in found.get(rule.id, [])]
    return sorted(rows, key=lambda r: order[r["council"]])


def outcome_counts(findings: list[dict[str, Any]]) -> dict[str, Counter]:
    """Per council: how many findings flag, pass or are unknown."""
    out: dict[str, Counter] = {}
    for r in findings:
        out.setdefault(r["council"], Counter())[r["outcome"]] += 1
    return out
