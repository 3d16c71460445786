"""Rule: the council designates one Head of Paid Service (LGHA 1989 s.4)."""

from __future__ import annotations

from ._judges import exactly_one
from ._law import LGHA_S4
from ._rule import Facts, Finding, When, define

RULE = "hops-designated"


def judge(facts: Facts) -> list[Finding]:
    return [exactly_one(RULE, facts, "hops")]


define(
    RULE,
    "Head of Paid Service designated",
    "One post is designated Head of Paid Service. Unknown when no document says which post is; flag when several are.",
    (LGHA_S4,),
    judge,
    when=When(
        pass_="exactly one post is designated Head of Paid Service",
        flag="several posts are designated",
        unknown="no document says which post is designated (a post titled Chief Executive is named in the reason)",
    ),
)
