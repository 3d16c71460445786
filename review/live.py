"""Base + overlay, evaluated: the structure with the decisions laid over it, its findings, and what
each decision changed ("dcs-first-tier: unknown → pass").

Why in memory: a visitor's overlay is theirs until saved, so it is never written into a shared
store; the structure's own file is copied, the overlay laid over the copy and a small graph built
from it alone. Both stores answer alike from the same model (the parity tests), so this is the
answer either would give once the overlay is loaded (`remit load --overlay`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from remit.loader.files import Dataset
from remit.loader.model import Structure, StructureFile
from remit.loader.overlay import Applied, Outcome, Overlay, apply
from remit.queries.assurance import Summary, rule_states, side_by_side, summarise
from remit.queries.backend import MemoryBackend

ARROW = "\u2192"


@dataclass
class Evaluated:
    """The overlay laid over its base: the store to ask (holding the target structure alone), the
    structure the changes end up in, the file with the overlay laid over it, each change's outcome,
    and the findings."""

    backend: MemoryBackend
    structure: Structure
    file: StructureFile
    outcomes: list[Outcome]
    summary: Summary


def file_of(data: Dataset, structure: str) -> StructureFile:
    return next(f for f in data.files for st in f.structures if st.id == structure)


def evaluate(base: StructureFile, overlay: Overlay, as_of: str | None = None) -> Evaluated:
    """Lay `overlay` over the file holding its base and answer every rule for the target structure.
    Raises InvalidStructureFiles when the overlay cannot be laid (its base is not that file's)."""
    from remit.loader.memory import graph_from_dataset
    from remit.loader.problems import InvalidStructureFiles

    done: Applied = apply(overlay, [base])
    if done.problems:
        raise InvalidStructureFiles(done.problems)
    [sf] = done.files
    st = next(s for s in sf.structures if s.id == overlay.target)
    # Only the target's graph is built (its base, for a scenario, is answered by the base's own
    # evaluation): half the work on a large structure. Its `supersedes` would be a line to a
    # structure not in this graph, so the graph's copy leaves it out (the model keeps it).
    alone = replace(sf, structures=[replace(st, supersedes=None)])
    data = Dataset([alone])
    backend = MemoryBackend(graph_from_dataset(data), data)
    return Evaluated(backend, st, sf, done.outcomes, summarise(st.id, as_of, backend))


def changed(before: Summary, after: Summary) -> list[str]:
    """'rule: before → after' for every rule whose outcome (or inferred mark) differs."""
    b, a = rule_states(before), rule_states(after)
    return [
        f"{rule}: {b.get(rule, 'not run')} {ARROW} {a.get(rule, 'not run')}"
        for rule in sorted(a)
        if b.get(rule) != a[rule]
    ]


def effects(base: StructureFile, overlay: Overlay, as_of: str | None = None) -> list[list[str]]:
    """What each decision changed, in order: the findings with the overlay up to it against those
    without it. One evaluation per decision (a small structure's rules take milliseconds)."""
    empty = Overlay(overlay.structure, list(overlay.sources), [], overlay.scenario, overlay.path)
    previous = evaluate(base, empty, as_of).summary
    out = []
    for i in range(len(overlay.changes)):
        step = Overlay(
            overlay.structure, list(overlay.sources), overlay.changes[: i + 1], overlay.scenario, overlay.path
        )
        now = evaluate(base, step, as_of).summary
        out.append(changed(previous, now))
        previous = now
    return out


__all__ = ["Evaluated", "changed", "effects", "evaluate", "file_of", "rule_states", "side_by_side"]
