"""Changes of holder between two dates, council by council: two runs of the national register compared.

Like the restructure diff, this is Python over questions that both stores answer identically
(`statutory-register`, parity-tested), so it agrees across stores by construction. A side
whose documents name no holder is unknown, not a change: a role is reported as a holder change
only when both dates name holders and they differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalogue import Param, Question, register
from .national import STATUTORY_REGISTER
from .rows import normalise
from .scope import AS_OF, COUNCILS, Scope

if TYPE_CHECKING:
    from .backend import Backend

COLUMNS = (
    "council",
    "council_name",
    "role",
    "change",
    "before_structure",
    "before_posts",
    "before_holder",
    "before_basis",
    "after_structure",
    "after_posts",
    "after_holder",
    "after_basis",
    "inferred",
    "sources",
)


def _answer(backend: Backend, params: dict[str, Any]) -> list[dict[str, Any]]:
    if not params.get("since") or not params.get("as_of"):
        raise ValueError("holder-changes needs two dates: since (the earlier) and as_of (the later)")
    return holder_changes(backend, params["since"], Scope(params["as_of"]), codes=params.get("codes"))


SINCE = Param(
    "since",
    "The earlier date (YYYY-MM-DD): the holders then are compared with those on --as-of",
    kind="date",
    example="2022-05-15",
)

HOLDER_CHANGES = register(
    Question(
        id="holder-changes",
        title="Changes of statutory role holder between two dates",
        kind="national",
        description="For every council and statutory role: the holders named on the earlier date (--param since=DATE) "
        "and on the later one (--as-of), in the structures in force then; reported when the named holders "
        "differ (change: holder), the basis differs (basis), or the role is designated on one date only "
        "(designation).",
        columns=COLUMNS,
        cypher_file=None,
        nx=None,
        compute=_answer,
        params=(AS_OF, SINCE, COUNCILS),
        sort_by=("council", "role"),
    )
)


def _side(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["council"], r["role"])
        side = out.get(key)
        if side is None:
            side = out[key] = {
                "council_name": r["council_name"],
                "structure": r["structure"],
                "posts": set(),
                "holder": set(),
                "basis": set(),
                "inferred": set(),
                "sources": set(),
            }
        side["posts"].add(r["post"])
        side["holder"].update(r["holder"] or ())
        side["basis"].add(r["basis"])
        side["inferred"].update(r["inferred"])
        side["sources"].update(r["sources"])
    return out


def _change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str | None:
    if before is None or after is None:
        return "designation"
    if before["holder"] and after["holder"] and before["holder"] != after["holder"]:
        return "holder"
    if before["basis"] != after["basis"]:
        return "basis"
    return None


def holder_changes(backend: Backend, since: str, scope: Scope, codes: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows of COLUMNS for every (council, role) whose holding changed between `since` and `scope.as_of`
    (councils narrowed by `scope`, or by `codes` when given: the register codes scope.params() makes)."""
    if codes is None:
        codes = scope.params()["codes"]
    before, after = map(
        _side,
        backend.unsorted_each(
            STATUTORY_REGISTER, [{"as_of": since, "codes": codes}, {"as_of": scope.as_of, "codes": codes}]
        ),
    )
    rows = []
    for council, role in sorted(set(before) | set(after)):
        b, a = before.get((council, role)), after.get((council, role))
        change = _change(b, a)
        if change is None:
            continue
        row: dict[str, Any] = {
            "council": council,
            "council_name": (a or b or {}).get("council_name"),
            "role": role,
            "change": change,
        }
        for name, side in (("before", b), ("after", a)):
            row[f"{name}_structure"] = side and side["structure"]
            for part in ("posts", "holder", "basis"):
                row[f"{name}_{part}"] = sorted(side[part]) if side and side[part] else None
        for facts in ("inferred", "sources"):
            row[facts] = sorted((b or {}).get(facts, set()) | (a or {}).get(facts, set()))
        rows.append(row)
    return normalise(rows, COLUMNS, ("council", "role"))
