"""Questions across councils: the scope a question or rule runs over.

A scope is one structure (what every catalogue question takes), or every council's structure in
force on a date, optionally only councils of a type or region (from the local authority
register). "In force" is resolve()'s rule applied to every council at once: the latest structure
with status existing or approved whose effective date is on or before the date. The
`structures-in-force` question states that rule once in Cypher and once in networkx; the national
questions (queries/national*.py) start from the same selection, and tests hold it equal to
resolve() council by council.

Any per-structure question or rule runs over a scope with `run_scoped`: networkx loops over the
structures (each touches only its own nodes through the structure index), Neo4j runs the
question's own Cypher once for the whole scope (`scoped_cypher`), so a national run is one round
trip, not one per council.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from remit.loader.schema import council_uid

from .catalogue import Param, Question, register

if TYPE_CHECKING:
    from .backend import Backend

# Statuses of a structure that can be in force (resolve() uses the same tuple).
IN_FORCE_STATUSES = ("existing", "approved")
AS_OF = Param("as_of", "The date (YYYY-MM-DD): every council's structure in force then", kind="date")
COUNCILS = Param(
    "codes",
    "Only councils with these register codes (the --type / --region filter); none: every council",
    kind="codes",
    required=False,
)
STATUSES = Param(
    "statuses",
    "Statuses a structure in force may have (default: existing, approved; --include-proposed adds proposed)",
    kind="statuses",
    required=False,
)
SCOPE_COLUMNS = ("council", "council_name", "structure")
# What every answer over a scope says of the structure it used for each council (issue 21): its status,
# its effective date, and how old it is against the date asked, in words (queries.structures.notes_for).
NOTE_COLUMNS = ("structure_status", "structure_effective", "structure_note")


@dataclass(frozen=True)
class Scope:
    """Every council's structure in force on `as_of`, optionally of one type and/or region; with
    `include_proposed`, a proposed structure whose effective date has passed may be the one in force
    (as `--council C --as-of D --include-proposed` does for one council)."""

    as_of: str
    type: str | None = None
    region: str | None = None
    include_proposed: bool = False

    def statuses(self) -> tuple[str, ...]:
        return IN_FORCE_STATUSES + (("proposed",) if self.include_proposed else ())

    def params(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "codes": council_filter(self.type, self.region), "statuses": list(self.statuses())}


class ScopeError(ValueError):
    """A --type or --region the register does not know, or no register to filter by."""


def council_filter(type_: str | None, region: str | None) -> list[str] | None:
    """Register codes (local-authority-code) of the councils of a type and/or region; None for no filter.

    A council whose file names no register code has no known type or region, so a filtered scope
    leaves it out rather than guess. The type is the register's code (LBO, UA, CTY...) or its name."""
    if not type_ and not region:
        return None
    from remit.loader.authorities import KIND_NAMES, all_authorities

    everyone = [a for a in all_authorities() if a.current]
    if type_:
        wanted = type_.strip().lower()
        kinds = {k for k, name in KIND_NAMES.items() if wanted in (k.lower(), name.lower())}
        if not kinds:
            raise ScopeError(
                f"unknown council type '{type_}' (known: "
                + ", ".join(f"{k} ({n})" for k, n in sorted(KIND_NAMES.items()))
                + ")"
            )
        everyone = [a for a in everyone if a.kind in kinds]
    if region:
        regions = sorted({a.region for a in all_authorities() if a.region})
        match = [r for r in regions if r.lower() == region.strip().lower()]
        if not match:
            raise ScopeError(f"unknown region '{region}' (known: {', '.join(regions)})")
        everyone = [a for a in everyone if a.region == match[0]]
    return sorted(a.code for a in everyone)


def in_force(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] | list[str] | None = None,
) -> list[str]:
    """Structure uids in force on `as_of`, one per council (the networkx side of the selection)."""
    from remit.loader.memory import structure_index

    statuses = statuses or IN_FORCE_STATUSES
    best: dict[str, tuple[str, str, str]] = {}
    for uid in structure_index(g).structures:
        a = g.nodes[uid]
        start = a.get("effective_start")
        if a["status"] not in statuses or not start or start > as_of:
            continue
        mark = (start, a["id"], uid)
        if a["council"] not in best or mark > best[a["council"]]:
            best[a["council"]] = mark
    wanted = None if codes is None else set(codes)
    return [
        best[c][2] for c in sorted(best) if wanted is None or (g.nodes.get(council_uid(c)) or {}).get("code") in wanted
    ]


def council_name(g: nx.MultiDiGraph, council: str) -> str | None:
    node = g.nodes.get(council_uid(council))
    return node.get("name") if node else None


def _in_force(
    g: nx.MultiDiGraph,
    as_of: str,
    codes: list[str] | None = None,
    statuses: tuple[str, ...] | None = None,
    **_: Any,
) -> list[dict[str, Any]]:
    rows = []
    for uid in in_force(g, as_of, codes, statuses):
        a = g.nodes[uid]
        rows.append(
            {
                "council": a["council"],
                "council_name": council_name(g, a["council"]),
                "structure": a["id"],
                "code": (g.nodes.get(council_uid(a["council"])) or {}).get("code"),
                "label": a.get("label"),
                "effective": a.get("effective"),
                "status": a["status"],
                "source": a.get("source"),
            }
        )
    return rows


IN_FORCE = register(
    Question(
        id="structures-in-force",
        title="Structures in force",
        kind="internal",
        description="Every council's structure in force on a date: the latest existing or approved (or, when asked, "
        "proposed) structure effective on or before it.",
        columns=SCOPE_COLUMNS + ("code", "label", "effective", "status", "source"),
        cypher_file="structures_in_force.cypher",
        nx=_in_force,
        params=(AS_OF, COUNCILS, STATUSES),
        sort_by=("council",),
        constants={"in_force_statuses": IN_FORCE_STATUSES},
    )
)


def structures(backend: Backend, scope: Scope) -> list[dict[str, Any]]:
    """The structures a scope covers, one row per council, each with what a reader must know of it (its
    status, effective date and age against the date asked: NOTE_COLUMNS)."""
    return annotate(backend, backend.run(IN_FORCE, scope.params()), scope)


def annotate(backend: Backend, chosen: list[dict[str, Any]], scope: Scope) -> list[dict[str, Any]]:
    """NOTE_COLUMNS for each chosen structure, worded as the per-council answers word them."""
    from .structures import QUESTION as STRUCTURES
    from .structures import notes_for

    if not chosen:
        return chosen
    by_council: dict[str, list[dict[str, Any]]] = {}
    for r in backend.run(STRUCTURES, {}):
        by_council.setdefault(r["council"], []).append(r)
    out = []
    for c in chosen:
        mine = by_council.get(c["council"], [])
        best = next((r for r in mine if r["structure"] == c["structure"]), None)
        notes = notes_for(best, mine, scope.as_of, scope.include_proposed) if best else []
        out.append(
            {
                **c,
                "structure_status": best["status"] if best else c.get("status"),
                "structure_effective": best["effective"] if best else c.get("effective"),
                "structure_note": " ".join(notes) or None,
            }
        )
    return out


def not_answered(backend: Backend, scope: Scope, chosen: list[dict[str, Any]] | None = None) -> list[dict[str, str]]:
    """The councils loaded (of the scope's type and region) that an answer over the scope cannot speak
    for, each with why: none of their structures is in force on the date asked. An answer over every
    council says so rather than leaving them out without a word."""
    from .structures import QUESTION as STRUCTURES

    chosen = structures(backend, scope) if chosen is None else chosen
    answered = {c["council"] for c in chosen}
    codes = scope.params()["codes"]
    wanted = None if codes is None else set(codes)
    mine: dict[str, list[dict[str, Any]]] = {}
    for r in backend.run(STRUCTURES, {}):
        if r["council"] not in answered and (wanted is None or r.get("council_code") in wanted):
            mine.setdefault(r["council"], []).append(r)
    out = []
    for council, rows in sorted(mine.items()):
        dated = sorted((r for r in rows if r.get("effective_start")), key=lambda r: str(r["effective_start"]))
        before = [r for r in dated if str(r["effective_start"]) <= scope.as_of]
        if before:  # only proposals (not asked for) took effect by then
            names = ", ".join(r["structure"] for r in before)
            why = f"only proposals are dated on or before it ({names}); --include-proposed uses them"
        elif dated:
            first = dated[0]
            why = f"its earliest structure, {first['structure']}, is dated {first['effective_start']}"
        else:
            why = "none of its structures states a date"
        out.append({"council": council, "why": why})
    return out


def not_answered_lines(left: list[dict[str, str]], as_of: str) -> list[str]:
    """The same in words, one line a council, for a table or a page."""
    return [f"Not answered for {r['council']}: no structure in force on {as_of} ({r['why']})." for r in left]


def with_notes(rows: list[dict[str, Any]], chosen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of an answer over a scope, each with its structure's NOTE_COLUMNS (from `structures`)."""
    notes = {c["structure"]: {k: c.get(k) for k in NOTE_COLUMNS} for c in chosen}
    return [{**r, **notes.get(r.get("structure"), dict.fromkeys(NOTE_COLUMNS))} for r in rows]


def answer_national(
    backend: Backend, q: Question, scope: Scope, params: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """A national question's rows over a scope and the columns to show them by: the scope's columns, what
    each row's structure is (status, effective date, age against the date asked), then the question's own."""
    rows = backend.run(q, {**(params or {}), **scope.params()})
    rows = with_notes(rows, structures(backend, scope))
    own = [c for c in q.columns if c not in SCOPE_COLUMNS]
    return rows, [*SCOPE_COLUMNS, *NOTE_COLUMNS, *own]


# -- a per-structure question over a whole scope ---------------------------------------------------
_CALL_SCOPE = re.compile(r"CALL\s*\(([^)]*)\)\s*\{")


def scoped_cypher(cypher: str) -> str:
    """A per-structure question's Cypher run for every structure of `$scope` in one query.

    Our own query text is rewritten, never a user's: `$structure` becomes the variable
    `__structure`, which every `CALL (...)` subquery also imports, and the whole question runs
    inside one `CALL` per scope row. Values still travel as parameters.
    """
    body = "\n".join(line for line in cypher.splitlines() if not line.lstrip().startswith("//"))

    def imports(m: re.Match[str]) -> str:
        names = [n.strip() for n in m[1].split(",") if n.strip()]
        return f"CALL ({', '.join(names + ['__structure'])}) {{"

    body = _CALL_SCOPE.sub(imports, body).replace("$structure", "__structure")
    return (
        "UNWIND $scope AS __row\nWITH __row.structure AS __structure, __row AS __row\n"
        f"CALL (__structure) {{\n{body}\n}}\n"
        "RETURN *"
    )


def run_scoped(
    backend: Backend,
    q: Question,
    scope: Scope,
    params: dict[str, Any] | None = None,
    chosen: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Answer a per-structure question or rule for every structure of the scope (or of `chosen`, the
    scope's structures already read): rows gain the council, its name and the structure, and stay
    sorted the question's way within a council."""
    chosen = structures(backend, scope) if chosen is None else chosen
    answers = backend.run_scoped(q, [r["structure"] for r in chosen], {**(params or {}), "as_of": scope.as_of})
    return [
        {**{c: s.get(c) for c in SCOPE_COLUMNS + NOTE_COLUMNS}, **row}
        for s in chosen
        for row in answers.get(s["structure"], [])
    ]
