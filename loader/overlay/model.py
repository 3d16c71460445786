"""The overlay's model: a change (one decision, with its source or marked as the person's own
assertion), a scenario, an overlay, and what became of a change against its base."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Evidence, Source

FORMAT = "remit-overlay/1"

# What a change may do, and the keys each takes besides the common ones (COMMON).
OPS: dict[str, frozenset[str]] = {
    "line_manager": frozenset({"post", "to"}),
    "designate": frozenset({"post", "role", "basis", "joint"}),
    "undesignate": frozenset({"post", "role"}),
    "holder": frozenset({"post", "name", "basis"}),
    "accountable_to": frozenset({"post", "to", "mechanisms"}),
    "remove_accountable_to": frozenset({"post", "to"}),
    "add_post": frozenset({"post", "title", "line_manager", "unit", "grade", "salary", "fte"}),
    "delete_post": frozenset({"post"}),
    "retitle": frozenset({"post", "title"}),
    "pay": frozenset({"post", "grade", "salary", "fte"}),
}
COMMON = frozenset({"do", "source", "quote", "page", "asserted", "reasoning", "by", "date", "was", "decision"})
DECISIONS = ("confirm", "correct", "assert", "propose")
OP_WORDS = {
    "line_manager": "line manager",
    "designate": "designate",
    "undesignate": "remove designation",
    "holder": "holder",
    "accountable_to": "add accountability line",
    "remove_accountable_to": "remove accountability line",
    "add_post": "add post",
    "delete_post": "delete post",
    "retitle": "retitle",
    "pay": "pay",
}

# How each change fared against the base it was laid over.
APPLIED, NO_LONGER, CONFLICT = "applied", "no longer applies", "conflicts"


@dataclass
class Change:
    """One decision. `values` holds the op's own keys (post, to, role, ...); `was` what the base
    said when it was made (None: not recorded)."""

    do: str
    values: dict[str, Any]
    source: str | None = None
    quote: str | None = None
    page: str | None = None
    asserted: bool = False
    reasoning: str | None = None
    by: str | None = None
    on: str | None = None
    was: Any = None
    decision: str | None = None
    line: int = 0
    recorded: bool = False  # `was` was written (even as null): the change was made against a base

    @property
    def post(self) -> str:
        return str(self.values.get("post") or "")

    def evidence(self) -> Evidence:
        """Stated with its source, or the person's assertion kept as an inference."""
        if self.asserted or not self.source:
            who = f"entered by {self.by or 'someone not named'}" + (f" on {self.on}" if self.on else "")
            rule = f"{who}: {self.reasoning or 'no reason given'}"
            return Evidence(
                self.source or ASSERTED, self.reasoning or rule, self.line, None, True, rule, self.by, self.on
            )
        quote = self.quote or ""
        if self.page:
            quote = f"{quote} (page {self.page})" if quote else f"page {self.page}"
        return Evidence(self.source, quote, self.line, None, False, None, self.by, self.on)

    def describe(self) -> str:
        """The change in words: "line manager of dcs: chief-executive"."""
        v = self.values
        what = OP_WORDS.get(self.do, self.do)
        if self.do in ("line_manager", "accountable_to", "remove_accountable_to"):
            return f"{what} of {self.post}: {v.get('to')}"
        if self.do in ("designate", "undesignate"):
            return f"{what} {v.get('role')}: {self.post}" + (f" ({v['basis']})" if v.get("basis") else "")
        if self.do == "holder":
            return f"holder of {self.post}: {v.get('name') or 'not named'}" + (
                f" ({v['basis']})" if v.get("basis") else ""
            )
        if self.do in ("add_post", "retitle"):
            return f"{what} {self.post}: {v.get('title')}"
        if self.do == "pay":
            return f"pay of {self.post}: " + ", ".join(f"{k} {v[k]}" for k in ("grade", "salary", "fte") if k in v)
        return f"{what} {self.post}"

    def to_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"do": self.do, **self.values}
        if self.decision:
            out["decision"] = self.decision
        if self.recorded:
            out["was"] = self.was
        for k in ("source", "quote", "page", "reasoning", "by"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.on:
            out["date"] = self.on
        if self.asserted:
            out["asserted"] = True
        return out


@dataclass
class Scenario:
    id: str
    label: str


@dataclass
class Overlay:
    structure: str
    sources: list[Source] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    scenario: Scenario | None = None
    path: str = ""
    line: int = 1  # of `structure:`, for a problem with the base

    @property
    def target(self) -> str:
        """The structure the changes end up in: the scenario's, else the base itself."""
        return self.scenario.id if self.scenario else self.structure

    def with_change(self, change: Change, sources: Iterable[Source] = ()) -> Overlay:
        """A new overlay with one more decision (and its sources): the old one is kept for undo."""
        have = {s.id for s in self.sources}
        more = [s for s in sources if s.id not in have]
        return replace(self, sources=[*self.sources, *more], changes=[*self.changes, change])

    def without_last(self) -> Overlay:
        """Undo: the overlay before its last decision (sources no longer cited are dropped)."""
        changes = self.changes[:-1]
        cited = {c.source for c in changes}
        return replace(self, changes=changes, sources=[s for s in self.sources if s.id in cited])


@dataclass
class Outcome:
    """What became of one change: applied, no longer applies (its post or line is gone, or the base
    now states the same), or conflicts (the base now says something else than when the change
    was made; not applied)."""

    change: Change
    status: str
    detail: str

    def __str__(self) -> str:
        return f"{self.status}: {self.change.describe()}" + (f" ({self.detail})" if self.detail else "")


ASSERTED = "asserted"  # the source id an assertion without a document cites (added to the file)
