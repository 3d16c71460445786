"""`assurance-reviews`: each local test of assurance in full, so a reviewer sees what the council was told:
every criterion with its outcome and any condition ("met as long as ..."), who reviewed, when, and the
follow-up asked for (a review after twelve months; a test planned after six months)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from . import graph_helpers as h
from .catalogue import Question, register
from .rows import inferences_of, sources_of

COLUMNS = (
    "review",
    "status",
    "date",
    "reviewer",
    "outcome",
    "follow_up",
    "assesses",
    "criterion",
    "criterion_outcome",
    "condition",
    "finding",
    "inferred",
    "sources",
)


def _at(values: list[Any] | None, i: int | None) -> Any:
    """The i-th of a parallel list, None for an empty string (stored for "not given") or a missing one."""
    if i is None or not values or i >= len(values):
        return None
    return values[i] or None


def answer(g: nx.MultiDiGraph, structure: str, **_: Any) -> list[dict[str, Any]]:
    rows = []
    for uid in h.own_nodes(g, structure, "AssuranceReview"):  # this structure's alone, through the index
        v = g.nodes[uid]
        assesses = sorted(g.nodes[p]["key"] for _, p, a in g.out_edges(uid, data=True) if a["_type"] == "ASSESSES")
        criteria = list(v.get("criteria") or [])
        for i in range(len(criteria)) if criteria else [None]:
            rows.append(
                {
                    "review": v["id"],
                    "status": v.get("status"),
                    "date": v.get("date"),
                    "reviewer": v.get("by"),
                    "outcome": v.get("outcome"),
                    "follow_up": v.get("follow_up"),
                    "assesses": assesses,
                    "criterion": _at(criteria, i),
                    "criterion_outcome": _at(v.get("criteria_outcomes"), i),
                    "condition": _at(v.get("criteria_conditions"), i),
                    "finding": _at(v.get("criteria_findings"), i),
                    "inferred": inferences_of(v),
                    "sources": sources_of(v),
                }
            )
    return rows


QUESTION = register(
    Question(
        id="assurance-reviews",
        title="Local tests of assurance",
        description="Each local test of assurance recorded: every criterion with its outcome and any condition, the "
        "reviewer, the date, the overall outcome, the follow-up asked for and the posts it assesses.",
        columns=COLUMNS,
        cypher_file="assurance_reviews.cypher",
        nx=answer,
        params=(h.STRUCTURE,),
        sort_by=("review", "criterion") + COLUMNS,
    )
)
