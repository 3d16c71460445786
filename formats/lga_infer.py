"""Inference rules for LGA organisation charts: line management from Level, Directorate and
Service; statutory roles and the holder's basis from words in the row.

Why separate: each rule here produces a fact the file does not state, so each is named (the
`rule` text is written beside the fact as `inferred: true`) and documented in the README. A rule
that finds no candidate or several leaves the fact unknown and says which candidates it saw;
it never picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULE_L2 = "Level 2 post reports to the only Level 1 post"
RULE_DIRECTORATE = "reports to the only post one Level up in the same Directorate"
RULE_SERVICE = "reports to the only post one Level up in the same Directorate and Service"
RULE_TOP_HOPS = "the single Level 1 post titled Chief Executive is the Head of Paid Service"
RULE_TITLE = "job title names the statutory role"
RULE_SERVICE_IN_DIRECTORATE = "a Service is part of the Directorate named on the same row"


@dataclass
class ChartPost:
    """What line inference needs of a row: its key, level, directorate and service."""

    key: str
    level: int
    directorate: str
    service: str
    line: int


@dataclass
class LineGuess:
    manager: str | None
    rule: str | None
    candidates: list[str]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def infer_lines(posts: list[ChartPost]) -> dict[str, LineGuess]:
    """A guess (manager and rule, or the candidates) for every post below Level 1."""
    by_level: dict[int, list[ChartPost]] = {}
    for p in posts:
        by_level.setdefault(p.level, []).append(p)
    out: dict[str, LineGuess] = {}
    for p in posts:
        if p.level <= 1:
            continue
        above = by_level.get(p.level - 1, [])
        if p.level == 2:
            keys = [q.key for q in above]
            out[p.key] = LineGuess(keys[0], RULE_L2, keys) if len(keys) == 1 else LineGuess(None, None, keys)
            continue
        same_dir = [q for q in above if _norm(q.directorate) == _norm(p.directorate)]
        if len(same_dir) == 1:
            out[p.key] = LineGuess(same_dir[0].key, RULE_DIRECTORATE, [same_dir[0].key])
            continue
        same_service = [q for q in same_dir if _norm(q.service) == _norm(p.service)]
        if same_dir and len(same_service) == 1:
            out[p.key] = LineGuess(same_service[0].key, RULE_SERVICE, [same_service[0].key])
        else:
            out[p.key] = LineGuess(None, None, [q.key for q in same_dir])
    return out


_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# role code -> phrases that name it in a title (lower case, apostrophes folded)
ROLE_PHRASES: dict[str, tuple[str, ...]] = {
    "mo": (r"monitoring officer",),
    "dph": (r"director of public health",),
    "dcs": (
        r"director (?:of|for) children'?s services",
        r"director (?:of|for) children and young people'?s services",
        r"director (?:of|for) children,? young people and families",
    ),
    "dass": (
        r"director (?:of|for) adult social services",
        r"director (?:of|for) adult social care",
        r"director (?:of|for) adults'? social care",
    ),
    "s151": (r"section 151", r"s\.? ?151", r"chief finance officer", r"chief financial officer"),
    "hops": (r"head of paid service",),
}
_DEPUTY = r"(?:deputy|assistant|asst\.?|acting deputy|interim deputy)\s+"
_WORDS = r"(?:[a-z'&,]+\s+){0,3}"  # "Assistant Strategic Director of ..." still names a deputy


def roles_in_title(title: str) -> list[tuple[str, str]]:
    """(role, the phrase matched) for each statutory role a title names as its holder's own role.

    A deputy's or assistant's title ("Deputy Monitoring Officer", "Assistant Director of Public
    Health") names someone else's role, so a phrase preceded by deputy/assistant is skipped."""
    text = _norm(title.translate(_APOS))
    found: list[tuple[str, str]] = []
    for role, phrases in ROLE_PHRASES.items():
        for phrase in phrases:
            for m in re.finditer(rf"\b{phrase}\b", text):
                before = text[: m.start()]
                if re.search(rf"\b{_DEPUTY}{_WORDS}$", before):
                    continue
                found.append((role, m.group(0)))
                break
            if found and found[-1][0] == role:
                break
    return found


def is_chief_executive(title: str) -> bool:
    text = _norm(title.translate(_APOS))
    return bool(re.search(r"\bchief executive\b", text)) and not re.search(rf"\b{_DEPUTY}{_WORDS}chief executive", text)


_BASIS_WORDS = (("interim", "interim"), ("agency", "interim"), ("acting", "acting"), ("permanent", "permanent"))


def basis_in(text: str) -> tuple[str, str] | None:
    """The holder's basis a ContractType, Comments or title says (basis, word), or None."""
    low = _norm(text)
    for word, basis in _BASIS_WORDS:
        if re.search(rf"\b{word}\b", low):
            return basis, word
    return None
