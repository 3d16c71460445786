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
