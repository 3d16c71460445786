"""Rule: exactly one DCS and one LMCS (Children Act 2004 ss.18-19; DfE guidance 2013)."""

from __future__ import annotations

from ._judges import exactly_one
from ._law import CHILDREN_ACT_S18_19
from ._rule import CHILDRENS_AND_ADULTS, Facts, Finding, When, define

RULE = "one-dcs-one-lmcs"


def judge(facts: Facts) -> list[Finding]:
    return [exactly_one(RULE, facts, "dcs"), exactly_one(RULE, facts, "lmcs")]


define(
    RULE,
    "Exactly one DCS and one LMCS",
    "Exactly one post is designated Director of Children's Services and exactly one Lead Member for Children's "
    "Services. Unknown when the documents name none (they may simply not mention it); n/a for councils without "
    "education and social services functions.",
    (CHILDREN_ACT_S18_19,),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="exactly one post holds each role (one finding per role)",
        flag="several posts hold a role",
        unknown="no document names the post that holds a role (they may simply not mention it)",
    ),
)
