"""Rule: a DCS given additional functions has a local test of assurance (DfE guidance, April 2013).

The test is reported in full: each criterion with its outcome and any condition, the reviewer, the
date and the follow-up, so a reviewer can see what the council was told, not only that a test exists.
"""

from __future__ import annotations

from typing import Any

from ._judges import none_designated, post_label
from ._law import DFE_2013_LOCAL_TEST
from ._rule import CHILDRENS_AND_ADULTS, FLAG, NA, PASS, Facts, Finding, When, define, designation_fact, holders_of

RULE = "combined-dcs-assurance"


def additions(facts: Facts, row: dict[str, Any]) -> list[str]:
    """What the DCS post holds beyond the DCS role: other statutory roles, statutory officers it manages."""
    others = sorted({r["role"] for r in facts if r.get("post") == row["post"] and r["role"] not in ("dcs", None)})
    out = [f"also holds {', '.join(others)}"] if others else []
    reports = sorted({f"{r['post']} ({r['role']})" for r in row.get("reports", [])})
    return out + ([f"line-manages statutory officers {', '.join(reports)}"] if reports else [])


def describe_review(review: dict[str, Any]) -> str:
    """One local test of assurance in words: who, when, outcome, each criterion and the follow-up."""
    head = f"{review['status']} local test of assurance '{review['id']}'"
    who = ", ".join(
        x
        for x in (f"by {review['by']}" if review.get("by") else "", str(review["date"]) if review.get("date") else "")
        if x
    )
    criteria = []
    outcomes, conds = review.get("criteria_outcomes") or [], review.get("criteria_conditions") or []
    for i, c in enumerate(review.get("criteria") or []):
        outcome = outcomes[i] if i < len(outcomes) else None
        cond = conds[i] if i < len(conds) and conds[i] else ""
        criteria.append(f"{c}: {outcome or 'outcome not stated'}" + (f" (condition: {cond})" if cond else ""))
    parts = [head + (f" ({who})" if who else "")]
    if review.get("outcome"):
        parts.append(f"outcome: {review['outcome']}")
    if criteria:
        parts.append("criteria: " + "; ".join(criteria))
    if review.get("follow_up"):
        parts.append(f"follow-up: {review['follow_up']}")
    return ", ".join(parts)


def judge(facts: Facts) -> list[Finding]:
    rows = holders_of(facts, "dcs")
    if not rows:
        return [none_designated(RULE, "dcs")]
    out = []
    for row in rows:
        added = additions(facts, row)
        used = [designation_fact(row), *row.get("reports", []), *row.get("reviews", [])]
        subject = f"the DCS, {post_label(row)},"
        if not added:
            out.append(
                Finding(
                    RULE,
                    NA,
                    f"{subject} holds no other statutory role and line-manages no statutory "
                    "officer in the documents: no additional functions to test",
                    [row["post"]],
                    used,
                )
            )
            continue
        reviews = row.get("reviews", [])
        done = [r for r in reviews if r.get("status") == "completed"]
        planned = [r for r in reviews if r.get("status") != "completed"]
        reason = f"{subject} {'; '.join(added)}"
        if done:
            out.append(
                Finding(RULE, PASS, f"{reason}; {' | '.join(describe_review(r) for r in done)}", [row["post"]], used)
            )
        else:
            out.append(
                Finding(
                    RULE,
                    FLAG,
                    f"{reason}; no completed local test of assurance is recorded",
                    [row["post"]],
                    used,
                    mitigations=[f"{describe_review(r)} [{r.get('source')}]" for r in planned],
                )
            )
    return out


define(
    RULE,
    "Additional functions given to a DCS have a local test of assurance",
    "A DCS that holds other statutory roles or line-manages other statutory officers has a completed local "
    "test of assurance (shown in full: criteria, outcomes, conditions, reviewer, date, follow-up). A planned "
    "test is a mitigation, not a pass; n/a when the documents give the DCS no additional functions.",
    (DFE_2013_LOCAL_TEST,),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="a completed local test of assurance is recorded for a DCS that holds another statutory role "
        "or line-manages statutory officers (criteria, outcomes, conditions, reviewer, date and "
        "follow-up shown)",
        flag="such a DCS has no completed local test (a planned one is listed as a mitigation)",
        unknown="no post is designated DCS",
        na="the documents give the DCS no additional statutory role or statutory report",
    ),
)
