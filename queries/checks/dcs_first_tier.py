"""Rule: the DCS at first tier, reporting directly to the chief executive (DfE guidance, April 2013).

Tier is measured as councils mean it (graph_helpers.measure_tier): line-management steps below the
post designated Head of Paid Service, else the post titled Chief Executive. An accountability line to
the chief executive does not make a DCS first tier; it is listed as a mitigation of the flag.
"""

from __future__ import annotations

from ._judges import none_designated, post_label
from ._law import DFE_2013_FIRST_TIER, DFE_2013_REPORTING
from ._rule import (
    CHILDRENS_AND_ADULTS,
    FLAG,
    PASS,
    UNKNOWN,
    Facts,
    Finding,
    When,
    define,
    holders_of,
    line_facts,
    lines_to_top,
    mitigation,
    review_mitigations,
    tier_of,
)

RULE = "dcs-first-tier"


def judge(facts: Facts) -> list[Finding]:
    rows = holders_of(facts, "dcs")
    if not rows:
        return [none_designated(RULE, "dcs", facts)]
    out = []
    for row in rows:
        tier = tier_of(row)
        lines = lines_to_top(row, tier)
        used = line_facts(row) + lines
        subject = f"the DCS, {post_label(row)},"
        posts = [row["post"], tier.reports_to]
        if tier.steps in (0, 1):
            out.append(Finding(RULE, PASS, f"{subject} {tier.describe()}", posts, used))
        elif tier.first_tier is False:
            out.append(
                Finding(
                    RULE,
                    FLAG,
                    f"{subject} {tier.describe()}",
                    posts,
                    used,
                    mitigations=[mitigation(a) for a in lines] + review_mitigations(row),
                )
            )
        else:
            also = "; it has an accountability line to the top post, which is not line management" if lines else ""
            missing = "the DCS's line manager" if tier.reports_to is None else "which post is the Head of Paid Service"
            out.append(Finding(RULE, UNKNOWN, f"{subject} {tier.describe()}{also}", posts, used, missing=missing))
    return out


define(
    RULE,
    "DCS at first tier, reporting to the chief executive",
    "The DCS is line-managed directly by the top post (the Head of Paid Service, else the post titled Chief "
    "Executive). Flag when the DCS is known to report to another post (an accountability line to the chief "
    "executive is listed as a mitigation); unknown when its line manager, or the top post, is not stated.",
    (DFE_2013_FIRST_TIER, DFE_2013_REPORTING),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="the DCS is line-managed by the top post (Head of Paid Service, else the post titled Chief Executive)",
        flag="the DCS is known to report to another post (an accountability line to the chief"
        " executive is listed as a mitigation, not a pass)",
        unknown="no DCS is designated, its line manager is not stated, or no top post is known",
    ),
)
