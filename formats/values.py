"""What a cell means, as a careful analyst reads it: placeholders by meaning, pay as councils write it.

Why one module: published returns write the same placeholder many ways -- `Eliminated`,
`"Eliminated"`, `'Eliminated'`, `Eliminated'`, `ELIMINATED`, `Eliminated.`; `N/D`, `n/d`, `ND`,
`N/D'`, `Not disclosed` -- and a placeholder read as text becomes a person called "'Eliminated'".
Every reader asks here what a cell means, so a new spelling is taught once. Pay columns hold
what councils really write ("Agency", "Interim", "NA", "Not applicable", "£140,000", a single
figure where a band was asked for); none of these is a fault, and each is read for what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .spreadsheet import restore

ELIMINATED = "eliminated"  # the post no longer exists: left out, counted
VACANT = "vacant"  # the post exists and nobody holds it
NOT_DISCLOSED = "not disclosed"  # someone holds it; the name is withheld
NOT_GIVEN = "not given"  # empty, not applicable, no value

_QUOTES = "'\"`\u2018\u2019\u201c\u201d"
_MEANINGS = {
    "eliminated": ELIMINATED,
    "vacant": VACANT,
    "vacancy": VACANT,
    "vacant post": VACANT,
    "gapped": VACANT,  # civil-service word for a post left empty
    "n/d": NOT_DISCLOSED,
    "nd": NOT_DISCLOSED,
    "not disclosed": NOT_DISCLOSED,
    "undisclosed": NOT_DISCLOSED,
    "withheld": NOT_DISCLOSED,
    "": NOT_GIVEN,
    "-": NOT_GIVEN,
    "n/a": NOT_GIVEN,
    "na": NOT_GIVEN,
    "not applicable": NOT_GIVEN,
    "not given": NOT_GIVEN,
    "none": NOT_GIVEN,
    "null": NOT_GIVEN,
    "no name": NOT_GIVEN,
}
_SPACES = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")


def folded(text: str) -> str:
    """A cell reduced to what it says: no surrounding quotes (balanced or not), spaces, full stop or case."""
    value = text.strip().strip(_QUOTES).strip().rstrip(".").strip().strip(_QUOTES).strip()
    return _SLASH.sub("/", _SPACES.sub(" ", value)).casefold()


@lru_cache(maxsize=16384)
def placeholder(text: str) -> str | None:
    """The placeholder a cell is (ELIMINATED, VACANT, NOT_DISCLOSED, NOT_GIVEN), or None for a value.
    (Cached: a return repeats its cells -- grades, "1", "N/D" -- many thousand times.)"""
    return _MEANINGS.get(folded(text))


def given_text(text: str) -> str | None:
    """The cell's own text, trimmed, or None where it is a placeholder of any kind; without the quote
    a CSV meant for people puts before a formula-like cell (formats.spreadsheet.restore), so an
    export reads back as it was written."""
    return None if placeholder(text) is not None else restore(text).strip()


# -- pay ---------------------------------------------------------------------------------------------
# Words in a pay cell that say how the post is covered. An agency worker covers a post on an interim
# basis (the model's bases are permanent, interim, acting); the word is kept in the rule.
BASIS_WORDS = {"agency": "interim", "interim": "interim", "acting": "acting", "locum": "interim"}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_BAND = re.compile(r"^£?\s*([\d,]+(?:\.\d+)?)\s*(?:-|–|—|to)\s*£?\s*([\d,]+(?:\.\d+)?)$", re.IGNORECASE)


@dataclass(frozen=True)
class PayCell:
    """What a pay cell says: a range (lo == hi for one figure), a basis word, nothing, or text that is
    none of these (`unreadable`, reported as a warning; the pay is then unknown)."""

    low: float | None = None
    high: float | None = None
    basis: str | None = None
    word: str | None = None  # the word the basis was read from, as written
    unreadable: str | None = None

    @property
    def known(self) -> bool:
        return self.low is not None


def amount(text: str) -> float | None:
    """A figure from '£1,234.50', '1234', ' 1.0 '; None when it is not one."""
    if _NUMBER.match(text):  # the common case first: a plain figure, nothing to strip
        return float(text)
    stripped = text.strip().strip(_QUOTES).replace("£", "").replace(",", "").replace(" ", "")
    return float(stripped) if _NUMBER.match(stripped) else None


def pay_cell(text: str) -> PayCell:
    """A SalaryBand / Salary / pay-floor cell read for what it says."""
    if placeholder(text) is not None:
        return PayCell()
    value = text.strip().strip(_QUOTES).strip()
    single = amount(value)
    if single is not None:
        return PayCell(single, single)
    m = _BAND.match(value)
    if m:
        lo, hi = (float(g.replace(",", "")) for g in m.groups())
        return PayCell(lo, hi) if lo <= hi else PayCell(unreadable=value)
    word = folded(value)
    for key, basis in BASIS_WORDS.items():
        if re.search(rf"\b{key}\b", word):
            return PayCell(basis=basis, word=value)
    return PayCell(unreadable=value)
