"""The shipped UK local authority register: lookups as importers and structure files use them.

Expected values are the register's own rows (../shared/data/local-authorities/, mySociety CC BY 4.0).
"""

from __future__ import annotations

import pytest

from remit.loader import authorities as la
from remit.loader.parse import Reader
from remit.loader.yamlfile import read_yaml


def test_register_is_complete_and_codes_unique():
    rows = la.all_authorities()
    assert len(rows) == 470  # data rows of uk_local_authorities_current.csv
    assert len({a.code for a in rows}) == len(rows)


@pytest.mark.parametrize(
    "text",
    [
        "BNE",
        "bne",
        "E09000003",
        "London Borough of Barnet",
        "Barnet",
        "barnet council",
        "BARNET!",
        "http://opendatacommunities.org/id/london-borough-council/barnet",
        "http://statistics.data.gov.uk/id/statistical-geography/E09000003",
        "local-authority-eng:BNE",
    ],
)
def test_barnet_found_every_way(text):
    a = la.lookup(text)
    assert a is not None and a.code == "BNE" and a.name == "London Borough of Barnet"
    assert (a.gss, a.kind, a.region, a.nation) == ("E09000003", "LBO", "London", "England")


@pytest.mark.parametrize(
    "name,code,kind",
    [
        ("Leicester City Council", "LCE", "UA"),
        ("Sandwell Metropolitan Borough Council", "SAW", "MD"),
        ("London Borough of Harrow", "HRW", "LBO"),
        ("City of London", "LND", "CC"),
        ("Kent", "KEN", "CTY"),
        ("Newcastle-upon-Tyne City Council", "NET", "MD"),
    ],
)
def test_by_name(name, code, kind):
    a = la.by_name(name)
    assert a is not None and (a.code, a.kind) == (code, kind)


def test_leicester_is_not_leicestershire():
    assert la.by_name("Leicester").code == "LCE"
    assert la.by_name("Leicestershire County Council").code == "LEC"


def test_unknown_and_ambiguous_names_give_none_and_suggestions():
    assert la.by_name("Barnit") is None
    assert "Barnet" in la.closest("Barnit")
    assert la.by_code("XYZ") is None and la.by_gss("E99999999") is None and la.by_uri("http://x/y") is None
    assert len(la.find_by_name("Dorset")) >= 1


@pytest.mark.parametrize(
    "kind,expected",
    [
        ("CTY", True),
        ("UA", True),
        ("MD", True),
        ("LBO", True),
        ("CC", True),
        ("NMD", False),
        ("WPA", False),
        ("SCO", False),
        ("NID", False),
        ("COMB", False),
        ("SRA", False),
    ],
)
def test_childrens_and_adults_duties_by_kind(kind, expected):
    assert la.has_childrens_and_adults_duties(kind) is expected


def test_district_has_no_dcs_duties():
    assert la.by_name("Hart District Council").has_childrens_and_adults_duties is False
    assert la.by_code("BNE").has_childrens_and_adults_duties is True


def _parse_council(text: str, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(path, "f.yaml")
    assert problems == []
    reader = Reader("f.yaml")
    return reader.council(doc["council"], 1), reader.problems


def test_structure_file_council_code_gives_the_register_kind(tmp_path):
    council, problems = _parse_council("council: {id: barnet, code: BNE, name: London Borough of Barnet}\n", tmp_path)
    assert problems == [] and (council.code, council.authority_kind) == ("BNE", "LBO")


def test_unknown_council_code_is_a_problem_with_line_and_suggestion(tmp_path):
    council, problems = _parse_council("council:\n  id: barnet\n  name: Barnet\n  code: BNX\n", tmp_path)
    assert len(problems) == 1 and problems[0].line == 4
    assert "BNX" in problems[0].message and "Barnet" in problems[0].message


def test_council_code_and_name_must_agree(tmp_path):
    council, problems = _parse_council("council: {id: harrow, code: BNE, name: London Borough of Harrow}\n", tmp_path)
    assert len(problems) == 1 and "London Borough of Barnet" in problems[0].message and "HRW" in problems[0].message
