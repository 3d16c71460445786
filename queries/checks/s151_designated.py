"""Rule: one officer has responsibility for the council's financial affairs (LGA 1972 s.151)."""

from __future__ import annotations

from ._judges import exactly_one
from ._law import LGA_S151
from ._rule import Facts, Finding, When, define

RULE = "s151-designated"


def judge(facts: Facts) -> list[Finding]:
    return [exactly_one(RULE, facts, "s151")]


define(
    RULE,
    "Chief finance officer (s151) designated",
    "One post is designated the s151 chief finance officer. Unknown when no document says which post is; flag "
    "when several are.",
    (LGA_S151,),
    judge,
    when=When(
        pass_="exactly one post is designated s151 chief finance officer",
        flag="several posts are designated",
        unknown="no document says which post is designated",
    ),
)
