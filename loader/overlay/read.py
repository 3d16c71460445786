"""Reading an overlay file: FILE:LINE problems like any structure file, the first format's
sections (designations, lines, holders) read as stated changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import BASES, ROLE_CODES
from ..parse import Reader
from ..problems import Problem
from ..schema import MAX_NAME
from ..yamlfile import LDict, read_yaml
from .model import COMMON, DECISIONS, FORMAT, OPS, Change, Overlay, Scenario


def read_overlay(path: Path, label: str | None = None) -> tuple[Overlay | None, list[Problem]]:
    """Read and check one overlay file on its own (FILE:LINE problems; None when there are any).
    Whether its posts exist is checked when it is applied (apply), against the base."""
    label = label or str(path)
    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, problems
    overlay, more = parse_overlay(doc, label)
    problems += more
    return (overlay if not problems else None), problems


def parse_overlay(doc: Any, label: str) -> tuple[Overlay | None, list[Problem]]:
    r = Reader(label)
    d = r.mapping(
        doc,
        1,
        "the overlay",
        {"overlay", "structure", "scenario", "sources", "changes", "designations", "lines", "holders"},
    )
    if d is None:
        return None, list(r.problems)
    if r.text(d, "overlay", "the overlay", True) not in (None, FORMAT):
        r.problem(d.line_of("overlay"), f"overlay format must be '{FORMAT}'")
    sid = r.ident(d, "structure", "the overlay", True) or ""
    scenario = None
    if d.get("scenario") is not None:
        s = r.mapping(d["scenario"], d.line_of("scenario"), "the overlay's scenario", {"id", "label"})
        if s is not None:
            scenario = Scenario(r.ident(s, "id", "the scenario", True) or "", r.text(s, "label", "the scenario") or "")
            if scenario.id == sid:
                r.problem(s.line_of("id"), "a scenario needs an id of its own (not the base structure's)")
    sources = r.items(d, "sources", "the overlay", r.source)
    changes: list[Change] = []
    for kind in ("designations", "lines", "holders"):
        for item, line in _items(d, kind):
            c = _legacy(r, kind, item, line)
            if c is not None:
                changes.append(c)
    for item, line in _items(d, "changes"):
        c = _change(r, item, line)
        if c is not None:
            changes.append(c)
    if r.problems:
        return None, list(r.problems)
    return Overlay(sid, sources, changes, scenario, label, d.line_of("structure")), []


def _items(d: LDict, key: str) -> list[tuple[Any, int]]:
    v = d.get(key)
    return list(zip(v, v.item_lines)) if isinstance(v, list) and hasattr(v, "item_lines") else []


def _legacy(r: Reader, kind: str, item: Any, line: int) -> Change | None:
    """A fact of the first format's sections, as a stated change."""
    keys = {"post", "source", "quote"} | {
        "designations": {"role", "basis", "joint"},
        "lines": {"line_manager", "accountable_to"},
        "holders": {"name", "basis"},
    }[kind]
    m = r.mapping(item, line, f"an overlay {kind[:-1]}", keys)
    if m is None:
        return None
    what = f"overlay {kind[:-1]} at line {m.line}"
    post = r.ident(m, "post", what, True) or ""
    ev = r.evidence(m, what)
    if kind == "designations":
        role = r.choice(m, "role", what, ROLE_CODES, required=True)
        values: dict[str, Any] = {"post": post, "role": role}
        if basis := r.choice(m, "basis", what, BASES):
            values["basis"] = basis
        if r.flag(m, "joint", what):
            values["joint"] = True
        return Change("designate", values, ev.source, ev.quote, line=m.line) if role else None
    if kind == "holders":
        values = {"post": post, "name": r.text(m, "name", what, limit=MAX_NAME)}
        if basis := r.choice(m, "basis", what, BASES):
            values["basis"] = basis
        return Change("holder", values, ev.source, ev.quote, line=m.line)
    target = r.ident(m, "line_manager", what) or r.ident(m, "accountable_to", what)
    if not target:
        r.problem(m.line, f"{what} needs 'line_manager' or 'accountable_to' naming a post")
        return None
    op = "line_manager" if "line_manager" in m else "accountable_to"
    return Change(op, {"post": post, "to": target}, ev.source, ev.quote, line=m.line)


def _change(r: Reader, item: Any, line: int) -> Change | None:
    m = r.mapping(item, line, "an overlay change", set(COMMON) | {k for ks in OPS.values() for k in ks})
    if m is None:
        return None
    what = f"the change at line {m.line}"
    op = r.choice(m, "do", what, tuple(OPS), required=True)
    if op is None:
        return None
    for key in m:
        if key not in COMMON and key not in OPS[op]:
            r.problem(
                m.line_of(key), f"'{key}' is not a key of a '{op}' change (allowed: {', '.join(sorted(OPS[op]))})"
            )
    values: dict[str, Any] = {"post": r.ident(m, "post", what, True) or ""}
    if op in ("line_manager", "accountable_to", "remove_accountable_to"):
        values["to"] = r.ident(m, "to", what, True)
    if op in ("designate", "undesignate"):
        values["role"] = r.choice(m, "role", what, ROLE_CODES, required=True)
    if op in ("designate", "holder") and (basis := r.choice(m, "basis", what, BASES)):
        values["basis"] = basis
    if op == "designate" and r.flag(m, "joint", what):
        values["joint"] = True
    if op == "holder":
        values["name"] = r.text(m, "name", what, limit=MAX_NAME)
    if op == "accountable_to" and m.get("mechanisms") is not None:
        mech = m["mechanisms"]
        if not isinstance(mech, list) or not all(isinstance(x, str) and x.strip() for x in mech):
            r.problem(m.line_of("mechanisms"), f"'mechanisms' in {what} must be a list of short phrases")
        else:
            values["mechanisms"] = [x.strip() for x in mech]
    if op in ("add_post", "retitle"):
        values["title"] = r.text(m, "title", what, True)
    if op == "add_post":
        for k in ("line_manager", "unit"):
            if (v := r.ident(m, k, what)) is not None:
                values[k] = v
    if op in ("add_post", "pay"):
        if (g := r.text(m, "grade", what)) is not None:
            values["grade"] = g
        for k in ("salary", "fte"):
            if (n := r.number(m, k, what)) is not None:
                values[k] = n
        if op == "pay" and not {"grade", "salary", "fte"} & set(values):
            r.problem(m.line, f"{what} changes no pay figure: give 'grade', 'salary' or 'fte'")
    asserted = r.flag(m, "asserted", what)
    source = r.ident(m, "source", what)
    quote, page = r.text(m, "quote", what), r.text(m, "page", what)
    reasoning = r.text(m, "reasoning", what)
    by = r.text(m, "by", what, True, limit=MAX_NAME)
    on = r.date(m, "date", what, True)
    decision = r.choice(m, "decision", what, DECISIONS)
    if asserted:
        if source:
            r.problem(m.line_of("source"), f"{what} is asserted without a document: leave out 'source' or 'asserted'")
        if not reasoning:
            r.problem(m.line, f"{what} is asserted: say why in 'reasoning'")
    else:
        if not source:
            r.problem(m.line, f"{what} needs a 'source' (with 'quote' or 'page'), or 'asserted: true' with 'reasoning'")
        elif not (quote or page):
            r.problem(m.line, f"{what} cites '{source}': give the 'quote' or the 'page' it rests on")
    return Change(
        op,
        values,
        source,
        quote,
        page,
        asserted,
        reasoning,
        by,
        str(on) if on else None,
        _plain(m.get("was")),
        decision,
        m.line,
        "was" in m,
    )


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v
