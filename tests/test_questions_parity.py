"""Every catalogue question and rule gives identical rows on networkx and on the real Neo4j, for every seed
structure, undated and on the dates the seed documents name."""

from __future__ import annotations

import pytest

from remit.queries.catalogue import all_questions, parameter_sets

# Dates the documents name: Harrow's DASS moves from an acting DASS to the interim Corporate Director of
# People on 2023-01-01; Peter Tolley holds the DCS post since June 2022; Sandwell's Trust goes live April 2018.
DATES = (None, "2022-05-15", "2022-12-15", "2023-01-15", "2023-06-15", "2018-01-16", "2018-04-01")

QUESTIONS = [q for q in all_questions() if q.kind in ("question", "rule")]


def _structures(memory_backend):
    return [r["structure"] for r in memory_backend.run("structures", {"council": None})]


def _param_sets(q, structure, memory_backend):
    """Every post and every function of the structure's council (and one that does not exist) for
    parameters of those kinds: driven by the parameters' kinds, not by question ids."""
    snap = memory_backend.dataset.structures[structure]
    council_file = memory_backend.dataset.file_of(structure)
    return parameter_sets(
        q,
        {
            "post": [p.key for p in snap.posts] + ["no-such-post"],
            "function": [f.key for f in council_file.functions] + ["no-such"],
        },
    )


@pytest.mark.neo4j
@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_same_rows_on_both_backends(question, memory_backend, neo4j_backend):
    checked = 0
    for structure in _structures(memory_backend):
        for extra in _param_sets(question, structure, memory_backend):
            for as_of in DATES:
                params = {"structure": structure, "as_of": as_of, **extra}
                if question.judge is not None:
                    # A rule's FACTS are what the stores must agree on; the verdict is one Python function.
                    facts = memory_backend.facts(question, params)
                    assert facts == neo4j_backend.facts(question, params), params
                    assert facts, params  # every rule returns at least its context row
                assert memory_backend.run(question, params) == neo4j_backend.run(question, params), params
                checked += 1
    assert checked


def test_catalogue_has_the_issue_questions_and_rules():
    ids = {q.id for q in QUESTIONS}
    assert {
        "statutory-holders",
        "dcs-accountability",
        "accountability-split",
        "function-owner",
        "combined-roles",
        "interim-exposure",
        "span-of-control",
        "chain",
    } <= ids
    rules = [q for q in QUESTIONS if q.kind == "rule"]
    assert {
        "hops-designated",
        "mo-not-hops",
        "mo-not-cfo",
        "s151-designated",
        "one-dcs-one-lmcs",
        "dcs-first-tier",
        "dcs-education-and-social-care",
        "dcs-dass-same-tier",
        "combined-dcs-assurance",
        "statutory-interim",
        "outside-body-accountability",
        "lmcs-reports-to-leader",
        "dass-accountable-to-chief-executive",
        "dph-accountable-to-chief-executive",
    } <= {q.id for q in rules}
    assert all(q.guidance and q.judge and q.fact_columns for q in rules)
    for q in rules:
        # The verdict is made once, in Python: no rule's Cypher decides an outcome or words a reason.
        assert not any(w in q.cypher for w in ("'pass'", "'flag'", "'unknown'", "reduce(")), q.id
    for q in QUESTIONS:
        assert "sources" in q.columns and q.sort_by and q.cypher.strip()
        assert "$structure" in q.cypher


def test_cypher_word_lists_match_python():
    """Word lists live once in Python: passed to Cypher as parameters (dcs-accountability), or used only by a
    rule's Python verdict (education / social care), never written into a .cypher file."""
    from remit.queries import graph_helpers as h
    from remit.queries.catalogue import get

    assert get("dcs-accountability").constants["children_words"] == h.CHILDREN_WORDS
    assert get("dcs-first-tier").constants["chief_executive"] == h.CHIEF_EXECUTIVE_TITLE
    for q in all_questions():
        if q.cypher_file is None:  # computed from other questions (holder-changes): no Cypher of its own
            continue
        for w in h.CHILDREN_WORDS + h.EDUCATION_WORDS + h.SOCIAL_CARE_WORDS + (h.CHIEF_EXECUTIVE_TITLE,):
            assert f"'{w}'" not in q.cypher and f'"{w}"' not in q.cypher, (q.id, w)
