"""`names`: the names of a structure's posts, units and functions, so answers for people show names
where people expect names (a line manager's title, a function's name, "Sandwell Children's Trust"
rather than `unit:sandwell-childrens-trust`). An internal question: the CLI and the dashboard map keys
to these names for table output; JSON and CSV keep the keys."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid

from . import graph_helpers as h
from .catalogue import Param, Question, register

COLUMNS = ("structure", "kind", "key", "name")


def answer(g: nx.MultiDiGraph, structures: list[str] | None = None, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for sid in structures or []:
        s_uid = structure_uid(sid)
        if s_uid not in g:
            continue
        council = g.nodes[s_uid]["council"]
        rows += [
            {"structure": sid, "kind": "post", "key": h.node(g, p)["key"], "name": h.node(g, p).get("title")}
            for p in h.posts(g, sid)
        ]
        rows += [
            {"structure": sid, "kind": "unit", "key": h.node(g, u)["key"], "name": h.node(g, u).get("name")}
            for u in h.units(g, sid)
        ]
        rows += [
            {"structure": sid, "kind": "function", "key": a["key"], "name": a.get("name")}
            for _, a in g.nodes(data=True)
            if a.get("_label") == "Function" and a.get("council") == council
        ]
    return rows


QUESTION = register(
    Question(
        id="names",
        title="Names of a structure's posts, units and functions",
        kind="internal",
        description="The title of every post, the name of every unit and function of the structures asked for.",
        columns=COLUMNS,
        cypher_file="names.cypher",
        nx=answer,
        params=(Param("structures", "Structure ids", kind="structures"),),
        sort_by=COLUMNS,
    )
)


def names_of(backend: Any, structures: list[str]) -> dict[tuple[str, str, str], str]:
    """(structure, kind, key) -> name, for the structures an answer is about."""
    if not structures:
        return {}
    rows = backend.run(QUESTION, {"structures": sorted(set(structures))})
    return {(r["structure"], r["kind"], r["key"]): r["name"] for r in rows if r["name"]}
