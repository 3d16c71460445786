"""Every catalogue question is held to an answer a reader of the documents would give, on the memory
store (the fast tier, no server) as well as on Neo4j. A one-sided change to a networkx twin then
fails here, not only in the parity tests that need a server. (Every rule has its expectation, for
every seed structure, in test_rules_seed.py.)

WRITTEN names, for each question, the tests that hold it to the documents, /work/shared/seeds,
quoted beside their expectations; a question added without one fails the first test here.
"""

from __future__ import annotations

import importlib
import inspect

from remit.queries.catalogue import all_questions
from remit.queries.periods import Period, periods
from remit.queries.scope import Scope
from remit.queries.snapshot import snapshot

WRITTEN = {
    "statutory-holders": [
        "test_questions_seed::test_barnet_2015_statutory_officers",
        "test_questions_seed::test_harrow_2023_dass_moves_on_1_january",
    ],
    "accountability-split": ["test_questions_seed::test_barnet_2015_accountability_split"],
    "dcs-accountability": ["test_questions_seed::test_barnet_2015_dcs_accountability"],
    "chain": ["test_questions_seed::test_barnet_chain_of_family_services_director"],
    "combined-roles": [
        "test_questions_seed::test_leicester_after_combined_dcs_dass_with_planned_test",
        "test_questions_seed::test_harrow_2015_after_people_director_with_met_assurance",
    ],
    "interim-exposure": [
        "test_questions_seed::test_harrow_2023_dass_moves_on_1_january",
        "test_questions_seed::test_sandwell_interim_dcs_in_january",
    ],
    "function-owner": ["test_questions_seed::test_sandwell_trust_delivers_childrens_social_care"],
    "span-of-control": ["test_questions_seed::test_span_of_control_barnet"],
    "assurance-reviews": ["test_rules_seed::test_local_tests_of_assurance_in_full"],
    "statutory-register": ["test_national::test_register_and_exposure_state_the_documents"],
    "director-exposure": ["test_national::test_register_and_exposure_state_the_documents"],
    "holder-changes": ["test_national::test_holder_changes_between_two_dates"],
    "structures-in-force": ["test_as_of_boundary::test_effective_on_the_day_itself"],
    "dcs-combined": ["test_questions_documents::test_dcs_combined_barnet_2015"],
    "structures": ["test_questions_documents::test_structures_as_the_documents_date_them"],
    "parameter-values": ["test_questions_documents::test_parameter_values_of_sandwell_after_the_trust"],
    "structure-nodes": ["test_questions_documents::test_snapshot_of_leicester_after"],
    "structure-edges": ["test_questions_documents::test_snapshot_of_leicester_after"],
    "structure-periods": ["test_questions_documents::test_periods_of_harrow_2023"],
    "names": ["test_questions_documents::test_names_of_sandwell_after_the_trust"],
    "sources": ["test_questions_documents::test_sources_of_harrow_2023"],
    "headcount-below": ["test_questions_documents::test_headcount_below_harrow_dcs"],
}


def test_every_question_is_held_to_the_documents():
    questions = {q.id for q in all_questions() if q.kind != "rule"}
    assert set(WRITTEN) == questions
    for qid, tests in WRITTEN.items():
        for ref in tests:
            module, name = ref.split("::")
            func = getattr(importlib.import_module(f"tests.{module}"), name)
            used = set(inspect.signature(func).parameters)
            # `backend` runs on both stores; memory_backend on the fast tier alone.
            assert used & {"backend", "memory_backend"}, (qid, ref)
            assert qid in inspect.getsource(func), (qid, ref)


def test_headcount_below_harrow_dcs(backend):
    """Harrow, 000 (role profile of the Director of Children's Services): "Direct: 5 x Assistant Directors
    & 1x Director of Education" (line 274). Below the DCS: one senior post (the Director of Education,
    whose pay the paper does not give) and five counted, unnamed Assistant Directors."""
    rows = {r["post"]: r for r in backend.run("headcount-below", {"structure": "harrow-2023"})}
    dcs = rows["director-childrens-services"]
    assert (dcs["senior_posts_below"], dcs["junior_counted_below"], dcs["senior_posts_without_pay_below"]) == (1, 5, 1)
    assert dcs["line_manager"] == "corporate-director-people" and "harrow-2023-coep" in dcs["sources"]


def test_dcs_combined_barnet_2015(backend):
    """Barnet, 001: the Commissioning Director for Children and Young People "in undertaking the DCS role
    for Barnet Council" commissions "early years schools family support youth services libraries
    children's safeguarding children's social care" (line 262), and is "the senior Council officer for
    the Children, Education, Libraries and Safeguarding Committee": libraries are the one function that
    is neither children's social care nor education. The restructure's "implementation date ... is the
    1st April 2015" (a proposal: asked with proposals). No other statutory role sits in that post (the
    DASS is the Commissioning Director for Adults and Health).
    Harrow, 000 (30 March 2023): the DCS's "Statutory services reporting" are all children's social care
    (issue 21), and no other statutory role is the DCS's; Sandwell's interim DCS (002) is responsible for
    "education and children's social care" alone; Barnet's June 2014 tables and Leicester's
    before-structure name no DCS who combines anything. So on 15 January 2023 no council is listed."""
    rows = backend.run("dcs-combined", Scope("2015-05-01", include_proposed=True).params())
    assert [
        (r["council"], r["structure"], r["post"], r["roles"], r["other_roles"], r["other_functions"]) for r in rows
    ] == [
        (
            "barnet",
            "barnet-2015-04",
            "commissioning-director-children-young-people",
            ["dcs"],
            [],
            ["Libraries"],
        )
    ]
    assert rows[0]["combines_dass"] is False and "barnet-gfc-2014-10-13" in rows[0]["sources"]
    assert backend.run("dcs-combined", Scope("2023-01-15").params()) == []
    # Sandwell, 16 January 2018: the interim DCS, responsible for children's functions alone.
    assert backend.run("dcs-combined", Scope("2018-01-16").params()) == []


def test_structures_as_the_documents_date_them(backend):
    """Each council's structures with the status and date their documents give:
    Harrow 003 (5 June 2015) the letter on the proposed People Directorate (the structure then, and the
    proposal, undated); Harrow 000, the minutes "of the meeting held on 8 December 2022"; Barnet 001,
    the June 2014 tables and the proposal "the implementation date for this restructure is the 1st April
    2015"; Sandwell 002 (16 January 2018), the Trust that "The Statutory Direction sets out the
    requirement to establish" (decided, not proposed), "due to go live in April 2018", and on top of it
    the proposal "to recruit to the post of Executive Director of Children Services ... on a permanent
    basis" (undated); Harrow 000's proposal of 30 March 2023 (a new Director of Corporate Resources &
    Transformation, undated); Leicester 004 (27 June 2018), the structure then and the proposed one."""
    rows = {r["structure"]: r for r in backend.run("structures", {"council": None})}
    got = {sid: (r["council"], r["status"], r["effective"], r["supersedes"]) for sid, r in rows.items()}
    assert got == {
        "barnet-2014-06": ("barnet", "existing", "2014-06", None),
        "barnet-2015-04": ("barnet", "proposed", "2015-04-01", "barnet-2014-06"),
        "harrow-2015-before": ("harrow", "existing", "2015-06-05", None),
        "harrow-2015-after": ("harrow", "proposed", None, "harrow-2015-before"),
        "harrow-2023": ("harrow", "existing", "2022-12-08", None),
        "leicester-2018-06-before": ("leicester", "existing", "2018-06-27", None),
        "leicester-2018-06-after": ("leicester", "proposed", None, "leicester-2018-06-before"),
        "sandwell-2018-01": ("sandwell", "existing", "2018-01-16", None),
        "sandwell-2018-04": ("sandwell", "approved", "2018-04", "sandwell-2018-01"),
        "harrow-2023-03-proposed": ("harrow", "proposed", None, "harrow-2023"),
        "sandwell-2018-permanent-dcs": ("sandwell", "proposed", None, "sandwell-2018-04"),
    }
    assert rows["harrow-2023"]["source"] == "harrow-2023-coep" and rows["harrow-2023"]["source_date"] == "2023-03-30"
    assert rows["barnet-2015-04"]["council_name"] == "London Borough of Barnet"
    # Narrowed to a council, by its id.
    assert {r["structure"] for r in backend.run("structures", {"council": "sandwell"})} == {
        "sandwell-2018-01",
        "sandwell-2018-04",
        "sandwell-2018-permanent-dcs",
    }


def test_parameter_values_of_sandwell_after_the_trust(backend):
    """Sandwell, 002: the posts the paper names (the Chief Executive, the "Executive Director of
    Children Services", the Executive Director – Resources, the Lead Member for Children's Services)
    and the functions it speaks of (children's social care, moving to the Trust; education)."""
    rows = backend.run("parameter-values", {"structure": "sandwell-2018-04"})
    assert {(r["kind"], r["key"]) for r in rows} == {
        ("function", "childrens-social-care"),
        ("function", "education"),
        ("post", "chief-executive"),
        ("post", "executive-director-childrens-services"),
        ("post", "executive-director-resources"),
        ("post", "lead-member-childrens-services"),
    }
    names = {r["key"]: r["name"] for r in rows}
    assert names["executive-director-childrens-services"] == "Executive Director of Children Services"


def test_snapshot_of_leicester_after(backend):
    """Leicester, 004 (27 June 2018): "The new post of Strategic Director of Social Care and Education
    will fulfil the responsibilities of both the statutory Director of Children's Services (DCS) and
    the Director of Adult Social Services (DASS)"; "Confirmation of the Director of Public Health
    continuing to report into the Chief Operating Officer"; "to retain an LMCS role that is separate to
    the Lead Member for Adult Social Care". No other line is stated. (A snapshot is the answers of
    structure-nodes and structure-edges.)"""
    snap = snapshot(backend, "leicester-2018-06-after")
    assert snap.structure["id"] == "leicester-2018-06-after" and snap.structure["status"] == "proposed"
    posts = snap.posts()
    assert (
        posts["strategic-director-social-care-education"]["title"] == "Strategic Director of Social Care and Education"
    )
    designated = {(snap.nodes[e["src"]]["key"], e["dst"].removeprefix("role:")) for e in snap.edges_of("DESIGNATED")}
    assert designated == {
        ("strategic-director-social-care-education", "dcs"),
        ("strategic-director-social-care-education", "dass"),
        ("lead-member-childrens-services", "lmcs"),
    }
    lines = {(snap.nodes[e["src"]]["key"], snap.nodes[e["dst"]]["key"]) for e in snap.edges_of("LINE_MANAGED_BY")}
    assert lines == {("director-of-public-health", "chief-operating-officer")}
    quote = snap.edges_of("LINE_MANAGED_BY")[0]["props"]["quote"]
    assert quote.startswith("Confirmation of the Director of Public Health continuing to report")


def test_periods_of_harrow_2023(backend):
    """Harrow, 000 (30 March 2023, with the minutes of 8 December 2022, the structure's date): the DASS
    post "was currently filled on an interim 'acting up' basis and this arrangement was ending on 31
    December 2022"; the Corporate Director of People takes the DASS duties "for the period following the
    departure of the current postholder on 31 December 2022"; the DCS post "has been fulfilled since
    June 2022 by Peter Tolley", who "has indicated that he will retire at the end of May 2023". So the
    dates inside the structure are 1 June 2022 (before the structure's date: no cut), 1 January 2023 and
    1 June 2023, and its periods 8-31 December 2022, 1 January - 31 May 2023, from 1 June 2023."""
    rows = backend.run("structure-periods", {"structure": "harrow-2023"})
    assert {(r["effective_start"], r["source_date"]) for r in rows} == {("2022-12-08", "2023-03-30")}
    assert sorted(r["boundary"] for r in rows) == ["2022-06-01", "2023-01-01", "2023-06-01"]
    assert periods(backend, "harrow-2023") == [
        Period("2022-12-08", "2022-12-31"),
        Period("2023-01-01", "2023-05-31"),
        Period("2023-06-01", None),
    ]
    # Leicester, 004: no designation or holding of the proposed structure has a date; it is undated
    # ("proposed"), so its one period starts at its document's date, 27 June 2018.
    assert periods(backend, "leicester-2018-06-after") == [Period("2018-06-27", None)]


def test_names_of_sandwell_after_the_trust(backend):
    """Sandwell, 002: the paper names the Chief Executive, the "Executive Director of Children Services",
    the "Executive Director – Resources" (signature) and the Lead Member for Children's Services; the
    "Sandwell Children's Trust"; and speaks of the functions of "education and children's social care"."""
    rows = backend.run("names", {"structures": ["sandwell-2018-04"]})
    assert {(r["structure"], r["kind"], r["key"], r["name"]) for r in rows} == {
        ("sandwell-2018-04", "post", "chief-executive", "Chief Executive"),
        (
            "sandwell-2018-04",
            "post",
            "executive-director-childrens-services",
            "Executive Director of Children Services",
        ),
        ("sandwell-2018-04", "post", "executive-director-resources", "Executive Director \u2013 Resources"),
        ("sandwell-2018-04", "post", "lead-member-childrens-services", "Lead Member for Children's Services"),
        ("sandwell-2018-04", "unit", "sandwell-childrens-trust", "Sandwell Children's Trust"),
        ("sandwell-2018-04", "function", "childrens-social-care", "Children's social care"),
        ("sandwell-2018-04", "function", "education", "Education"),
    }
    assert len(rows) == 7
    assert backend.run("names", {"structures": []}) == []


def test_sources_of_harrow_2023(backend):
    """seeds/INDEX.md: Harrow's two papers are 003_3afffe04a3491e89.txt (the LGA adviser's letter of
    5 June 2015) and 000_4172d08cdbdc14a8.txt (the Chief Officers' Employment Panel of 30 March 2023);
    a structure of Harrow's names both, whichever it rests on."""
    rows = backend.run("sources", {"structure": "harrow-2023"})
    assert {(r["source"], r["date"], r["file"]) for r in rows} == {
        ("harrow-2015-lga", "2015-06-05", "003_3afffe04a3491e89.txt"),
        ("harrow-2023-coep", "2023-03-30", "000_4172d08cdbdc14a8.txt"),
    }
    titles = {r["source"]: r["title"] for r in rows}
    assert titles["harrow-2023-coep"].startswith("Chief Officers' Employment Panel, 30 March 2023")
    assert backend.run("sources", {"structure": "no-such-structure"}) == []
