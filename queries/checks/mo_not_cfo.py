"""Rule: the Monitoring Officer is not the chief finance officer (LGHA 1989 s.5(1))."""

from __future__ import annotations

from ._law import LGHA_S5_1
from ._rule import Facts, Finding, When, define
from .mo_not_hops import separate

RULE = "mo-not-cfo"


def judge(facts: Facts) -> list[Finding]:
    return separate(RULE, facts, "mo", "s151", "chief finance officer (s151)")


define(
    RULE,
    "Monitoring Officer is not the chief finance officer",
    "The posts designated Monitoring Officer and s151 chief finance officer differ. Unknown when either is not "
    "designated in the documents.",
    (LGHA_S5_1,),
    judge,
    when=When(
        pass_="the Monitoring Officer and the s151 officer are different posts",
        flag="one post holds both",
        unknown="either role is not designated in the documents",
    ),
)
