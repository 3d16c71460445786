"""Councils where an assurance rule flags or is unknown: every rule over every council's structure in force.

Each rule runs once for the whole scope (one Cypher query per rule on Neo4j, see
scope.scoped_cypher), so the national table costs seven queries, not seven per council. Both
the command line (`remit check --all`) and the dashboard's Overview read it from here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .catalogue import all_questions
from .scope import Scope, structures

if TYPE_CHECKING:
    from .backend import Backend


def national_findings(
    backend: Backend, scope: Scope, include_pass: bool = False, rules: list[str] | None = None
) -> list[dict[str, Any]]:
    """Findings of every rule (or those named) for each council in scope, with the rule's guidance;
    passing findings only if asked. Sorted by council, then in catalogue rule order.

    Rules that judge the same facts (one Cypher file, one networkx function, the same constants)
    have those facts fetched once for the whole scope and judged by each rule in turn.

    Automatic garbage collection is paused meanwhile: the run makes hundreds of thousands of short-lived
    facts and findings (freed by reference counting), and each collection they set off would walk every
    long-lived object of the process -- with the networkx store, the whole graph -- for nothing."""
    from remit.loader.files import gc_paused

    with gc_paused():
        return _findings(backend, scope, include_pass, rules)


def _findings(backend: Backend, scope: Scope, include_pass: bool, rules: list[str] | None) -> list[dict[str, Any]]:
    from .backend import answer
    from .rows import normalise

    chosen = structures(backend, scope)
    catalogue = [rule for rule in all_questions("rule") if rules is None or rule.id in rules]
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for rule in catalogue:
        key = (rule.cypher_file, rule.nx, rule.fact_columns, repr(sorted(rule.constants.items())))
        groups.setdefault(key, []).append(rule)
    judged: dict[str, dict[str, list[dict[str, Any]]]] = {}  # rule id -> structure -> findings

    def wanted(row: dict[str, Any]) -> bool:
        return include_pass or row["outcome"] in ("flag", "unknown")  # n/a: nothing to act on

    digests = {c["structure"]: c.get("digest") for c in chosen}
    for group, all_facts in zip(groups.values(), _fetched(backend, [g[0] for g in groups.values()], digests, scope)):
        for s, facts in all_facts.items():
            # Facts in canonical form, judged by each rule of the group (what backend.answer does
            # for one rule).
            for rule in group:
                if rule.judge is None:
                    found = [row for row in answer(rule, facts) if wanted(row)]
                else:  # only the findings kept are put in order (the order is total: the same either way)
                    found = normalise([row for row in rule.judge(facts) if wanted(row)], rule.columns, rule.sort_by)
                judged.setdefault(rule.id, {})[s] = found
    return [
        {
            "council": c["council"],
            "council_name": c["council_name"],
            "structure": c["structure"],
            **row,
            "guidance": rule.guidance,
        }
        for c in chosen
        for rule in catalogue
        for row in judged.get(rule.id, {}).get(c["structure"], [])
    ]


def _fetched(
    backend: Backend, leads: list[Any], digests: dict[str, str | None], scope: Scope
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Each group's facts for every structure (canonical for a rule's), in order: those kept from an
    earlier run for the structure's digest and the date (queries.facts_cache), the rest fetched. A
    database answers the groups' queries side by side (one read transaction each, started
    together), so the server works on the next ones while Python judges the first; the in-process
    store computes each in turn."""
    from .backend import MemoryBackend
    from .facts_cache import facts_cache

    cache = facts_cache(backend)
    params = {"as_of": scope.as_of}
    parts = []
    for q in leads:
        kept, missing = cache.split((q.cypher_file, scope.as_of), digests) if q.judge else ({}, list(digests))
        parts.append((q, kept, missing))

    def finish(q: Any, kept: dict[str, Facts], raw: dict[str, Facts]) -> dict[str, Facts]:
        if q.judge is None:
            return raw
        fresh = {s: _canonical_facts(q, rows) for s, rows in raw.items()}
        cache.put((q.cypher_file, scope.as_of), digests, fresh)
        return {s: kept[s] if s in kept else fresh[s] for s in digests}

    def fetch(q: Any, missing: list[str]) -> dict[str, Facts]:
        return backend.raw_scoped(q, missing, params) if missing else {}

    if isinstance(backend, MemoryBackend) or sum(1 for _, _, m in parts if m) < 2:
        for q, kept, missing in parts:
            yield finish(q, kept, fetch(q, missing))
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        futures = [pool.submit(fetch, q, missing) for q, _, missing in parts]
        for (q, kept, _), f in zip(parts, futures):
            yield finish(q, kept, f.result())


Facts = list[dict[str, Any]]


def _canonical_facts(q: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A rule's facts as backend.fact_rows gives them, except for the order of the rows themselves:
    no verdict depends on it (findings are sorted afterwards), only on the order within each list of
    maps, which `canonical` fixes (and ordering rows by their JSON is costly when there are thousands)."""
    from .rows import canonical_value

    return [{c: canonical_value(r.get(c)) for c in q.fact_columns} for r in rows]


def outcome_counts(findings: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    """Per council: how many findings flag, pass or are unknown."""
    out: dict[str, Counter[str]] = {}
    for r in findings:
        out.setdefault(r["council"], Counter())[r["outcome"]] += 1
    return out
