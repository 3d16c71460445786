"""A reusable fuzz harness for input readers: any bytes give a model or problems, never an exception.

Every reader in loader/formats.py has the signature `read(path, label) -> (model or None,
problems)`. `check_reader` writes the bytes to a file, runs the reader and checks its promise:

- it returns, within the example deadline, without raising;
- every problem is a Problem of that file (`FILE:LINE: message`, or `FILE:LINE:COLUMN: message`
  for CSV), on one line of bounded length (values quoted back are shortened);
- no model means at least one problem says why.

Use it from any importer's tests (CSV included) with the shared settings, so CI time stays
bounded by a fixed number of examples (REMIT_FUZZ_EXAMPLES, default 150):

    from tests.fuzz import FUZZ, check_reader, mutated
    @FUZZ
    @given(data=mutated(SAMPLE_CSV.encode()))
    def test_csv_reader_never_raises(tmp_path_factory, data):
        check_reader(read_my_csv, data, tmp_path_factory.mktemp("fuzz"), ".csv")
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from remit.loader.problems import Problem

MAX_MESSAGE = 400  # a problem's message stays one readable line

FUZZ = settings(
    max_examples=int(os.environ.get("REMIT_FUZZ_EXAMPLES", "150")),
    deadline=timedelta(seconds=10),  # generous for a shared 2-core machine; a hang or blow-up fails
    derandomize=True,  # the same examples in every CI run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

Reader = Callable[[Path, str], tuple[Any, list[Problem]]]


def check_reader(read: Reader, data: bytes, folder: Path, suffix: str) -> tuple[Any, list[Problem]]:
    """Run `read` on `data` written to a file in `folder`; assert the reader's promise (see above)."""
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    label = f"upload{suffix}"
    model, problems = read(path, label)
    assert isinstance(problems, list)
    for p in problems:
        assert isinstance(p, Problem), p
        assert p.file == label and isinstance(p.line, int) and p.line >= 0, p
        text = str(p)
        assert text.startswith(f"{label}:{p.line}:"), text
        assert "\n" not in p.message and len(p.message) <= MAX_MESSAGE, text[: MAX_MESSAGE * 2]
    if model is None:
        assert problems, "a file that gives no model must say why"
    return model, problems


def mutated(sample: bytes, max_edits: int = 6) -> st.SearchStrategy[bytes]:
    """Bytes near a valid sample: cut, duplicated, spliced with random bytes or with YAML/CSV
    punctuation, so the fuzzer reaches deep into the reader rather than failing at byte one."""
    punctuation = [
        b":",
        b"-",
        b"&a",
        b"*a",
        b"!!",
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b'"',
        b"'",
        b"\n",
        b"\t",
        b"  ",
        b"#",
        b"|",
        b">",
        b"---",
        b"\x00",
        b"\xff",
        b"2024-02-30",
        b"1e999",
        b"-1",
        b".nan",
        b"\r\n",
    ]
    edit = st.tuples(
        st.integers(0, len(sample)), st.integers(0, 40), st.one_of(st.sampled_from(punctuation), st.binary(max_size=12))
    )

    def apply(edits: list[tuple[int, int, bytes]]) -> bytes:
        out = bytearray(sample)
        for at, cut, insert in edits:
            at = min(at, len(out))
            out[at : at + cut] = insert
        return bytes(out)

    return st.one_of(st.binary(max_size=300), st.lists(edit, min_size=1, max_size=max_edits).map(apply))
