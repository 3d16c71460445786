"""Rule: the Lead Member for Children's Services reports to the leader or mayor (DfE guidance 2013)."""

from __future__ import annotations

from typing import Any

from ._judges import no_post_named, post_label
from ._law import DFE_2013_REPORTING
from ._rule import (
    CHILDRENS_AND_ADULTS,
    FLAG,
    PASS,
    UNKNOWN,
    Facts,
    Finding,
    When,
    context,
    define,
    designation_fact,
    holders_of,
)

RULE = "lmcs-reports-to-leader"


def _targets(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Whom the LMCS reports to: its line manager and its accountability lines, as fact maps."""
    out = [{"post": row["chain"][0], "title": row["chain_titles"][0], **row["chain_facts"][0]}] if row["chain"] else []
    return out + list(row.get("accountable", []))


def judge(facts: Facts) -> list[Finding]:
    rows = holders_of(facts, "lmcs")
    if not rows:
        return [
            Finding(
                RULE,
                UNKNOWN,
                no_post_named("lmcs"),
                missing="which member is the LMCS",
            )
        ]
    out = []
    for row in rows:
        targets = _targets(row)
        used = [designation_fact(row), *targets]
        # The leader is the post the structure file says leads the council (a stated fact), never a title.
        leader = set(context(facts).get("leader") or [])
        leaders = [t for t in targets if t["post"] in leader]
        names = "; ".join(f"{t.get('title')} ({t['post']})" for t in (leaders or targets))
        if targets and not leader:
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"the LMCS, {post_label(row)}, reports to {names}; no document says which post leads the "
                    "council (the Leader or an elected Mayor)",
                    [row["post"], *(t["post"] for t in targets)],
                    used,
                    missing="which post leads the council",
                )
            )
        elif leaders:
            out.append(
                Finding(
                    RULE,
                    PASS,
                    f"the LMCS, {post_label(row)}, reports to {names}",
                    [row["post"], *(t["post"] for t in leaders)],
                    used,
                )
            )
        elif targets:
            out.append(
                Finding(
                    RULE,
                    FLAG,
                    f"the LMCS, {post_label(row)}, reports to {names}, not the leader or mayor",
                    [row["post"], *(t["post"] for t in targets)],
                    used,
                )
            )
        else:
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"the documents do not say whom the LMCS, {post_label(row)}, reports to",
                    [row["post"]],
                    used,
                    missing="the LMCS's line to the leader or mayor",
                )
            )
    return out


define(
    RULE,
    "LMCS reports to the leader or mayor",
    "The member designated Lead Member for Children's Services reports (by line or accountability) to the post the "
    "documents say leads the council (the Leader or an elected Mayor: a structure's `leader`, never a title). "
    "Unknown when the documents state no such line, or do not say which post leads the council.",
    (DFE_2013_REPORTING,),
    judge,
    CHILDRENS_AND_ADULTS,
    when=When(
        pass_="the LMCS reports, by line or accountability, to the post the documents say leads the council",
        flag="the LMCS is stated to report to other posts only, and the documents name the leader's post",
        unknown="no LMCS is designated, whom it reports to is not stated, or no document says which post leads "
        "the council",
    ),
)
