"""Rule: each statutory office is filled and held substantively, not interim, acting or vacant."""

from __future__ import annotations

from remit.loader.model import ROLE_NAMES
from remit.queries.graph_helpers import DEPARTED

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
        departed = [] if row.get("holders") else row.get("departed", [])
        if departed:
            # Issue 21: the holder only announced a departure; once its date passes nothing says who holds
            # the role. Exposed, and not known: neither a pass nor a guess at an interim.
            who = "; ".join(
                f"{d.get('name') or '(not named)'}, intended to leave {d.get('intended_end') or '(no date)'}: "
                f"\u201c{d.get('quote')}\u201d"
                for d in departed
            )
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"{subject}: {DEPARTED} ({who}; designation basis {basis or 'not stated'})",
                    [row["post"]],
                    [*used, *departed],
                    missing=f"who holds the {name} after the holder's intended departure, and on what basis",
                )
            )
            continue
        said = (
            f"designation basis {basis or 'not stated'}; holders' basis: {', '.join(holders) or 'no holder recorded'}"
        )
        exposed = sorted({b for b in [basis, *holders] if b in EXPOSED})
        if exposed:
            out.append(Finding(RULE, FLAG, f"{subject} held {'/'.join(exposed)} ({said})", [row["post"]], used))
        elif "permanent" in holders or (basis == "permanent" and row.get("post_status") == "filled"):
            out.append(Finding(RULE, PASS, f"{subject} held permanently ({said})", [row["post"]], used))
        elif basis == "permanent":
            # A permanent designation with no holder recorded (Sandwell's proposed permanent DCS, still to be
            # recruited): not a pass on silence about who holds it.
            out.append(
                Finding(
                    RULE,
                    UNKNOWN,
                    f"{subject} is to be held permanently, but no document names a holder or says the post is "
                    f"filled ({said})",
                    [row["post"]],
                    used,
                    missing=f"whether the {name} post is filled",
                )
            )
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
    "acting; unknown when no document states the basis, or when the holder's intended departure has passed and no "
    "successor is recorded (the role is then exposed and who holds it is not known); n/a for member roles.",
    (STATUTORY_APPOINTMENTS,),
    judge,
    when=When(
        pass_="a holder is stated to be permanent, or the designation is permanent and the post stated filled",
        flag="the post is vacant, or the role or a holder is interim or acting",
        unknown="no document states the basis, a permanent post is not stated to be filled, or the holder's "
        "intended departure has passed with no successor recorded",
        na="member roles (an LMCS is not an officer appointment)",
    ),
)
