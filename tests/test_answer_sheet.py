"""Issue 21's answer sheet: what a committee may repeat, written from the five papers, on both stores.

Every expected answer below comes from the papers in ../shared/seeds (the line quoted beside it, with its
file: H23 = 000_…txt Harrow 30 March 2023, B = 001_…txt Barnet 13 October 2014, S = 002_…txt Sandwell
16 January 2018, H15 = 003_…txt Harrow LGA letter 5 June 2015, L = 004_…txt Leicester 27 June 2018), never
from the program's output. One case or more per class of the issue; each failed on the code and seed
before issue 21 (this file run against f3f7402, main before the issue landed: all 27 memory cases failed),
and the two class-9 finding cases failed on main after it (ec59be1: the findings showed keys). Each test
takes `backend`: it runs on networkx and on the real Neo4j (the Neo4j tier); the CLI cases run the command
line on the same store.
"""

from __future__ import annotations

import json

import pytest

from remit.cli.main import main
from remit.diff import diff
from remit.queries.assurance import summarise
from remit.queries.scope import Scope
from remit.queries.snapshot import snapshot
from remit.queries.structures import resolve_structure

DEPARTED = "holder's intended departure passed; no successor recorded"


def ask(backend, question, structure, as_of=None, **params):
    return backend.run(question, {"structure": structure, "as_of": as_of, **params})


def findings(backend, structure, as_of, rule):
    return [f for f in summarise(structure, as_of, backend=backend).findings() if f["rule"] == rule]


def cli(backend, capsys, *argv):
    """The command line on the same store as `backend` (the Neo4j fixture has loaded the seed)."""
    rc = main([*argv, "--backend", backend.name])
    out = capsys.readouterr()
    return rc, out.out


# -- Class 1: intentions are not facts; one structure, one date's facts; answers per period ---------------
# H23 166: "The Director of Children Services (Grade D3) is a Statutory Chief Officer post and has been fulfilled
# since June 2022 by Peter Tolley. The current postholder, has indicated that he will retire at the end of May 2023."
def test_1_an_intended_retirement_is_an_intention_and_once_passed_the_role_is_exposed(backend):
    [before] = [r for r in ask(backend, "statutory-holders", "harrow-2023", "2023-01-15") if r["role"] == "dcs"]
    assert before["holder"] == ["Peter Tolley"]
    assert before["holder_dates"] == ["Peter Tolley: from 2022-06, intends to leave 2023-05"]
    assert before["until"] is None  # no stated end: the retirement is an intention, quoted as one
    assert any("will retire at the end of May 2023" in i and "an intention" in i for i in before["intentions"])
    [after] = [r for r in ask(backend, "interim-exposure", "harrow-2023", "2023-06-15") if r["role"] == "dcs"]
    assert after["post"] == "director-childrens-services" and after["state"] == DEPARTED
    assert after["holder"] is None and after["holder_dates"] == ["Peter Tolley: from 2022-06, intends to leave 2023-05"]
    # On 15 May 2023 the role is not exposed: Peter Tolley holds it.
    assert not [r for r in ask(backend, "interim-exposure", "harrow-2023", "2023-05-15") if r["role"] == "dcs"]


def test_1_the_passed_intention_is_exposed_nationally_and_by_the_rule(backend):
    rows = backend.run("director-exposure", Scope("2023-06-15").params())
    [dcs] = [r for r in rows if r["council"] == "harrow" and r["role"] == "dcs"]
    assert dcs["state"] == DEPARTED
    [finding] = [
        f
        for f in findings(backend, "harrow-2023", "2023-06-15", "statutory-interim")
        if "dcs" in f["reason"].lower() or "Children's Services" in f["reason"]
    ]
    assert finding["outcome"] != "pass" and DEPARTED in finding["reason"]


# H23 126: "the Director of Adult Social Services position was currently filled on an interim 'acting up' basis and
# this arrangement was ending on 31 December 2022." H23 130: "RESOLVED: That the role of Corporate Director of People
# be amended to include the statutory duties of the Director of Adult Social Services for the period following the
# departure of the current postholder on 31 December 2022 ..."
def test_1_without_a_date_the_structure_is_answered_per_period(backend):
    rows = ask(backend, "statutory-holders", "harrow-2023")
    dass = [(r["period"], r["post"]) for r in rows if r["role"] == "dass"]
    assert dass == [
        ("8 December 2022 \u2013 31 December 2022", "director-adult-social-services"),
        ("1 January 2023 \u2013 31 May 2023", "corporate-director-people"),
        ("from 1 June 2023", "corporate-director-people"),
    ]
    same_tier = findings(backend, "harrow-2023", None, "dcs-dass-same-tier")
    by_period: dict[str, set[str]] = {}
    for f in same_tier:
        by_period.setdefault(f["reason"].split(")", 1)[0], set()).add(f["outcome"])
    assert all(len(outcomes) == 1 for outcomes in by_period.values()), same_tier
    # H23 246 "Reports to Corporate Director of People", who holds the DASS duties from 1 January 2023.
    assert [f["outcome"] for f in same_tier if f["reason"].startswith("(8 December 2022")] == ["unknown"]
    assert [f["outcome"] for f in same_tier if "1 January 2023" in f["reason"].split(")")[0]] == ["flag"]


# H23 151: "This report reviews the senior management positions in Resources and proposes the creation of a new post
# and seeks approval of the associated remuneration package." (30 March 2023; the structure is of 8 December 2022.)
def test_1_a_later_proposal_is_its_own_proposed_structure(backend):
    posts = {r["post"] for r in ask(backend, "span-of-control", "harrow-2023", "2023-01-15")}
    assert "director-corporate-resources-transformation" not in posts
    [proposal] = backend.run("structures", {"structure": "harrow-2023-03-proposed"})
    assert proposal["status"] == "proposed" and proposal["supersedes"] == "harrow-2023"
    [row] = [r for r in diff(backend, "harrow-2023", "harrow-2023-03-proposed").rows if r["kind"] == "post"]
    assert row["change"] == "created" and "proposes the creation of a new post" in row["detail"]


# -- Class 2: every answer says which structure it used, and how old it is; --include-proposed everywhere ----------
# S 5: "16 January 2018"; S 71 "The DCS role is currently filled on an interim basis"; nothing speaks for 2023.
def test_2_national_answers_say_how_old_the_structure_is(backend):
    from remit.queries.scope import answer_national

    rows, columns = answer_national(backend, backend_question("director-exposure"), Scope("2023-06-15"))
    assert {"structure_status", "structure_effective", "structure_note"} <= set(columns)
    [sandwell] = [r for r in rows if r["council"] == "sandwell"]
    assert "2023-06-15 is later than anything the documents for sandwell speak for" in sandwell["structure_note"]
    assert sandwell["structure_effective"] is not None


# B 56: "Whilst the implementation date for this restructure is the 1st April 2015 ..."
def test_2_include_proposed_means_the_same_for_all_councils_as_for_one(backend):
    scope = Scope("2015-05-01", include_proposed=True)
    national = [r for r in backend.run("statutory-register", scope.params()) if r["council"] == "barnet"]
    assert {r["structure"] for r in national} == {"barnet-2015-04"}
    one = resolve_structure(backend, council="barnet", as_of="2015-05-01", include_proposed=True)
    per_council = ask(backend, "statutory-holders", one.structure, "2015-05-01")
    assert sorted((r["role"], r["post"]) for r in national) == sorted((r["role"], r["post"]) for r in per_council)
    assert ("dcs", "commissioning-director-children-young-people") in {(r["role"], r["post"]) for r in national}


# -- Class 3: a function's kind is a fact of the file, not a word in its name -----------------------------------
# H23 281-287: "Statutory services reporting: ... Children's Access ... Children in Need ... Children Looked After ...
# Quality Assurance & Service Improvement ... Placements"; H23 251 "statutory services to children and families for
# children in need, children in need of protection, children looked after".
def test_3_harrows_dcs_services_are_parts_of_childrens_social_care(backend):
    rows = backend.run("dcs-combined", Scope("2023-01-15").params())
    assert not [r for r in rows if r["council"] == "harrow"]
    owner = ask(backend, "function-owner", "harrow-2023", function="childrens-social-care")
    assert {r["through"] for r in owner if r["key"] == "director-childrens-services"} == {
        "Children's Access",
        "Children in Need",
        "Children Looked After",
        "Quality Assurance & Service Improvement",
        "Placements",
    }
    assert all(r["part"] == "responsible" and r["roles"] == ["dcs"] for r in owner)


# B 262: "Commissioning outcomes in respect of: early years schools family support youth services libraries
# children's safeguarding children's social care"; B 455 "Children, Education, Libraries and Safeguarding Committee".
def test_3_barnets_dcs_commissions_libraries_an_additional_function(backend):
    [f] = findings(backend, "barnet-2015-04", None, "combined-dcs-assurance")
    assert f["outcome"] == "flag" and "Libraries" in f["reason"]


# -- Class 4: responsibility where the paper states it ------------------------------------------------------
# B 402: "The Director of Children's Services (DCS) has the responsibility ... for ... local authority children's
# social care and education functions ... The Commissioning Director for Children and Young People in undertaking
# the DCS role for Barnet Council ..."; B 475/477 for the DASS and adult social care.
@pytest.mark.parametrize(
    "function, post",
    [
        ("childrens-social-care", "commissioning-director-children-young-people"),
        ("education", "commissioning-director-children-young-people"),
        ("adult-social-care", "commissioning-director-adults-health"),
    ],
)
def test_4_barnets_directors_are_responsible_as_the_protocols_say(backend, function, post):
    rows = ask(backend, "function-owner", "barnet-2015-04", function=function)
    responsible = [r for r in rows if r["part"] == "responsible" and r["through"] is None]
    assert [(r["key"], r["inferred"]) for r in responsible] == [(post, [])]


# -- Class 5: a diff says what a document states changes, and "not recorded" where one side is silent -------------
# B 161-167: "The following positions will be created: - Strategic Director for Commissioning - Commissioning Director
# (Children and Young People) - ... - Commissioning Director (Environment)" (no Lead Member); B 125: "In January 2014
# ... removed the line management of operational Delivery Units from the Strategic Directors to the Chief Executive."
# B 380: "Change (101,186) (1) (23,779) (124,965"
def test_5_barnets_diff_invents_no_change(backend):
    d = diff(backend, "barnet-2014-06", "barnet-2015-04")
    [lmcs] = [r for r in d.rows if r["key_after"] == "lead-member-childrens-services" and r["kind"] == "member post"]
    assert lmcs["change"] == "not recorded before"
    assert sorted(r["subject"] for r in d.rows if r["change"] == "created") == [
        "Commissioning Director (Adults and Health)",
        "Commissioning Director (Children and Young People)",
        "Commissioning Director (Environment)",
        "Commissioning Director (Growth and Development)",
        "Strategic Director for Commissioning",
    ]
    assert not [r for r in d.rows if r["kind"] == "line management" and r["key_after"] == "director-streetscene"]
    assert all("inferred" in r for r in d.rows)
    assert any(r["inferred"] for r in d.rows if r["kind"] == "function")  # the reconstructed portfolio links
    [fte] = [m for m in d.cost["metrics"] if m["metric"] == "fte"]
    assert (fte["difference"], fte["stated_change"]) == (-2, -1)
    assert "delete 7 posts and create 5" in fte["note"]


# H15 22: "a reduction of Corporate Director posts from four to three"; H15 25 "Proposed direct reports include
# Directors for Adult Social Services, Public Health, Education, and a Divisional Director for Children and Young
# People." (not said to be new); H15 118 "Establish and appoint the role of Corporate Director – People".
def test_5_harrow_2015_states_no_deletion_and_creates_only_the_corporate_director(backend):
    rows = [r for r in diff(backend, "harrow-2015-before", "harrow-2015-after").rows if r["kind"] == "post"]
    assert not [r for r in rows if r["change"] == "deleted"]
    assert [r["key_before"] for r in rows if r["change"] == "not stated after"] == ["corporate-director-children"]
    assert [r["key_after"] for r in rows if r["change"] == "created"] == ["corporate-director-people"]
    assert sorted(r["key_after"] for r in rows if r["change"] == "not recorded before") == [
        "director-adult-social-services",
        "director-education",
        "director-public-health",
        "divisional-director-children-young-people",
        "divisional-director-strategic-commissioning",
    ]


# L 9-11: "Senior management changes including the creation of a Social Care and Education Department"; L 93 "Brings
# together two departments ..."
def test_5_leicesters_childrens_social_care_moves_to_the_new_department(backend):
    rows = diff(backend, "leicester-2018-06-before", "leicester-2018-06-after").rows
    [csc] = [r for r in rows if r["subject"] == "Children's social care" and "delivered by" in r["detail"]]
    assert csc["change"] == "function moved"
    assert (csc["before"], csc["after"]) == (
        "Education and Children's Services",
        "Social Care and Education Department",
    )
    assert csc["inferred"]


# -- Class 6: unknown is never shown as a fact ----------------------------------------------------------------
# Barnet's 2014 papers name no DCS (the only DCS designation is for the proposal: B 392 "... will be the Council's
# designated Director of Children's Services (DCS).").
def test_6_with_no_dcs_named_whether_posts_reach_it_is_not_known(backend):
    rows = ask(backend, "dcs-accountability", "barnet-2014-06")
    assert rows and not [r for r in rows if "not at all" in r["reaches"]]
    assert all(r["reaches"][0].startswith("not known") for r in rows)


# H23 246 "Reports to Corporate Director of People"; nothing states the Corporate Director's own line manager.
def test_6_a_chain_that_stops_at_an_unstated_line_says_so(backend):
    rows = [
        r for r in ask(backend, "chain", "harrow-2023", "2023-01-15", post="director-education") if r["chain"] == "line"
    ]
    assert [r["post"] for r in rows] == [
        "director-education",
        "director-childrens-services",
        "corporate-director-people",
        None,
    ]
    assert "not stated" in rows[-1]["title"] and "Corporate Director of People" in rows[-1]["title"]


# -- Class 7: a finding resting on an inference lists it ------------------------------------------------------
# H15 25 "Proposed direct reports include Directors for Adult Social Services ..." and H15 63 "The proposed structure
# of senior posts should ensure that core statutory responsibilities are met for both the DCS and the DASS
# functions": the letter never says which post is the DASS.
def test_7_a_pass_resting_on_an_inferred_dass_lists_the_inference(backend):
    [f] = findings(backend, "harrow-2015-after", None, "combined-dcs-assurance")
    assert any(i.startswith("The letter never says which proposed post is the statutory DASS") for i in f["inferred"])


# B 262: four unlabelled columns; the portfolio each belongs to is the seed's reading, marked as such.
def test_7_barnets_reconstructed_portfolio_links_are_marked(backend):
    rows = ask(backend, "function-owner", "barnet-2015-04", function="libraries")
    [row] = [r for r in rows if r["part"] == "commissions"]
    assert any("column headings did not survive" in i for i in row["inferred"])


# -- Class 8: facts the papers state -------------------------------------------------------------------------
# H23 274: "Direct: 5 x Assistant Directors & 1x Director of Education"
def test_8_harrows_dcs_has_six_direct_reports(backend):
    [dcs] = [
        r
        for r in ask(backend, "span-of-control", "harrow-2023", "2023-01-15")
        if r["post"] == "director-childrens-services"
    ]
    assert dcs["line_reports"] == 6 and dcs["line_report_posts"] == ["director-education"]
    assert dcs["counted_reports"] == ["5 x Assistant Director (not named)"]


# L 79: "between our most senior position – the Chief Operating Officer and median average pay at 1:5.38"; L 66
# "Confirmation of the Director of Public Health continuing to report into the Chief Operating Officer".
def test_8_leicesters_dph_is_one_step_below_the_stated_most_senior_post(backend):
    [dph] = [
        r
        for r in ask(backend, "span-of-control", "leicester-2018-06-after")
        if r["post"] == "director-of-public-health"
    ]
    assert dph["tier"] == 1 and dph["tier_from"] == "stated most senior position (Chief Operating Officer)"


# S 33: "The Statutory Direction sets out the requirement to establish a Sandwell Children's Trust ..."; S 37 "... due
# to go live in April 2018." S 16: only the permanent DCS is a proposal.
def test_8_sandwells_trust_is_in_force_without_asking_for_proposals(backend):
    used = resolve_structure(backend, council="sandwell", as_of="2018-05-01")
    assert used.structure == "sandwell-2018-04" and used.status == "approved"
    assert any("planned" in n for n in used.notes)
    [dcs] = [r for r in ask(backend, "statutory-holders", "sandwell-2018-permanent-dcs") if r["role"] == "dcs"]
    assert dcs["basis"] == "permanent" and dcs["holder"] is None


# B 125 (above): the operational delivery units' line management with the Chief Executive; no proposal changes it.
def test_8_barnets_streetscene_director_still_reports_to_the_chief_executive(backend):
    [row] = [r for r in ask(backend, "span-of-control", "barnet-2015-04") if r["post"] == "director-streetscene"]
    assert (row["tier"], row["line_manager"]) == (1, "chief-executive")
    assert any(i.startswith("6.4 put the line management") for i in row["inferred"])


# L 38: "Since the beginning of February, after the departure of the last Strategic Director of Education and
# Children's Services ..."; H15 25 (above): the Director for Public Health is a proposed direct report in the
# People Directorate.
def test_8_stated_vacancy_and_directorate(backend):
    rows = diff(backend, "leicester-2018-06-before", "leicester-2018-06-after").rows
    [gone] = [
        r for r in rows if r["key_before"] == "strategic-director-education-childrens-services" and r["kind"] == "post"
    ]
    assert "vacant since 2018-02" in gone["before"]
    snap = snapshot(backend, "harrow-2015-after")
    units = {
        (snap.node(e["src"]) or {}).get("key"): (snap.node(e["dst"]) or {}).get("key") for e in snap.edges_of("IN_UNIT")
    }
    assert units["director-public-health"] == "people-directorate"


# -- Class 9: words a committee can repeat ---------------------------------------------------------------------
def test_9_no_post_named_is_not_no_dcs(backend):
    reasons = [f["reason"] for f in summarise("barnet-2014-06", None, backend=backend).findings()]
    assert not [r for r in reasons if "the documents designate no" in r]
    assert any("no document names the post that holds the Director of Children's Services role" in r for r in reasons)


def test_9_an_empty_answer_says_none_or_not_known(backend, capsys):
    rc, out = cli(backend, capsys, "ask", "interim-exposure", "--structure", "barnet-2014-06")
    assert rc == 0 and "(no rows)" not in out
    assert "not known: no document states the basis on which" in out and "Head of Paid Service" in out
    rc, out = cli(backend, capsys, "ask", "interim-exposure", "--structure", "barnet-2014-06", "--format", "json")
    assert json.loads(out)["empty"].startswith("not known")


def test_9_tables_show_names_not_keys(backend, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")  # one line per row: names are not wrapped apart
    rc, out = cli(backend, capsys, "ask", "span-of-control", "--structure", "sandwell-2018-04")
    assert rc == 0 and "Sandwell Children's Trust" in out and "unit:sandwell-childrens-trust" not in out
    rc, out = cli(backend, capsys, "ask", "statutory-holders", "--structure", "harrow-2023", "--as-of", "2023-01-15")
    [dcs] = [line for line in out.splitlines() if line.startswith("dcs ")]
    assert "Corporate Director of People" in dcs and "corporate-director-people" not in dcs


# H15 25: "The Corporate Director, People will be the statutory Director of Children's Services. Proposed direct
# reports include Directors for Adult Social Services, Public Health, Education, and a Divisional Director for
# Children and Young People." The finding names the report as the letter does, not by its key alone.
def test_9_a_finding_names_the_statutory_officers_a_dcs_manages(backend):
    [f] = findings(backend, "harrow-2015-after", None, "combined-dcs-assurance")
    assert (
        "line-manages statutory officers Director for Adult Social Services (director-adult-social-services), "
        "the Director of Adult Social Services" in f["reason"]
    )
    assert "officers director-adult-social-services" not in f["reason"]


# S 33: "The Statutory Direction sets out the requirement to establish a Sandwell Children's Trust as a new and
# distinct legal entity to provide high quality children's social care services in Sandwell on behalf of the
# Council." The line back to the DCS starts at the Trust, named as the report names it.
def test_9_the_outside_body_finding_names_the_trust(backend):
    [f] = findings(backend, "sandwell-2018-04", None, "outside-body-accountability")
    lines = f["reason"].split("accountability line back to the statutory officer: ", 1)[1]
    assert lines.startswith(
        "Sandwell Children's Trust (sandwell-childrens-trust) \u2192 Executive Director of Children"
    )


def backend_question(qid):
    from remit.queries.catalogue import get

    return get(qid)


def test_2_scoped_answers_carry_the_structure_used(backend):
    from remit.queries.scope import run_scoped

    rows = run_scoped(backend, backend_question("statutory-holders"), Scope("2023-06-15"))
    [harrow] = {r["structure_note"] for r in rows if r["council"] == "harrow"}
    assert "2023-03-30" in harrow and "harrow-2023" in harrow
