"""What a restructure does, in one place: the story the Compare page and the report open with.

Built from a queries.diff result and the two snapshots: statutory roles before and after (who
holds each), posts created, deleted and amended (counts and titles), lines of accountability
added or lost, and the cost change beside the document's own figures and quote."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from remit.loader.model import ROLE_NAMES
from remit.queries.snapshot import Snapshot

from .orgchart import ROLE_BADGES, chart_graph
from .tables import money

LINE_KINDS = ("line management", "accountability", "escalation")
# A role one side's documents assign to no post: not known there (issue 21), never "the council had none".
NO_POST_NAMED = "no document names the post"
ADDED = ("added", "gained")
LOST = ("lost", "removed")
GROUPS = (  # the change table, grouped by kind, in the order a committee reads it
    ("Posts", ("post", "member post")),
    ("Lines of management and accountability", LINE_KINDS),
    ("Statutory roles", ("designation",)),
    ("Holders", ("holder",)),
    ("Units", ("unit",)),
    ("Tiers and spans of control", ("tier", "span")),
    ("Counts the documents state", ("stated count",)),
    ("Functions", ("function",)),
)


@dataclass
class RoleChange:
    role: str  # the role's name, e.g. Director of Children's Services (tables for people: no codes)
    before: str  # "Title (holder)" or NO_POST_NAMED
    after: str
    changed: bool


@dataclass
class Story:
    before: str
    after: str
    created: list[str] = field(default_factory=list)  # officer post titles
    deleted: list[str] = field(default_factory=list)
    amended: list[str] = field(default_factory=list)
    repaid: list[str] = field(default_factory=list)
    members_created: list[str] = field(default_factory=list)
    members_deleted: list[str] = field(default_factory=list)
    # Posts on one side only that no document says are created or deleted: listed, never counted as either.
    only_after: list[str] = field(default_factory=list)
    only_before: list[str] = field(default_factory=list)
    lines_added: list[str] = field(default_factory=list)
    lines_lost: list[str] = field(default_factory=list)
    roles: list[RoleChange] = field(default_factory=list)
    cost: list[dict[str, Any]] = field(default_factory=list)  # metric, computed change, stated change, quote, source

    @property
    def headline(self) -> str:
        """One sentence: '7 posts deleted, 5 created, 3 amended; salary −£101,186 a year'."""
        parts = [f"{len(self.deleted)} posts deleted", f"{len(self.created)} created", f"{len(self.amended)} amended"]
        if self.only_after:
            parts.append(f"{len(self.only_after)} not recorded before")
        if self.only_before:
            parts.append(f"{len(self.only_before)} not stated after")
        text = ", ".join(parts)
        salary = next((c for c in self.cost if c["metric"] == "salary"), None)
        if salary and salary["difference"] is not None:
            text += f"; salary {money(salary['difference'], signed=True)} a year"
            if salary.get("stated_change") is not None:
                text += f" (the document states {money(salary['stated_change'], signed=True)})"
        return text


def _holders_by_role(snap: Snapshot) -> dict[str, str]:
    graph = chart_graph(snap)
    out: dict[str, list[str]] = {}
    for p in sorted(graph.posts.values(), key=lambda x: x.title):
        names = ", ".join(n or "not named" for n, _ in p.holders)
        for code, basis in p.roles:
            who = p.title + (f" — {names}" if names else "") + (f" ({basis})" if basis in ("interim", "acting") else "")
            out.setdefault(code, []).append(who)
    return {code: "; ".join(v) for code, v in out.items()}


def _line(r: dict[str, Any]) -> str:
    detail = r.get("detail") or ""
    if "→" in detail:
        return f"{r.get('kind')}: {detail}"
    other = r.get("after") if r.get("after") not in (None, "") else r.get("before")
    return f"{r.get('kind')}: {r.get('subject')} → {other}"


def story(diff: Any, before: Snapshot, after: Snapshot) -> Story:
    s = Story(diff.before, diff.after)
    for r in diff.rows:
        kind, change, subject = r["kind"], r["change"], r.get("subject") or r.get("key_after") or r.get("key_before")
        if kind in ("post", "member post") and change in ("not recorded before", "not stated after"):
            (s.only_after if change == "not recorded before" else s.only_before).append(subject)
        elif kind == "post":
            {"created": s.created, "deleted": s.deleted, "amended": s.amended, "pay changed": s.repaid}.get(
                change, []
            ).append(subject)
        elif kind == "member post":
            {"created": s.members_created, "deleted": s.members_deleted}.get(change, []).append(subject)
        elif kind in LINE_KINDS and any(w in change for w in ADDED):
            s.lines_added.append(_line(r))
        elif kind in LINE_KINDS and any(w in change for w in LOST):
            s.lines_lost.append(_line(r))
    hb, ha = _holders_by_role(before), _holders_by_role(after)
    order = list(ROLE_BADGES)
    for code in sorted(set(hb) | set(ha), key=lambda c: (order.index(c) if c in order else 99, c)):
        b, a = hb.get(code, NO_POST_NAMED), ha.get(code, NO_POST_NAMED)
        s.roles.append(RoleChange(ROLE_NAMES.get(code, code), b, a, b != a))
    stated = (diff.cost or {}).get("stated") or {}
    quote = (stated.get("change") or {}).get("quote")
    source = (stated.get("change") or {}).get("source")
    for m in (diff.cost or {}).get("metrics", []):
        if m["metric"] in ("salary", "on_costs", "total_cost", "fte"):
            s.cost.append(
                {
                    "metric": m["metric"],
                    "before": m.get("before"),
                    "after": m.get("after"),
                    "difference": m.get("difference"),
                    "stated_change": m.get("stated_change"),
                    "quote": quote if m.get("stated_change") is not None else None,
                    "source": source if m.get("stated_change") is not None else None,
                }
            )
    return s


def grouped_changes(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The diff rows in GROUPS order, empty groups left out (functions last, under their own heading)."""
    out = []
    for heading, kinds in GROUPS:
        mine = [r for r in rows if r.get("kind") in kinds]
        if mine:
            out.append((heading, mine))
    rest = [r for r in rows if not any(r.get("kind") in kinds for _, kinds in GROUPS)]
    if rest:
        out.append(("Other changes", rest))
    return out


def change_rows(rows: list[dict[str, Any]], titles: dict[str, str]) -> list[dict[str, Any]]:
    """Diff rows as people read them: what, the change, from → to, titles not keys, the sources."""
    out = []
    for r in rows:
        kb, ka = r.get("key_before"), r.get("key_after")
        name = r.get("subject") or titles.get(ka or "", "") or titles.get(kb or "", "") or ka or kb
        moved = ""
        if r.get("before") not in (None, "") or r.get("after") not in (None, ""):
            moved = (
                f"{r.get('before') if r.get('before') not in (None, '') else 'not stated'} → "
                f"{r.get('after') if r.get('after') not in (None, '') else 'not stated'}"
            )
        sources = sorted(set(r.get("sources_before") or []) | set(r.get("sources_after") or []))
        out.append(
            {
                "what": name,
                "change": r.get("change"),
                "from → to": moved or None,
                "detail": r.get("detail") or None,
                "sources": sources,
            }
        )
    return out
