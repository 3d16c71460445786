"""The command line's contract: every command has help and a README mention; formats; exit codes."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from dashboard.cli import COMMANDS, build_parser, main

from .conftest import ROOT

DESIGNED = {"load", "validate", "structures", "questions", "ask", "check", "diff", "dashboard"}


def test_every_designed_command_exists():
    from dashboard import cli_commands  # noqa: F401  (registers the later commands)

    build_parser()
    assert DESIGNED <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(DESIGNED))
def test_command_has_help_and_readme_mention(command, capsys):
    from dashboard import cli_commands  # noqa: F401

    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"remit {command}" in out and len(out.splitlines()) > 3
    assert f"remit {command}" in (ROOT / "README.md").read_text()
    assert COMMANDS[command].__doc__, f"{command} has no docstring for its help"


def test_structures_formats(capsys):
    assert main(["structures", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["command"] == "structures" and "barnet-2015-04" in {r["structure"] for r in doc["rows"]}
    assert main(["structures", "--council", "harrow", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["structure"] for r in rows} == {"harrow-2015-before", "harrow-2015-after", "harrow-2023"}


def test_load_memory_prints_counts(capsys):
    assert main(["load", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    by_id = {r["structure"]: r for r in doc["rows"]}
    assert by_id["barnet-2014-06"]["Post"] == 19


def test_usage_errors_exit_2_without_traceback():
    for args in (["ask", "statutory-holders"], ["ask", "no-such-question", "--structure", "barnet-2015-04"],
                 ["structures", "--format", "xml"], ["ask", "statutory-holders", "--structure", "nope"],
                 ["ask", "statutory-holders", "--council", "harrow", "--as-of", "15/01/2023"]):
        proc = subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.strip(), args


def test_as_of_picks_latest_existing_structure(capsys):
    from queries.structures import UsageError, resolve

    from queries.backend import MemoryBackend

    b = MemoryBackend.from_paths()
    assert resolve(b, council="harrow", as_of="2023-01-15") == ("harrow-2023", "2023-01-15")
    assert resolve(b, council="harrow", as_of="2016-01-01") == ("harrow-2015-before", "2016-01-01")
    with pytest.raises(UsageError):
        resolve(b, council="harrow", as_of="2010-01-01")
