"""Which facts each assurance rule needs: the statutory roles it judges and whether it measures their
lines (tier, line manager, accountability) or their basis.

Why here and not on the rules: a rule's verdict is its own business (queries/checks); which open
fact would settle it is the review list's. A test holds this table to the catalogue, so a new rule
cannot be left out of the review list's ordering.
"""

from __future__ import annotations

from dataclasses import dataclass

from remit.loader.model import ROLE_CODES

DESIGNATION, LINE, BASIS = "designation", "line", "basis"


@dataclass(frozen=True)
class Need:
    roles: tuple[str, ...]  # the statutory roles the rule judges
    facts: frozenset[str]  # DESIGNATION (which post), LINE (its line chain up to the top post), BASIS


def _need(roles: tuple[str, ...], *facts: str) -> Need:
    return Need(roles, frozenset(facts))


RULE_NEEDS: dict[str, Need] = {
    "combined-dcs-assurance": _need(("dcs",), DESIGNATION),
    "dass-accountable-to-chief-executive": _need(("dass",), DESIGNATION, LINE),
    "dcs-dass-same-tier": _need(("dcs", "dass"), DESIGNATION, LINE),
    "dcs-education-and-social-care": _need(("dcs",), DESIGNATION),
    "dcs-first-tier": _need(("dcs",), DESIGNATION, LINE),
    "dph-accountable-to-chief-executive": _need(("dph",), DESIGNATION, LINE),
    "hops-designated": _need(("hops",), DESIGNATION),
    "lmcs-reports-to-leader": _need(("lmcs",), DESIGNATION, LINE),
    "mo-not-cfo": _need(("mo", "s151"), DESIGNATION),
    "mo-not-hops": _need(("mo", "hops"), DESIGNATION),
    "one-dcs-one-lmcs": _need(("dcs", "lmcs"), DESIGNATION),
    "outside-body-accountability": _need(()),
    "s151-designated": _need(("s151",), DESIGNATION),
    "statutory-interim": _need(ROLE_CODES, BASIS),
}


def rules_needing(role: str, fact: str) -> list[str]:
    """Rules that need `fact` about the post holding `role`. A rule that measures lines needs the top
    post too, so the Head of Paid Service's designation settles every LINE rule."""
    out = []
    for rule, need in RULE_NEEDS.items():
        if fact in need.facts and role in need.roles or role == "hops" and fact == DESIGNATION and LINE in need.facts:
            out.append(rule)
    return sorted(out)
