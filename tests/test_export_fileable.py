"""A fileable organogram export (issue 22): every column filled as the format asks (N/D where Remit
does not hold the value, Parent Department and Organisation from the council, Salary Cost of Reports
computed from the junior rows), and a strict import of the export gives the same structure.

The returns are data.gov.uk organogram files (../shared/data, Open Government Licence v3.0)."""

from __future__ import annotations

import csv
import io

import pytest

from remit.formats import export, import_file, import_paths
from remit.loader import Dataset
from remit.loader.dates import PartialDate
from remit.loader.memory import graph_from_dataset
from remit.loader.model import Structure
from remit.queries.backend import MemoryBackend

RETURNS = {
    "animal-health-and-veterinary-laboratories-agency-2011-03-31": (
        "organograms/animal_health_and_veterinary_laboratories_agency-2011-03-31-senior.csv"
    ),
    "animal-health-and-veterinary-laboratories-agency-2011-09-30": (
        "organograms/animal_health_and_veterinary_laboratories_agency-2011-09-30-senior.csv"
    ),
    "ministry-of-defence-2013-09-30": "organograms-as-filed/20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv",
}


@pytest.fixture(scope="module")
def imported(shared_data) -> MemoryBackend:
    result = import_paths([shared_data / p for p in RETURNS.values()], lenient=True, date=PartialDate("2013-09-30"))
    data = Dataset(result.files)
    return MemoryBackend(graph_from_dataset(data), data)


def _facts(st: Structure) -> dict[tuple[str, str], dict]:
    """What a return says of each post, keyed by its reference (paid-not-in-post rows by title)."""
    units = {u.key: u.name for u in st.units}
    ident = {p.key: (p.reference or "0", p.title) for p in st.posts}
    return {
        ident[p.key]: {
            "line": ident[p.line_manager.post] if p.line_manager else None,
            "status": p.status,
            "holders": sorted(h.name or "" for h in p.holders),
            "pay": (p.pay.grade, p.pay.salary_min, p.pay.salary_max, p.pay.fte) if p.pay else None,
            "unit": units.get(p.unit.unit) if p.unit else None,
            "top": p.level == 1,
            "juniors": sorted(
                (g.grade or "", g.title or "", g.fte, g.salary_min, g.salary_max) for g in p.grade_groups
            ),
        }
        for p in st.posts
    }


@pytest.mark.parametrize("structure", list(RETURNS))
def test_strict_import_of_the_export_gives_the_same_structure(imported, structure, tmp_path):
    out = export(imported, structure, "organogram")
    senior = tmp_path / "export-2013-09-30-senior.csv"
    senior.write_text(out.main, encoding="utf-8")
    (tmp_path / "export-2013-09-30-junior.csv").write_text(out.junior or "", encoding="utf-8")
    again = import_file(senior, "export.csv")  # strict
    assert again.problems == [], again.problems[:3]
    before = _facts(imported.dataset.structures[structure])
    after = _facts(again.file.structures[0])
    assert after == before


@pytest.mark.parametrize("structure", list(RETURNS))
def test_every_column_is_filled_as_the_format_asks(imported, structure):
    out = export(imported, structure, "organogram")
    council = imported.dataset.council_of(structure).name
    for text in (out.main, out.junior or ""):
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows
        for row in rows:
            empty = [c for c, v in row.items() if c != "Notes" and not (v or "").strip()]
            assert empty == [], (row, empty)
            assert row["Parent Department"] == row["Organisation"] == council
    seniors = list(csv.DictReader(io.StringIO(out.main)))
    assert {r["Contact Phone"] for r in seniors} == {"N/D"} and {r["Total Pay (£)"] for r in seniors} == {"N/D"}


def test_salary_cost_of_reports_is_computed_from_the_junior_rows(shared_data, imported):
    path = shared_data / RETURNS["animal-health-and-veterinary-laboratories-agency-2011-03-31"]
    with open(path.with_name(path.name.replace("senior", "junior")), encoding="utf-8-sig", newline="") as fh:
        junior = list(csv.DictReader(fh))
    out = export(imported, "animal-health-and-veterinary-laboratories-agency-2011-03-31", "organogram")
    seniors = {r["Post Unique Reference"]: r for r in csv.DictReader(io.StringIO(out.main))}
    for ref, row in seniors.items():
        mine = [r for r in junior if r["Reporting Senior Post"] == ref]
        expected = sum(
            float(r["Number of Posts in FTE"])
            * (float(r["Payscale Minimum (£)"]) + float(r["Payscale Maximum (£)"]))
            / 2
            for r in mine
        )
        assert float(row["Salary Cost of Reports (£)"]) == pytest.approx(expected, abs=0.5), ref
        assert ("mid-point" in row["Notes"]) == bool(mine)


def test_a_post_whose_line_is_unknown_is_not_made_a_top_post(imported):
    """HOCS post 110709 reports to itself in the filed return: its line is unknown, written 'N/D', and
    read back as unknown (a warning), never as a second 'XX'."""
    out = export(imported, "ministry-of-defence-2013-09-30", "organogram")
    rows = {r["Post Unique Reference"]: r for r in csv.DictReader(io.StringIO(out.main))}
    assert rows["110709"]["Reports to Senior Post"] == "N/D"
    assert sorted(k for k, r in rows.items() if r["Reports to Senior Post"] == "XX") == ["155792", "5654"]


def test_export_to_a_name_without_a_date_says_how_to_read_it_back(tmp_path, capsys):
    """An organogram return holds no date column: the date is in the file name (or `import --date`).
    Written without one, the export says so; `remit import` of it then asks for --date (exit 2)."""
    from remit.cli.main import main

    out = tmp_path / "barnet-senior.csv"
    assert main(["export", "barnet-2015-04", "--format", "organogram", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "holds no date" in err and "--date" in err
    assert main(["import", str(out), "--out", str(tmp_path / "w")]) == 2
    assert "--date" in capsys.readouterr().err
    assert main(["import", str(out), "--out", str(tmp_path / "w"), "--date", "2015-04-30"]) == 0
    dated = tmp_path / "barnet-2015-04-30-senior.csv"
    assert main(["export", "barnet-2015-04", "--format", "organogram", "--out", str(dated)]) == 0
    assert "holds no date" not in capsys.readouterr().err
