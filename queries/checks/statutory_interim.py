"""Rule: each statutory office is filled and held substantively, not interim, acting or vacant."""

from __future__ import annotations

from remit.loader.model import ROLE_NAMES

from ._judges import post_label
from ._law import STATUTORY_APPOINTMENTS
from ._rule import FLAG, NA, PASS, UNKNOWN, Facts, Finding, When, define, designation_fact

RULE = "statutory-interim"
EXPOSED = ("interim", "acting", "vacant")


def judge(facts: Facts) -> list[Finding]:
    out = []
    for row in facts:
        if row.get("role") is None:
            continue
        name = ROLE_NAMES[row["role"]]
        subject = f"{name}: {post_label(row)}"
        used = [designation_fact(row), *row.get("holders", [])]
        if row.get("post_kind") == "member":
            out.append(
                Finding(RULE, NA, f"{subject} is a member role, not an officer appointment", [row["post"]], used)
            )
            continue
        basis = "vacant" if row.get("post_status") == "vacant" else row.get("basis")
        holders = sorted({h.get("basis") or "not stated" for h in row.get("holders", [])})
        said = (
            f"designation basis {basis or 'not stated'}; holders' basis: {', '.join(holders) or 'no holder recorded'}"
        )
        exposed = sorted({b for b in [basis, *holders] if b in EXPOSED})
        if exposed:
            out.append(Finding(RULE, FLAG, f"{subject} held {'/'.join(exposed)} ({said})", [row["post"]], used))
        elif basis == "permanent" or "permanent" in holders:
            out.append(Finding(RULE, PASS, f"{subject} held permanently ({said})", [row["post"]], used))
        else:
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"{subject}: the documents do not say on what basis it is held ({said})",
                    [row["post"]],
                    used,
                    missing=f"the basis (permanent, interim or acting) of the {name}",
                )
            )
    return out


define(
    RULE,
    "Statutory offices held substantively",
    "Each statutory office in force is filled and held on a permanent basis. Flag when vacant, interim or "
    "acting; unknown when no document states the basis; n/a for member roles.",
    (STATUTORY_APPOINTMENTS,),
    judge,
    when=When(
        pass_="the designation or a holder is stated to be permanent",
        flag="the post is vacant, or the role or a holder is interim or acting",
        unknown="no document states the basis",
        na="member roles (an LMCS is not an officer appointment)",
    ),
)
