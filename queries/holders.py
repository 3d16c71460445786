"""Who holds a post on a date, in the papers' own terms: each holder's own dates, an announced end kept
as an intention with its quote, and what to say once that intention has passed with no successor.

Why one module: statutory-holders, interim-exposure, the national register and the rules all describe
holders, and issue 21 found them saying nothing of a holder's own dates and dropping a role whose
holder had only announced a departure. The Cypher of each question collects every HOLDS edge of the
post as a map (graph_helpers.HOLD_FIELDS); the networkx twin gives the same maps; `describe` turns
them into cells once, in Python, for both stores, so the two cannot word it differently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .graph_helpers import DEPARTED, HELD, NO_HOLDER, in_force

Hold = dict[str, Any]
# What every question built on `describe` adds to its columns, in this order.
HOLDER_COLUMNS = ("holder", "holder_basis", "holder_dates", "intentions", "state")


@dataclass
class Holders:
    """The holder cells of one post on one date (None: every holding, no date asked)."""

    holder: list[str] | None = None
    holder_basis: list[str] | None = None
    holder_dates: list[str] = field(default_factory=list)
    intentions: list[str] = field(default_factory=list)
    state: str = NO_HOLDER
    facts: list[Hold] = field(default_factory=list)  # the holdings the cells rest on (sources, inferences)

    def cells(self) -> dict[str, Any]:
        return {
            "holder": self.holder,
            "holder_basis": self.holder_basis,
            "holder_dates": self.holder_dates,
            "intentions": self.intentions,
            "state": self.state,
        }


def name_of(h: Hold) -> str:
    return h.get("name") or "(not named)"


def dates_of(h: Hold) -> str:
    """'Peter Tolley: from 2022-06' / '(not named): until 2022-12-31' / 'Dawn Calvert: dates not stated'."""
    bits = [f"from {h['from']}" if h.get("from") else "", f"until {h['to']}" if h.get("to") else ""]
    if h.get("intended_end_quote") and not h.get("to"):
        bits.append(f"intends to leave {h['intended_end']}" if h.get("intended_end") else "intends to leave")
    said = ", ".join(b for b in bits if b) or "dates not stated"
    return f"{name_of(h)}: {said}"


def intention_of(h: Hold, passed: bool = False) -> str:
    """An intended end in words, with its quote and source: never shown as a stated end."""
    when = h.get("intended_end") or "no date given"
    head = (
        f"{name_of(h)} intended to leave ({when}; passed, no successor recorded)"
        if passed
        else (f"{name_of(h)} intends to leave ({when}; an intention, not a stated end)")
    )
    return f"{head}: \u201c{h.get('intended_end_quote')}\u201d [{h.get('intended_end_source')}]"


def designation_intention(d: Hold) -> str:
    """A designation's announced end (the Corporate Director of People holds the DASS duties "until a new
    permanent Director of Adult Social Services was appointed in the new financial year")."""
    when = d.get("intended_end") or "no date given"
    return (
        f"the designation is intended to end ({when}; an intention, not a stated end): "
        f"\u201c{d.get('intended_end_quote')}\u201d [{d.get('intended_end_source')}]"
    )


# The intended-end fields of a DESIGNATED edge a question passes as its hidden `_designation` map.
DESIGNATION_FIELDS = (
    "intended_end",
    "intended_end_quote",
    "intended_end_source",
    "intended_end_inferred",
    "intended_end_rule",
)


def describe(holds: list[Hold], as_of: str | None) -> Holders:
    """The holders in force on `as_of` (all of them when None) and the state of the role.

    A holding whose intended end has passed is not in force (its `to_end` is that date's last day); if
    no other holding is in force then, the state says the departure passed and no successor is
    recorded, rather than showing nobody as if nothing were known."""
    held = [h for h in holds if in_force(h, as_of)]
    passed = [
        h
        for h in holds
        if as_of is not None
        and not h.get("to")
        and h.get("intended_end_last")
        and h["intended_end_last"] < as_of
        and (h.get("from_start") is None or h["from_start"] <= as_of)
    ]
    out = Holders()
    if held:
        out.holder = sorted({name_of(h) for h in held})
        out.holder_basis = sorted({h.get("basis") or "not stated" for h in held})
        out.holder_dates = sorted({dates_of(h) for h in held})
        out.intentions = sorted({intention_of(h) for h in held if h.get("intended_end_quote")})
        out.state = HELD
        out.facts = held
    elif passed:
        out.intentions = sorted({intention_of(h, passed=True) for h in passed})
        out.holder_dates = sorted({dates_of(h) for h in passed})
        out.state = DEPARTED
        out.facts = passed
    return out


def intention_facts(facts: list[Hold]) -> list[Hold]:
    """The intentions among holdings as fact maps (source, inferred, rule) for sources and inferences."""
    return [
        {
            "source": h.get("intended_end_source"),
            "inferred": h.get("intended_end_inferred"),
            "rule": h.get("intended_end_rule"),
        }
        for h in facts
        if h.get("intended_end_quote")
    ]


def merged(*lists: Any) -> list[str]:
    """Sorted distinct strings of several lists (a row's `inferred` or `sources` and its holders')."""
    return sorted({x for xs in lists for x in (xs or []) if x is not None})


def exposed(row: dict[str, Any]) -> bool:
    """A statutory role on an interim, acting or vacant footing, or whose holder's intended departure
    has passed with no successor recorded."""
    from .graph_helpers import EXPOSED_BASES

    return (
        row.get("basis") in EXPOSED_BASES
        or bool(set(row.get("holder_basis") or ()) & set(EXPOSED_BASES))
        or row.get("state") == DEPARTED
    )


def finish(exposed_only: bool = False) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    """A Question.finish: the holder cells of each row from its `_holds` on its `_as_of` (the hidden
    columns both stores return), the holdings' sources and inferences added to the row's; with
    `exposed_only`, only the rows `exposed` keeps."""
    from .rows import inferences_of, sources_of

    def run(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for row in rows:
            hs = describe([h for h in row.pop("_holds", None) or [] if h], row.pop("_as_of", None))
            d = row.pop("_designation", None) or {}
            if d.get("intended_end_quote"):
                hs.intentions = sorted([*hs.intentions, designation_intention(d)])
            row.update(hs.cells())
            extra = [*hs.facts, *intention_facts(hs.facts), *intention_facts([d])]
            row["inferred"] = merged(row.get("inferred"), inferences_of(extra))
            row["sources"] = merged(row.get("sources"), sources_of(extra))
            if not exposed_only or exposed(row):
                out.append(row)
        return out

    return run
