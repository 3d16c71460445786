"""Answers a reader of the source documents would give (written from /work/shared/seeds, not from output).

Each runs on networkx and on Neo4j (the `backend` fixture)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def ask(backend, qid, structure, as_of=None, **params):
    return backend.run(qid, {"structure": structure, "as_of": as_of, **params})


def holders_by_role(backend, structure, as_of=None):
    out = {}
    for r in ask(backend, "statutory-holders", structure, as_of):
        out.setdefault(r["role"], set()).add(r["post"])
    return out


def test_barnet_2015_statutory_officers(backend):
    # Appendix 4: the CYP Commissioning Director is the DCS, the Adults and Health one the DASS; HoPS (Chief
    # Executive), s151 (Chief Operating Officer) and MO (Director for Assurance) unchanged.
    roles = holders_by_role(backend, "barnet-2015-04")
    assert roles["dcs"] == {"commissioning-director-children-young-people"}
    assert roles["dass"] == {"commissioning-director-adults-health"}
    assert roles["hops"] == {"chief-executive"}
    assert roles["mo"] == {"director-of-assurance"}
    assert roles["s151"] == {"chief-operating-officer"}
    rows = {r["role"]: r for r in ask(backend, "statutory-holders", "barnet-2015-04")}
    # "reporting to the Strategic Director for Commissioning", who reports to the Chief Executive: not first tier.
    assert rows["dcs"]["line_manager"] == "strategic-director-commissioning" and rows["dcs"]["tier"] == 2
    assert rows["hops"]["tier"] == 0
    assert all(r["sources"] == ["barnet-gfc-2014-10-13"] for r in rows.values())


def test_barnet_2015_accountability_split(backend):
    # "The Family Services Director and Education and Skills Director are formally line managed by the Chief
    # Executive ... but are accountable to the DCS"; the Adults and Communities Director likewise to the DASS.
    rows = ask(backend, "accountability-split", "barnet-2015-04")
    pairs = {(r["post"], r["line_manager"], r["accountable_to"]) for r in rows}
    assert ("director-family-services", "chief-executive", "commissioning-director-children-young-people") in pairs
    assert ("director-education-skills", "chief-executive", "commissioning-director-children-young-people") in pairs
    assert ("director-adults-communities", "chief-executive", "commissioning-director-adults-health") in pairs
    fam = next(r for r in rows if r["post"] == "director-family-services")
    assert fam["accountable_to_roles"] == ["dcs"] and fam["line_manager_roles"] == ["hops"]
    assert any("monthly safeguarding" in m for m in fam["mechanisms"])
    assert fam["escalation"] and "level 3" in fam["escalation"][0]
    edu = next(r for r in rows if r["post"] == "director-education-skills")
    assert not any("safeguarding one to ones" in m for m in edu["mechanisms"])  # d) names Family Services only


def test_barnet_2015_dcs_accountability(backend):
    rows = {r["key"]: r for r in ask(backend, "dcs-accountability", "barnet-2015-04")}
    for key in ("director-family-services", "director-education-skills"):
        assert rows[key]["reaches"] == ["accountability", "escalation"]
        assert rows[key]["split"] is True and rows[key]["line_manager"] == "chief-executive"
    assert "director-adults-communities" not in rows  # accountable to the DASS, not the DCS
    assert all(r["dcs"] == "commissioning-director-children-young-people" for r in rows.values())


def test_barnet_2015_dcs_not_first_tier_but_accountable_to_chief_executive(backend):
    # "whilst not a first tier officer" (the guidance "recommends tier 1"): a flag, mitigated by the protocol's
    # accountability line ("The Chief Executive will use these meetings to hold the DCS to account").
    rows = ask(backend, "dcs-first-tier", "barnet-2015-04")
    assert [r["outcome"] for r in rows] == ["flag"]
    assert "tier 2 below the Head of Paid Service (chief-executive)" in rows[0]["reason"]
    assert "Strategic Director for Commissioning" in rows[0]["reason"]
    assert len(rows[0]["mitigations"]) == 1 and "Chief Executive (chief-executive)" in rows[0]["mitigations"][0]


def test_barnet_chain_of_family_services_director(backend):
    rows = ask(backend, "chain", "barnet-2015-04", post="director-family-services")
    line = [r["post"] for r in sorted((r for r in rows if r["chain"] == "line"), key=lambda r: r["step"])]
    assert line == ["director-family-services", "chief-executive"]
    acc = {r["post"]: r["step"] for r in rows if r["chain"] == "accountability"}
    assert acc["commissioning-director-children-young-people"] == 1 and acc["chief-executive"] == 2


def test_leicester_after_combined_dcs_dass_with_planned_test(backend):
    # 6.1: the Strategic Director of Social Care and Education holds both DCS and DASS; 7.3: a test of
    # assurance "after 6 months" is planned, not done.
    rows = ask(backend, "combined-roles", "leicester-2018-06-after")
    assert [(r["post"], r["roles"], r["review_status"]) for r in rows] == [
        ("strategic-director-social-care-education", ["dass", "dcs"], "planned")
    ]
    assert rows[0]["review_outcome"] is None
    rule = ask(backend, "combined-dcs-assurance", "leicester-2018-06-after")
    assert [r["outcome"] for r in rule] == ["flag"]
    same = ask(backend, "dcs-dass-same-tier", "leicester-2018-06-after")
    assert [r["outcome"] for r in same] == ["pass"]


def test_leicester_before_has_no_designated_dcs(backend):
    # The report never says who holds the DCS role while the Strategic Director post is vacant (4.1).
    rows = {r["outcome"]: r for r in ask(backend, "one-dcs-one-lmcs", "leicester-2018-06-before")}
    assert set(rows) == {"unknown", "pass"}  # the documents do not say: not a flag, not a pass
    assert rows["unknown"]["missing"] == "which post is designated Director of Children's Services"
    assert rows["pass"]["posts"] == ["lead-member-childrens-services"]


def test_harrow_2015_after_people_director_with_met_assurance(backend):
    rows = ask(backend, "combined-roles", "harrow-2015-after")
    assert len(rows) == 1
    r = rows[0]
    assert r["post"] == "corporate-director-people" and r["roles"] == ["dcs"]
    assert "director-adult-social-services" in r["statutory_reports"]  # "Proposed direct reports include ... DASS"
    assert (r["review_status"], r["review_outcome"], r["review_date"]) == ("completed", "met", "2015-06-05")
    assert [x["outcome"] for x in ask(backend, "combined-dcs-assurance", "harrow-2015-after")] == ["pass"]


def test_harrow_2023_dass_moves_on_1_january(backend):
    before = ask(backend, "interim-exposure", "harrow-2023", "2022-12-15")
    assert [(r["role"], r["post"], r["basis"]) for r in before] == [
        ("dass", "director-adult-social-services", "acting")
    ]
    after = ask(backend, "interim-exposure", "harrow-2023", "2023-01-15")
    assert [(r["role"], r["post"], r["basis"]) for r in after] == [("dass", "corporate-director-people", "interim")]
    roles = {r["role"]: r for r in ask(backend, "statutory-holders", "harrow-2023", "2023-01-15")}
    assert roles["dcs"]["post"] == "director-childrens-services" and roles["dcs"]["holder"] == ["Peter Tolley"]
    assert roles["dcs"]["tier"] is None  # no Head of Paid Service is named for Harrow
    assert roles["dass"]["post"] == "corporate-director-people"
    # Peter Tolley has held the post since June 2022: not yet in May.
    may = {r["role"]: r for r in ask(backend, "statutory-holders", "harrow-2023", "2022-05-15")}
    assert may["dcs"]["holder"] is None


def test_sandwell_trust_delivers_childrens_social_care(backend):
    rows = ask(backend, "function-owner", "sandwell-2018-04", function="childrens-social-care")
    parts = {(r["part"], r["key"]) for r in rows}
    assert ("responsible", "executive-director-childrens-services") in parts  # statutory responsibility retained
    assert ("delivers", "sandwell-childrens-trust") in parts
    trust = next(r for r in rows if r["part"] == "delivers")
    assert trust["unit_kind"] == "trust" and trust["accountable_to"] == ["executive-director-childrens-services"]
    dcs = next(r for r in rows if r["part"] == "responsible")
    assert dcs["roles"] == ["dcs"]
    rule = ask(backend, "outside-body-accountability", "sandwell-2018-04")
    assert [r["outcome"] for r in rule] == ["pass"]


def test_sandwell_interim_dcs_in_january(backend):
    # "with the DCS role currently filled on an interim basis"
    rows = ask(backend, "interim-exposure", "sandwell-2018-01")
    assert [(r["role"], r["basis"]) for r in rows] == [("dcs", "interim")]
    flags = [r for r in ask(backend, "statutory-interim", "sandwell-2018-01") if r["outcome"] == "flag"]
    assert [r["posts"] for r in flags] == [["executive-director-childrens-services"]]


def test_span_of_control_barnet(backend):
    rows = {r["post"]: r for r in ask(backend, "span-of-control", "barnet-2015-04")}
    assert rows["strategic-director-commissioning"]["line_reports"] == 4  # "four new roles of Commissioning Directors"
    dcs = rows["commissioning-director-children-young-people"]
    assert dcs["accountable_from"] == ["director-education-skills", "director-family-services"]
    # Issue 21: B 125 "In January 2014, minor management reporting arrangements removed the line management of
    # operational Delivery Units from the Strategic Directors to the Chief Executive"; nothing proposes a change to
    # Streetscene, so the line is carried into 2015, marked inferred.
    streetscene = rows["director-streetscene"]
    assert streetscene["tier"] == 1 and streetscene["line_manager"] == "chief-executive"
    assert any(i.startswith("6.4 put the line management") for i in streetscene["inferred"])


def test_remit_check_exit_codes():
    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "remit.cli", "check", *args], capture_output=True, text=True, cwd=ROOT
        )

    # Harrow before the People Directorate: nothing departs from the law; much is unknown (not a pass).
    ok = run("--structure", "harrow-2015-before", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert '"outcome": "unknown"' in ok.stdout and '"outcome": "flag"' not in ok.stdout
    assert run("--structure", "barnet-2015-04").returncode == 1  # the DCS is not first tier
    flagged = run("--council", "harrow", "--as-of", "2023-01-15", "--format", "csv")
    assert flagged.returncode == 1 and "statutory-interim,flag" in flagged.stdout
    assert run().returncode == 2
