"""The national table: one row per council's structure in force on a date, for the dashboard's Overview.

Assembled from the national questions (statutory register, DCS combined) and every rule over the
scope, so each figure here is one the command line gives too (`remit ask ... --all`, `remit check
--all`). Type and region come from the local authority register by the council's code; a council
whose file names no code has them unknown (empty), never guessed from its name.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from remit.queries.national import DCS_COMBINED, STATUTORY_REGISTER
from remit.queries.national_rules import national_findings
from remit.queries.scope import Scope, structures

if TYPE_CHECKING:
    from remit.queries.backend import Backend

COLUMNS = (
    "council",
    "council_name",
    "code",
    "type",
    "region",
    "structure",
    "dcs_post",
    "dcs_holder",
    "dcs_basis",
    "dass_post",
    "dass_holder",
    "dass_basis",
    "dcs_combined",
    "flags",
    "unknown",
)
EXPOSED = ("interim", "acting", "vacant")


def _register_cells(rows: list[dict[str, Any]], role: str) -> dict[str, Any]:
    mine = [r for r in rows if r["role"] == role]
    holders = sorted({h for r in mine for h in r["holder"] or ()})
    return {
        f"{role}_post": "; ".join(sorted({r["title"] for r in mine})) or None,
        f"{role}_holder": "; ".join(holders) or None,
        f"{role}_basis": "; ".join(
            sorted({r["basis"] for r in mine} | {b for r in mine for b in r["holder_basis"] or ()})
        )
        or None,
    }


def national_table(backend: Backend, scope: Scope) -> list[dict[str, Any]]:
    """Rows of COLUMNS, one per council in scope, sorted by council.

    Kept by the backend (queries.digest_cache) under the scope and every chosen structure as it is
    now, content digest included: asked again with nothing reloaded, it is not made again (the
    dashboard makes today's as soon as it opens the store); a structure without a digest is never
    kept. One national table or rule run at a time per backend: a second asker waits, then reads it."""
    from remit.queries.digest_cache import digest_cache

    cache = digest_cache(backend)
    with cache.lock:
        chosen = structures(backend, scope)
        key = None
        if all(c.get("digest") for c in chosen):
            key = ("national-table", scope, repr([sorted(c.items()) for c in chosen]))
            kept = cache.whole(key)
            if kept is not None:
                return [dict(r) for r in kept]
        rows = _table(backend, scope, chosen)
        if key is not None:
            cache.keep_whole(key, [dict(r) for r in rows])
        return rows


def _table(backend: Backend, scope: Scope, chosen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from remit.loader import authorities

    params = scope.params()
    register = backend.run(STATUTORY_REGISTER, params)
    combined = {r["council"] for r in backend.run(DCS_COMBINED, params)}
    outcomes: dict[str, Counter] = {}
    for f in national_findings(backend, scope, include_pass=True, chosen=chosen):  # asked once, above
        outcomes.setdefault(f["council"], Counter())[f["outcome"]] += 1
    by_council: dict[str, list[dict[str, Any]]] = {}  # one pass, not one per council
    for r in register:
        by_council.setdefault(r["council"], []).append(r)
    rows = []
    for c in chosen:
        authority = authorities.by_code(c["code"]) if c.get("code") else None
        mine = by_council.get(c["council"], [])
        rows.append(
            {
                "council": c["council"],
                "council_name": c["council_name"],
                "code": c.get("code"),
                "type": authority.kind_name if authority else None,
                "region": (authority.region or authority.nation) if authority else None,
                "structure": c["structure"],
                **_register_cells(mine, "dcs"),
                **_register_cells(mine, "dass"),
                "dcs_combined": c["council"] in combined,
                "flags": outcomes.get(c["council"], Counter())["flag"],
                "unknown": outcomes.get(c["council"], Counter())["unknown"],
            }
        )
    return rows


def counts_by(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """Per type (or region): councils, those whose DCS or DASS is exposed, combined, flagged."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r[column] or "(not in the register)", []).append(r)

    def exposed(r: dict[str, Any]) -> bool:
        return any(b in (r[f"{role}_basis"] or "") for role in ("dcs", "dass") for b in EXPOSED)

    return [
        {
            column: name,
            "councils": len(g),
            "DCS or DASS interim/acting/vacant": sum(map(exposed, g)),
            "DCS combined": sum(1 for r in g if r["dcs_combined"]),
            "a rule flags": sum(1 for r in g if r["flags"]),
            "a rule is unknown": sum(1 for r in g if r["unknown"]),
        }
        for name, g in sorted(groups.items())
    ]
