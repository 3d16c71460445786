"""Whatever `remit import` writes, `remit validate` accepts (issue 22): over every real file in
../shared/data, every fixture, and generated returns of the kinds real archives hold -- long
names, every row bad, placeholders in any quoting, zero-padded references.

Each written file is validated beside a copy of the CSV files it came from, so every quote is
also checked against the file's own text. A placeholder never becomes a holder's name."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remit.cli.main import main
from remit.formats.lga import COLUMNS as LGA_COLUMNS
from remit.formats.organogram import JUNIOR_COLUMNS, SENIOR_COLUMNS
from remit.formats.values import placeholder
from remit.loader import read_files

FIX = Path(__file__).parent / "fixtures" / "import"
# The published columns, as the formats' writers name them (the readers accept them and variants).
SENIOR = list(SENIOR_COLUMNS)
JUNIOR = list(JUNIOR_COLUMNS)
LGA = list(LGA_COLUMNS)


def import_then_validate(inputs: list[Path], *extra: str) -> dict[str, int]:
    """Import (strict and lenient) into folders holding copies of the inputs; validate what is written.
    Returns each mode's exit code; fails when a written file is refused or names a placeholder."""
    codes = {}
    for mode in ("strict", "lenient"):
        with tempfile.TemporaryDirectory() as d:
            out = Path(d)
            for path in inputs:
                shutil.copy(path, out / path.name)
            args = ["import", *(str(out / p.name) for p in inputs), "--out", str(out / "written"), *extra]
            code = main(args + (["--lenient"] if mode == "lenient" else []))
            written = sorted((out / "written").glob("*.yaml")) if (out / "written").exists() else []
            assert code in (0, 2), (mode, code)
            assert bool(written) == (code == 0), (mode, code, written)
            for yaml_file in written:
                shutil.copy(yaml_file, out / yaml_file.name)
                assert main(["validate", str(out / yaml_file.name)]) == 0, (mode, yaml_file.read_text()[:2000])
                for sf in read_files([out / yaml_file.name]).files:
                    for structure in sf.structures:
                        assert structure.posts
                        for post in structure.posts:
                            for holder in post.holders:
                                assert holder.name is None or placeholder(holder.name) is None, holder.name
            codes[mode] = code
    return codes


REAL = [
    "organograms/animal_health_and_veterinary_laboratories_agency-2011-03-31-senior.csv",
    "organograms/animal_health_and_veterinary_laboratories_agency-2011-09-30-senior.csv",
    "organograms/130930-HMIC-Organogram-Data-senior.csv",
    "organograms-as-filed/20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv",
]


@pytest.mark.parametrize("name", REAL)
def test_every_real_return_imports_and_what_is_written_validates(shared_data, name):
    senior = shared_data / name
    junior = senior.with_name(senior.name.replace("senior", "junior"))
    codes = import_then_validate([senior, junior], "--date", "2013-09-30")
    assert codes["lenient"] == 0


FIXTURES = sorted(p for p in FIX.rglob("*.csv") if "junior" not in p.name)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_imports_and_what_is_written_validates(path):
    junior = path.with_name(path.name.replace("senior", "junior"))
    inputs = [path] + ([junior] if junior != path and junior.exists() else [])
    import_then_validate(inputs, "--date", "2020-03-31")


# -- generated returns ------------------------------------------------------------------------------
def _quoted(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.upper(), word.lower(), f'"{word}"', f"'{word}'", f"{word}'", f" {word} "])


PLACEHOLDER_NAMES = st.one_of(
    *(_quoted(w) for w in ("Eliminated", "Vacant", "N/D", "ND", "N/A", "NA", "Not disclosed")),
    st.sampled_from(["Alex Example", "Sam Sample", "", "O'Neill, Pat"]),
)
WORDS = st.text(alphabet="abcdefghij klmnop-&'", min_size=1, max_size=260).filter(lambda t: t.strip(" -&'"))
LONG = st.one_of(WORDS, WORDS.map(lambda t: (t.strip() + " Directorate of Examples ") * 6))
PAY = st.sampled_from(["£70,000", "70000", "N/D", "N/A", "Agency", "Interim", "lots", "", "-5"])


@st.composite
def organogram(draw) -> tuple[str, str]:
    """A senior and a junior file: a tree of posts, references written as padded or cased variants."""
    n = draw(st.integers(1, 8))
    refs = [f"{draw(st.sampled_from(['', 'P', 'ab']))}{i + 1}" for i in range(n)]
    org = draw(st.one_of(LONG, st.just("Example Agency")))
    unit = draw(st.one_of(LONG, st.just("Office")))
    all_bad = draw(st.booleans()) and draw(st.booleans())
    rows = []
    for i, ref in enumerate(refs):
        boss = "XX" if i == 0 else refs[draw(st.integers(0, i - 1))]
        boss = draw(st.sampled_from([boss, boss.lower(), f"000{boss}", f" {boss} "])) if boss != "XX" else boss
        rows.append(
            [
                ref,
                draw(PLACEHOLDER_NAMES),
                "SCS1",
                draw(st.one_of(st.just(f"Director {i}"), LONG, st.just(""))),
                "F",
                "Department for Examples",
                org,
                unit,
                "N/A",
                "N/A",
                "" if all_bad else boss,
                "N/A",
                draw(st.sampled_from(["1", "0.5", "N/D", "one"])),
                draw(PAY),
                draw(PAY),
                "N/A",
                "Policy",
                "",
                "1",
            ]
        )
    juniors = [
        [
            "Department for Examples",
            org,
            unit,
            draw(st.sampled_from([r, f"00{r}", r.upper()])),
            draw(st.sampled_from(["EO", "", "N/D"])),
            draw(PAY),
            draw(PAY),
            "Officer",
            draw(st.sampled_from(["2", "0.5", "N/A"])),
            "Policy",
            "1",
        ]
        for r in draw(st.lists(st.sampled_from(refs), max_size=4))
    ]
    return _csv(SENIOR, rows), _csv(JUNIOR, juniors)


@st.composite
def lga_chart(draw) -> str:
    council = draw(st.one_of(LONG, st.just("Kirklees Council")))
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        level = 1 if i == 0 else draw(st.integers(2, 3))
        rows.append(
            [
                council,
                "",
                draw(st.sampled_from(["2024-04-01", "", "01/04/2024"])),
                draw(st.sampled_from([str(level), str(level), "two"])),
                draw(st.one_of(st.just(f"Director {i}"), st.just("Chief Executive"), LONG, st.just(""))),
                draw(PLACEHOLDER_NAMES),
                "G",
                draw(st.one_of(st.just("Place"), LONG)),
                draw(st.sampled_from(["", "Highways", "NA"])),
                draw(st.sampled_from(["Permanent", "Interim", "NA", ""])),
                "NA",
                "NA",
                draw(st.sampled_from(["140000 - 145000", "Agency", "NA", "N/A", "Not applicable", "£140,000", "lots"])),
                draw(st.sampled_from(["145000", "NA", "£145,000", "lots"])),
                draw(st.sampled_from(["Vacant", "NA", "", "'Vacant'"])),
                "NA",
            ]
        )
    return _csv(LGA, rows)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.timeout(600)
@SETTINGS
@given(organogram(), st.booleans())
def test_generated_returns_import_into_what_validate_accepts(files, dated):
    senior, junior = files
    with tempfile.TemporaryDirectory() as d:
        name = "gen-2013-09-30" if dated else "gen-undated"
        (Path(d) / f"{name}-senior.csv").write_text(senior, encoding="utf-8")
        (Path(d) / f"{name}-junior.csv").write_text(junior, encoding="utf-8")
        codes = import_then_validate([Path(d) / f"{name}-senior.csv", Path(d) / f"{name}-junior.csv"])
        if not dated:
            assert codes == {"strict": 2, "lenient": 2}  # no date anywhere: nothing written, asks for --date


@pytest.mark.timeout(600)
@SETTINGS
@given(lga_chart())
def test_generated_charts_import_into_what_validate_accepts(chart):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "chart.csv"
        path.write_text(chart, encoding="utf-8")
        import_then_validate([path], "--date", "2024-04-01")
