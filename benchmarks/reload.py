"""Reloads of the national set into Neo4j (issue 26): nothing changed, and every structure changed.

A monthly re-import mostly finds councils unchanged (skipped by their content digest), and where a
council's return did change, the changes are of the kinds `revise` makes: posts retitled, holders
replaced, pay changed, the structure relabelled. Every structure gets such changes here, so the
changed reload writes every structure (none is skipped) and is compared with a first load.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable
from typing import Any

Undo = list[Callable[[], None]]


def revise(data: Any) -> Undo:
    """Change every structure in place, as a month's returns would (the label; one post in ten
    retitled, one in ten paid more, one in twenty with a new holder); returns what undoes it."""
    undo: Undo = []

    def put(obj: Any, attr: str, value: Any) -> None:
        old = getattr(obj, attr)
        undo.append(lambda: setattr(obj, attr, old))
        setattr(obj, attr, value)

    for f in data.files:
        for st in f.structures:
            put(st, "label", f"{st.label} (revised)")
            for i, p in enumerate(st.posts):
                if i % 10 == 3:
                    put(p, "title", f"{p.title} (retitled)")
                if i % 10 == 5 and p.pay and p.pay.salary is not None:
                    put(p, "pay", dataclasses.replace(p.pay, salary=p.pay.salary + 1000))
                if i % 20 == 7 and p.holders and p.holders[0].name:
                    new = dataclasses.replace(p.holders[0], name=f"{p.holders[0].name} Jr")
                    put(p, "holders", [new, *p.holders[1:]])
    return undo


def undo_all(undo: Undo) -> None:
    for step in reversed(undo):
        step()


def measure(store: Any, data: Any) -> dict[str, Any]:
    """On a database holding exactly `data`: two reloads with nothing changed, then the revised set
    and the original again (each a reload where every structure changed); medians in seconds, and
    how many structures each kind found unchanged. The database holds `data` again afterwards."""
    from remit.loader.neo4j_store import load_in_parts

    def timed(d: Any) -> tuple[float, int]:
        t = time.perf_counter()
        counts = load_in_parts(store, d)
        return time.perf_counter() - t, len(counts.unchanged)

    same = [timed(data) for _ in range(2)]
    undo = revise(data)
    try:
        changed = [timed(data)]
    finally:
        undo_all(undo)
    changed.append(timed(data))
    return {
        "same": statistics.median(t for t, _ in same),
        "same_runs": [t for t, _ in same],
        "same_skipped": min(n for _, n in same),
        "changed": statistics.median(t for t, _ in changed),
        "changed_runs": [t for t, _ in changed],
        "changed_skipped": max(n for _, n in changed),
    }
