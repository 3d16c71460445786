"""Rules that need the whole file (or all files): references, uniqueness, cycles, overlaps.

Type problems are found while parsing (parse.py); these rules run on the parsed model and report
against the lines the parser recorded.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable

from .documents import find_document, quote_found, read_document
from .model import Evidence, Post, Structure, StructureFile
from .problems import Problems


def check_file(sf: StructureFile, problems: Problems, path: Path) -> None:
    p = problems.problem
    sources = _unique(problems, ((s.id, s.line) for s in sf.sources), "source id")
    functions = _unique(problems, ((f.key, f.line) for f in sf.functions), "function key")
    docs = {}
    for s in sf.sources:
        found = find_document(path, s.file)
        docs[s.id] = read_document(found) if found else None

    def evidence(ev: Evidence, what: str) -> None:
        if ev.source and ev.source not in sources:
            p(ev.line, f"{what} cites unknown source '{ev.source}'")
        elif ev.source and ev.quote and docs.get(ev.source) is not None and not quote_found(ev.quote, docs[ev.source]):
            p(ev.line, f"{what}: quote not found in {next(s.file for s in sf.sources if s.id == ev.source)}: "
                       f"'{_short(ev.quote)}'")

    def function(key: str, ev: Evidence, what: str) -> None:
        if key and key not in functions:
            p(ev.line, f"{what} names unknown function '{key}'")
        evidence(ev, what)

    by_id = {s.id: s for s in sf.structures}
    for st in sf.structures:
        evidence(st.evidence, f"structure '{st.id}'")
        if st.supersedes and st.supersedes not in by_id:
            # Cross-file supersedes is checked in check_all; here only the same-file case is known.
            pass
        if st.supersedes == st.id:
            p(st.line, f"structure '{st.id}' supersedes itself")
        for fig in (st.stated_totals, st.stated_change):
            if fig:
                evidence(fig.evidence, f"stated figures of '{st.id}'")
        for count in st.stated_counts:
            evidence(count.evidence, f"stated count of '{st.id}'")
        units = _unique(problems, ((u.key, u.evidence.line) for u in st.units), "unit key", f" in structure '{st.id}'")
        posts = _unique(problems, ((x.key, x.evidence.line) for x in st.posts), "post key", f" in structure '{st.id}'")
        previous = by_id.get(st.supersedes) if st.supersedes else None

        def post_ref(key: str, ev: Evidence, what: str) -> None:
            if key and key not in posts:
                p(ev.line, f"{what} names unknown post '{key}' in structure '{st.id}'")
            evidence(ev, what)

        def unit_ref(key: str, ev: Evidence, what: str) -> None:
            if key and key not in units:
                p(ev.line, f"{what} names unknown unit '{key}' in structure '{st.id}'")
            evidence(ev, what)

        for u in st.units:
            what = f"unit '{u.key}'"
            evidence(u.evidence, what)
            if u.part_of:
                unit_ref(u.part_of.unit, u.part_of.evidence, f"{what} part_of")
            for link in u.delivers:
                function(link.function, link.evidence, f"{what} delivers")
            for link in u.accountable_to:
                post_ref(link.post, link.evidence, f"{what} accountable_to")
        _unit_cycles(problems, st)
        for x in st.posts:
            what = f"post '{x.key}'"
            evidence(x.evidence, what)
            if x.unit:
                unit_ref(x.unit.unit, x.unit.evidence, f"{what} unit")
            if x.heads:
                unit_ref(x.heads.unit, x.heads.evidence, f"{what} heads")
            if x.pay:
                evidence(x.pay.evidence, f"{what} pay")
            if x.line_manager:
                post_ref(x.line_manager.post, x.line_manager.evidence, f"{what} line_manager")
                if x.line_manager.post == x.key:
                    p(x.line_manager.evidence.line, f"{what} is its own line manager")
            for link in x.accountable_to:
                post_ref(link.post, link.evidence, f"{what} accountable_to")
            for link in x.escalations:
                post_ref(link.post, link.evidence, f"{what} escalation")
            for link in x.commissions + x.responsible_for:
                function(link.function, link.evidence, what)
            for d in x.designations:
                evidence(d.evidence, f"{what} designation")
                _order(problems, d.start, d.end, d.evidence.line, f"{what} designation '{d.role}'")
            for h in x.holders:
                evidence(h.evidence, f"{what} holder")
                _order(problems, h.start, h.end, h.evidence.line, f"{what} holder")
            for r in x.replaces:
                evidence(r.evidence, f"{what} replaces")
                if previous is None:
                    p(r.evidence.line, f"{what} replaces '{r.post}' but structure '{st.id}' supersedes no structure in this file")
                elif previous.post(r.post) is None:
                    p(r.evidence.line, f"{what} replaces unknown post '{r.post}' of structure '{previous.id}'")
        for review in st.reviews:
            what = f"assurance review '{review.id}'"
            evidence(review.evidence, what)
            for key in review.assesses:
                if key not in posts:
                    p(review.evidence.line, f"{what} assesses unknown post '{key}' in structure '{st.id}'")
            for c in review.criteria:
                evidence(c.evidence, f"{what} criterion")
        _line_cycles(problems, st)
        _overlapping_designations(problems, st)


def check_all(files: list[tuple[StructureFile, Problems]]) -> None:
    """Rules across files: structure ids are global; supersedes stays within one council."""
    seen: dict[str, tuple[str, int]] = {}
    council_of: dict[str, str] = {}
    for sf, problems in files:
        for st in sf.structures:
            if st.id in seen and seen[st.id][0] != problems.label:
                problems.problem(st.line, f"structure id '{st.id}' is already used in {seen[st.id][0]}:{seen[st.id][1]}")
            elif st.id in seen:
                problems.problem(st.line, f"duplicate structure id '{st.id}' (first at line {seen[st.id][1]})")
            else:
                seen[st.id] = (problems.label, st.line)
                council_of[st.id] = sf.council.id
    for sf, problems in files:
        for st in sf.structures:
            if st.supersedes and st.supersedes not in council_of:
                problems.problem(st.line, f"structure '{st.id}' supersedes unknown structure '{st.supersedes}'")
            elif st.supersedes and council_of[st.supersedes] != sf.council.id:
                problems.problem(st.line, f"structure '{st.id}' supersedes '{st.supersedes}' of another council")


def _unique(problems: Problems, pairs: Iterable[tuple[str, int]], what: str, where: str = "") -> set[str]:
    first: dict[str, int] = {}
    for key, line in pairs:
        if not key:
            continue
        if key in first:
            problems.problem(line, f"duplicate {what} '{key}'{where} (first at line {first[key]})")
        else:
            first[key] = line
    return set(first)


def _order(problems: Problems, start, end, line: int, what: str) -> None:
    if start and end and start.first_day > end.last_day:
        problems.problem(line, f"{what}: 'from' {start} is after 'to' {end}")


def _line_cycles(problems: Problems, st: Structure) -> None:
    # Duplicate keys and self-references are reported by their own rules; a cycle needs both.
    managed = {x.key: x for x in st.posts if x.line_manager and x.line_manager.post != x.key}
    manager = {k: x.line_manager.post for k, x in managed.items()}
    reported: set[str] = set()
    for start in manager:
        path, node = [], start
        while node in manager and node not in path:
            path.append(node)
            node = manager[node]
        if node in path:
            cycle = path[path.index(node):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                problems.problem(managed[cycle[0]].line_manager.evidence.line,
                               f"line management cycle in structure '{st.id}': {' -> '.join(cycle + [cycle[0]])}")


def _unit_cycles(problems: Problems, st: Structure) -> None:
    parent = {u.key: u.part_of.unit for u in st.units if u.part_of}
    for start in parent:
        seen, node = [], start
        while node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node == start:
            unit = next(u for u in st.units if u.key == start)
            problems.problem(unit.part_of.evidence.line, f"unit '{start}' is part of itself through: {' -> '.join(seen + [start])}")


def _overlapping_designations(problems: Problems, st: Structure) -> None:
    by_role: dict[str, list[tuple[Post, object]]] = defaultdict(list)
    for x in st.posts:
        for d in x.designations:
            by_role[d.role].append((x, d))
    for role, items in by_role.items():
        for i, (pa, da) in enumerate(items):
            for pb, db in items[i + 1:]:
                if pa.key == pb.key and da is not db and _overlap(da, db):
                    problems.problem(db.evidence.line, f"post '{pb.key}' is designated '{role}' twice over overlapping dates")
                elif pa.key != pb.key and _overlap(da, db) and not (da.joint and db.joint):
                    problems.problem(db.evidence.line,
                                   f"role '{role}' is designated to both '{pa.key}' (line {da.evidence.line}) and "
                                   f"'{pb.key}' over overlapping dates; mark both 'joint: true' if the role is shared")


def _overlap(a, b) -> bool:
    a_start = a.start.first_day if a.start else "0000-01-01"
    b_start = b.start.first_day if b.start else "0000-01-01"
    a_end = a.end.last_day if a.end else "9999-12-31"
    b_end = b.end.last_day if b.end else "9999-12-31"
    return a_start <= b_end and b_start <= a_end


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
