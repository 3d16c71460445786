"""Councils' senior-salary files (issue 22): alone, a structure of posts with holders and pay; with the
chart of the same council and date, an overlay matched by job title (and directorate / service).

The real file is Trafford Council's senior salaries of 1 April 2021 (../shared/data/senior-salaries,
Open Government Licence v3.0, from traffordDataLab/council_open_data): its Responsibilities state
designations in words. Expected values are read off the rows in each test. The Example Borough
Council fixtures are written from the format's description (a fictional council)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.formats import detect, import_paths
from remit.loader.formats import read_yaml_structure

FIX = Path(__file__).parent / "fixtures" / "import" / "salaries"
TRAFFORD = "senior-salaries/trafford-senior-salaries-employees-2021-04-01.csv"
CHART = FIX / "example-chart-2022-04-01.csv"
Y2022 = FIX / "example-senior-salaries-2022-04-01.csv"
Y2023 = FIX / "example-senior-salaries-2023-04-01.csv"
TEMPLATE = FIX / "example-senior-salaries-april-2013.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def trafford(shared_data):
    result = import_paths([shared_data / TRAFFORD])
    assert result.problems == []
    [sf] = result.files
    return sf, sf.structures[0]


def test_trafford_is_recognised_as_a_senior_salaries_file(shared_data):
    assert detect(shared_data / TRAFFORD).name == "senior-salaries"


def test_trafford_alone_posts_holders_pay_and_unknown_lines(shared_data, trafford):
    sf, st = trafford
    rows = _rows(shared_data / TRAFFORD)
    assert sf.council.code == "TRF" and str(st.effective) == "2021-04-01" == rows[0]["EffectiveDate"]
    assert len(st.posts) == len(rows) == 76
    assert all(p.line_manager is None for p in st.posts)  # the file has no reports-to: every line unknown
    named = [(r["JobTitle"], r["Name"]) for r in rows if r["Name"] != "NA"]
    assert named == [("Chief Executive", "Sara Todd")]
    assert [(p.title, h.name) for p in st.posts for h in p.holders] == named  # "NA" is never a holder
    dph = st.post("director-of-public-health")
    assert dph.pay.salary == float(next(r["Salary"] for r in rows if r["JobTitle"] == "Director of Public Health"))


def test_trafford_designations_stated_in_responsibilities_or_title(shared_data, trafford):
    _, st = trafford
    rows = {r["JobTitle"]: r for r in _rows(shared_data / TRAFFORD)}
    designated = {d.role: (p.key, d) for p in st.posts for d in p.designations}
    assert {role: key for role, (key, _) in designated.items()} == {
        "hops": "chief-executive",  # Responsibilities: "... head of paid service, returning Officer ..."
        "s151": "director-of-finance",  # "... statutory duties of the Council's Director of Finance under section 151"
        "dcs": "corporate-director-of-children-s-services",  # the title names the role
        "dph": "director-of-public-health",  # the title names the role
    }
    assert "head of paid service" in rows["Chief Executive"]["Responsibilities"]
    for role, (key, d) in designated.items():
        assert not d.evidence.inferred, role  # stated by the file, with its row and quote
        assert d.evidence.source == "trafford-senior-salaries-employees-2021-04-01"
        assert d.evidence.quote.startswith(f"Trafford Council,{rows[st.post(key).title]['OrganisationURI']}")
    hops = designated["hops"][1]
    assert hops.evidence.row == 2


def test_trafford_deputies_are_not_designated(trafford):
    _, st = trafford
    # "Deputises in the absence of the Director of Finance to undertake the statutory duties ... section 151"
    assert st.post("head-of-financial-management").designations == []
    # "Head of Governance & Deputy Monitoring Officer"; "Acts as the Council's Deputy Monitoring Officer"
    assert st.post("head-of-governance-deputy-monitoring-officer").designations == []
    assert st.post("deputy-director-of-public-health").designations == []


def test_trafford_titles_that_do_not_name_the_role_make_candidates_never_designations(trafford):
    _, st = trafford
    candidates = {(p.key, c.role) for p in st.posts for c in p.candidate_for}
    assert candidates == {
        ("corporate-director-of-adults-and-wellbeing", "dass"),
        ("director-of-adults", "dass"),
        ("corporate-director-of-governance-and-community-strategy", "mo"),
    }
    adults = st.post("corporate-director-of-adults-and-wellbeing")
    assert adults.designations == []
    [c] = adults.candidate_for
    assert c.evidence.inferred and "'adults'" in c.evidence.rule and "not a designation" in c.evidence.rule


def test_trafford_written_file_validates_beside_its_source(shared_data, tmp_path):
    copy = tmp_path / Path(TRAFFORD).name
    copy.write_bytes((shared_data / TRAFFORD).read_bytes())
    assert main(["import", str(copy), "--out", str(tmp_path)]) == 0
    assert main(["validate", str(tmp_path / "trafford.yaml")]) == 0


# -- onto the chart of the same council and date ------------------------------------------------------
@pytest.fixture
def overlaid():
    result = import_paths([CHART, Y2022])
    assert result.problems == []
    [sf] = result.files
    return result, sf


def test_salary_rows_are_matched_to_chart_posts_by_title_then_directorate(overlaid):
    result, sf = overlaid
    [st] = sf.structures  # one structure: the salary file added to the chart, not beside it
    assert st.id == "example-borough-council-2022-04-01" and st.label.endswith("organisation chart at 2022-04-01")
    report = {line.split(" row ")[1].split(" ")[0]: line for line in result.overlay_report}
    # rows 7 and 8 are both "Strategic Lead": the Directorate tells them apart
    assert "-> post 'strategic-lead' (same job title and directorate)" in report["7"]
    assert "-> post 'strategic-lead-2' (same job title and directorate)" in report["8"]
    assert "'Chief Executive' -> post 'chief-executive' (same job title)" in report["2"]
    # row 11, Head of Events: no chart post has that title; reported and listed in the written structure
    assert report["11"].endswith("'Head of Events': not matched: no chart post has this job title")
    [left] = st.left_out
    assert left.evidence.row == 11 and left.evidence.source == "example-senior-salaries-2022-04-01"
    assert {s.file for s in sf.sources} == {CHART.name, Y2022.name}


def test_matched_facts_carry_the_row_and_the_match_rule(overlaid):
    _, sf = overlaid
    st = sf.structures[0]
    dcs = st.post("corporate-director-of-children-s-services")
    # the chart's SalaryBand says "Agency": an unnamed interim holder; the salary row names Sam Sample
    [holder] = dcs.holders
    assert (holder.name, holder.basis, holder.evidence.row, holder.evidence.inferred) == (
        "Sam Sample",
        "interim",
        4,
        True,
    )
    assert "senior salaries row 4 matched to this chart post by same job title" in holder.evidence.rule
    assert "SalaryBand 'Agency'" in holder.evidence.rule
    # the Chief Executive's Responsibilities state Head of Paid Service: it replaces the chart's title inference
    [hops] = st.post("chief-executive").designations
    assert hops.evidence.source == "example-senior-salaries-2022-04-01" and hops.evidence.row == 2
    assert "designation 'hops' stated in the row" in hops.evidence.rule
    assert "salary 180000 (senior salaries row 2)" in st.post("chief-executive").note
    # no title names the DASS or the Monitoring Officer: candidates, not designations
    assert [c.role for c in st.post("corporate-director-of-adults-and-wellbeing").candidate_for] == ["dass"]
    assert [c.role for c in st.post("director-of-law-and-governance").candidate_for] == ["mo"]
    assert not any(d.role in ("dass", "mo") for p in st.posts for d in p.designations)


def test_a_salary_file_of_another_date_adds_nothing_to_the_chart(tmp_path, capsys):
    assert main(["import", str(CHART), str(Y2023), "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "no chart of Example Borough Council at 2023-04-01 (its charts are at 2022-04-01)" in err
    sf, problems = read_yaml_structure(tmp_path / "example-borough-council.yaml", "e.yaml")
    assert problems == []
    chart, own = sf.structures
    # Jo New (2023) is not a holder in 2022; the chart's own holders only (one named, one agency unnamed)
    assert [h.name for p in chart.posts for h in p.holders] == ["Alex Example", None]
    assert own.supersedes is None and chart.supersedes is None  # never a restructure of the chart


def test_two_years_of_salary_files_diff_like_any_two_structures(tmp_path, capsys):
    assert main(["import", str(Y2022), str(Y2023), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(
        [
            "diff",
            "--data",
            str(tmp_path),
            "example-borough-council-2022-04-01",
            "example-borough-council-2023-04-01",
            "--format",
            "json",
        ]
    ) in (0, 1)
    rows = json.loads(capsys.readouterr().out)["rows"]
    changes = {(r["change"], r["subject"]): r for r in rows}
    holders = changes[("holders changed", "Corporate Director of Adults and Wellbeing")]
    assert "Chris Before" in str(holders["before"]) and "Jo New" in str(holders["after"])
    pay = changes[("pay changed", "Corporate Director of Adults and Wellbeing")]
    assert "130000" in str(pay["before"]) and "132500" in str(pay["after"])  # "£132,500" in 2023
    assert ("created", "Director of Housing") in changes


def test_the_2011_template_dated_by_its_file_name():
    result = import_paths([TEMPLATE])
    assert result.problems == []
    [sf] = result.files
    [st] = sf.structures
    assert str(st.effective) == "2013-04"  # "...-april-2013.csv"
    rows = _rows(TEMPLATE)
    ce = st.post("chief-executive-and-head-of-paid-service")
    assert [h.name for h in ce.holders] == [rows[0]["Name"]] and ce.pay.salary == 165000 and ce.pay.fte == 1
    assert [d.role for d in ce.designations] == ["hops"]
    s151 = st.post("director-of-resources-section-151-officer")
    assert [h.name for h in s151.holders] == [None] and [d.role for d in s151.designations] == ["s151"]
    dass = st.post("director-of-adult-social-services")
    assert dass.status == "vacant" and dass.holders == [] and [d.role for d in dass.designations] == ["dass"]
    assert st.post("assistant-director-of-public-health").designations == []


# -- candidates in findings -----------------------------------------------------------------------------
CANDIDATE_RULES = ("dass-accountable-to-chief-executive", "dcs-dass-same-tier", "mo-not-hops", "mo-not-cfo")


def _trafford_backends(shared_data):
    from remit.loader import Dataset
    from remit.loader.memory import graph_from_dataset
    from remit.queries.backend import MemoryBackend

    data = Dataset(import_paths([shared_data / TRAFFORD]).files)
    memory = MemoryBackend(graph_from_dataset(data), data)
    return data, memory


def _candidate_findings(backend) -> dict[str, tuple[str, str]]:
    out = {}
    for rule in CANDIDATE_RULES:
        [row] = backend.run(rule, {"structure": "trafford-2021-04-01"})
        out[rule] = (row["outcome"], row["missing"])
    return out


def _check_candidates_named(shared_data, findings: dict[str, tuple[str, str]]) -> None:
    """No Trafford row names the DASS or the Monitoring Officer; the directors whose titles name the areas
    (read off the file: 'Adults', 'Governance') are named among the missing facts, as candidates only."""
    titles = [r["JobTitle"] for r in _rows(shared_data / TRAFFORD)]
    adults = [t for t in titles if "Director" in t and "Adults" in t]
    governance = [t for t in titles if "Director" in t and "Governance" in t and "Deputy" not in t]
    assert adults == ["Corporate Director of Adults and Wellbeing", "Director of Adults"]
    assert governance == ["Corporate Director of Governance and Community Strategy"]
    for rule, (outcome, missing) in findings.items():
        assert outcome == "unknown", rule
        expected = adults if "dass" in rule else governance
        role = "Director of Adult Social Services" if "dass" in rule else "Monitoring Officer"
        assert missing.startswith(f"which post is designated {role} (candidates, not designations: "), missing
        assert all(t in missing for t in expected) and "not a designation" in missing, (rule, missing)


def test_candidates_are_named_in_the_findings_missing_facts(shared_data):
    _, memory = _trafford_backends(shared_data)
    _check_candidates_named(shared_data, _candidate_findings(memory))


@pytest.mark.neo4j
def test_candidates_are_named_in_the_findings_missing_facts_on_neo4j(shared_data, seed_dataset):
    from remit.loader.neo4j_store import load_dataset, wipe
    from remit.queries.backend import Neo4jBackend

    from .neo4j_support import neo4j_test_store

    data, memory = _trafford_backends(shared_data)
    store = neo4j_test_store()
    wipe(store)
    try:
        load_dataset(store, data)
        found = _candidate_findings(Neo4jBackend(store.driver, store.database))
        _check_candidates_named(shared_data, found)
        assert found == _candidate_findings(memory)
    finally:
        wipe(store)
        load_dataset(store, seed_dataset)  # the session's neo4j_backend reads the seed
        store.close()
