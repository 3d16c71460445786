"""The LGA OrganisationStructure importer: a whole council written from the schema
(tests/fixtures/import/lga), its inferred lines and roles, overlays and bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from remit.formats import import_paths
from remit.formats.lga import FORMAT as LGA
from remit.formats.lga import band, read_lga
from remit.formats.lga_infer import is_chief_executive, roles_in_title
from remit.loader.overlay import apply_overlay

FIX = Path(__file__).parent / "fixtures" / "import"
Y2024 = FIX / "lga" / "kirklees-2024-04-01.csv"
Y2025 = FIX / "lga" / "kirklees-2025-04-01.csv"
CE, DCS = "chief-executive", "strategic-director-for-children-s-services-director-of-children-s-services"
S151 = "service-director-finance-section-151-officer"
MO = "service-director-legal-governance-and-commissioning-monitoring-officer"
DASS = "strategic-director-for-adults-and-health-director-of-adult-social-services"


@pytest.fixture(scope="module")
def kirklees():
    result = read_lga(Y2024, "kirklees-2024.csv")
    assert result.problems == []
    return result


def test_council_matched_in_the_register_by_uri(kirklees):
    c = kirklees.file.council
    assert (c.id, c.code, c.authority_kind, c.name) == ("kirklees", "KIR", "MD", "Kirklees Council")


def test_lines_inferred_with_their_rule(kirklees):
    st = kirklees.file.structures[0]
    assert st.id == "kirklees-2024-04-01" and len(st.posts) == 16
    lines = {p.key: (p.line_manager.post, p.line_manager.evidence.rule) for p in st.posts if p.line_manager}
    assert all(p.line_manager.evidence.inferred for p in st.posts if p.line_manager)
    assert lines[DCS] == (CE, "Level 2 post reports to the only Level 1 post")
    assert lines["service-director-highways"] == (
        "strategic-director-place",
        "reports to the only post one Level up in the same Directorate",
    )
    # two Level 2 posts in Corporate Resources: the Service (Finance) narrows it to one
    assert lines["head-of-accountancy-deputy-section-151-officer"] == (
        S151,
        "reports to the only post one Level up in the same Directorate and Service",
    )
    assert lines["assistant-director-of-public-health"][0] == "director-of-public-health"
    # Head of Strategy (no Level 2 post in its directorate) and Head of Procurement (two candidates,
    # neither in its Service) stay unknown, their candidates reported
    assert "head-of-strategy" not in lines and "head-of-procurement" not in lines
    procurement = next(n for n in kirklees.notes if "'head-of-procurement'" in n)
    assert "kirklees-2024.csv:17:" in procurement
    assert "head-of-accountancy-deputy-section-151-officer, deputy-monitoring-officer" in procurement
    assert any("'head-of-strategy' unknown; candidates: none" in n for n in kirklees.notes)


def test_statutory_roles_inferred_from_titles_never_deputies(kirklees):
    st = kirklees.file.structures[0]
    roles = {p.key: [d.role for d in p.designations] for p in st.posts if p.designations}
    assert roles == {
        CE: ["hops"],
        DCS: ["dcs"],
        DASS: ["dass"],
        S151: ["s151"],
        MO: ["mo"],
        "director-of-public-health": ["dph"],
    }
    for p in st.posts:
        for d in p.designations:
            assert d.evidence.inferred and d.evidence.rule and d.evidence.row
    assert st.post(DCS).designations[0].basis == "interim"  # ContractType "Interim"


def test_provenance_is_file_row_and_the_row_itself(kirklees):
    post = kirklees.file.structures[0].post("service-director-learning-and-early-support")
    assert post.evidence.row == 11
    assert post.evidence.quote == Y2024.read_text().splitlines()[10]
    assert post.evidence.source == kirklees.file.sources[0].id and kirklees.file.sources[0].file == Y2024.name
    [holder] = post.holders
    assert holder.basis == "interim" and holder.evidence.inferred  # "Agency cover ..." in Comments
    assert "Comments" in holder.evidence.rule
    place = kirklees.file.structures[0].post("strategic-director-place")
    assert place.status == "vacant" and place.holders == []
    assert (place.pay.salary_min, place.pay.salary_max) == (145000, 150000)
    dcs = kirklees.file.structures[0].post(DCS)
    assert (dcs.pay.salary_min, dcs.pay.salary_max) == (150000, 155000)  # "£150,000 - £155,000"


def test_two_years_chain():
    result = import_paths([Y2025, Y2024])
    [sf] = result.files
    assert [(st.id, st.supersedes) for st in sf.structures] == [
        ("kirklees-2025-04-01", "kirklees-2024-04-01"),
        ("kirklees-2024-04-01", None),
    ]


@pytest.mark.parametrize(
    "title,roles",
    [
        ("Deputy Monitoring Officer", []),
        ("Assistant Director of Public Health", []),
        ("Head of Accountancy (Deputy Section 151 Officer)", []),
        ("Director of Law and Governance (Monitoring Officer)", ["mo"]),
        ("Director of Public Health", ["dph"]),
        ("Executive Director of Finance (S151 Officer)", ["s151"]),
        ("Director of Children’s Services", ["dcs"]),
        ("Director of Adult Social Services", ["dass"]),
    ],
)
def test_roles_in_title(title, roles):
    assert [r for r, _ in roles_in_title(title)] == roles


def test_chief_executive_but_not_deputy():
    assert is_chief_executive("Chief Executive") and not is_chief_executive("Deputy Chief Executive")


def test_salary_band_forms():
    assert band("140000 - 145000") == (140000, 145000)
    assert band("£140,000 to £145,000") == (140000, 145000)
    assert band("NA") is None and band("about 150k") == "about 150k"


def test_bad_values_each_named_with_line_and_column():
    """A Level or a date that is no value is a structural fault (the row cannot be placed); a pay
    cell or a title that is not what the column asks for is a warning, named the same way, and the
    value is read as unknown: strict mode refuses only the structural faults (issue 22)."""
    result = read_lga(FIX / "bad" / "lga-bad-values.csv", "bad.csv")
    got = sorted((p.line, p.column, p.message) for p in result.problems)
    assert [(line, col) for line, col, _ in got] == [(3, 4), (4, 3)]
    assert "'two'" in got[0][2] and "'31/02/2024'" in got[1][2]
    warned = sorted((p.line, p.column, p.message) for p in result.warnings)
    assert [(line, col) for line, col, _ in warned] == [(5, 13), (6, 5), (6, 14)]
    assert "'about 150k'" in warned[0][2] and "no JobTitle" in warned[1][2] and "'lots'" in warned[2][2]
    assert result.model(lenient=False) is None
    lenient = read_lga(FIX / "bad" / "lga-bad-values.csv", "bad.csv", lenient=True).model(lenient=True)
    st = lenient.structures[0]
    assert [p.title for p in st.posts] == ["Chief Executive", "Director of People", "untitled"]
    people = st.post("director-of-people")
    assert people.pay.salary_min is None and "'about 150k' is not a band" in people.note
    # the two rows left out are recorded in the structure with their reasons and their own text
    assert [(lo.evidence.row, lo.reason.split(" is ")[0]) for lo in st.left_out] == [
        (3, "Level 'two'"),
        (4, "EffectiveDate '31/02/2024'"),
    ]
    assert st.left_out[0].evidence.quote.startswith("Kirklees Council,,2024-04-01,two,Director of Place")


def test_missing_column_named():
    result = read_lga(FIX / "bad" / "lga-missing-level.csv", "m.csv")
    assert [(p.line, p.message) for p in result.problems] == [(1, "no 'Level' column in the header")]


def test_overlay_states_and_overrides(tmp_path):
    result = import_paths([Y2024])
    (tmp_path / "o.yaml").write_text(
        "overlay: remit-overlay/1\nstructure: kirklees-2024-04-01\n"
        "sources: [{id: constitution, title: Constitution, file: constitution.txt}]\n"
        "designations:\n  - {post: deputy-monitoring-officer, role: mo, basis: permanent, source: constitution,"
        " quote: The Deputy Monitoring Officer is designated Monitoring Officer}\n"
        "lines:\n  - {post: head-of-procurement, line_manager: " + S151 + ", source: constitution, quote: q}\n"
    )
    report, problems = apply_overlay(tmp_path / "o.yaml", result.files)
    assert problems == []
    st = result.files[0].structures[0]
    assert [d.role for d in st.post(MO).designations] == []
    [mo] = st.post("deputy-monitoring-officer").designations
    assert mo.role == "mo" and not mo.evidence.inferred and mo.evidence.source == "constitution"
    assert not st.post("head-of-procurement").line_manager.evidence.inferred
    assert any("overrides inferred" in r and MO in r for r in report)


def test_overlay_problems_have_lines(tmp_path):
    result = import_paths([Y2024])
    (tmp_path / "o.yaml").write_text(
        "overlay: remit-overlay/1\nstructure: kirklees-2024-04-01\n"
        "designations:\n  - {post: nobody, role: mo, source: x, quote: q}\n"
    )
    _, problems = apply_overlay(tmp_path / "o.yaml", result.files)
    assert [(p.line, "names no post" in p.message) for p in problems] == [(4, True)]


def test_one_file_two_dates_chain_and_two_councils_split(tmp_path):
    rows = Y2024.read_text().splitlines()
    header, body = rows[0], rows[1:]
    later = [r.replace("2024-04-01", "2025-04-01") for r in body]
    wakefield = [
        r.replace(
            "Kirklees Council,http://opendatacommunities.org/id/metropolitan-district-council/kirklees",
            "Wakefield Council,",
        )
        for r in body
    ]
    (tmp_path / "all.csv").write_text("\n".join([header] + body + later + wakefield) + "\n")
    model, problems = LGA.load(tmp_path / "all.csv", "all.csv")
    # one file, two councils: the loader refuses it (one structure file is one council) ...
    assert model is None and [p.message for p in problems] == [
        "the file holds 2 councils (kirklees, wakefield); a structure file is one council: split it, or use "
        "`remit import`"
    ]
    # ... `remit import` splits it, and the two dates of Kirklees become a chain
    imported = import_paths([tmp_path / "all.csv"])
    assert imported.problems == []
    by_council = {sf.council.id: sf for sf in imported.files}
    assert sorted(by_council) == ["kirklees", "wakefield"] and by_council["wakefield"].council.code == "WKF"
    assert [(st.id, st.supersedes) for st in by_council["kirklees"].structures] == [
        ("kirklees-2024-04-01", None),
        ("kirklees-2025-04-01", "kirklees-2024-04-01"),
    ]


def test_a_role_named_in_two_titles_stays_unknown(tmp_path):
    rows = Y2024.read_text().splitlines()
    extra = rows[8].replace("Deputy Monitoring Officer,Ash Mock", "Monitoring Officer,Ash Mock")
    (tmp_path / "k.csv").write_text("\n".join(rows[:8] + [extra] + rows[9:]) + "\n")
    result = read_lga(tmp_path / "k.csv", "k.csv")
    st = result.file.structures[0]
    assert not any(d.role == "mo" for p in st.posts for d in p.designations)
    [note] = [n for n in result.notes if "role 'mo' unknown" in n]
    assert f"'{MO}' (line 6)" in note and "'monitoring-officer' (line 9)" in note


def test_the_same_council_and_date_twice_is_a_problem(tmp_path):
    """Two files of one council at one date are one snapshot; holding the same post twice they are a
    clear error naming the post, never a restructure of each other."""
    copy = tmp_path / "again.csv"
    copy.write_bytes(Y2024.read_bytes())
    result = import_paths([Y2024, copy])
    [problem] = result.problems
    assert (problem.file, problem.line) == (str(copy), 2)
    assert problem.message.startswith(
        f"structure 'kirklees-2024-04-01' (the same council and date) is already imported from {Y2024}"
    )
    assert "both files hold post 'chief-executive'" in problem.message


# -- values councils use (issue 22) -------------------------------------------------------------------
VALUES = FIX / "lga-values" / "example-values-2024-04-01.csv"  # written from the schema, a fictional council


def test_values_councils_use_are_read_for_what_they_say_even_strict():
    """SalaryBand 'Agency', 'Interim', 'N/A', 'Not applicable', 'NA'; a MaximumSalary with no band; '£' and
    thousands commas; Vacancy 'Vacant' on a filled-in row: none is a structural fault, so strict mode
    imports the chart with no problem and no warning, and each is read for what it says."""
    result = read_lga(VALUES, "values.csv")
    assert result.problems == [] and result.warnings == []
    st = result.model(lenient=False).structures[0]
    ce = st.post("chief-executive")  # "£180,000 - £185,000"
    assert (ce.pay.salary_min, ce.pay.salary_max) == (180000, 185000)
    place = st.post("director-of-place")  # SalaryBand "Agency", no name: covered by someone unnamed
    [h] = place.holders
    assert (h.name, h.basis, h.evidence.inferred, h.evidence.row) == (None, "interim", True, 3)
    assert "SalaryBand 'Agency'" in h.evidence.rule and place.pay.salary_min is None
    assert place.status == "filled"  # covered by someone, though not named
    people = st.post("director-of-people")  # "Interim", named
    [h] = people.holders
    assert (h.name, h.basis, h.evidence.inferred) == ("Sam Sample", "interim", True)
    assert "SalaryBand 'Interim'" in h.evidence.rule
    for key in ("director-of-resources", "head-of-highways", "head-of-libraries"):  # N/A, Not applicable, NA
        post = st.post(key)
        assert post.pay.salary_min is None and post.pay.salary_max is None, key
        assert [h.basis for h in post.holders] == ["permanent"], key  # ContractType, not the pay cell
    assert "95,000" in st.post("head-of-highways").note  # a MaximumSalary with no band: kept as written
    audit = st.post("head-of-audit")  # Name 'Vacant' (quoted) and Vacancy "Vacant", band "75,000 - 80,000"
    assert audit.status == "vacant" and audit.holders == []
    assert (audit.pay.salary_min, audit.pay.salary_max) == (75000, 80000)


def test_level_0_is_refused_with_line_and_column(tmp_path, capsys):
    """The LGA schema counts Levels from 1, the top post; a row at Level 0 names no post and is refused,
    in the library (FILE:LINE:COLUMN) and by `remit import` (exit 2, nothing written)."""
    from remit.cli.main import main

    lines = Y2024.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    assert cells[3] == "2"  # line 3 of the file: the Strategic Director for Children's Services, Level 2
    cells[3] = "0"
    lines[2] = ",".join(cells)
    bad = tmp_path / "kirklees-level0.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_lga(bad, "level0.csv")
    assert [(p.line, p.column) for p in result.problems] == [(3, 4)]  # Level is the 4th column
    assert "Level '0' is not a whole number from 1" in result.problems[0].message
    assert result.model(lenient=False) is None
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", str(bad), "--format", "lga", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "kirklees-level0.csv:3:4: Level '0'" in err and "Traceback" not in err
    assert not list(out.iterdir())
