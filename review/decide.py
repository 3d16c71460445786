"""A person's answer turned into an overlay change: confirm, correct or assert a review item, or one
of a scenario's proposals. Each records what the base said (`was`), so a base that changes later
is reported as a conflict rather than silently overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from remit.loader.dates import parse_date
from remit.loader.model import Source, Structure
from remit.loader.overlay import Change, Overlay

from .items import HOLDER, LINE_MANAGER, ROLE, ROLE_BASIS, Item

CONFIRM, CORRECT, ASSERT, PROPOSE = "confirm", "correct", "assert", "propose"


class DecisionError(ValueError):
    """An answer that cannot be recorded (no source and no reasoning, a bad date): said to the person."""


@dataclass
class Cited:
    """The document a decision rests on: title, date, URL or file, and the quote or page."""

    title: str
    date: str | None = None
    url: str | None = None
    file: str | None = None
    quote: str | None = None
    page: str | None = None

    def check(self) -> None:
        if not self.title.strip():
            raise DecisionError("name the document (its title)")
        if not (self.url or self.file):
            raise DecisionError("give the document's URL or file name")
        if not (self.quote or self.page):
            raise DecisionError("give the quote, or the page, the decision rests on")
        if self.date and parse_date(self.date) is None:
            raise DecisionError(f"the document's date '{self.date}' is not a date (YYYY-MM-DD)")


def source_for(overlay: Overlay, cited: Cited, known: set[str] = frozenset()) -> Source:  # type: ignore[assignment]
    """The overlay's source for a document (the same one when cited again), with a fresh id."""
    for s in overlay.sources:
        if (s.title, s.url, s.file or None) == (cited.title.strip(), cited.url or None, cited.file or None):
            return s
    stem = re.sub(r"[^a-z0-9]+", "-", cited.title.lower()).strip("-")[:40] or "document"
    taken = {s.id for s in overlay.sources} | set(known)
    sid, n = stem, 2
    while sid in taken:
        sid, n = f"{stem}-{n}", n + 1
    return Source(
        sid, cited.title.strip(), parse_date(cited.date) if cited.date else None, cited.file or "", 0, cited.url or None
    )


def _change(
    op: str,
    values: dict[str, Any],
    was: Any,
    how: str,
    by: str,
    date: str,
    overlay: Overlay,
    cited: Cited | None,
    reasoning: str | None,
    known: set[str],
) -> tuple[Change, list[Source]]:
    if not by.strip():
        raise DecisionError("say who is deciding (your name)")
    if parse_date(date) is None:
        raise DecisionError(f"'{date}' is not a date (YYYY-MM-DD)")
    if cited is not None:
        cited.check()
        src = source_for(overlay, cited, known)
        change = Change(
            op, values, src.id, cited.quote or None, cited.page or None, False, None, by.strip(), date, was, how
        )
        change.recorded = True
        return change, [src]
    reason = (reasoning or "").strip()
    if not reason:
        raise DecisionError("without a document, say why (your reasoning): it is kept as your assertion")
    change = Change(
        op, values, None, None, None, True, reason, by.strip(), date, was, ASSERT if how != PROPOSE else how
    )
    change.recorded = True
    return change, []


def settle(
    item: Item,
    st: Structure,
    overlay: Overlay,
    *,
    value: str | None,
    by: str,
    date: str,
    cited: Cited | None = None,
    reasoning: str | None = None,
    known_sources: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[Change, list[Source]]:
    """The change that settles `item` with `value` (None: confirm the inferred value), stated when a
    document is cited, else kept as the person's assertion."""
    value = value or item.value
    if not value:
        raise DecisionError("choose a value: nothing was inferred to confirm")
    how = CONFIRM if value == item.value and cited is not None else (CORRECT if cited is not None else ASSERT)
    if item.kind == LINE_MANAGER and item.post:
        p = st.post(item.post)
        was = p.line_manager.post if p and p.line_manager else None
        return _change(
            "line_manager",
            {"post": item.post, "to": value},
            was,
            how,
            by,
            date,
            overlay,
            cited,
            reasoning,
            known_sources,
        )
    if item.kind == ROLE and item.role:
        now = sorted(p.key for p in st.posts for d in p.designations if d.role == item.role)
        basis = next((d.basis for p in st.posts if p.key == value for d in p.designations if d.role == item.role), None)
        values: dict[str, Any] = {"post": value, "role": item.role}
        if basis:
            values["basis"] = basis
        return _change("designate", values, now, how, by, date, overlay, cited, reasoning, known_sources)
    if item.kind == ROLE_BASIS and item.role and item.post:
        now = sorted(p.key for p in st.posts for d in p.designations if d.role == item.role)
        values = {"post": item.post, "role": item.role, "basis": value}
        return _change("designate", values, now, how, by, date, overlay, cited, reasoning, known_sources)
    if item.kind == HOLDER and item.post:
        p = st.post(item.post)
        now = sorted(h.name or "" for h in p.holders) if p else []
        return _change(
            "holder", {"post": item.post, "name": value}, now, how, by, date, overlay, cited, reasoning, known_sources
        )
    raise DecisionError(f"cannot settle item '{item.id}'")


def propose(
    st: Structure,
    overlay: Overlay,
    op: str,
    values: dict[str, Any],
    *,
    by: str,
    date: str,
    cited: Cited | None = None,
    reasoning: str | None = None,
) -> tuple[Change, list[Source]]:
    """One change of a scenario (move, add, delete, retitle, re-pay, designate, a line), with what the
    base said (`was`) recorded."""
    post = st.post(str(values.get("post") or ""))
    was: Any = None
    if op == "line_manager":
        was = post.line_manager.post if post and post.line_manager else None
    elif op in ("designate", "undesignate"):
        was = sorted(p.key for p in st.posts for d in p.designations if d.role == values.get("role"))
    elif op == "retitle":
        was = post.title if post else None
    elif op == "pay":
        was = {
            k: getattr(post.pay, k) if post and post.pay else None for k in ("grade", "salary", "fte") if k in values
        }
    elif op == "holder":
        was = sorted(h.name or "" for h in post.holders) if post else []
    if op != "add_post" and post is None:
        raise DecisionError(f"no post '{values.get('post')}' in {st.id}")
    if op == "add_post" and post is not None:
        raise DecisionError(f"{st.id} already has a post '{values.get('post')}'")
    reason = reasoning or f"proposed in the scenario {overlay.scenario.label if overlay.scenario else ''}".strip()
    return _change(op, values, was, PROPOSE, by, date, overlay, cited, reason, set())
