"""Post references matched as the national organogram tool matches them.

Why: a line is a reference to another row's Post Unique Reference, written by hand. The tool
trims and case-folds both sides; returns written from a payroll system pad "Reports to" with
zeros ("00005654" for post "5654"), which the tool does not accept, so without a fallback a whole
return imports with every line unknown and no hint why. Leading zeros are therefore ignored only
when that is the only way to match (and only when it gives exactly one post), and the caller marks
such a line inferred, naming this rule and both spellings.
"""

from __future__ import annotations

from dataclasses import dataclass

EXACT = "exact"
FOLDED = "trimmed and case-folded"
ZEROS = "leading zeros ignored"


@dataclass(frozen=True)
class Match:
    ref: str  # the reference as the post writes it (the key of the posts' mapping)
    how: str  # EXACT, FOLDED or ZEROS


def _fold(text: str) -> str:
    return text.strip().casefold()


def _unpadded(text: str) -> str:
    return _fold(text).lstrip("0") or "0"


class ReferenceIndex:
    """Look up a written reference among the references of a file's posts."""

    def __init__(self, refs: list[str]):
        self.exact = set(refs)
        self.folded: dict[str, list[str]] = {}
        self.unpadded: dict[str, list[str]] = {}
        for ref in refs:
            self.folded.setdefault(_fold(ref), []).append(ref)
            self.unpadded.setdefault(_unpadded(ref), []).append(ref)

    def find(self, written: str) -> Match | None:
        text = written.strip()
        if text in self.exact:
            return Match(text, EXACT)
        same = self.folded.get(_fold(text), [])
        if len(same) == 1:
            return Match(same[0], FOLDED)
        if same:
            return None  # two posts differ only in case: the line names neither
        padded = self.unpadded.get(_unpadded(text), [])
        return Match(padded[0], ZEROS) if len(padded) == 1 else None


def zeros_rule(column: str, written: str, ref: str) -> str:
    """The rule text of a line matched only with leading zeros ignored."""
    return f"{column} '{written.strip()}' matched post '{ref}' only with {ZEROS}"
