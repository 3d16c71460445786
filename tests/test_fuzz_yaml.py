"""Fuzzing the YAML structure reader: any bytes give a model or FILE:LINE problems, never an exception.

A fixed number of derandomized examples (tests/fuzz.py FUZZ), so the run is bounded in CI and
reproducible; each example must finish within the harness's deadline.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from remit.loader import InvalidStructureFiles, read_files
from remit.loader.formats import read_yaml_structure

from .fuzz import FUZZ, check_reader, mutated
from .test_validation import GOOD

YAML_TOKENS = [
    "format: remit/1\n",
    "council: {id: x, name: X, kind: unitary}\n",
    "sources:\n",
    "structures:\n",
    "  - ",
    "    ",
    "key: a\n",
    "id: s\n",
    "posts:\n",
    "&a ",
    "*a ",
    "!!python/object:os.system ",
    "[",
    "]",
    "{",
    "}",
    "2024-02-30\n",
    ".inf\n",
    "-.nan\n",
    "99999999999999999999999\n",
    "'x'\n",
    "=",
    "<<: ",
    ": ",
    "- ",
    "? ",
    "---\n",
    "|\n",
    "\n",
]


@FUZZ
@given(data=mutated(GOOD.encode("utf-8")))
def test_mutated_structure_files_never_raise(tmp_path_factory, data):
    check_reader(read_yaml_structure, data, tmp_path_factory.mktemp("fuzz"), ".yaml")


@FUZZ
@given(parts=st.lists(st.sampled_from(YAML_TOKENS), max_size=60))
def test_token_soup_never_raises(tmp_path_factory, parts):
    check_reader(read_yaml_structure, "".join(parts).encode("utf-8"), tmp_path_factory.mktemp("fuzz"), ".yaml")


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_never_raises(tmp_path_factory, text):
    check_reader(read_yaml_structure, text.encode("utf-8", "surrogatepass"), tmp_path_factory.mktemp("fuzz"), ".yaml")


@FUZZ
@given(data=mutated(GOOD.encode("utf-8")), twice=st.booleans())
def test_the_whole_set_path_never_raises(tmp_path_factory, data, twice):
    """read_files (every reader, then the checks across files) gives a Dataset or InvalidStructureFiles."""
    folder = tmp_path_factory.mktemp("fuzzset")
    (folder / "one.yaml").write_bytes(data)
    if twice:
        (folder / "two.yaml").write_bytes(GOOD.encode("utf-8"))
    try:
        read_files([folder])
    except InvalidStructureFiles as exc:
        assert exc.problems and all(str(p).startswith(str(folder)) for p in exc.problems)


def test_the_good_sample_reads_cleanly(tmp_path):
    """The fuzz seed itself is valid, so mutations start from a file that reaches every check."""
    (tmp_path / "testshire.txt").write_text("x", encoding="utf-8")
    model, problems = check_reader(read_yaml_structure, GOOD.encode("utf-8"), tmp_path, ".yaml")
    assert model is not None and [p for p in problems if "quote not found" not in p.message] == []
