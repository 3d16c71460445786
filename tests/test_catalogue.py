"""The catalogue is complete and consistent with its files: no .cypher file left unregistered, no
Cypher parameter undeclared, no question without example parameters for the tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from remit.queries import catalogue
from remit.queries.catalogue import Question, all_questions

QUERIES = Path(catalogue.__file__).resolve().parent
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


OWN_QUERY = [q for q in all_questions() if q.compute is None]  # the rest are computed from other questions


def test_every_cypher_file_belongs_to_a_registered_question():
    registered = {(QUERIES / q.cypher_file).resolve() for q in OWN_QUERY if q.cypher_file}
    assert all(q.cypher_file and q.nx for q in OWN_QUERY)  # each has its query and its networkx twin
    on_disk = {p.resolve() for p in QUERIES.rglob("*.cypher")}
    assert on_disk - registered == set(), "a .cypher file no question registers (its module is missing or broken)"
    assert registered <= on_disk


def test_the_scan_imports_every_question_module():
    """Each question module registers at least one question: a module that registers nothing is
    either not a question module (keep it out of the scanned packages) or broken."""
    defining = {(q.nx or q.compute).__module__ for q in all_questions() if q.nx or q.compute}
    assert len([q for q in all_questions() if q.nx or q.compute]) == len(all_questions())
    scanned = set(catalogue.question_modules())
    # Rules share their facts function from a private helper module (queries/checks/_facts.py).
    assert {m for m in defining if not m.rsplit(".", 1)[1].startswith("_")} <= scanned
    rules = {
        f"remit.queries.checks.{q.id.replace('-', '_').replace('_to_chief_executive', '')}"
        for q in all_questions("rule")
    }
    assert {m for m in scanned if m.startswith("remit.queries.checks.")} == rules  # one module per rule


@pytest.mark.parametrize("q", OWN_QUERY, ids=lambda q: q.id)
def test_every_cypher_parameter_is_declared(q):
    used = set(PARAM.findall(re.sub(r"//[^\n]*", "", q.cypher)))
    declared = {p.name for p in q.params} | set(q.constants)
    assert used <= declared, f"{q.id}: undeclared parameters {sorted(used - declared)}"
    assert set(q.constants) <= used, f"{q.id}: constants the Cypher never uses {sorted(set(q.constants) - used)}"


def test_constants_are_not_written_into_cypher():
    """A constant shared with the networkx twin is passed as a parameter, never repeated as a literal."""
    for q in OWN_QUERY:
        for name, value in q.constants.items():
            if isinstance(value, (list, tuple)) and len(value) > 1:
                # One of the words may occur on its own (a status compared elsewhere); all of them
                # written out means the list was copied into the Cypher.
                assert not all(f"'{item}'" in q.cypher for item in value), (q.id, name)


@pytest.mark.parametrize("q", all_questions("question"), ids=lambda q: q.id)
def test_every_public_question_shows_the_inferred_facts_of_its_rows(q):
    """Issue 10: a fact that is an inference is shown as inferred in every answer row that rests on it."""
    assert "inferred" in q.columns, f"{q.id}: no 'inferred' column"


def test_a_question_has_its_own_query_and_twin_or_is_computed_from_others():
    """holder-changes is computed (two runs of the national register); no question is both or neither."""
    computed = {q.id for q in all_questions() if q.compute is not None}
    assert computed == {"holder-changes"}

    def rows(*_args, **_kwargs):
        return []

    kinds = {"columns": ("a",), "title": "t", "description": "d"}
    with pytest.raises(ValueError, match="give a .cypher file and its networkx twin, or `compute`"):
        Question(id="neither", cypher_file=None, nx=None, **kinds)
    with pytest.raises(ValueError, match="give a .cypher file and its networkx twin, or `compute`"):
        Question(id="both", cypher_file="chain.cypher", nx=rows, compute=rows, **kinds)
    with pytest.raises(ValueError, match="no Cypher of its own"):
        _ = next(q for q in all_questions() if q.id == "holder-changes").cypher
