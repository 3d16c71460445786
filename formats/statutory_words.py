"""Statutory roles in a row's words: designations a file states, and posts it only points at.

Why: councils' senior-salary files state designations in words -- "head of paid service" in
Responsibilities, "(Section 151 Officer)" in a title -- which are stated facts with a row and a
quote. Other titles point at a role's area without naming the role ("Corporate Director of Adults
and Wellbeing" for the Director of Adult Social Services): such a post is a *candidate*, which the
findings name among their missing facts, never a designation. Words about someone else's role
("Deputises in the absence of the Director of Finance ... under section 151", "Deputy Monitoring
Officer", "supports the Director of Public Health") designate nobody.
"""

from __future__ import annotations

import re

from remit.loader.model import ROLE_NAMES, Candidacy, Designation, Evidence, Post

from .lga_infer import ROLE_PHRASES, roles_in_title

RULE_DUTIES = "Responsibilities name the statutory role"
# A clause with one of these is about someone else's role: it designates nobody.
_NOT_OWN = re.compile(
    r"\b(deput\w*|in the absence of|assist\w*|support\w*|on behalf of|reports? to|advis\w*|works? with|"
    r"accountable to|link to|liais\w*)\b"
)
_CLAUSES = re.compile(r"[.;:]\s+|\n")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

# role -> (words in a title that point at the role's area, how the rule names them)
AREAS: dict[str, str] = {
    "dcs": r"children|young people",
    "dass": r"adults?|adult social",
    "dph": r"public health",
    "s151": r"financ\w*|treasurer|resources",
    "mo": r"legal|governance|law|democratic",
}
_SENIOR = re.compile(r"\bdirector\b|\bchief officer\b")
_JUNIOR = re.compile(
    r"\b(deputy|assistant|asst\.?|associate|head of|service director)\s+(?:[a-z'&,]+\s+){0,2}director\b|^head\b"
)


def _norm(text: str) -> str:
    return " ".join(text.translate(_APOS).lower().split())


def roles_in_duties(duties: str) -> list[tuple[str, str]]:
    """(role, the clause naming it) for each statutory role a Responsibilities cell states as the
    holder's own; clauses about deputising, assisting or supporting are skipped."""
    found: dict[str, str] = {}
    for clause in _CLAUSES.split(duties):
        text = _norm(clause)
        if not text or _NOT_OWN.search(text):
            continue
        for role, phrases in ROLE_PHRASES.items():
            if role in found:
                continue
            if any(re.search(rf"\b{p}\b", text) for p in phrases):
                found[role] = clause.strip()
    return list(found.items())


def stated_designations(title: str, duties: str, ev: Evidence) -> list[Designation]:
    """The designations a row states in its title or its Responsibilities (stated: the file says so)."""
    roles = dict(roles_in_title(title))
    for role, _ in roles_in_duties(duties):
        roles.setdefault(role, "")
    return [Designation(role, None, ev) for role in roles]


def area_of(title: str, role: str) -> str | None:
    """The word of a director's title pointing at the role's area, or None (a deputy's or assistant's
    title, or one that names the role itself, points at nothing)."""
    text = _norm(title)
    if not _SENIOR.search(text) or _JUNIOR.search(text) or any(r == role for r, _ in roles_in_title(title)):
        return None
    m = re.search(rf"\b({AREAS[role]})\b", text)
    return m.group(1) if m else None


def add_candidates(posts: list[Post], evidence_of: dict[str, Evidence]) -> None:
    """Mark, for each role no post of the structure is designated, the posts whose title points at
    its area: candidates (inferred, with the word that was seen), never designations."""
    designated = {d.role for p in posts for d in p.designations}
    for role in AREAS:
        if role in designated:
            continue
        for post in posts:
            word = area_of(post.title, role)
            if word and not any(c.role == role for c in post.candidate_for):
                ev = evidence_of[post.key]
                rule = (
                    f"title names the area of the {ROLE_NAMES[role]} ('{word}') but not the role: "
                    "a candidate, not a designation"
                )
                post.candidate_for.append(Candidacy(role, Evidence(ev.source, ev.quote, 0, ev.row, True, rule)))
