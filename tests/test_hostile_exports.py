"""Issue 25, finding 4: CSV meant for people is safe to open in a spreadsheet, and reads back
unchanged. A title like `=HYPERLINK("http://…","x")`, `+cmd|' /C calc'!A0` or `=1+1` went out as it
was in the LGA and organogram exports, `--format csv` and the dashboard's downloads."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
import yaml

from remit.formats.spreadsheet import TRIGGERS, neutralise, raw_cells, restore
from remit.loader import read_files

from .hostile_data import FORMULAS, formula_file


def _remit(*argv: str) -> subprocess.CompletedProcess:
    done = subprocess.run(["remit", *argv], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _formula_like(cell: str) -> bool:
    """What a spreadsheet would run: a cell beginning with a trigger that is not a plain number."""
    try:
        float(cell)
        return False
    except ValueError:
        return cell.startswith(TRIGGERS)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("formulas")
    formula_file(folder)
    return folder


@pytest.fixture(scope="module")
def original(data) -> list[str]:
    """The titles as the structure file gives them (the loader trims a leading tab or CR)."""
    return [p.title for p in read_files([data]).files[0].structures[0].posts]


@pytest.mark.parametrize("fmt", ["lga", "organogram"])
def test_exports_for_people_neutralise_formulas_and_read_back_unchanged(data, original, tmp_path, fmt):
    out = tmp_path / f"formulashire-{fmt}-senior.csv"
    _remit("export", "formulashire-2024", "--data", str(data), "--format", fmt, "--out", str(out))
    for written in tmp_path.glob("*.csv"):
        rows = _cells(written.read_text(encoding="utf-8"))
        assert not [c for r in rows for c in r if _formula_like(c)], written.name
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text and "'+cmd|" in text and "''=already quoted" in text
    assert ",-5," in text  # a number is a number
    # round trip: `remit import` strips exactly the quote the export added
    # the file's name holds no date (an organogram's date is in its name): the structure's, as README says
    _remit("import", str(out), "--out", str(tmp_path / "yaml"), "--lenient", "--date", "2024-01-01")
    (imported,) = (tmp_path / "yaml").glob("*.yaml")
    doc = yaml.safe_load(imported.read_text(encoding="utf-8"))
    posts = doc["structures"][0]["posts"]
    assert sorted(p["title"] for p in posts) == sorted(original)
    names = {h.get("name") for p in posts for h in p.get("holders", [])}
    assert set(original[1:]) <= names


def test_raw_csv_writes_cells_as_they_are(data, original, tmp_path):
    out = tmp_path / "raw.csv"
    _remit("export", "formulashire-2024", "--data", str(data), "--format", "lga", "--out", str(out), "--raw-csv")
    titles = {r[4] for r in _cells(out.read_text(encoding="utf-8"))[1:]}
    assert set(original) == titles


def test_format_csv_neutralises_unless_raw(data):
    people = _remit("structures", "--data", str(data), "--format", "csv").stdout
    assert _cells(people)[1][2] == "'=1+1 label"
    raw = _remit("structures", "--data", str(data), "--format", "csv", "--raw-csv").stdout
    assert _cells(raw)[1][2] == "=1+1 label"
    assert '"=1+1 label"' in _remit("structures", "--data", str(data), "--format", "json").stdout  # JSON is data


SAMPLES = [*FORMULAS, "", "x", "-5", "-1.5", "+3", "1e5", "'", "'x", "'=x", "''=x", "'-", "-", "=", "\t", "é=x", " =x"]


@pytest.mark.parametrize("text", SAMPLES)
def test_neutralise_then_restore_is_the_identity(text):
    shown = neutralise(text)
    assert not _formula_like(shown) or text in ("+3",)
    assert restore(shown) == text
    with raw_cells():
        assert neutralise(text) == text


def test_a_quote_typed_to_mark_text_is_read_as_the_spreadsheet_reads_it():
    assert restore("'=A1") == "=A1" and restore("'x") == "'x" and restore("O'Brien") == "O'Brien"
