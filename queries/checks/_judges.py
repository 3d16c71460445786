"""Verdict helpers several rules share: "exactly one post designated", "accountable to the top post"."""

from __future__ import annotations

from typing import Any

from remit.loader.model import ROLE_NAMES

from ._rule import (
    FLAG,
    NA,
    PASS,
    UNKNOWN,
    Facts,
    Finding,
    context,
    designation_fact,
    holders_of,
    line_facts,
    lines_to_top,
    mitigation,
    tier_of,
)


def post_label(row: dict[str, Any]) -> str:
    return f"{row.get('title')} ({row['post']})"


def no_post_named(role: str) -> str:
    """The words for a role no document assigns to a post: not "the council had no DCS"."""
    return f"no document names the post that holds the {ROLE_NAMES[role]} role"


def missing_designation(facts: Facts | None, role: str, name: str | None = None) -> str:
    """What a finding about ``role`` lacks when no post is designated it: which post is, and the posts an
    imported file makes candidates for it (a title naming the role's area), each never a designation."""
    text = f"which post is designated {name or ROLE_NAMES[role]}"
    found = [c for c in (context(facts).get("candidates") or [] if facts else []) if c.get("role") == role]
    if found:
        named = "; ".join(f"{c['title']} ({c['post']}): {c['rule']}" for c in found)
        text += f" (candidates, not designations: {named})"
    return text


def none_designated(rule: str, role: str, facts: Facts | None = None) -> Finding:
    """Unknown, not a flag: the documents name no post for ``role`` (they may simply not mention it)."""
    return Finding(rule, UNKNOWN, no_post_named(role), missing=missing_designation(facts, role))


def exactly_one(rule: str, facts: Facts, role: str) -> Finding:
    """Pass with one post designated ``role``, flag with several, unknown with none stated."""
    rows = holders_of(facts, role)
    name = ROLE_NAMES[role]
    by_post = {r["post"]: r for r in rows}
    evidence = [designation_fact(r) for r in rows]
    if len(by_post) == 1:
        return Finding(rule, PASS, f"one post is designated {name}: {post_label(rows[0])}", by_post, evidence)
    if by_post:
        labels = "; ".join(post_label(r) for _, r in sorted(by_post.items()))
        return Finding(rule, FLAG, f"{len(by_post)} posts are designated {name}: {labels}", by_post, evidence)
    reason = no_post_named(role)
    ce = context(facts).get("chief_executives") or []
    if role == "hops" and ce:
        reason += f"; a post is titled Chief Executive ({', '.join(ce)}), but no document says it is designated"
    return Finding(rule, UNKNOWN, reason, ce if role == "hops" else (), missing=missing_designation(facts, role))


def accountable_to_top(rule: str, facts: Facts, role: str) -> list[Finding]:
    """The holder of ``role`` is line-managed by, or directly accountable to, the top post."""
    rows = holders_of(facts, role)
    name = ROLE_NAMES[role]
    if not rows:
        return [none_designated(rule, role, facts)]
    out = []
    for row in rows:
        tier = tier_of(row)
        lines = lines_to_top(row, tier)
        facts_used = line_facts(row) + lines
        subject = f"the {role.upper()}, {post_label(row)},"
        if tier.steps == 0:
            out.append(Finding(rule, NA, f"{subject} is itself the top post", [row["post"]], facts_used))
        elif tier.steps == 1:
            out.append(Finding(rule, PASS, f"{subject} {tier.describe()}", [row["post"], tier.top], facts_used))
        elif lines:
            names = "; ".join(mitigation(a) for a in lines)
            out.append(
                Finding(
                    rule,
                    PASS,
                    f"{subject} is directly accountable to {tier.top_phrase()}: {names} "
                    f"(line management: {tier.describe()})",
                    [row["post"], *(a["post"] for a in lines)],
                    facts_used,
                )
            )
        elif tier.first_tier is False:
            out.append(
                Finding(
                    rule,
                    FLAG,
                    f"{subject} {tier.describe()}, and no accountability line to {tier.top_phrase()} is recorded",
                    [row["post"], tier.reports_to],
                    facts_used,
                )
            )
        else:
            out.append(
                Finding(
                    rule,
                    UNKNOWN,
                    f"{subject} {tier.describe()}; no accountability line to {tier.top_phrase()} is recorded",
                    [row["post"]],
                    facts_used,
                    missing=f"the {name}'s line manager or accountability to the chief executive",
                )
            )
    return out
