"""Rule: the DASS is directly accountable to the chief executive (DH guidance on the DASS, 2006)."""

from __future__ import annotations

from ._judges import accountable_to_top
from ._law import DH_2006_ACCOUNTABLE
from ._rule import CHILDRENS_AND_ADULTS, Facts, Finding, When, define

RULE = "dass-accountable-to-chief-executive"


def judge(facts: Facts) -> list[Finding]:
    return accountable_to_top(RULE, facts, "dass")


define(
    RULE,
    "DASS directly accountable to the chief executive",
    "The DASS is line-managed by the top post (Head of Paid Service, else the post titled Chief Executive) or "
    "has an accountability line to it. Flag when the DASS is known to report elsewhere with no such line.",
    (DH_2006_ACCOUNTABLE,),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="the DASS is line-managed by the top post, or has an accountability line to it",
        flag="the DASS is known to report to another post and has no accountability line to the top post",
        unknown="no DASS is designated, or its line manager is not stated and no accountability line is recorded",
    ),
)
