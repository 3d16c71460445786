"""The command line's contract: every command has help and a README mention; formats; exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from remit.cli.main import build_parser, command_names, main

from .conftest import ROOT

DESIGNED = {"load", "validate", "structures", "questions", "ask", "check", "diff", "dashboard"}


def test_every_designed_command_exists():
    assert set(command_names()) >= DESIGNED


@pytest.mark.parametrize("command", sorted(DESIGNED))
def test_command_has_help_and_readme_mention(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"remit {command}" in out and len(out.splitlines()) > 3
    assert f"remit {command}" in (ROOT / "README.md").read_text()
    func = build_parser().parse_args([command] + _required_args(command)).func
    assert func.__doc__, f"{command} has no docstring for its help"


def _required_args(command: str) -> list[str]:
    return {"validate": ["x"], "ask": ["q"]}.get(command, [])


def test_structures_formats(capsys):
    assert main(["structures", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["command"] == "structures" and "barnet-2015-04" in {r["structure"] for r in doc["rows"]}
    assert main(["structures", "--council", "harrow", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # Issue 21: the 30 March 2023 proposal is a structure of its own (H23 151 "proposes the creation of a new post").
    assert {r["structure"] for r in rows} == {
        "harrow-2015-before",
        "harrow-2015-after",
        "harrow-2023",
        "harrow-2023-03-proposed",
    }


def test_load_memory_prints_counts(capsys):
    assert main(["load", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    by_id = {r["structure"]: r for r in doc["rows"]}
    assert by_id["barnet-2014-06"]["Post"] == 19


def test_usage_errors_exit_2_without_traceback():
    for args in (
        ["ask", "statutory-holders"],
        ["ask", "no-such-question", "--structure", "barnet-2015-04"],
        ["structures", "--format", "xml"],
        ["ask", "statutory-holders", "--structure", "nope"],
        ["ask", "statutory-holders", "--council", "harrow", "--as-of", "15/01/2023"],
    ):
        proc = subprocess.run([sys.executable, "-m", "remit.cli", *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.strip(), args


def test_as_of_picks_latest_existing_structure(capsys):
    from remit.queries.backend import MemoryBackend
    from remit.queries.structures import UsageError, resolve

    b = MemoryBackend.from_paths()
    assert resolve(b, council="harrow", as_of="2023-01-15") == ("harrow-2023", "2023-01-15")
    assert resolve(b, council="harrow", as_of="2016-01-01") == ("harrow-2015-before", "2016-01-01")
    with pytest.raises(UsageError):
        resolve(b, council="harrow", as_of="2010-01-01")


def test_readme_tables_are_current():
    """README's command and catalogue tables are generated; regenerate with `python -m remit.cli.reference`."""
    from remit.cli.reference import README, update

    text = README.read_text(encoding="utf-8")
    assert update(text) == text, "README.md tables are stale: run `python -m remit.cli.reference`"


def test_every_question_is_in_readme():
    from remit.queries.catalogue import public_questions

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for q in public_questions():
        assert f"`{q.id}`" in text, q.id
