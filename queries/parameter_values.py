"""`parameter-values` (internal): the posts and functions a parameter may name in one structure, so a
value typed as a title or a name ("chief-exec", "children's social care") can be matched to its key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from remit.loader.schema import structure_uid

from . import graph_helpers as h
from .catalogue import Question, register
from .matching import Candidate, NoMatch, match

if TYPE_CHECKING:
    from .backend import Backend

COLUMNS = ("kind", "key", "name")


def answer(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    s_uid = structure_uid(structure)
    if s_uid not in g:
        return []
    rows = [{"kind": "post", "key": g.nodes[p]["key"], "name": g.nodes[p].get("title")} for p in h.posts(g, structure)]
    council = g.nodes[s_uid].get("council")
    rows += [
        {"kind": "function", "key": a["key"], "name": a.get("name")}
        for _, a in g.nodes(data=True)
        if a["_label"] == "Function" and a.get("council") == council
    ]
    return rows


QUESTION = register(
    Question(
        id="parameter-values",
        title="Parameter values",
        kind="internal",
        description="The posts of a structure and its council's functions, with their titles and names.",
        columns=COLUMNS,
        cypher_file="parameter_values.cypher",
        nx=answer,
        params=(h.STRUCTURE,),
        sort_by=("kind", "key", "name"),
    )
)


def match_params(backend: Backend, question: Question, structure: str, params: dict[str, Any]) -> dict[str, Any]:
    """Each post or function parameter matched to its key (raises matching.NoMatch, listing the closest)."""
    kinds = {p.name: p.kind for p in question.params if p.kind in ("post", "function")}
    if not any(name in kinds for name in params):
        return params
    rows = backend.run(QUESTION, {"structure": structure})
    out = dict(params)
    for name, value in params.items():
        kind = kinds.get(name)
        if kind is None or value is None:
            continue
        cands = [Candidate(r["key"], (r["key"], r["name"] or "")) for r in rows if r["kind"] == kind]
        try:
            out[name] = match(value, cands, f"{kind} of {structure}")
        except NoMatch as exc:
            raise NoMatch(f"--param {name}: {exc}") from None
    return out
