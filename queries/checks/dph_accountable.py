"""Rule: the Director of Public Health has a direct line of accountability to the chief executive
(NHS Act 2006 s.73A appoints the DPH; the DPH guidance asks for the direct line)."""

from __future__ import annotations

from ._judges import accountable_to_top
from ._law import DPH_GUIDANCE, NHS_S73A
from ._rule import CHILDRENS_AND_ADULTS, Facts, Finding, When, define

RULE = "dph-accountable-to-chief-executive"


def judge(facts: Facts) -> list[Finding]:
    return accountable_to_top(RULE, facts, "dph")


# Public health duties (NHS Act 2006 s.2B) fall on the same upper-tier and unitary councils that have
# education and social services functions, so the rule is n/a for districts.
define(
    RULE,
    "DPH directly accountable to the chief executive",
    "The post designated Director of Public Health is line-managed by, or has an accountability line to, the "
    "top post. Unknown when no post is designated DPH or its lines are not stated.",
    (NHS_S73A, DPH_GUIDANCE),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="the DPH is line-managed by the top post, or has an accountability line to it",
        flag="the DPH is known to report to another post and has no accountability line to the top post",
        unknown="no post is designated DPH, or its lines are not stated",
    ),
)
