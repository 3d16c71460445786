"""The review list: every inferred fact and every unknown a rule needs, most useful first.

An item is one fact a person could settle from the council's own papers: a line manager, which
post holds a statutory role, the basis it is held on, who holds it. Each names the rule findings it
would settle ("settles dcs-first-tier (unknown)"), from the rules' needs (needs.py) and the
structure's own lines, and the candidates Remit found for it. Items that settle the most unknown
findings come first; what settles nothing comes last, and is still listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from remit.loader.model import ROLE_NAMES, Post, Structure, StructureFile
from remit.queries.assurance import Summary
from remit.queries.checks._rule import NA, UNKNOWN

from .needs import BASIS, DESIGNATION, LINE, RULE_NEEDS, rules_needing

INFERRED, OPEN = "inferred", "unknown"
LINE_MANAGER, ROLE, ROLE_BASIS, HOLDER = "line manager", "statutory role", "basis", "holder"
KIND_ORDER = (ROLE, LINE_MANAGER, ROLE_BASIS, HOLDER)

# Words in a post's title that make it a candidate for a role no document designates. A candidate
# is only shown to the person reviewing; it is never designated by Remit.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "hops": ("chief executive", "head of paid service", "managing director"),
    "s151": ("section 151", "s151", "finance", "treasurer", "resources"),
    "mo": ("monitoring officer", "legal", "governance", "solicitor", "law"),
    "dcs": ("children",),
    "dass": ("adult",),
    "dph": ("public health",),
    "lmcs": ("lead member", "cabinet member for children", "portfolio holder for children"),
}
NOT_THE_ROLE = ("deputy", "assistant", "head of", "manager")


@dataclass
class Item:
    """One open fact. `id` is stable for a structure (the dashboard keys its forms by it)."""

    id: str
    kind: str
    state: str  # INFERRED or OPEN
    question: str  # what to settle, in words
    post: str | None = None
    role: str | None = None
    value: str | None = None  # the inferred value (a post key, a basis), None when unknown
    value_label: str | None = None
    reasoning: str | None = None  # the rule or reasoning behind an inferred value
    source: str | None = None
    candidates: list[str] = field(default_factory=list)  # post keys (or bases) Remit found
    settles: list[tuple[str, str]] = field(default_factory=list)  # (rule, its outcome now)

    @property
    def settles_text(self) -> str:
        return "; ".join(f"settles {r} ({o})" for r, o in self.settles) or "settles no rule finding"

    def row(self, titles: dict[str, str]) -> dict[str, Any]:
        """The item as a table row (titles for keys)."""

        def name(k: str | None) -> str | None:
            return None if k is None else f"{titles.get(k, k)} ({k})"

        return {
            "item": self.id,
            "kind": self.kind,
            "state": self.state,
            "question": self.question,
            "now": (self.value_label or name(self.value)) if self.value else "unknown",
            "reasoning": self.reasoning,
            "settles": self.settles_text,
            "candidates": [name(c) if c in titles else c for c in self.candidates],
        }


def review_items(sf: StructureFile, st: Structure, summary: Summary) -> list[Item]:
    """Every open item of `st`, ordered by the findings each would settle (unknown ones first)."""
    outcome = {r.rule.id: _outcome(r) for r in summary.results}
    applies = {rule for rule, o in outcome.items() if not o.startswith(NA)}
    designated = _designations(st)
    top = _top(st, designated)
    items: list[Item] = []
    items += _role_items(st, designated, applies)
    items += _line_items(st, designated, top)
    items += _basis_items(st, designated)
    for it in items:
        it.settles = [(r, outcome[r]) for r in _settled_rules(it, st, designated) if r in applies]
    items.sort(key=lambda it: _order(it, st))
    return items


def _outcome(result: Any) -> str:
    inferred = any(f.get("inferred") for f in result.findings)
    return result.outcome + (", inferred" if inferred else "")


def _order(it: Item, st: Structure) -> tuple[Any, ...]:
    unknown = sum(1 for _, o in it.settles if o.startswith(UNKNOWN))
    inferred = sum(1 for _, o in it.settles if "inferred" in o)
    p = st.post(it.post) if it.post else None
    return (-unknown, -inferred, -len(it.settles), KIND_ORDER.index(it.kind), (p.title if p else "").lower(), it.id)


def _designations(st: Structure) -> dict[str, list[tuple[Post, Any]]]:
    out: dict[str, list[tuple[Post, Any]]] = {}
    for p in st.posts:
        for d in p.designations:
            out.setdefault(d.role, []).append((p, d))
    return out


def _top(st: Structure, designated: dict[str, list[tuple[Post, Any]]]) -> set[str]:
    """The top post as the rules measure it (queries.graph_helpers.top_posts): the Head of Paid Service,
    else the post the documents call the most senior, else the post titled Chief Executive that reports
    to no post."""
    hops = {p.key for p, _ in designated.get("hops", [])}
    if hops:
        return hops
    if st.top_post is not None and st.post(st.top_post.post) is not None:
        return {st.top_post.post}
    levelled = any(p.level == 1 for p in st.posts)
    return {
        p.key
        for p in st.posts
        if p.title.lower().startswith("chief executive") and p.line_manager is None and (not levelled or p.level == 1)
    }


def _role_items(st: Structure, designated: dict[str, list[tuple[Post, Any]]], applies: set[str]) -> list[Item]:
    out = []
    for role, name in ROLE_NAMES.items():
        if not any(r in applies for r in rules_needing(role, DESIGNATION)):
            continue  # no rule that applies to this council needs it (a district has no DCS)
        held = designated.get(role, [])
        stated = [p for p, d in held if not d.evidence.inferred]
        if stated:
            continue
        if held:
            for p, d in held:
                out.append(
                    Item(
                        f"role:{role}:{p.key}",
                        ROLE,
                        INFERRED,
                        f"Is {p.title} the {name}?",
                        post=p.key,
                        role=role,
                        value=p.key,
                        reasoning=d.evidence.rule,
                        source=d.evidence.source,
                        candidates=[p.key] + [c for c in _role_candidates(st, role) if c != p.key],
                    )
                )
            continue
        out.append(
            Item(
                f"role:{role}",
                ROLE,
                OPEN,
                f"Which post is the {name}?",
                role=role,
                candidates=_role_candidates(st, role),
            )
        )
    return out


def _role_candidates(st: Structure, role: str) -> list[str]:
    words = ROLE_WORDS.get(role, ())
    want_member = role == "lmcs"
    found = []
    for p in st.posts:
        title = p.title.lower()
        if (p.kind == "member") != want_member or not any(w in title for w in words):
            continue
        if any(title.startswith(n) or f"{n} " in title.split("(")[0][:12] for n in NOT_THE_ROLE):
            continue
        found.append(p)
    found.sort(key=lambda p: (p.level if p.level is not None else 99, p.title.lower(), p.key))
    return [p.key for p in found[:6]]


def _line_items(st: Structure, designated: dict[str, list[tuple[Post, Any]]], top: set[str]) -> list[Item]:
    out = []
    for p in st.posts:
        if p.kind == "role" or p.key in top:
            continue
        lm = p.line_manager
        if lm is not None and not lm.evidence.inferred:
            continue
        if lm is None:
            out.append(
                Item(
                    f"line:{p.key}",
                    LINE_MANAGER,
                    OPEN,
                    f"Who line-manages {p.title}?",
                    post=p.key,
                    candidates=_manager_candidates(st, p, top),
                )
            )
        else:
            boss = st.post(lm.post)
            out.append(
                Item(
                    f"line:{p.key}",
                    LINE_MANAGER,
                    INFERRED,
                    f"Does {p.title} report to {boss.title if boss else lm.post}?",
                    post=p.key,
                    value=lm.post,
                    reasoning=lm.evidence.rule,
                    source=lm.evidence.source,
                    candidates=[lm.post] + [c for c in _manager_candidates(st, p, top) if c != lm.post],
                )
            )
    return out


def _unit_of(p: Post) -> str | None:
    return p.unit.unit if p.unit else (p.heads.unit if p.heads else None)


def _manager_candidates(st: Structure, p: Post, top: set[str]) -> list[str]:
    """Posts one published Level up in the same unit (or its directorate), else those heading the
    post's unit, else the top post: the candidates an LGA import saw, for a person to choose from."""
    unit = _unit_of(p)
    parent = {u.key: (u.part_of.unit if u.part_of else None) for u in st.units}
    family = {unit, parent.get(unit) if unit else None} - {None}
    found: list[Post] = []
    if p.level is not None:
        up = [q for q in st.posts if q.level == p.level - 1 and q is not p]
        found = [q for q in up if _unit_of(q) in family] or ([] if family else up)
    if not found and unit:
        found = [q for q in st.posts if q.heads and q.heads.unit in family and q is not p]
    keys = [q.key for q in sorted(found, key=lambda q: (q.title.lower(), q.key))]
    keys += [k for k in sorted(top) if k not in keys and k != p.key]
    return keys[:6]


def _basis_items(st: Structure, designated: dict[str, list[tuple[Post, Any]]]) -> list[Item]:
    out = []
    for role, held in sorted(designated.items()):
        if role == "lmcs":
            continue  # a member role: statutory-interim does not judge its basis
        for p, d in held:
            name = ROLE_NAMES[role]
            holder_bases = [h for h in p.holders if h.basis]
            if d.basis and not d.evidence.inferred:
                continue
            if d.basis:  # inferred
                out.append(
                    Item(
                        f"basis:{role}:{p.key}",
                        ROLE_BASIS,
                        INFERRED,
                        f"Is {p.title} {name} on a {d.basis} basis?",
                        post=p.key,
                        role=role,
                        value=d.basis,
                        value_label=d.basis,
                        reasoning=d.evidence.rule,
                        source=d.evidence.source,
                        candidates=["permanent", "interim", "acting"],
                    )
                )
            elif not any(not h.evidence.inferred for h in holder_bases):
                out.append(
                    Item(
                        f"basis:{role}:{p.key}",
                        ROLE_BASIS,
                        OPEN,
                        f"On what basis is {p.title} {name} (permanent, interim, acting)?",
                        post=p.key,
                        role=role,
                        candidates=sorted({h.basis for h in holder_bases if h.basis})
                        or ["permanent", "interim", "acting"],
                    )
                )
            if not p.holders:
                out.append(
                    Item(
                        f"holder:{p.key}",
                        HOLDER,
                        OPEN,
                        f"Who holds {p.title} ({name})?",
                        post=p.key,
                        role=role,
                    )
                )
    seen: set[str] = set()
    return [it for it in out if not (it.id in seen or seen.add(it.id))]  # type: ignore[func-returns-value]


def _chain(st: Structure, key: str) -> list[str]:
    """The post and its line managers upwards, as far as the structure states them."""
    out, cur = [], st.post(key)
    while cur is not None and cur.key not in out:
        out.append(cur.key)
        cur = st.post(cur.line_manager.post) if cur.line_manager else None
    return out


def _settled_rules(it: Item, st: Structure, designated: dict[str, list[tuple[Post, Any]]]) -> list[str]:
    if it.kind == ROLE and it.role:
        return rules_needing(it.role, DESIGNATION)
    if it.kind in (ROLE_BASIS, HOLDER) and it.role:
        return rules_needing(it.role, BASIS)
    if it.kind == LINE_MANAGER and it.post:
        rules: set[str] = set()
        for role, held in designated.items():
            for p, _ in held:
                if it.post in _chain(st, p.key):
                    rules.update(r for r, n in RULE_NEEDS.items() if LINE in n.facts and role in n.roles)
        return sorted(rules)
    return []
