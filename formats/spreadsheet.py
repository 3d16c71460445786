"""CSV cells meant for people open safely in a spreadsheet; read back, they are what they were.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula (and some treat a
leading tab or carriage return the same way), so a post titled `=HYPERLINK("http://…","x")` in an
export would become a live link, and `+cmd|' /C calc'!A0` a DDE call, on the reader's machine
(CSV or formula injection). OWASP's advice: when a file is meant for a spreadsheet, prefix such a
cell with a single quote, which spreadsheets read as "this is text" and do not show.

The convention, everywhere Remit writes CSV for people (`remit export --format lga|organogram`,
`--format csv`, the dashboard's CSV downloads):

- a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return, or with one or more `'`
  followed by one of those, gets one more `'` in front; a cell that is a plain number (`-5`,
  `-1.5`) is a number, not a formula, and is left alone;
- reading a CSV (`remit import`, `remit load` of a CSV), a cell that begins with `'` followed by
  such a start loses that first `'`: exactly the one the writer added, so an export imports back
  unchanged (and a `'` a spreadsheet user typed to mark text is dropped, as the spreadsheet does).

`--raw-csv` (and `raw_cells()` in code) writes cells as they are, for programs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"''*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_raw: ContextVar[bool] = ContextVar("remit_raw_csv", default=False)


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet must show it: text, never a formula."""
    if _raw.get() or not cell or not _NEEDS_QUOTE.match(cell) or _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


def restore(cell: str) -> str:
    """A cell read from a CSV without the quote `neutralise` added."""
    return cell[1:] if _QUOTED.match(cell) else cell


def cell_for_people(value: Any) -> Any:
    """`neutralise` for a value of any type (only text can be a formula)."""
    return neutralise(value) if isinstance(value, str) else value


def raw() -> bool:
    """True inside `raw_cells()`."""
    return _raw.get()


@contextmanager
def raw_cells(on: bool = True) -> Iterator[None]:
    """Within the block, CSV is written with its cells as they are (for programs)."""
    token = _raw.set(on)
    try:
        yield
    finally:
        _raw.reset(token)
