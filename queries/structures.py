"""`structures`: the structures loaded, the list every other question starts from."""
from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid

from .catalogue import Param, Question, register

COLUMNS = ("structure", "council", "label", "status", "effective", "effective_start", "supersedes", "posts", "source")


def answer(g: nx.MultiDiGraph, council: str | None = None, structure: str | None = None,
           **_: Any) -> list[dict[str, Any]]:
    from remit.loader.memory import structure_index

    rows = []
    uids = [structure_uid(structure)] if structure else structure_index(g).structures
    for uid in uids:
        a = g.nodes.get(uid)
        if a is None or a["_label"] != "Structure" or (council and a["council"] != council):
            continue
        posts = sum(1 for _, _, e in g.out_edges(uid, data=True) if e["_type"] == "HAS_POST")
        rows.append({"structure": a["id"], "council": a["council"], "label": a.get("label"),
                     "status": a["status"], "effective": a.get("effective"), "effective_start": a.get("effective_start"),
                     "supersedes": a.get("supersedes"), "posts": posts, "source": a.get("source")})
    return rows


QUESTION = register(Question(
    id="structures", title="Structures", kind="internal",
    description="Every structure loaded, with its council, status, effective date and number of posts.",
    columns=COLUMNS, cypher_file="structures.cypher", nx=answer,
    params=(Param("council", "Only this council's structures", required=False),
            Param("structure", "Only this structure", kind="structure", required=False)),
    sort_by=("council", "effective_start", "structure")))


class UsageError(ValueError):
    """A request that names no structure, an unknown one, or a date with no structure in force."""


def resolve(backend, structure: str | None = None, council: str | None = None,
            as_of: str | None = None) -> tuple[str, str | None]:
    """Return (structure id, as_of date or None) for `--structure ID` or `--council C --as-of DATE`.

    As design.md says: for a council and a date, the latest structure with status existing or
    approved whose effective date is on or before the date.
    """
    from remit.loader.dates import parse_as_of

    if as_of is not None:
        try:
            as_of = parse_as_of(as_of)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if structure:
        # Only the one id asked for is looked up; the full list is read only to explain a miss.
        if not backend.run(QUESTION, {"structure": structure}):
            rows = backend.run(QUESTION, {})
            known = ", ".join(r["structure"] for r in rows) or "none loaded"
            raise UsageError(f"unknown structure '{structure}' (known: {known})")
        return structure, as_of
    if not council or not as_of:
        raise UsageError("name a structure with --structure ID, or a council and a date with --council C --as-of DATE")
    mine = backend.run(QUESTION, {"council": council})
    if not mine:
        rows = backend.run(QUESTION, {})
        known = ", ".join(sorted({r["council"] for r in rows})) or "none loaded"
        raise UsageError(f"unknown council '{council}' (known: {known})")
    in_force = [r for r in mine if r["status"] in ("existing", "approved") and r["effective_start"]
                and r["effective_start"] <= as_of]
    if not in_force:
        raise UsageError(f"no existing or approved structure of '{council}' is in force on {as_of} "
                         f"(structures: {', '.join(r['structure'] + ' ' + (r['effective'] or 'no date') + ' ' + r['status'] for r in mine)})")
    best = max(in_force, key=lambda r: (r["effective_start"], r["structure"]))
    return best["structure"], as_of
