"""Issue 25, finding 8: the smaller leaks and crashes, one test (or a few) each."""

from __future__ import annotations

import os
import subprocess

import pytest

from remit.loader.text import visible

from .test_validation import GOOD, write

ESCAPES = '"Struct \\e[31mRED\\e]0;pwned\\a"'  # YAML's own escapes: ESC [31m, an OSC title, BEL


def _remit(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(["remit", *argv], capture_output=True, timeout=300, env={**os.environ, "COLUMNS": "300"})


# -- escape codes from files never reach the terminal --------------------------------------------
def test_validate_messages_show_escape_codes_escaped(tmp_path):
    path = write(tmp_path, GOOD.replace("key: dcs\n", 'key: "dcs\\e[2J"\n', 1))
    done = _remit("validate", str(path))
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr and b"dcs\\u001b[2J" in done.stderr


def test_tables_show_escape_codes_escaped_and_a_piped_csv_keeps_its_bytes(tmp_path):
    path = write(tmp_path, GOOD.replace("label: Structure 2024", f"label: {ESCAPES}"))
    table = _remit("structures", "--data", str(path))
    assert table.returncode == 0
    assert b"\x1b" not in table.stdout and b"\x07" not in table.stdout
    assert b"Struct \\u001b[31mRED\\u001b]0;pwned\\u0007" in table.stdout
    piped = _remit("structures", "--data", str(path), "--format", "csv")
    assert b"Struct \x1b[31mRED\x1b]0;pwned\x07" in piped.stdout  # a file or pipe gets the data as it is


def test_visible_escapes_controls_and_bidi_overrides_only():
    assert visible("a\x1b[0m\u202eb\x9bc\td\ne é ✓") == "a\\u001b[0m\\u202eb\\u009bc\td\ne é ✓"


def test_a_terminal_gets_escapes_escaped_in_csv_too(tmp_path):
    """A CSV written to a terminal (a pty here) is for reading: its control characters are escaped."""
    import pty

    path = write(tmp_path, GOOD.replace("label: Structure 2024", f"label: {ESCAPES}"))
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            ["remit", "structures", "--data", str(path), "--format", "csv"],
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=300,
        )
        os.close(follower)
        follower = -1
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert done.returncode == 0
    assert b"\x1b" not in out and b"Struct \\u001b[31mRED" in out


# -- credentials written into NEO4J_URI are never echoed; the banner names no address ------------
SECRET_URI = "bolt://neo4j:s3cret-pw-in-uri@127.0.0.1:1"


@pytest.mark.parametrize(
    "argv", [["structures", "--backend", "neo4j"], ["query", "RETURN 1"], ["load", "--backend", "neo4j"]]
)
def test_credentials_in_neo4j_uri_are_refused_and_never_echoed(argv):
    done = subprocess.run(
        ["remit", *argv], capture_output=True, text=True, timeout=300, env={**os.environ, "NEO4J_URI": SECRET_URI}
    )
    assert done.returncode == 2, done.stderr
    assert "s3cret-pw-in-uri" not in done.stderr + done.stdout and "neo4j:" not in done.stderr
    assert "holds a user name or password" in done.stderr and "bolt://…@127.0.0.1:1" in done.stderr


def test_the_dashboard_names_no_address_or_secret_when_neo4j_cannot_be_opened(monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    for uri in (SECRET_URI, "bolt://127.0.0.1:1"):
        monkeypatch.setenv("REMIT_BACKEND", "neo4j")
        monkeypatch.setenv("NEO4J_URI", uri)
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
        shown = " ".join(e.value for e in [*at.error, *at.warning, *at.info])
        assert shown and "not answering" in shown
        assert "s3cret" not in shown and "127.0.0.1" not in shown and "bolt" not in shown, shown
    st.cache_resource.clear()


# -- symbolic links in a data folder are refused, their target never read or shown ---------------
SECRET = "NEO4J_PASSWORD=supersecret-from-dotenv"


@pytest.fixture
def linked_folder(tmp_path):
    """A data folder whose council.yaml is a link to a .env outside it (the issue's case), beside a
    good structure file."""
    secret = tmp_path / "outside" / ".env"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\nOTHER=x\n", encoding="utf-8")
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder, GOOD)
    (folder / "council.yaml").symlink_to(secret)
    return folder


@pytest.mark.parametrize("command", [["validate"], ["load"], ["ask", "span-of-control", "--structure", "x", "--data"]])
def test_a_linked_file_in_a_data_folder_is_refused_and_its_target_never_shown(linked_folder, command):
    done = _remit(*command, str(linked_folder))
    assert done.returncode == 2
    err = done.stderr.decode()
    assert f"{linked_folder / 'council.yaml'}:0: a symbolic link: not read" in err
    assert "supersecret" not in err and ".env" not in err and "outside" not in err
    assert "supersecret" not in done.stdout.decode()


def test_a_linked_csv_in_an_import_folder_is_refused(tmp_path):
    secret = tmp_path / ".env"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "council.csv").symlink_to(secret)
    done = _remit("import", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "council.csv:0: a symbolic link: not read" in err and "supersecret" not in err and ".env" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_linked_source_document_is_not_read(tmp_path):
    """A source document linked to a secret would answer, quote by quote, whether the secret holds a
    text ("quote not found in testshire.txt" or not). The link is not followed: the document counts
    as not at hand, as a missing one does, and no quote is checked against the secret."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = write(folder, GOOD)
    doc = folder / "testshire.txt"
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET, encoding="utf-8")  # none of GOOD's quotes is in it
    doc.unlink()
    doc.symlink_to(outside)
    done = _remit("validate", str(path))
    assert done.returncode == 0, done.stderr
    assert b"quote not found" not in done.stderr and b"secret" not in done.stderr


# -- REMIT_MAX_FILE_MB applies to every input format, CSV too -------------------------------------
def test_the_size_limit_applies_to_csv_before_it_is_read(tmp_path, monkeypatch):
    from pathlib import Path

    from remit.formats.csv_table import read_text

    lga = Path(__file__).parent / "fixtures" / "import" / "lga" / "kirklees-2025-04-01.csv"
    big = tmp_path / "kirklees-2025-04-01.csv"
    text = lga.read_text(encoding="utf-8")
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    big.write_text(text + (last + "\n") * (1_200_000 // len(last) + 1), encoding="utf-8")  # over 1 MiB
    env = {"REMIT_MAX_FILE_MB": "1"}
    for argv in (["import", str(big), "--out", str(tmp_path / "out")], ["validate", str(big)], ["load", str(big)]):
        done = subprocess.run(
            ["remit", *argv], capture_output=True, timeout=300, env={**os.environ, "COLUMNS": "300", **env}
        )
        assert done.returncode == 2, (argv, done.stderr)
        size = f"{big.stat().st_size / 1024 / 1024:.1f} MB"
        assert f"{big}:0: file is {size}; the limit is 1.0 MB (set REMIT_MAX_FILE_MB to change it)" in (
            done.stderr.decode()
        )
    # Refused from its size alone: the bytes are never read.
    monkeypatch.setenv("REMIT_MAX_FILE_MB", "1")
    read: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real(self))
    assert read_text(big, str(big))[0] is None and big not in read
