"""Returns as departments filed them, read as a careful analyst reads them (issue 22).

The HOCS return of September 2013 (../shared/data/organograms-as-filed, Open Government Licence
v3.0, from datagovuk/organograms) shows a leading index column, cells over several lines,
"Reports to" references padded with zeros ("00005654" for post "5654"), a post reporting to
itself and no date in its file name. Expected values are read off the file in each test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.formats import import_file, import_paths
from remit.loader.dates import PartialDate
from remit.loader.formats import read_yaml_structure
from remit.loader.schema import MAX_ID

FIX = Path(__file__).parent / "fixtures" / "import"
HOCS = "organograms-as-filed/20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def hocs(shared_data):
    result = import_paths([shared_data / HOCS], lenient=True, date=PartialDate("2013-09-30"))
    [sf] = result.files
    return result, sf.structures[0]


def test_hocs_without_a_date_exits_2_asking_for_date(shared_data, tmp_path, capsys):
    assert main(["import", str(shared_data / HOCS), "--out", str(tmp_path / "o"), "--lenient"]) == 2
    err = capsys.readouterr().err
    assert f"{shared_data / HOCS}:1:1: no date for this file" in err and "--date YYYY-MM-DD" in err
    assert "remit: nothing to write" in err and not (tmp_path / "o").exists()


def test_hocs_dated_by_the_flag(hocs):
    _, st = hocs
    assert str(st.effective) == "2013-09-30" and st.id == "ministry-of-defence-2013-09-30"


def test_hocs_index_column_is_not_a_reference(shared_data, hocs):
    _, st = hocs
    rows = _rows(shared_data / HOCS)
    # the unnamed first column is 0, 1, 2...; the posts are keyed by Post Unique Reference
    assert rows[0][""] == "0" and rows[0]["Post Unique Reference"] == "155792"
    assert st.post("155792").title == rows[0]["Job Title"] == "Chief of the Defence Staff"
    assert st.post("0") is None


def test_hocs_padded_references_are_matched_and_marked_inferred(shared_data, hocs):
    result, st = hocs
    rows = {r["Post Unique Reference"]: r for r in _rows(shared_data / HOCS)}
    # "2,203349,...,00005654": the Secretary of State's Chief of Staff reports to post 5654
    assert rows["203349"]["Reports to Senior Post"] == "00005654"
    line = st.post("203349").line_manager
    assert line.post == "5654" and line.evidence.inferred
    assert line.evidence.rule == "Reports to Senior Post '00005654' matched post '5654' only with leading zeros ignored"
    # every padded line whose post is kept is connected: none is left unknown for want of the zeros
    padded = [ref for ref, r in rows.items() if r["Reports to Senior Post"].startswith("00") and st.post(ref)]
    assert padded and all(st.post(ref).line_manager is not None for ref in padded if ref != "110709")
    assert result.counts["lines matched without leading zeros"] >= len(padded) - 1
    # a line written exactly as the reference is stated, not inferred
    assert rows["105230"]["Reports to Senior Post"] == "00105227"
    assert rows["105227"]["Reports to Senior Post"] == "00005654"


def test_hocs_cells_over_several_lines_keep_the_row_verbatim(shared_data, hocs):
    _, st = hocs
    raw = (shared_data / HOCS).read_text(encoding="utf-8")
    post = st.post("105230")  # the row starts on line 12 and its Job/Team Function runs onto line 13
    assert post.evidence.row == 12 and "\n" in post.evidence.quote and post.evidence.quote in raw.replace("\r", "")


def test_hocs_post_reporting_to_itself(shared_data, tmp_path, capsys):
    strict = import_file(shared_data / HOCS, "hocs.csv", date=PartialDate("2013-09-30"))
    assert ("hocs.csv", 197, 12, "post '110709' reports to itself ('110709')") in [
        (p.file, p.line, p.column, p.message) for p in strict.problems
    ]
    assert strict.model(lenient=False) is None
    lenient = import_file(shared_data / HOCS, "hocs.csv", lenient=True, date=PartialDate("2013-09-30"))
    st = lenient.file.structures[0]
    assert st.post("110709").line_manager is None
    [left] = [lo for lo in st.left_out if "110709" in lo.reason and "itself" in lo.reason]
    assert left.evidence.row == 197 and left.evidence.quote.startswith("157,110709,AVM Ross Paterson")


def test_hocs_eliminated_rows_are_left_out_counted_and_listed(shared_data, hocs):
    result, st = hocs
    eliminated = [r["Post Unique Reference"] for r in _rows(shared_data / HOCS) if r["Name"] == "Eliminated"]
    assert result.counts["eliminated"] == len(eliminated) == 6
    assert all(st.post(ref) is None for ref in eliminated)
    listed = [lo for lo in st.left_out if "marked Eliminated" in lo.reason]
    assert sorted(lo.reason.split("'")[1] for lo in listed) == sorted(eliminated)


def test_hocs_junior_rows_reach_their_posts(shared_data, hocs):
    _, st = hocs
    junior = _rows(shared_data / HOCS.replace("senior", "junior"))
    under_5654 = sum(float(r["Number of Posts in FTE"]) for r in junior if r["Reporting Senior Post"] == "5654")
    assert sum(g.fte for g in st.post("5654").grade_groups) == pytest.approx(under_5654)


# -- placeholders by meaning -------------------------------------------------------------------------
PLACEHOLDERS = FIX / "organogram" / "placeholders-2013-09-30-senior.csv"


def test_placeholders_in_any_quoting_never_become_people():
    result = import_file(PLACEHOLDERS, "p.csv")
    assert result.problems == []
    st = result.file.structures[0]
    # E1..E5: Eliminated, "Eliminated", 'Eliminated', Eliminated', ELIMINATED. -- left out and counted
    assert result.counts["eliminated"] == 5 and all(st.post(k) is None for k in ("E1", "E2", "E3", "E4", "E5"))
    # V1, V2: Vacant, 'VACANT' -- vacant, nobody holds them
    assert [(st.post(k).status, st.post(k).holders) for k in ("V1", "V2")] == [("vacant", [])] * 2
    # D1..D4: N/D, N/D', ND, not disclosed -- held by someone not named
    for key in ("D1", "D2", "D3", "D4"):
        post = st.post(key)
        assert post.status == "filled" and [h.name for h in post.holders] == [None], key
    # N1, N2: N/A, NA -- nothing said about a holder
    assert [(st.post(k).status, st.post(k).holders) for k in ("N1", "N2")] == [(None, [])] * 2
    names = {h.name for p in st.posts for h in p.holders}
    assert names == {"Pat Top", None}


def test_a_line_to_an_eliminated_post_is_unknown_with_a_note():
    result = import_file(PLACEHOLDERS, "p.csv")
    post = result.file.structures[0].post("U1")  # reports to E3, 'Eliminated'
    assert post.line_manager is None
    assert "line manager of post 'U1' unknown: it reports to 'E3', a post marked Eliminated (line 5)" in post.note
    assert [(w.line, w.column) for w in result.warnings] == [(16, 11)]
    left = [lo for lo in result.file.structures[0].left_out if lo.reason.startswith("the line of post 'U1'")]
    assert [lo.evidence.row for lo in left] == [16]


# -- ids that always load -----------------------------------------------------------------------------
def test_long_names_give_short_stable_ids_with_the_original_kept(tmp_path):
    org = "The Commission for Equality and Human Rights (known as the Equality and Human Rights Commission)" * 2
    unit = "Head Office - National Operations - Operational Delivery and Regulatory Support Directorate" * 2
    text = PLACEHOLDERS.read_text(encoding="utf-8").replace("Placeholder Agency", org).replace("Office", unit)
    path = tmp_path / ("Government-staff-and-salary-data-blank-template---September-2013-FINAL-" * 2 + "senior.csv")
    path.write_text(text, encoding="utf-8")
    first = import_file(path, "long.csv", date=PartialDate("2013-09-30"))
    again = import_file(path, "long.csv", date=PartialDate("2013-09-30"))
    sf = first.file
    st = sf.structures[0]
    ids = [sf.council.id, st.id, *(s.id for s in sf.sources), *(u.key for u in st.units)]
    assert all(len(i) <= MAX_ID for i in ids), [len(i) for i in ids]
    assert ids == [again.file.council.id, again.file.structures[0].id, *(s.id for s in again.file.sources)] + [
        u.key for u in again.file.structures[0].units
    ]
    assert st.id.startswith("the-commission-for-equality") and st.id.endswith("-2013-09-30")
    assert sf.council.name == org.strip() and st.units[0].name == unit.strip()
    assert sf.sources[0].file == path.name


def test_no_usable_row_exits_2_with_the_reason(tmp_path, capsys):
    text = PLACEHOLDERS.read_text(encoding="utf-8").splitlines()
    gone = [text[0]] + [line for line in text[1:] if line.startswith("E")]
    path = tmp_path / "gone-2013-09-30-senior.csv"
    path.write_text("\n".join(gone) + "\n", encoding="utf-8")
    for flags in ([], ["--lenient"]):
        assert main(["import", str(path), "--out", str(tmp_path / "o"), *flags]) == 2
        err = capsys.readouterr().err
        assert f"{path}:1:1: no usable row: all 5 rows were left out (5 marked Eliminated)" in err
        assert not (tmp_path / "o").exists()


def test_lenient_import_records_left_out_rows_in_the_written_file(shared_data, tmp_path):
    assert main(["import", str(shared_data / HOCS), "--date", "2013-09-30", "--lenient", "--out", str(tmp_path)]) == 0
    sf, problems = read_yaml_structure(tmp_path / "ministry-of-defence.yaml", "mod.yaml")
    assert problems == []
    st = sf.structures[0]
    # the three rows repeating a reference with another Job Title (lines 90, 93, 142) are listed
    repeats = {lo.evidence.row: lo for lo in st.left_out if "repeats line" in lo.reason}
    assert sorted(repeats) == [90, 93, 142]
    raw = (shared_data / HOCS).read_text(encoding="utf-8").replace("\r", "")
    assert all(lo.evidence.quote in raw for lo in st.left_out)


def test_the_one_post_the_file_puts_at_the_top_is_the_structures_top_post(hocs):
    """'XX' on exactly one row: that post is the most senior, as the file states (the tier rule's second
    source after a Head of Paid Service); HOCS puts two posts at the top, so it names none."""
    st = import_file(PLACEHOLDERS, "p.csv").file.structures[0]
    assert st.top_post.post == "T1" and st.top_post.evidence.row == 2 and not st.top_post.evidence.inferred
    assert st.post("T1").level == 1
    _, hocs_st = hocs
    assert hocs_st.top_post is None
    assert sorted(p.key for p in hocs_st.posts if p.level == 1) == ["155792", "5654"]
