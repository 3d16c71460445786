"""Overlays: dated, sourced changes laid over a structure, YAML or imported.

Why: a published chart states posts but rarely who the Monitoring Officer is, and a proposal's
authors want to try the "after" before committee. Both are the same thing: a small file of
decisions, each with who made it, when, and the document it rests on (or marked as the person's
own assertion), applied over a structure without touching the structure's files. An overlay
either settles facts in its structure (same id) or, with `scenario:`, makes a new proposed
structure that supersedes it.

    overlay: remit-overlay/1
    structure: harrow-2023                       # the base
    scenario: {id: harrow-2023-dcs-to-ce, label: DCS reports to the Chief Executive}   # optional
    sources: [{id: constitution, title: ..., date: 2024-05-01, file: constitution.pdf}]  # or url:
    changes:                                     # in order; each one decision
      - {do: line_manager, post: dcs, to: chief-executive, was: corporate-director-people,
         source: constitution, quote: "...", by: A Officer, date: 2025-05-01}
      - {do: designate, post: finance-director, role: s151, asserted: true,
         reasoning: the finance director signs the accounts, by: A Officer, date: 2025-05-01}

`do` is one of OPS. A change with `source` (and `quote` or `page`) is stated; one with
`asserted: true` and `reasoning` is kept inferred, its rule "entered by NAME on DATE: reasoning",
and is never shown as stated. `was` is what the base said when the decision was made: when the
base has changed since, the change is reported as a conflict and not applied (see Outcome).

The first format's sections (`designations`, `lines`, `holders`: stated facts with source and
quote, `remit import --overlay`) are read as changes too.
"""

from .apply import Applied, apply, apply_files, apply_overlay, overlay_dataset
from .model import (
    APPLIED,
    ASSERTED,
    COMMON,
    CONFLICT,
    DECISIONS,
    FORMAT,
    NO_LONGER,
    OP_WORDS,
    OPS,
    Change,
    Outcome,
    Overlay,
    Scenario,
)
from .read import parse_overlay, read_overlay
from .write import append, dump, save, today, valid_date

__all__ = [
    "APPLIED",
    "ASSERTED",
    "COMMON",
    "CONFLICT",
    "DECISIONS",
    "FORMAT",
    "NO_LONGER",
    "OPS",
    "OP_WORDS",
    "Applied",
    "Change",
    "Outcome",
    "Overlay",
    "Scenario",
    "append",
    "apply",
    "apply_files",
    "apply_overlay",
    "dump",
    "overlay_dataset",
    "parse_overlay",
    "read_overlay",
    "save",
    "today",
    "valid_date",
]
