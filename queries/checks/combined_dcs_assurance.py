"""Rule: a DCS given additional functions has a local test of assurance (DfE guidance, April 2013).

The test is reported in full: each criterion with its outcome and any condition, the reviewer, the
date and the follow-up, so a reviewer can see what the council was told, not only that a test exists.
"""

from __future__ import annotations

from typing import Any

from remit.loader.model import CHILDRENS_DOMAINS, DOMAIN_NAMES, ROLE_NAMES

from ._judges import none_designated, post_label
from ._law import DFE_2013_LOCAL_TEST
from ._rule import (
    CHILDRENS_AND_ADULTS,
    FLAG,
    NA,
    PASS,
    UNKNOWN,
    Facts,
    Finding,
    When,
    define,
    designation_fact,
    holders_of,
)

RULE = "combined-dcs-assurance"


VERBS = {"commissions": "commissions", "responsible": "is responsible for", "delivers": "heads the delivery of"}


def other_functions(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The DCS post's function links whose stated domain is neither children's social care nor education."""
    return [f for f in row.get("functions", []) if f.get("domains") and not set(f["domains"]) & set(CHILDRENS_DOMAINS)]


def unclassified(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Function links of the DCS post whose kind no document states (never counted as children's)."""
    return [f for f in row.get("functions", []) if not f.get("domains")]


def domain_fact(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": f.get("domain_source"),
        "inferred": f.get("domain_inferred"),
        "reasoning": f.get("domain_reasoning"),
    }


def additions(facts: Facts, row: dict[str, Any]) -> list[str]:
    """What the DCS post holds beyond the DCS role: other statutory roles, statutory officers it manages, and
    functions whose stated domain is not children's (Barnet's DCS commissions libraries)."""
    others = sorted({r["role"] for r in facts if r.get("post") == row["post"] and r["role"] not in ("dcs", None)})
    out = [f"also holds {', '.join(others)}"] if others else []
    # Named as the documents name them (issue 21, class 9): the post's title, its key, the role in full.
    reports = sorted(
        {f"{r.get('title') or r['post']} ({r['post']}), the {ROLE_NAMES[r['role']]}" for r in row.get("reports", [])}
    )
    out += [f"line-manages statutory officers {'; '.join(reports)}"] if reports else []
    by_how: dict[str, set[str]] = {}
    for f in other_functions(row):
        kinds = ", ".join(DOMAIN_NAMES[d] for d in f["domains"])
        shown = f["function"] if kinds.lower() == (f["function"] or "").lower() else f"{f['function']} (domain {kinds})"
        by_how.setdefault(f["how"], set()).add(shown)
    out += [f"{VERBS[how]} {'; '.join(sorted(names))}" for how, names in sorted(by_how.items())]
    return out


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
        return [none_designated(RULE, "dcs", facts)]
    out = []
    for row in rows:
        added = additions(facts, row)
        extra = other_functions(row)
        used = [
            designation_fact(row),
            *row.get("reports", []),
            *row.get("reviews", []),
            *(e for f in extra for e in f.get("edges", [])),
            *(domain_fact(f) for f in extra),
        ]
        subject = f"the DCS, {post_label(row)},"
        unsure = sorted({f["function"] for f in unclassified(row)})
        if not added and unsure:
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"{subject} holds no other statutory role and line-manages no statutory officer in the documents, "
                    f"but no document says what kind of function {', '.join(unsure)} is",
                    [row["post"]],
                    [*used, *unclassified(row)],
                    missing="whether " + ", ".join(unsure) + " is a children's function",
                )
            )
            continue
        if not added:
            out.append(
                Finding(
                    RULE,
                    NA,
                    f"{subject} holds no other statutory role, line-manages no statutory officer and is linked "
                    "to no function other than children's social care and education in the documents: no "
                    "additional functions to test",
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
    "A DCS that holds other statutory roles, line-manages other statutory officers, or commissions, is "
    "responsible for or heads the delivery of functions whose stated domain is not children's social care or "
    "education has a completed local test of assurance (shown in full: criteria, outcomes, conditions, reviewer, date, follow-up). A planned "
    "test is a mitigation, not a pass; n/a when the documents give the DCS no additional functions.",
    (DFE_2013_LOCAL_TEST,),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="a completed local test of assurance is recorded for a DCS that holds another statutory role, "
        "line-manages statutory officers or holds functions other than children's (criteria, outcomes, "
        "conditions, reviewer, date and follow-up shown)",
        flag="such a DCS has no completed local test (a planned one is listed as a mitigation)",
        unknown="no post is designated DCS, or the DCS holds a function whose kind no document states",
        na="the documents give the DCS no additional statutory role, statutory report or other function",
    ),
)
