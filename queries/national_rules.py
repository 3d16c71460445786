"""Councils where an assurance rule flags or is unknown: every rule over every council's structure in force.

Each rule runs once for the whole scope (one Cypher query per rule on Neo4j, see
scope.scoped_cypher), so the national table costs seven queries, not seven per council. Both
the command line (`remit check --all`) and the dashboard's Overview read it from here.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from .catalogue import all_questions
from .scope import Scope, run_scoped, structures


def national_findings(backend: Any, scope: Scope, include_pass: bool = False,
                      rules: list[str] | None = None) -> list[dict[str, Any]]:
    """Findings of every rule (or those named) for each council in scope, with the rule's guidance;
    passing findings only if asked. Sorted by council, then in catalogue rule order."""
    chosen = structures(backend, scope)
    order = {r["council"]: i for i, r in enumerate(chosen)}
    rows: list[dict[str, Any]] = []
    for rule in all_questions("rule"):
        if rules is not None and rule.id not in rules:
            continue
        for r in run_scoped(backend, rule, scope, chosen=chosen):
            if include_pass or r["outcome"] in ("flag", "unknown"):  # n/a is not a finding to act on
                rows.append({**r, "guidance": rule.guidance})
    return sorted(rows, key=lambda r: order[r["council"]])


def outcome_counts(findings: list[dict[str, Any]]) -> dict[str, Counter]:
    """Per council: how many findings flag, pass or are unknown."""
    out: dict[str, Counter] = {}
    for r in findings:
        out.setdefault(r["council"], Counter())[r["outcome"]] += 1
    return out
