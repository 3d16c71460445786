"""Dates that say what they used, and parameters as people type them (issue 10).

From the documents: Barnet's June 2014 structure is existing; the April 2015 one was only proposed (to
take effect on 1 April 2015, General Functions Committee 13 October 2014). Harrow 2023 is existing from
8 December 2022.
"""

from __future__ import annotations

import json

import pytest

from remit.cli.main import main
from remit.queries.matching import Candidate, NoMatch, match
from remit.queries.structures import UsageError, resolve, resolve_structure


def test_proposed_structure_whose_date_has_passed_is_named(memory_backend):
    r = resolve_structure(memory_backend, council="barnet", as_of="2015-05-01")
    assert (r.structure, r.status) == ("barnet-2014-06", "existing")
    assert (
        "barnet-2015-04 was proposed to take effect on 2015-04-01; the latest existing structure is barnet-2014-06"
    ) in r.describe()


def test_include_proposed_uses_it(memory_backend):
    r = resolve_structure(memory_backend, council="barnet", as_of="2015-05-01", include_proposed=True)
    assert (r.structure, r.status) == ("barnet-2015-04", "proposed")
    assert "is a proposal" in r.describe()


def test_date_later_than_the_documents_says_so(memory_backend):
    r = resolve_structure(memory_backend, council="harrow", as_of="2030-01-01")
    assert r.structure == "harrow-2023"
    assert (
        "2030-01-01 is later than anything the documents for harrow speak for (latest date: 2023-03-30)" in r.describe()
    )
    inside = resolve_structure(memory_backend, council="harrow", as_of="2023-01-15")
    assert inside.describe().startswith("Structure used on 2023-01-15: harrow-2023 (existing")
    assert not [n for n in inside.notes if "later than anything" in n]
    # Issue 21: every answer says how old its structure is, and names a proposal made on top of it with no date.
    assert "harrow-2023 is dated 2022-12-08, 38 days before 2023-01-15." in inside.notes
    assert any(n.startswith("harrow-2023-03-proposed proposes changes to harrow-2023") for n in inside.notes)


@pytest.mark.parametrize("typed", ["barnet", "Barnet", "BARNET", "London Borough of Barnet", "BNE", "bne"])
def test_council_as_people_type_it(memory_backend, typed):
    assert resolve(memory_backend, council=typed, as_of="2014-07-01") == ("barnet-2014-06", "2014-07-01")


def test_unknown_council_lists_the_closest(memory_backend):
    with pytest.raises(UsageError, match=r"unknown council 'Barnit' \(closest: barnet \(London Borough of Barnet\)"):
        resolve(memory_backend, council="Barnit", as_of="2014-07-01")


def test_diff_never_compares_a_structure_with_itself(capsys):
    code = main(["diff", "--council", "barnet", "--as-of", "2014-07-01", "--as-of", "2015-05-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert "both dates give the same structure" in err and "barnet-2015-04 was proposed to take effect" in err
    assert (
        main(
            [
                "diff",
                "--council",
                "barnet",
                "--as-of",
                "2014-07-01",
                "--as-of",
                "2015-05-01",
                "--include-proposed",
                "--format",
                "json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["structures"] == ["barnet-2014-06", "barnet-2015-04"]


def test_answers_for_a_date_name_the_structure_and_its_status(capsys):
    assert main(["ask", "statutory-holders", "--council", "Barnet", "--as-of", "2015-05-01", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["structure"] == "barnet-2014-06" and out["structure_status"] == "existing"
    assert "barnet-2015-04 was proposed" in out["used"]
    main(["check", "--council", "harrow", "--as-of", "2023-01-15"])
    assert capsys.readouterr().out.startswith(
        "Structure used on 2023-01-15: harrow-2023 (existing, effective 2022-12-08)."
    )


@pytest.mark.parametrize(
    "param,key",
    [
        ("function=children's social care", "childrens-social-care"),
        ("function=Childrens-Social-Care", "childrens-social-care"),
        ("function=childrens-social-care", "childrens-social-care"),
    ],
)
def test_function_as_people_type_it(capsys, param, key):
    assert main(["ask", "function-owner", "--structure", "barnet-2015-04", "--param", param, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows and {r["function"] for r in rows} == {key}


@pytest.mark.parametrize("param", ["post=chief-exec", "post=Chief Executive", "post=CHIEF-EXECUTIVE"])
def test_post_as_people_type_it(capsys, param):
    assert main(["ask", "chain", "--structure", "barnet-2015-04", "--param", param, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [r["post"] for r in rows if r["chain"] == "line"] == ["chief-executive"]


@pytest.mark.parametrize(
    "param,listed",
    [
        ("function=social-care", ["adult-social-care", "childrens-social-care"]),  # two functions: ambiguous
        ("post=chief-exce", ["chief-executive"]),  # a typo: the closest are listed
        ("function=no-such-thing", []),
    ],
)
def test_unknown_or_ambiguous_value_exits_2_listing_the_closest(capsys, param, listed):
    q = "chain" if param.startswith("post") else "function-owner"
    assert main(["ask", q, "--structure", "barnet-2015-04", "--param", param]) == 2
    err = capsys.readouterr().err
    assert param.split("=", 1)[1] in err
    for key in listed:
        assert key in err


def test_match_prefers_exact_then_prefix_then_words():
    cands = [
        Candidate("chief-executive", ("chief-executive", "Chief Executive")),
        Candidate("deputy-chief-executive", ("deputy-chief-executive", "Deputy Chief Executive")),
    ]
    assert match("chief executive", cands, "post") == "chief-executive"
    assert match("deputy", cands, "post") == "deputy-chief-executive"
    with pytest.raises(NoMatch, match="more than one post"):
        match("executive", cands, "post")


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "qid,params",
    [
        ("structures", {}),
        ("structures", {"council": "harrow"}),
        ("parameter-values", {"structure": "barnet-2015-04"}),
        ("parameter-values", {"structure": "harrow-2023"}),
    ],
)
def test_lookups_agree_on_both_stores(memory_backend, neo4j_backend, qid, params):
    assert memory_backend.run(qid, params) == neo4j_backend.run(qid, params)
