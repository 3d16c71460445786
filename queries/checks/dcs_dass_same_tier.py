"""Rule: the DCS and the DASS at the same level (DH guidance on the DASS, 2006)."""

from __future__ import annotations

from typing import Any

from remit.loader.model import ROLE_NAMES
from remit.queries.graph_helpers import Tier

from ._judges import missing_designation, no_post_named, post_label
from ._law import DH_2006_SAME_LEVEL
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
    review_mitigations,
    tier_of,
)

RULE = "dcs-dass-same-tier"


def _level(t: Tier) -> str:
    if t.steps is not None:
        return f"tier {t.steps}"
    return f"tier {t.at_least} or lower" if t.at_least is not None else "tier unknown"


def compare(dcs: dict[str, Any], dass: dict[str, Any]) -> tuple[str, str, str | None]:
    """(outcome, reason, missing) for one DCS post and one DASS post."""
    if dcs["post"] == dass["post"]:
        return PASS, f"one post holds both roles: {post_label(dcs)}", None
    if dass["post"] in dcs["chain"]:
        return FLAG, f"the DCS, {post_label(dcs)}, reports through the line to the DASS, {post_label(dass)}", None
    if dcs["post"] in dass["chain"]:
        return FLAG, f"the DASS, {post_label(dass)}, reports through the line to the DCS, {post_label(dcs)}", None
    td, ta = tier_of(dcs), tier_of(dass)
    reason = f"DCS {post_label(dcs)}: {_level(td)}; DASS {post_label(dass)}: {_level(ta)}"
    if td.steps is not None and ta.steps is not None:
        return (PASS if td.steps == ta.steps else FLAG), reason, None
    for known, other in ((td, ta), (ta, td)):
        if known.steps is not None and other.at_least is not None and other.at_least > known.steps:
            return FLAG, reason, None
    missing = " and ".join(what for what, t in (("the DCS's tier", td), ("the DASS's tier", ta)) if t.steps is None)
    return UNKNOWN, reason, missing


def judge(facts: Facts) -> list[Finding]:
    dcs, dass = holders_of(facts, "dcs"), holders_of(facts, "dass")
    if not dcs or not dass:
        code = "dcs" if not dcs else "dass"
        role = ROLE_NAMES[code]
        return [
            Finding(
                RULE,
                UNKNOWN,
                no_post_named(code),
                [r["post"] for r in dcs + dass],
                missing=missing_designation(facts, code, role),
            )
        ]
    out = []
    for d in dcs:
        for a in dass:
            outcome, reason, missing = compare(d, a)
            out.append(
                Finding(
                    RULE,
                    outcome,
                    reason,
                    [d["post"], a["post"]],
                    line_facts(d) + line_facts(a),
                    missing=missing,
                    mitigations=review_mitigations(d) if outcome == FLAG else [],
                )
            )
    return out


define(
    RULE,
    "DCS and DASS at the same level",
    "The DCS and the DASS are the same post or sit at the same tier below the top post. Flag when one reports "
    "through the line to the other or their tiers are known to differ; unknown when a tier is not stated.",
    (DH_2006_SAME_LEVEL,),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="one post holds both roles, or both are at the same known tier",
        flag="one reports through the line to the other, or their tiers are known to differ",
        unknown="either role is not designated, or a tier cannot be measured",
    ),
)
