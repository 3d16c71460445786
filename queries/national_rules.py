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
from .scope import NOTE_COLUMNS, Scope, structures

if TYPE_CHECKING:
    from .backend import Backend


def national_findings(
    backend: Backend,
    scope: Scope,
    include_pass: bool = False,
    rules: list[str] | None = None,
    chosen: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Findings of every rule (or those named) for each council in scope, with the rule's guidance;
    passing findings only if asked. Sorted by council, then in catalogue rule order. `chosen`: the
    scope's structures (scope.structures) when the caller has just asked for them.

    Rules that judge the same facts (one Cypher file, one networkx function, the same constants)
    have those facts fetched once for the whole scope and judged by each rule in turn.

    Automatic garbage collection is paused meanwhile: the run makes hundreds of thousands of short-lived
    facts and findings (freed by reference counting), and each collection they set off would walk every
    long-lived object of the process -- with the networkx store, the whole graph -- for nothing."""
    from remit.loader.files import gc_paused

    from .digest_cache import digest_cache

    # One national run at a time per backend: a second (the dashboard's Overview while its warm-up
    # runs the same date) waits, then finds the verdicts kept, instead of judging them again.
    with digest_cache(backend).lock, gc_paused():
        return _findings(backend, scope, include_pass, rules, chosen)


def _findings(
    backend: Backend,
    scope: Scope,
    include_pass: bool,
    rules: list[str] | None,
    chosen: list[dict[str, Any]] | None,
) -> list[dict[str, Any]]:
    from .digest_cache import digest_cache

    chosen = structures(backend, scope) if chosen is None else chosen
    catalogue = [rule for rule in all_questions("rule") if rules is None or rule.id in rules]
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for rule in catalogue:
        key = (rule.cypher_file, rule.nx, rule.fact_columns, repr(sorted(rule.constants.items())))
        groups.setdefault(key, []).append(rule)
    digests = {c["structure"]: c.get("digest") for c in chosen}
    cache = digest_cache(backend)
    # Each group's verdicts per structure (every outcome, in order): kept ones, and the structures to judge.
    kept, missing = [], []
    for group in groups.values():
        found, todo = cache.split(_key(group, scope), digests)
        kept.append(found)
        missing.append(todo)
    judged: dict[str, dict[str, list[dict[str, Any]]]] = {}  # rule id -> structure -> findings
    for group, found, facts_by_structure in zip(
        groups.values(), kept, _fetched(backend, [g[0] for g in groups.values()], missing, scope)
    ):
        fresh = {s: _judge(group, facts) for s, facts in facts_by_structure.items()}
        cache.put(_key(group, scope), digests, fresh)
        for s in digests:
            verdicts = found[s] if s in found else fresh[s]
            for rule in group:
                rows = verdicts[rule.id]
                judged.setdefault(rule.id, {})[s] = (
                    rows if include_pass else [r for r in rows if r["outcome"] in ("flag", "unknown")]
                )  # n/a: nothing to act on
    return [
        {
            "council": c["council"],
            "council_name": c["council_name"],
            "structure": c["structure"],
            **{k: c.get(k) for k in NOTE_COLUMNS},
            **row,
            "guidance": rule.guidance,
        }
        for c in chosen
        for rule in catalogue
        for row in judged.get(rule.id, {}).get(c["structure"], [])
    ]


def _key(group: list[Any], scope: Scope) -> tuple[Any, str | None]:
    return tuple(rule.id for rule in group), scope.as_of


def _judge(group: list[Any], raw: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every rule of a group over one structure's facts (put in canonical form once): its findings of
    every outcome, in order (what backend.answer gives for one rule)."""
    from .backend import answer
    from .rows import normalise

    if group[0].judge is None:
        return {rule.id: answer(rule, raw) for rule in group}
    facts = _canonical_facts(group[0], raw)
    return {rule.id: normalise(rule.judge(facts), rule.columns, rule.sort_by) for rule in group}


def _fetched(
    backend: Backend, leads: list[Any], structures_of: list[list[str]], scope: Scope
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Each group's raw facts for the structures it lists, in order. A database answers the groups'
    queries side by side (one read transaction each, started together), so the server works on the
    next ones while Python judges the first; the in-process store computes each in turn."""
    from .backend import MemoryBackend

    params = {"as_of": scope.as_of}

    def fetch(q: Any, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        return backend.raw_scoped(q, ids, params) if ids else {}

    if isinstance(backend, MemoryBackend) or sum(1 for ids in structures_of if ids) < 2:
        yield from (fetch(q, ids) for q, ids in zip(leads, structures_of))
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(leads)) as pool:
        futures = [pool.submit(fetch, q, ids) for q, ids in zip(leads, structures_of)]
        for f in futures:
            yield f.result()


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
