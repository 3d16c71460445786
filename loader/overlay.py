"""Overlays: stated facts added to an imported structure, overriding what was inferred.

Why: a published chart states posts and holders but not, say, who the Monitoring Officer is;
a council's constitution does. An overlay is a small YAML file of such facts, each with its own
source and quote; it adds them as stated facts and, where the import had inferred the same kind of
fact (a designation of that role, the line manager of that post), replaces the inferred one. The
report says, fact by fact, what was added and what inferred fact it overrode.

    overlay: remit-overlay/1
    structure: kirklees-2024-04-01
    sources: [{id: constitution, title: ..., file: constitution.txt}]
    designations: [{post: KEY, role: mo, basis: permanent, source: constitution, quote: "..."}]
    lines: [{post: KEY, line_manager: KEY, source: ..., quote: ...}]     # or accountable_to: KEY
    holders: [{post: KEY, name: ..., basis: interim, source: ..., quote: ...}]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import BASES, ROLE_CODES, Designation, Holding, Post, PostLink, Source, Structure, StructureFile
from .parse import Reader
from .problems import Problem
from .yamlfile import LDict, read_yaml

FORMAT = "remit-overlay/1"


def apply_overlay(path: Path, files: list[StructureFile], label: str | None = None) -> tuple[list[str], list[Problem]]:
    """Apply one overlay file to the structure it names; (report lines, problems). Nothing is
    changed when the overlay has a problem."""
    label = label or str(path)
    doc, problems = read_yaml(path, label)
    if doc is None:
        return [], problems
    r = Reader(label)
    d = r.mapping(doc, 1, "the overlay", {"overlay", "structure", "sources", "designations", "lines", "holders"})
    if d is None:
        return [], problems + list(r.problems)
    if r.text(d, "overlay", "the overlay", True) not in (None, FORMAT):
        r.problem(d.line_of("overlay"), f"overlay format must be '{FORMAT}'")
    sid = r.text(d, "structure", "the overlay", True) or ""
    target = next(((sf, st) for sf in files for st in sf.structures if st.id == sid), None)
    if target is None:
        r.problem(d.line_of("structure"), f"no imported structure '{sid}'")
        return [], problems + list(r.problems)
    sf, st = target
    sources = r.items(d, "sources", "the overlay", r.source)
    known = {s.id for s in sf.sources} | {s.id for s in sources}
    changes: list[tuple[str, Post, Any]] = []
    for kind in ("designations", "lines", "holders"):
        for item, line in _items(d, kind):
            fact = _fact(r, kind, item, line, st, known)
            if fact is not None:
                changes.append(fact)
    if problems or r.problems:
        return [], problems + list(r.problems)
    _add_sources(sf, sources)
    return [_apply(kind, post, fact, st.posts) for kind, post, fact in changes], []


def _items(d: LDict, key: str) -> list[tuple[Any, int]]:
    v = d.get(key)
    return list(zip(v, v.item_lines)) if isinstance(v, list) and hasattr(v, "item_lines") else []


def _fact(r: Reader, kind: str, item: Any, line: int, st: Structure, known: set[str]) -> tuple[str, Post, Any] | None:
    keys = {"post", "source", "quote"} | {
        "designations": {"role", "basis", "joint"},
        "lines": {"line_manager", "accountable_to"},
        "holders": {"name", "basis"},
    }[kind]
    m = r.mapping(item, line, f"an overlay {kind[:-1]}", keys)
    if m is None:
        return None
    what = f"overlay {kind[:-1]} at line {m.line}"
    post = st.post(r.text(m, "post", what, True) or "")
    if post is None:
        r.problem(m.line_of("post"), f"{what} names no post of structure '{st.id}'")
        return None
    ev = r.evidence(m, what)
    if ev.source and ev.source not in known:
        r.problem(m.line_of("source"), f"{what} cites unknown source '{ev.source}'")
    if kind == "designations":
        role = r.choice(m, "role", what, ROLE_CODES, required=True)
        return (
            (kind, post, Designation(role or "", r.choice(m, "basis", what, BASES), ev, joint=r.flag(m, "joint", what)))
            if role
            else None
        )
    if kind == "holders":
        return kind, post, Holding(r.text(m, "name", what), r.choice(m, "basis", what, BASES), ev)
    target = r.text(m, "line_manager", what) or r.text(m, "accountable_to", what)
    if not target or st.post(target) is None:
        r.problem(m.line, f"{what} needs 'line_manager' or 'accountable_to' naming a post of '{st.id}'")
        return None
    return ("line_manager" if "line_manager" in m else "accountable_to"), post, PostLink(target, ev)


def _apply(kind: str, post: Post, fact: Any, posts: list[Post]) -> str:
    if kind == "designations":
        overridden = [(p.key, d) for p in posts for d in p.designations if d.role == fact.role and d.evidence.inferred]
        for p in posts:
            p.designations = [d for d in p.designations if not (d.role == fact.role and d.evidence.inferred)]
        post.designations.append(fact)
        was = (
            "; overrides inferred " + ", ".join(f"'{k}' ({d.evidence.rule})" for k, d in overridden)
            if overridden
            else ""
        )
        return f"post '{post.key}': designation '{fact.role}' stated{was}"
    if kind == "holders":
        post.holders = [h for h in post.holders if h.name != fact.name] + [fact]
        return f"post '{post.key}': holder '{fact.name or 'unnamed'}' stated"
    if kind == "accountable_to":
        post.accountable_to.append(fact)
        return f"post '{post.key}': accountable to '{fact.post}' stated"
    old = post.line_manager
    post.line_manager = fact
    was = (
        f"; overrides inferred line to '{old.post}' ({old.evidence.rule})"
        if old and old.evidence.inferred
        else (f"; replaces stated line to '{old.post}'" if old else "")
    )
    return f"post '{post.key}': line manager '{fact.post}' stated{was}"


def _add_sources(sf: StructureFile, sources: list[Source]) -> None:
    have = {s.id for s in sf.sources}
    sf.sources += [s for s in sources if s.id not in have]
