"""The organogram importer against the real data.gov.uk returns and fixtures written from the format.

Expected posts, lines and problems are read off the files themselves (see the rows quoted in the
comments), never from the importer's own output."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from remit.formats import import_file, import_paths
from remit.formats.organogram import junior_path, read_organogram
from remit.loader.dates import PartialDate

from .conftest import SHARED_DATA

DATA = SHARED_DATA / "organograms"  # tests reading it take the `shared_data` fixture (skip with reason)
FIX = Path(__file__).parent / "fixtures" / "import"
AHVLA_MAR = DATA / "animal_health_and_veterinary_laboratories_agency-2011-03-31-senior.csv"
AHVLA_SEP = DATA / "animal_health_and_veterinary_laboratories_agency-2011-09-30-senior.csv"
HMIC = DATA / "130930-HMIC-Organogram-Data-senior.csv"


def _imp(path: Path, lenient: bool = False):
    """The bad fixtures' names hold no date: they are read as `remit import --date 2020-03-31` reads them."""
    junior = junior_path(path)
    return read_organogram(path, path.name, junior, junior.name if junior else None, lenient, PartialDate("2020-03-31"))


def _lines(st) -> dict[str, str | None]:
    return {p.key: p.line_manager.post if p.line_manager else None for p in st.posts}


def _junior_fte(path: Path, skip_refs: set[str] = frozenset()) -> float:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return sum(
            float(r["Number of Posts in FTE"])
            for r in csv.DictReader(fh)
            if r["Reporting Senior Post"] not in skip_refs
        )


def test_ahvla_march_2011_posts_lines_and_juniors(shared_data):
    result = _imp(AHVLA_MAR)
    assert result.problems == []
    st = result.file.structures[0]
    assert st.id == "animal-health-and-veterinary-laboratories-agency-2011-03-31"
    assert str(st.effective) == "2011-03-31"
    # "1","Catherine Brown",...,"Chief Executive",...,"XX": the only top post
    assert _lines(st) == {
        "5": "1",
        "8": "2",
        "11": "6",
        "9": "7",
        "10": "6",
        "12": "6",
        "4": "1",
        "1": None,
        "2": "1",
        "7": "1",
        "6": "1",
        "3": "1",
    }
    ce = st.post("1")
    assert ce.title == "Chief Executive" and [h.name for h in ce.holders] == ["Catherine Brown"]
    assert (ce.pay.salary_min, ce.pay.salary_max) == (130000, 134999)
    # post 12, Director for Scotland: no name, grade SCS1, pay "N/D": holder and pay band unknown
    scot = st.post("12")
    assert scot.holders == [] and scot.status is None
    assert (scot.pay.grade, scot.pay.salary_min, scot.pay.fte) == ("SCS1", None, None)
    link = st.post("5").line_manager
    assert link.evidence.row == 2 and not link.evidence.inferred
    assert link.evidence.quote.startswith('"5","Glynn Hewinson"')
    fte = sum(g.fte for p in st.posts for g in p.grade_groups)
    assert fte == pytest.approx(_junior_fte(junior_path(AHVLA_MAR)))
    assert sum(len(p.grade_groups) for p in st.posts) == 219


def test_ahvla_two_snapshots_chain(shared_data):
    result = import_paths([AHVLA_MAR, AHVLA_SEP])
    assert result.problems == []
    [sf] = result.files
    sep = next(st for st in sf.structures if st.id.endswith("2011-09-30"))
    assert sep.supersedes == "animal-health-and-veterinary-laboratories-agency-2011-03-31"
    assert len(sep.posts) == 11 and _lines(sep)["12"] == "6"


def test_hmic_strict_names_the_junior_rows_under_an_eliminated_post(shared_data):
    # 1HMIC06 is "Eliminated" (senior line 20) but junior lines 54-56 still report to it (column 5)
    result = _imp(HMIC)
    assert [(p.file, p.line, p.column) for p in result.problems] == [
        ("130930-HMIC-Organogram-Data-junior.csv", n, 5) for n in (54, 55, 56)
    ]
    assert all("1HMIC06" in p.message and "Eliminated" in p.message for p in result.problems)
    assert result.model(lenient=False) is None


def test_hmic_lenient_leaves_eliminated_out_and_counts_them(shared_data):
    result = _imp(HMIC, lenient=True)
    st = result.model(lenient=True).structures[0]
    assert result.counts["eliminated"] == 5
    keys = {p.key for p in st.posts}
    assert keys.isdisjoint({"1HMIC08", "1HMIC02", "2HMIC02", "1HMIC05", "1HMIC06"}) and len(keys) == 13
    assert [p.key for p in st.posts if p.line_manager is None] == ["EQV05"]  # "XX" in Reports to Senior Post
    assert st.post("1HMIC10").line_manager.post == "EQV06"
    assert st.post("1HMIC01").holders[0].name is None  # N/D: a holder, not disclosed
    assert sum(len(p.grade_groups) for p in st.posts) == 87 - 3


def test_fixture_cp1252_location_lowercase_xx_vacant_job_share_ref0():
    result = import_file(FIX / "organogram" / "example-2020-03-31-senior.csv", "example")
    assert result.problems == []
    st = result.file.structures[0]
    assert st.post("CE1").line_manager is None and st.post("CE1").pay.salary_min == 150000
    assert st.post("D2").status == "vacant" and st.post("D2").holders == []
    share = st.post("DD1")
    assert [h.name for h in share.holders] == ["Sam Share", "Kim Share"] and share.pay.fte == 1.0
    assert "D3" not in {p.key for p in st.posts} and result.counts["eliminated"] == 1
    assert result.counts["paid not in post"] == 1
    groups = st.post("D1").grade_groups
    assert [(g.grade, g.fte, g.salary_min, g.salary_max) for g in groups] == [("Grade 7", 4.5, 54000, 62000)]


def test_fixture_2011_layout_with_blank_total_pay_header_and_bom():
    result = import_file(FIX / "organogram" / "example2011-2011-03-31-senior.csv", "x")
    assert result.problems == []
    assert _lines(result.file.structures[0]) == {"1": None, "2": "1"}


BAD = [
    ("no-top-senior.csv", [(1, 1, "no top post"), (2, 11, "loop in Reports to Senior Post: A -> B -> A")]),
    ("unknown-ref-senior.csv", [(3, 11, "'Q9'")]),
    ("self-senior.csv", [(3, 11, "reports to itself ('B')")]),
    ("loop-senior.csv", [(3, 11, "loop in Reports to Senior Post: B -> D -> C -> B")]),
    ("conflict-senior.csv", [(4, 4, "reference 'B' repeats line 3 with a different Job Title")]),
    ("values-senior.csv", [(3, 1, "no Post Unique Reference")]),
    ("chain-senior.csv", [(103, 11, "post 'P101' is 101 posts below its top post")]),
]


@pytest.mark.parametrize("name,expected", BAD)
def test_bad_fixture_each_check(name, expected):
    result = _imp(FIX / "bad" / name)
    got = [(p.line, p.column, p.message) for p in result.problems]
    assert len(got) == len(expected), got
    for (line, col, text), (gl, gc, gm) in zip(expected, sorted(got)):
        assert (gl, gc) == (line, col) and text in gm
    assert result.model(lenient=False) is None


def test_a_value_that_is_no_number_is_a_warning_and_unknown():
    """FTE 'one' is not a structural fault: named FILE:LINE:COLUMN as a warning, the FTE unknown."""
    result = _imp(FIX / "bad" / "values-senior.csv", lenient=True)
    assert [(w.line, w.column, w.message) for w in result.warnings] == [
        (2, 13, "FTE 'one' is not a number: taken as unknown")
    ]
    post = result.file.structures[0].post("A")
    assert post.pay.fte is None and "FTE 'one' is not a number" in post.note


def test_junior_rows_under_unknown_or_eliminated_post():
    result = _imp(FIX / "bad" / "juniors-senior.csv")
    got = sorted((p.file, p.line, p.column, p.message) for p in result.problems)
    assert [(g[1], g[2]) for g in got] == [(3, 4), (4, 4)]
    assert "Eliminated" in got[0][3] and "'Z9' is no senior post" in got[1][3]


def test_lenient_loop_broken_at_named_post():
    result = _imp(FIX / "bad" / "loop-senior.csv", lenient=True)
    st = result.file.structures[0]
    assert st.post("B").line_manager is None and st.post("C").line_manager.post == "B"
    assert any("loop broken at post 'B'" in n for n in result.notes)


def test_header_spelling_variants(tmp_path):
    senior = (FIX / "organogram" / "example2011-2011-03-31-senior.csv").read_bytes().decode("utf-8-sig")
    senior = senior.replace("Actual Pay Floor (£)", "Actual Pay Floor (GBP)").replace(
        "Post Unique Reference", "post unique reference"
    )
    (tmp_path / "v-2011-03-31-senior.csv").write_text(senior)
    (tmp_path / "v-2011-03-31-junior.csv").write_text(
        "Parent Department,Organisation,Unit,Reporting Senior Post,Grade,Pay Scale Minimum (£),Pay Scale Maximum (£),"
        "Generic Job Title,Number of Posts (FTE),Professional/Occupational Group\nD,O,U,2,EO,100,200,Officer,3,P\n"
    )
    result = import_file(tmp_path / "v-2011-03-31-senior.csv", "v")
    assert result.problems == []
    st = result.file.structures[0]
    assert st.post("1").pay.salary_min == 150000
    assert [(g.grade, g.fte, g.salary_min, g.salary_max) for g in st.post("2").grade_groups] == [("EO", 3, 100, 200)]


def test_two_returns_of_one_body_at_one_date_are_one_snapshot(tmp_path):
    """A department files one return per part (the Ministry of Defence's HOCS, DES and Army returns of
    September 2013 are each 'Ministry of Defence'): one snapshot holding both, never a restructure;
    the same post in both is a clear error."""
    header = (FIX / "organogram" / "example2011-2011-03-31-senior.csv").read_text(encoding="utf-8-sig").splitlines()[0]

    def part(name: str, refs: tuple[str, str]) -> Path:
        top, below = refs
        path = tmp_path / f"{name}-2011-03-31-senior.csv"
        path.write_text(
            f"{header}\n"
            f"{top},A Person,SCS3,Chief {name},F,Department for Examples,Example Agency,Office,N/A,N/A,XX,N/A,1,1,2,N/A,P,,1\n"
            f"{below},N/D,SCS2,Director {name},F,Department for Examples,Example Agency,Office,N/A,N/A,{top},N/A,1,1,2,N/A,P,,1\n"
        )
        return path

    a, b = part("a", ("A1", "A2")), part("b", ("B1", "B2"))
    result = import_paths([a, b])
    assert result.problems == []
    [sf] = result.files
    [st] = sf.structures
    assert st.supersedes is None and sorted(p.key for p in st.posts) == ["A1", "A2", "B1", "B2"]
    assert st.post("B2").line_manager.post == "B1"
    clash = import_paths([a, part("c", ("C1", "A2"))])
    [problem] = clash.problems
    assert "both files hold post 'A2'" in problem.message and clash.files == []
