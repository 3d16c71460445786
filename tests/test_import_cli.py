"""`remit import` end to end through the CLI, and the imported council through load, ask, check, diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.loader.formats import read_yaml_structure

FIX = Path(__file__).parent / "fixtures" / "import"
LGA = FIX / "lga"
CE = "chief-executive"
DCS = "strategic-director-for-children-s-services-director-of-children-s-services"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("imported")
    assert main(["import", str(LGA), "--out", str(out)]) == 0
    return out


def test_import_writes_a_valid_reviewable_file(imported):
    sf, problems = read_yaml_structure(imported / "kirklees.yaml", "kirklees.yaml")
    assert problems == []
    text = (imported / "kirklees.yaml").read_text()
    assert "inferred: true" in text and "rule: Level 2 post reports to the only Level 1 post" in text
    st = next(s for s in sf.structures if s.id == "kirklees-2025-04-01")
    assert st.supersedes == "kirklees-2024-04-01"
    assert st.post(DCS).line_manager.evidence.inferred


def test_import_strict_exit_2_nothing_written(tmp_path, capsys):
    code = main(["import", str(FIX / "bad" / "lga-bad-values.csv"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and not (tmp_path / "o").exists()
    assert "lga-bad-values.csv:3:4: Level 'two'" in err and "2 problem(s); nothing was written" in err
    assert "lga-bad-values.csv:5:13: warning: SalaryBand 'about 150k' is not a band" in err


def test_import_lenient_loads_the_rest_and_counts(tmp_path, capsys):
    code = main(["import", str(FIX / "bad" / "lga-bad-values.csv"), "--out", str(tmp_path), "--lenient"])
    err = capsys.readouterr().err
    assert code == 0 and "2 problem(s); those rows were left out" in err
    sf, problems = read_yaml_structure(tmp_path / "kirklees.yaml", "k")
    assert problems == [] and [p.title for p in sf.structures[0].posts] == [
        "Chief Executive",
        "Director of People",
        "untitled",
    ]
    assert [lo.evidence.row for lo in sf.structures[0].left_out] == [3, 4]


def test_load_reads_csv_directly(capsys):
    assert main(["load", str(LGA), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert {r["structure"] for r in rows} == {"kirklees-2024-04-01", "kirklees-2025-04-01"}


def test_ask_statutory_holders_of_imported_council(capsys):
    assert (
        main(
            [
                "ask",
                "statutory-holders",
                "--data",
                str(LGA / "kirklees-2024-04-01.csv"),
                "--structure",
                "kirklees-2024-04-01",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["rows"]
    got = {r["role"]: (r["post"], r["line_manager"]) for r in rows}
    assert got == {
        "hops": (CE, None),
        "dcs": (DCS, CE),
        "s151": ("service-director-finance-section-151-officer", CE),
        "mo": ("service-director-legal-governance-and-commissioning-monitoring-officer", CE),
        "dass": ("strategic-director-for-adults-and-health-director-of-adult-social-services", CE),
        "dph": (
            "director-of-public-health",
            "strategic-director-for-adults-and-health-director-of-adult-social-services",
        ),
    }


def test_check_flags_the_interim_dcs(imported, capsys):
    code = main(["check", "--data", str(imported), "--structure", "kirklees-2024-04-01", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1  # a flag: the DCS is held on an interim basis (ContractType "Interim")
    rows = json.loads(out)["rows"]
    assert any(
        r["rule"] == "statutory-interim"
        and r["outcome"] == "flag"
        and "Director of Children's Services" in r["reason"]
        and "held interim" in r["reason"]
        for r in rows
    )


def test_diff_keeps_the_chief_executive_across_a_relabelled_directorate(imported, capsys):
    assert main(
        ["diff", "--data", str(imported), "kirklees-2024-04-01", "kirklees-2025-04-01", "--format", "json"]
    ) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    rows = data["rows"]
    posts = [r for r in rows if r["kind"] == "post"]
    assert not any(r["change"] in ("created", "deleted") and r["subject"] == "Chief Executive" for r in posts)
    ce = next(r for r in posts if r["subject"] == "Chief Executive")
    assert "matched by inference: same title" in ce["detail"]
    learning = next(r for r in posts if r["key_before"] == "service-director-learning-and-early-support")
    assert learning["key_after"] == "service-director-learning-inclusion-and-early-support"
    assert "close title in the same directorate" in learning["detail"]
    assert {(r["change"], r["subject"]) for r in posts if r["change"] in ("created", "deleted")} == {
        ("created", "Head of Policy and Partnerships"),
        ("deleted", "Head of Strategy"),
    }


def test_organogram_real_files_lenient_through_cli(shared_data, tmp_path, capsys):
    code = main(["import", str(shared_data / "organograms"), "--out", str(tmp_path), "--lenient"])
    err = capsys.readouterr().err
    assert code == 0 and "3 problem(s)" in err and "eliminated: 5" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "animal-health-and-veterinary-laboratories-agency.yaml",
        "hm-inspectorate-of-constabulary.yaml",
    ]
    sf, problems = read_yaml_structure(tmp_path / "hm-inspectorate-of-constabulary.yaml", "hmic.yaml")
    assert problems == [] and len(sf.structures[0].posts) == 13
    # the HMIC rows hold quoted fields over several lines: the quote is the row's own text, verbatim
    raw = (shared_data / "organograms" / "130930-HMIC-Organogram-Data-senior.csv").read_text(encoding="utf-8")
    assert all(p.evidence.quote in raw for p in sf.structures[0].posts)


def test_diff_says_when_a_changed_line_was_inferred(tmp_path, capsys):
    before = (LGA / "kirklees-2024-04-01.csv").read_text()
    # 2025: Highways moves from Place to Corporate Resources, where two Level 2 posts leave its line unknown
    after = before.replace("2024-04-01", "2025-04-01").replace(
        "Service Director - Highways,Max Sample,SD2,Place,",
        "Service Director - Highways,Max Sample,SD2,Corporate Resources,",
    )
    (tmp_path / "k-2024.csv").write_text(before)
    (tmp_path / "k-2025.csv").write_text(after)
    assert main(
        ["diff", "--data", str(tmp_path), "kirklees-2024-04-01", "kirklees-2025-04-01", "--format", "json"]
    ) in (0, 1)
    rows = json.loads(capsys.readouterr().out)["rows"]
    [lost] = [r for r in rows if r["kind"] == "line management"]
    # Issue 21: the after chart leaves the line unknown: not stated, not "lost".
    assert lost["change"] == "line manager not stated after" and lost["subject"] == "Service Director - Highways"
    assert "before: line inferred (reports to the only post one Level up in the same Directorate)" in lost["detail"]


def test_import_with_overlay_through_cli(tmp_path, capsys):
    overlay = tmp_path / "constitution.yaml"
    overlay.write_text(
        "overlay: remit-overlay/1\nstructure: kirklees-2024-04-01\n"
        "sources: [{id: constitution, title: Constitution, file: constitution.txt}]\n"
        "holders:\n  - {post: strategic-director-place, name: A Person, basis: interim,"
        " source: constitution, quote: A Person is appointed interim Strategic Director}\n"
    )
    assert (
        main(["import", str(LGA / "kirklees-2024-04-01.csv"), "--out", str(tmp_path / "o"), "--overlay", str(overlay)])
        == 0
    )
    assert "post 'strategic-director-place': holder 'A Person' stated" in capsys.readouterr().err
    sf, problems = read_yaml_structure(tmp_path / "o" / "kirklees.yaml", "k")
    [holder] = sf.structures[0].post("strategic-director-place").holders
    assert (holder.name, holder.basis, holder.evidence.source, holder.evidence.inferred) == (
        "A Person",
        "interim",
        "constitution",
        False,
    )


def test_eliminated_posts_listed_in_the_written_file(shared_data, tmp_path):
    assert (
        main(
            [
                "import",
                str(shared_data / "organograms" / "130930-HMIC-Organogram-Data-senior.csv"),
                "--out",
                str(tmp_path),
                "--lenient",
            ]
        )
        == 0
    )
    head = [
        ln for ln in (tmp_path / "hm-inspectorate-of-constabulary.yaml").read_text().splitlines() if ln.startswith("#")
    ]
    left_out = [ln for ln in head if "marked Eliminated: left out" in ln]
    assert [ln.split("post '")[1].split("'")[0] for ln in left_out] == [
        "1HMIC08",
        "1HMIC02",
        "2HMIC02",
        "1HMIC05",
        "1HMIC06",
    ]


def test_quotes_are_the_rows_verbatim_and_validate_checks_them(tmp_path, capsys):
    """Written next to its CSV, the imported file's every quote is found in the CSV by `remit validate`."""
    csv_copy = tmp_path / "kirklees-2024-04-01.csv"
    csv_copy.write_bytes((LGA / "kirklees-2024-04-01.csv").read_bytes())
    assert main(["import", str(csv_copy), "--out", str(tmp_path)]) == 0
    assert main(["validate", str(tmp_path / "kirklees.yaml")]) == 0
    yaml_file = tmp_path / "kirklees.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("Sam Sample", "Sam Changed", 1))
    capsys.readouterr()
    assert main(["validate", str(yaml_file)]) == 2
    assert "quote not found in kirklees-2024-04-01.csv" in capsys.readouterr().err


def test_junior_headcount_and_cost_roll_up_in_the_diff(shared_data, tmp_path, capsys):
    import csv

    names = [f"animal_health_and_veterinary_laboratories_agency-{d}-senior.csv" for d in ("2011-03-31", "2011-09-30")]
    assert main(["import", *[str(shared_data / "organograms" / n) for n in names], "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(
        [
            "diff",
            "--data",
            str(tmp_path),
            "animal-health-and-veterinary-laboratories-agency-2011-03-31",
            "animal-health-and-veterinary-laboratories-agency-2011-09-30",
            "--format",
            "json",
        ]
    ) in (0, 1)
    metrics = {m["metric"]: m for m in json.loads(capsys.readouterr().out)["cost"]["metrics"]}

    def junior(date: str, col: str | None) -> float:
        path = shared_data / "organograms" / f"animal_health_and_veterinary_laboratories_agency-{date}-junior.csv"
        with open(path, encoding="utf-8", newline="") as fh:
            return sum(float(r["Number of Posts in FTE"]) * (float(r[col]) if col else 1.0) for r in csv.DictReader(fh))

    assert metrics["junior_fte"]["before"] == pytest.approx(junior("2011-03-31", None))
    assert metrics["junior_fte"]["after"] == pytest.approx(junior("2011-09-30", None))
    assert metrics["junior_cost_max"]["before"] == pytest.approx(junior("2011-03-31", "Payscale Maximum (£)"), rel=1e-6)


@pytest.mark.parametrize("make", ["missing", "empty-folder", "junior-alone", "not-a-chart"])
def test_import_usage_problems_exit_2(tmp_path, capsys, make):
    target = tmp_path / "x"
    if make == "empty-folder":
        target.mkdir()
    elif make == "junior-alone":
        target = tmp_path / "a-junior.csv"
        target.write_bytes((FIX / "organogram" / "example-2020-03-31-junior.csv").read_bytes())
    elif make == "not-a-chart":
        target = tmp_path / "people.csv"
        target.write_text("name,age\nAl,3\n")
    assert main(["import", str(target), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(target) in err and not (tmp_path / "out").exists()


# -- messages that help (issue 22) ------------------------------------------------------------------
def test_a_file_of_another_format_than_asked_says_which(tmp_path, capsys):
    senior = FIX / "organogram" / "example-2020-03-31-senior.csv"
    assert main(["import", "--format", "lga", str(senior), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"{senior}:1:1: --format lga was asked, but this file is a data.gov.uk organogram return" in err
    assert "use --format organogram" in err and "--lenient" not in err


def test_a_file_of_no_known_format_says_which_columns_were_looked_for(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("name,age\nAl,3\n")
    for command in (
        ["import", str(people), "--out", str(tmp_path / "o")],
        ["validate", str(people)],
        ["load", str(people)],
    ):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{people}:1:1: cannot tell the format from the header: looked for 'OrganisationLabel'" in err
        assert "'Post Unique Reference' and 'Reports to Senior Post'" in err
        # no command advises a flag it does not have: validate and load have no --format of input
        assert "--format" not in err and "--lenient" not in err and "Traceback" not in err


def test_a_remit_structure_file_given_to_import_is_sent_to_validate_or_load(tmp_path, capsys):
    seed = Path(__file__).resolve().parents[1] / "seed" / "barnet.yaml"
    assert main(["import", str(seed), "--out", str(tmp_path / "o")]) == 2
    assert "a Remit structure file (YAML), not a published CSV: it needs no import" in capsys.readouterr().err
