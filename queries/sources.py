"""`sources` (internal): the documents of a structure's council, with their titles, so that what
cites a source id (answers, findings, the report) can name the document as the structure file does."""

from __future__ import annotations

from typing import Any

import networkx as nx

from remit.loader.schema import structure_uid

from . import graph_helpers as h
from .catalogue import Question, register

COLUMNS = ("source", "title", "date", "file")


def answer(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    s_uid = structure_uid(structure)
    if s_uid not in g:
        return []
    council = g.nodes[s_uid].get("council")
    return [
        {"source": a.get("id"), "title": a.get("title"), "date": a.get("date"), "file": a.get("file")}
        for _, a in g.nodes(data=True)
        if a.get("_label") == "Source" and a.get("council") == council
    ]


QUESTION = register(
    Question(
        id="sources",
        title="Sources",
        kind="internal",
        description="The source documents of a structure's council: id, title, date and file.",
        columns=COLUMNS,
        cypher_file="sources.cypher",
        nx=answer,
        params=(h.STRUCTURE,),
        sort_by=("source",),
    )
)
