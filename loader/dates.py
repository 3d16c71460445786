"""Dates as precise as the documents give them.

Committee papers often say "June 2014" or "since June 2022"; inventing a day would be a guess,
so a date keeps its precision and is widened to its first or last day only for comparisons.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    text: str  # YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def first_day(self) -> str:
        y, m, d = _parts(self.text)
        return dt.date(y, m or 1, d or 1).isoformat()

    @property
    def last_day(self) -> str:
        y, m, d = _parts(self.text)
        if m and d:
            return dt.date(y, m, d).isoformat()
        if m:
            return dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()
        return dt.date(y, 12, 31).isoformat()

    def __str__(self) -> str:
        return self.text


def _parts(text: str) -> tuple[int, int | None, int | None]:
    m = _PATTERN.match(text)
    assert m, text
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def parse_date(value: object) -> PartialDate | None:
    """Accept a YAML date, a year, or a 'YYYY-MM'/'YYYY-MM-DD' string; None if it is none of these."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return PartialDate(value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return PartialDate(str(value))
    if isinstance(value, str) and (m := _PATTERN.match(value.strip())):
        try:
            y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
            dt.date(y, mo, d)
        except ValueError:
            return None
        return PartialDate(value.strip())
    return None


def parse_as_of(text: str) -> str:
    """A full ISO date for --as-of; raises ValueError with a readable message."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def long_date(iso: str) -> str:
    """'2022-12-08' -> '8 December 2022' (how committee papers write a date)."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"
