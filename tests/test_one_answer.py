"""One answer everywhere (issue 24): the committee report's tiers, holders, findings and sources
are what the command line says, on every seed structure. The report once put the Director for
Strategy at tier 0 while `remit ask` gave it none, and named every source "Title: not stated".

The command line is run as a user runs it (`remit ask ... --format json`, `remit check`), on the
memory store over seed/; the source titles expected are read from the structure files themselves."""

from __future__ import annotations

import json

import pytest
import yaml

from remit.cli.main import main
from remit.present.report.model import HOLDER_COLUMNS, build_report
from remit.present.report.sections import sections

from .conftest import SEED

STRUCTURES = sorted(s["id"] for f in SEED.glob("*.yaml") for s in yaml.safe_load(f.read_text())["structures"])
FILE_TITLES = {
    src["id"]: src.get("title")
    for f in SEED.glob("*.yaml")
    for src in (yaml.safe_load(f.read_text()).get("sources") or [])
}


def _cli(capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    try:
        rc = main(list(argv))
    except SystemExit as exc:  # argparse's own exits
        rc = int(exc.code or 0)
    return rc, capsys.readouterr().out


def _ask(capsys, question: str, structure: str) -> list[dict]:
    rc, out = _cli(capsys, "ask", question, "--structure", structure, "--format", "json", "--data", str(SEED))
    assert rc == 0
    return json.loads(out)["rows"]


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_seed_structure_is_covered():
    assert len(STRUCTURES) >= 10 and "barnet-2015-04" in STRUCTURES


@pytest.mark.parametrize("structure", STRUCTURES)
def test_the_report_says_what_the_command_line_says(memory_backend, capsys, structure):
    report = build_report(memory_backend, structure)

    # Tiers: each post's tier in the report's table of posts is `remit ask span-of-control`'s.
    cli_tiers = {r["title"]: r["tier"] for r in _ask(capsys, "span-of-control", structure)}
    for title, tier in cli_tiers.items():
        rows = [r for r in report.posts if r["Post"] == title or r["Post"].startswith(f"{title} (")]
        assert len(rows) == 1, (title, [r["Post"] for r in report.posts])
        assert rows[0]["Tier"] == tier, (title, rows[0]["Tier"], tier)

    # Holders: the report's statutory roles table is `remit ask statutory-holders`, row for row.
    cli_holders = [{c: r.get(c) for c in HOLDER_COLUMNS} for r in _ask(capsys, "statutory-holders", structure)]
    assert report.holders == cli_holders

    # Findings: every sentence of every card in the report is in `remit check`'s output (the
    # terminal's wrapping aside), and the report has a card for every rule `remit check` lists.
    rc, out = _cli(capsys, "check", "--structure", structure, "--include-pass", "--data", str(SEED))
    assert rc in (0, 1)
    said = _words(out)
    cards = [s for s in sections(report) if s.level == 4]
    assert cards, "the report has no finding cards"
    for card in cards:
        title = card.heading.split(" - ", 1)[1]  # "FLAG - Title (rule-id)"
        assert _words(title) in said, title
        for line in card.paragraphs + card.bullets:
            assert _words(line) in said, line

    # Sources: named by the title the structure file gives them, never "not stated" when it gives one.
    assert report.sources
    for row in report.sources:
        expected = FILE_TITLES.get(row["source"])
        if expected:
            assert row["title"] == expected, row
