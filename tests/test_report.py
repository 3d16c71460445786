"""Tables for people, the restructure story and the committee report (`remit report`), checked
against the Barnet General Functions Committee report of 13 October 2014: 7 posts deleted, 5
created, and salary down by 101,186 ("Change (101,186) (1) (23,779) (124,965")."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from remit.cli.main import main
from remit.diff import diff
from remit.present.report import build_report, render
from remit.present.story import grouped_changes, story
from remit.present.tables import cell, column_label, money, rows_for_people, text_table
from remit.queries.snapshot import snapshot

MINUS = "\u2212"
BARNET_DELETED = {
    "Lead Commissioner (Enterprise and Regeneration)",
    "Lead Commissioner (Family and Community Wellbeing)",
    "Lead Commissioner (Housing and Environment)",
    "Lead Commissioner (Later Life)",
    "Lead Commissioner (Schools, Skills and Learning)",
    "Strategic Director for Communities",
    "Strategic Director for Growth and Environment",
}


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_values_for_people():
    assert money(1969999) == "£1,969,999"
    assert money(-101186) == f"{MINUS}£101,186" and money(5, signed=True) == "+£5"
    assert cell(None) == "not stated" and cell([]) == "none" and cell(True) == "yes"
    assert cell("2015-04-01") == "1 April 2015" and cell(dt.date(2014, 6, 3)) == "3 June 2014"
    assert cell("2014-06") == "2014-06"  # a month is left as written, never guessed into a day
    assert cell(187613, "salary") == "£187,613" and cell(19, "fte") == "19"
    assert cell("chief-executive", "post", {"chief-executive": "Chief Executive"}) == "Chief Executive"
    assert column_label("key_before") == "Key before" and column_label("total_cost") == "Total cost"
    # a statutory role's code as people write it (the Overview's columns once read "Dcs post")
    assert column_label("dcs_post") == "DCS post" and column_label("dass_basis") == "DASS basis"
    heads, rows = rows_for_people(
        [{"metric": "salary", "difference": -101186}, {"metric": "fte", "difference": -3}], ["metric", "difference"]
    )
    assert heads == ["Metric", "Difference"]
    assert [r["Difference"] for r in rows] == [f"{MINUS}£101,186", "-3"]  # money only where the metric is


def test_text_table_fits_the_width():
    rows = [["a" * 80, "b" * 50, "short"]] * 3
    out = text_table(["first", "second", "third"], rows, total=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert out.count("a") == 3 * 80 and out.count("b") == 3 * 50 and "short" in out  # wrapped, nothing cut
    narrow = text_table([f"column {i}" for i in range(12)], [[str(i) * 30 for i in range(12)]], total=40)
    assert max(len(line) for line in narrow.splitlines()) <= 40  # too many columns: one block per row
    assert narrow.splitlines()[0].startswith("column 0:")


def test_cli_table_fits_the_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    assert main(["ask", "statutory-holders", "--structure", "barnet-2015-04"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 70
    assert "not stated" in out and "None" not in out


@pytest.fixture(scope="module")
def barnet_story(memory_backend):
    d = diff(memory_backend, "barnet-2014-06", "barnet-2015-04")
    return story(d, snapshot(memory_backend, "barnet-2014-06"), snapshot(memory_backend, "barnet-2015-04")), d


def test_story_of_the_barnet_restructure(barnet_story):
    s, d = barnet_story
    assert set(s.deleted) == BARNET_DELETED
    assert len(s.created) == 5 and "Strategic Director for Commissioning" in s.created
    # Issue 21: 6.8 creates five officer posts, not the Lead Member, which only the 2014 side does not record.
    assert s.members_created == [] and s.only_after == ["Lead Member for Children's Services"]
    assert s.headline.startswith("7 posts deleted, 5 created, 3 amended, 1 not recorded before")
    assert f"salary {MINUS}£101,186 a year (the document states {MINUS}£101,186)" in s.headline
    roles = {r.role: r for r in s.roles}
    dcs, hops = roles["Director of Children's Services"], roles["Head of Paid Service"]
    assert dcs.before == "no document names the post"  # not "the council had no DCS"
    assert dcs.after == "Commissioning Director (Children and Young People)" and dcs.changed
    assert not hops.changed
    salary = next(c for c in s.cost if c["metric"] == "salary")
    assert salary["stated_change"] == -101186 and "(101,186)" in salary["quote"]
    # Issue 21: B 125's January 2014 line of the delivery units to the Chief Executive is unchanged for Streetscene:
    # no line is lost.
    assert not any("Director of Streetscene" in line for line in s.lines_lost)
    groups = dict(grouped_changes(d.rows))
    # 24 commissioning portfolio functions not recorded before, adult social care moved from the Adults & Communities
    # director (6.8), and the DCS's and DASS's stated responsibility for children's social care, education and adult
    # social care (B 402, B 475: issue 21); the delivery units deliver the same services before and after.
    assert list(groups)[-1] == "Functions" and len(groups["Functions"]) == 28


def test_barnet_report_pdf_has_the_summary_and_every_source(memory_backend):
    report = build_report(memory_backend, "barnet-2015-04", None, "barnet-2014-06")
    data = render(report, "pdf")
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "7 posts deleted, 5 created" in text
    assert "salary -£101,186 a year (the document states -£101,186)" in text  # PDF core fonts: plain minus
    assert "Change (101,186) (1) (23,779) (124,965" in text  # the document's own words
    for title in BARNET_DELETED:
        assert title in text
    assert "Statutory guidance on the roles and responsibilities of the DCS" in text  # findings cite guidance
    assert "barnet-gfc-2014-10-13" in text


def test_report_html_is_static_a4(memory_backend):
    html = render(build_report(memory_backend, "harrow-2023"), "html").decode("utf-8")
    assert "size: A4" in html and "<svg" in html and "<script" not in html.lower()
    assert "Statutory roles and who holds them" in html and "Sources and the words each fact rests on" in html
    snap = snapshot(memory_backend, "harrow-2023")
    for post in snap.posts().values():
        assert (
            post["quote"].replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;")[:40] in html
            or post["quote"][:40] in html
        )


def test_report_marks_the_inferred_s151_holder(memory_backend):
    """Harrow's s151 officer is taken from the report's clearance signature, not designated by any
    sentence (seed/harrow.yaml marks it inferred): the report's holders table must say so."""
    import html as html_lib

    import yaml

    from .conftest import SEED

    seed = yaml.safe_load((SEED / "harrow.yaml").read_text(encoding="utf-8"))
    h2023 = next(s for s in seed["structures"] if s["id"] == "harrow-2023")
    reasons = [
        d["reasoning"]
        for p in h2023["posts"]
        for d in p.get("designations", [])
        if d.get("role") == "s151" and d.get("inferred")
    ]
    assert reasons, "the seed no longer marks Harrow 2023's s151 as inferred"
    page = html_lib.unescape(render(build_report(memory_backend, "harrow-2023"), "html").decode("utf-8"))
    start = page.index("Statutory roles and who holds them")
    table = page[start : page.index("Assurance findings", start)]
    assert reasons[0][:60] in table


def test_remit_report_command(tmp_path, capsys):
    out = tmp_path / "barnet.pdf"
    assert main(["report", "barnet-2015-04", "--compare", "barnet-2014-06", "--out", str(out)]) == 0
    assert "7 posts deleted, 5 created" in _pdf_text(out.read_bytes())
    html = tmp_path / "harrow.html"
    assert main(["report", "--council", "harrow", "--as-of", "2023-06-01", "--out", str(html)]) == 0
    assert "harrow-2023" in html.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["report", "barnet-2015-04", "--out", str(tmp_path / "x.docx")]) == 2
    assert "must end in .pdf or .html" in capsys.readouterr().err
    assert main(["report", "barnet-2015-04", "--compare", "harrow-2023", "--out", str(out)]) == 2
    assert "one council" in capsys.readouterr().err
    assert main(["report", "no-such", "--out", str(out)]) == 2


def test_council_sized_report_lists_every_post(tmp_path):
    """A structure too big to draw whole: the chart opens at three tiers, and every post is in the
    table (set one line a row in the PDF)."""
    from benchmarks.gen_structure import write
    from remit.queries.backend import open_backend

    write(tmp_path / "bigshire.yaml", 400)
    backend = open_backend("memory", [str(tmp_path)])
    report = build_report(backend, "bigshire-2025")
    assert len(report.posts) == 401 and report.hidden > 300  # 400 posts and the trust unit
    assert "+" in report.svg
    text = _pdf_text(render(report, "pdf"))
    assert "Team Leader 103" in text and "Communities Service Manager 6.5" in text  # the last of each kind
