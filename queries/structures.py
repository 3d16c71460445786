"""`structures`: the structures loaded, the list every other question starts from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from remit.loader.schema import council_uid, source_uid, structure_uid

from .catalogue import Param, Question, register

if TYPE_CHECKING:
    from .backend import Backend

COLUMNS = (
    "structure",
    "council",
    "label",
    "status",
    "effective",
    "effective_start",
    "effective_intended",
    "supersedes",
    "posts",
    "source",
    "council_name",
    "council_code",
    "source_date",
)


def answer(
    g: nx.MultiDiGraph, council: str | None = None, structure: str | None = None, **_: Any
) -> list[dict[str, Any]]:
    from remit.loader.memory import structure_index

    rows = []
    uids = [structure_uid(structure)] if structure else structure_index(g).structures
    for uid in uids:
        a = g.nodes.get(uid)
        if a is None or a["_label"] != "Structure" or (council and a["council"] != council):
            continue
        posts = sum(1 for _, _, e in g.out_edges(uid, data=True) if e["_type"] == "HAS_POST")
        c = g.nodes.get(council_uid(a["council"]), {})
        src = g.nodes.get(source_uid(a["council"], a.get("source") or ""), {})
        rows.append(
            {
                "structure": a["id"],
                "council": a["council"],
                "label": a.get("label"),
                "status": a["status"],
                "effective": a.get("effective"),
                "effective_start": a.get("effective_start"),
                "effective_intended": bool(a.get("effective_intended")),
                "supersedes": a.get("supersedes"),
                "posts": posts,
                "source": a.get("source"),
                "council_name": c.get("name"),
                "council_code": c.get("code"),
                "source_date": src.get("date"),
            }
        )
    return rows


QUESTION = register(
    Question(
        id="structures",
        title="Structures",
        kind="internal",
        description="Every structure loaded, with its council, status, effective date and number of posts.",
        columns=COLUMNS,
        cypher_file="structures.cypher",
        nx=answer,
        params=(
            Param("council", "Only this council's structures", required=False),
            Param("structure", "Only this structure", kind="structure", required=False),
        ),
        sort_by=("council", "effective_start", "structure"),
    )
)


class UsageError(ValueError):
    """A request that names no structure, an unknown one, or a date with no structure in force."""


@dataclass(frozen=True)
class Resolved:
    """The structure an answer used, and what a reader must know about that choice."""

    structure: str
    as_of: str | None
    status: str
    effective: str | None
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        when = f" on {self.as_of}" if self.as_of else ""
        head = f"Structure used{when}: {self.structure} ({self.status}, effective {self.effective or 'not stated'})."
        return " ".join((head, *self.notes))


def resolve(
    backend: Backend,
    structure: str | None = None,
    council: str | None = None,
    as_of: str | None = None,
    include_proposed: bool = False,
) -> tuple[str, str | None]:
    """(structure id, as_of) for `--structure ID` or `--council C --as-of DATE` (see resolve_structure)."""
    r = resolve_structure(backend, structure, council, as_of, include_proposed)
    return r.structure, r.as_of


def match_council(backend: Backend, council: str) -> str:
    """The council id a person means by an id, a name ("Barnet", "London Borough of Barnet") or a
    register code ("BNE"), ignoring case and punctuation; UsageError listing the closest otherwise."""
    from .matching import Candidate, NoMatch, match

    rows = backend.run(QUESTION, {})
    cands = {}
    for r in rows:
        aliases = [r["council"], r.get("council_name") or "", r.get("council_code") or ""]
        cands[r["council"]] = Candidate(r["council"], tuple(a for a in aliases if a))
    try:
        return match(council, list(cands.values()), "council")
    except NoMatch as exc:
        raise UsageError(str(exc)) from None


def resolve_structure(
    backend: Backend,
    structure: str | None = None,
    council: str | None = None,
    as_of: str | None = None,
    include_proposed: bool = False,
) -> Resolved:
    """The structure for `--structure ID`, or for `--council C --as-of DATE`: as design.md says, the
    latest structure with status existing or approved (or, with include_proposed, proposed) whose
    effective date is on or before the date. The notes say when a proposed structure's effective date
    has passed (it is named, and not used unless asked), and when the date is later than anything the
    council's documents speak for."""
    from remit.loader.dates import parse_as_of

    if as_of is not None:
        try:
            as_of = parse_as_of(as_of)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if structure:
        # Only the one id asked for is looked up; the full list is read only to explain a miss.
        found = backend.run(QUESTION, {"structure": structure})
        if not found:
            rows = backend.run(QUESTION, {})
            known = ", ".join(r["structure"] for r in rows) or "none loaded"
            raise UsageError(f"unknown structure '{structure}' (known: {known})")
        return Resolved(structure, as_of, found[0]["status"], found[0]["effective"])
    if not council or not as_of:
        raise UsageError("name a structure with --structure ID, or a council and a date with --council C --as-of DATE")
    council = match_council(backend, council)
    mine = backend.run(QUESTION, {"council": council})
    usable = ("existing", "approved", "proposed") if include_proposed else ("existing", "approved")
    dated = [r for r in mine if r["effective_start"] and r["effective_start"] <= as_of]
    in_force = [r for r in dated if r["status"] in usable]
    if not in_force:
        raise UsageError(
            f"no existing or approved structure of '{council}' is in force on {as_of} "
            f"(structures: {', '.join(_summary(r) for r in mine)})"
        )
    best = max(in_force, key=lambda r: (r["effective_start"], r["structure"]))
    notes = notes_for(best, mine, as_of, include_proposed)
    return Resolved(best["structure"], as_of, best["status"], best["effective"], tuple(notes))


def notes_for(best: dict[str, Any], mine: list[dict[str, Any]], as_of: str, include_proposed: bool) -> list[str]:
    """What a reader must know of the structure an answer for `as_of` used (`best`, one of the council's
    structures `mine`): a passed proposal not used, a proposal used, an effective date that is only a plan,
    proposals made on top of it with no date, and how old it is against the date asked. The same words
    for one council (`--council C --as-of D`) and for every council (`--all`)."""
    council = best["council"]
    notes = [
        f"{r['structure']} was proposed to take effect on {r['effective_start']}; the latest existing "
        f"structure is {best['structure']} (--include-proposed uses the proposed one)."
        for r in mine
        if r["status"] == "proposed"
        and not include_proposed
        and r["effective_start"]
        and best["effective_start"] < r["effective_start"] <= as_of
    ]
    if best["status"] == "proposed":
        notes.append(f"{best['structure']} is a proposal, used because proposed structures were included.")
    if best.get("effective_intended"):
        notes.append(
            f"{best['structure']}'s effective date ({best['effective']}) is a date the documents planned, not one "
            "they saw pass."
        )
    notes += [
        f"{r['structure']} proposes changes to {best['structure']} with no date given (see --structure "
        f"{r['structure']})."
        for r in mine
        if r.get("supersedes") == best["structure"] and r["status"] == "proposed" and not r["effective_start"]
    ]
    if best["effective_start"] and best["effective_start"] < as_of:
        days = (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(best["effective_start"])).days
        notes.append(f"{best['structure']} is dated {best['effective']}, {days:,} days before {as_of}.")
    latest = max(d for r in mine for d in (r["effective_start"], r.get("source_date")) if d)
    if as_of > latest:
        notes.append(
            f"{as_of} is later than anything the documents for {council} speak for (latest date: {latest}); "
            f"the answer shows {best['structure']} as those documents left it."
        )
    return notes


def _summary(r: dict[str, Any]) -> str:
    return f"{r['structure']} {r['effective'] or 'no date'} {r['status']}"
