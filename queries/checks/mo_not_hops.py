"""Rule: the Monitoring Officer is not the Head of Paid Service (LGHA 1989 s.5(1A))."""

from __future__ import annotations

from ._judges import missing_designation, no_post_named, post_label
from ._law import LGHA_S5_1A
from ._rule import FLAG, PASS, UNKNOWN, Facts, Finding, When, define, designation_fact, holders_of

RULE = "mo-not-hops"


def separate(rule: str, facts: Facts, role: str, other: str, other_name: str) -> list[Finding]:
    """``role`` and ``other`` must not be held by the same post (shared with mo-not-cfo)."""
    mine, theirs = holders_of(facts, role), holders_of(facts, other)
    evidence = [designation_fact(r) for r in mine + theirs]
    if not mine:
        return [
            Finding(
                rule,
                UNKNOWN,
                no_post_named(role),
                (),
                evidence,
                missing=missing_designation(facts, role, "Monitoring Officer"),
            )
        ]
    if not theirs:
        return [
            Finding(
                rule,
                UNKNOWN,
                no_post_named(other),
                [r["post"] for r in mine],
                evidence,
                missing=missing_designation(facts, other, other_name),
            )
        ]
    both = sorted({r["post"] for r in mine} & {r["post"] for r in theirs})
    if both:
        return [
            Finding(rule, FLAG, f"the Monitoring Officer is also the {other_name}: {', '.join(both)}", both, evidence)
        ]
    return [
        Finding(
            rule,
            PASS,
            f"Monitoring Officer {_labels(mine)}; {other_name} {_labels(theirs)}",
            [r["post"] for r in mine + theirs],
            evidence,
        )
    ]


def _labels(rows: Facts) -> str:
    return "; ".join(sorted({post_label(r) for r in rows}))


def judge(facts: Facts) -> list[Finding]:
    return separate(RULE, facts, "mo", "hops", "Head of Paid Service")


define(
    RULE,
    "Monitoring Officer is not the Head of Paid Service",
    "The posts designated Monitoring Officer and Head of Paid Service differ. Unknown when either is not "
    "designated in the documents.",
    (LGHA_S5_1A,),
    judge,
    when=When(
        pass_="the Monitoring Officer and the Head of Paid Service are different posts",
        flag="one post holds both",
        unknown="either role is not designated in the documents",
    ),
)
