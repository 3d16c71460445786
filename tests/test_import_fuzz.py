"""Any bytes into either importer: a model or FILE:LINE:COLUMN problems, never an exception.

A fixed number of examples (no deadline flakiness): bounded time is asserted by the
pytest-timeout marker, not by timing inside the test."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remit.formats import import_file
from remit.formats.remit_yaml import _emit, scalar

LGA_HEADER = (
    b"OrganisationLabel,OrganisationURI,EffectiveDate,Level,JobTitle,Name,Grade,Directorate,Service,"
    b"ContractType,SharedPost,ContactDetails,SalaryBand,MaximumSalary,Vacancy,Comments\n"
)
SENIOR_HEADER = (
    b"Post Unique Reference,Name,Grade,Job Title,Job/Team Function,Parent Department,Organisation,Unit,"
    b"Contact Phone,Contact E-mail,Reports to Senior Post,Salary Cost of Reports (\xa3),FTE,"
    b"Actual Pay Floor (\xa3),Actual Pay Ceiling (\xa3),,Professional/Occupational Group,Notes,Valid?\n"
)
WHERE = re.compile(r"^.+:\d+:\d+: \S")
CELLS = st.sampled_from(
    [
        b"XX",
        b"xx",
        b"1",
        b"2",
        b"A",
        b"N/D",
        b"Vacant",
        b"Eliminated",
        b'"',
        b",",
        b"\n",
        b"\r\n",
        b"\xa3",
        b"\xff",
        b"\x00",
        b"2024-04-01",
        b"140000 - 145000",
        b"-1",
        b"NA",
        b"",
    ]
)
ROWS = st.lists(st.lists(CELLS, max_size=20).map(b",".join), max_size=30).map(b"\n".join)
BODIES = st.one_of(st.binary(max_size=2000), ROWS)


def _check(data: bytes, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "fuzz-senior.csv"
        path.write_bytes(data)
        for lenient in (False, True):
            result = import_file(path, "fuzz.csv", fmt, lenient)
            for problem in result.problems:
                assert WHERE.match(str(problem)) and str(problem).startswith("fuzz.csv:"), str(problem)
            assert result.file is not None or result.problems or result.counts == {}


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.timeout(120)
@SETTINGS
@given(BODIES)
def test_lga_any_bytes(body):
    _check(LGA_HEADER + body, "lga")


@pytest.mark.timeout(120)
@SETTINGS
@given(BODIES)
def test_organogram_any_bytes(body):
    _check(SENIOR_HEADER + body, "organogram")


@pytest.mark.timeout(120)
@SETTINGS
@given(st.binary(max_size=3000))
def test_detected_format_any_bytes(body):
    _check(body, None)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_yaml_scalar_reads_back_as_the_same_string(text):
    assert yaml.safe_load(f"k: {scalar(text)}") == {"k": text}


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.recursive(
        st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.none()),
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3),
            st.dictionaries(st.from_regex(r"[a-z_]{1,6}", fullmatch=True), inner, min_size=1, max_size=3),
        ),
        max_leaves=12,
    )
)
def test_yaml_emitter_reads_back(doc):
    out: list[str] = []
    _emit({"doc": doc}, "", out)
    assert yaml.safe_load("\n".join(out)) == {"doc": doc}
