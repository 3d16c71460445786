"""Every catalogue question and rule gives identical rows on networkx and on the real Neo4j, for every seed
structure, undated and on the dates the seed documents name."""

from __future__ import annotations

import pytest

from remit.queries.catalogue import all_questions, parameter_sets

# Dates the documents name: Harrow's DASS moves from an acting DASS to the interim Corporate Director of
# People on 2023-01-01; Peter Tolley holds the DCS post since June 2022 and intends to retire at the end of May
# 2023 (2023-05-31 / 2023-06-01 either side of it); Sandwell's Trust goes live April 2018.
DATES = (None, "2022-05-15", "2022-12-15", "2023-01-15", "2023-05-31", "2023-06-15", "2018-01-16", "2018-04-01")

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


def test_no_word_list_decides_what_a_function_is():
    """Issue 21: a function's kind is a fact of the structure file (its domain), never words in its name or in a
    post's title. The domains the rules count as children's are passed to Cypher as a parameter, defined once."""
    import inspect

    from remit.loader.model import CHILDRENS_DOMAINS
    from remit.queries import graph_helpers as h
    from remit.queries.catalogue import get
    from remit.queries.checks import dcs_education_and_social_care, lmcs_reports_to_leader

    for gone in ("CHILDREN_WORDS", "EDUCATION_WORDS", "SOCIAL_CARE_WORDS", "matches", "function_name"):
        assert not hasattr(h, gone), gone
    assert not hasattr(lmcs_reports_to_leader, "LEADER_WORDS")
    assert "by title" not in inspect.getsource(dcs_education_and_social_care)
    assert get("dcs-accountability").constants["childrens_domains"] == CHILDRENS_DOMAINS
    assert get("dcs-combined").constants["childrens_domains"] == CHILDRENS_DOMAINS
    assert get("dcs-first-tier").constants["chief_executive"] == h.CHIEF_EXECUTIVE_TITLE
    for q in all_questions():
        if q.cypher_file is None:  # computed from other questions (holder-changes): no Cypher of its own
            continue
        for w in CHILDRENS_DOMAINS + (h.CHIEF_EXECUTIVE_TITLE,):
            assert f"'{w}'" not in q.cypher and f'"{w}"' not in q.cypher, (q.id, w)
        assert "CONTAINS" not in q.cypher, q.id  # no substring test on names decides anything


@pytest.mark.neo4j
def test_internal_questions_of_issue_21_agree(memory_backend, neo4j_backend):
    """The periods a structure is answered by, and the names tables show, are the same from either store."""
    structures = _structures(memory_backend)
    for s in structures:
        params = {"structure": s}
        assert memory_backend.run("structure-periods", params) == neo4j_backend.run("structure-periods", params), s
    params = {"structures": structures}
    names = memory_backend.run("names", params)
    assert names and names == neo4j_backend.run("names", params)
