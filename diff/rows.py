"""One row of a restructure diff, and the order rows are listed in (shared by every diff section)."""

from __future__ import annotations

from typing import Any

from remit.queries.rows import inferences_of, sources_of

# What a diff calls a difference one side's document is silent on (issue 21): never "created" or "deleted".
NOT_RECORDED_BEFORE = "not recorded before"
NOT_STATED_AFTER = "not stated after"

COLUMNS = (
    "change",
    "kind",
    "subject",
    "key_before",
    "key_after",
    "before",
    "after",
    "detail",
    "sources_before",
    "sources_after",
    "inferred",
)
KIND_ORDER = (
    "post",
    "member post",
    "line management",
    "accountability",
    "escalation",
    "designation",
    "holder",
    "function",
    "unit",
    "tier",
    "span",
    "stated count",
)
PAY_FIELDS = ("grade", "salary", "fte", "on_costs", "total_cost")


def row(
    change: str,
    kind: str,
    subject: str | None,
    key_before: str | None = None,
    key_after: str | None = None,
    before: Any = None,
    after: Any = None,
    detail: str = "",
    evidence_before: Any = (),
    evidence_after: Any = (),
) -> dict[str, Any]:
    return {
        "change": change,
        "kind": kind,
        "subject": subject,
        "key_before": key_before,
        "key_after": key_after,
        "before": before,
        "after": after,
        "detail": detail,
        "sources_before": sources_of(evidence_before),
        "sources_after": sources_of(evidence_after),
        # Every inferred fact the row rests on, either side: "reasoning [source]".
        "inferred": inferences_of(evidence_before, evidence_after),
    }


def fmt(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def show(values: dict[str, Any], fields: list[str]) -> str:
    return "; ".join(f"{f}: {values[f] if values[f] is not None else 'not stated'}" for f in fields)
