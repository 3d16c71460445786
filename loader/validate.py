"""Rules that need the whole file (or all files): references, uniqueness, cycles, overlaps.

Type problems are found while parsing (parse.py); these rules run on the parsed model and report
against the lines the parser recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from .dates import PartialDate
from .documents import find_document, quote_found, read_document
from .model import Designation, Evidence, Intention, Post, Structure, StructureFile
from .problems import Problems
from .storable import check_storable
from .text import shorten


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
        elif ev.source and ev.quote and (doc := docs.get(ev.source)) is not None and not quote_found(ev.quote, doc):
            p(
                ev.line,
                f"{what}: quote not found in {next(s.file for s in sf.sources if s.id == ev.source)}: "
                f"'{shorten(ev.quote)}'",
            )

    def function(key: str, ev: Evidence, what: str) -> None:
        if key and key not in functions:
            p(ev.line, f"{what} names unknown function '{key}'")
        evidence(ev, what)

    for f in sf.functions:
        if f.evidence is not None:
            evidence(f.evidence, f"function '{f.key}'")
        if f.part_of and f.part_of not in functions:
            p(f.line, f"function '{f.key}' is part of unknown function '{f.part_of}'")
    parent = {f.key: f.part_of for f in sf.functions if f.part_of and f.part_of in functions}
    line_of = {f.key: f.line for f in sf.functions}
    for cycle in _cycles(parent):
        p(line_of[cycle[0]], f"function '{cycle[0]}' is part of itself through: {' -> '.join(_short_path(cycle))}")

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
        previous_posts = {x.key for x in previous.posts} if previous else set()
        previous_units = {u.key for u in previous.units} if previous else set()

        def earlier(key: str, ev: Evidence, what: str, known: set[str], kind: str) -> None:
            """A reference to a post or unit of the superseded structure (replaces, deletes)."""
            evidence(ev, what)
            if previous is None:
                p(ev.line, f"{what} '{key}' but structure '{st.id}' supersedes no structure in this file")
            elif key not in known:
                p(ev.line, f"{what} unknown {kind} '{key}' of structure '{previous.id}'")

        def post_ref(key: str, ev: Evidence, what: str) -> None:
            if key and key not in posts:
                p(ev.line, f"{what} names unknown post '{key}' in structure '{st.id}'")
            evidence(ev, what)

        def unit_ref(key: str, ev: Evidence, what: str) -> None:
            if key and key not in units:
                p(ev.line, f"{what} names unknown unit '{key}' in structure '{st.id}'")
            evidence(ev, what)

        for gone in st.deletes:
            earlier(gone.post, gone.evidence, f"structure '{st.id}' deletes", previous_posts, "post")
            if gone.post in posts:
                p(gone.evidence.line, f"structure '{st.id}' deletes '{gone.post}' but also has a post with that key")
        if st.top_post:
            post_ref(st.top_post.post, st.top_post.evidence, f"structure '{st.id}' top_post")
        if st.leader:
            post_ref(st.leader.post, st.leader.evidence, f"structure '{st.id}' leader")
        for u in st.units:
            what = f"unit '{u.key}'"
            evidence(u.evidence, what)
            if u.created:
                evidence(u.created, f"{what} created")
            for r in u.replaces:
                earlier(r.unit, r.evidence, f"{what} replaces", previous_units, "unit")
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
            if x.created:
                evidence(x.created, f"{what} created")
            if x.vacancy:
                evidence(x.vacancy.evidence, f"{what} vacancy")
            for g in x.grade_groups:
                evidence(g.evidence, f"{what} grade group")
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
                _intention(problems, d.start, d.intended_end, f"{what} designation '{d.role}'", evidence)
            for h in x.holders:
                evidence(h.evidence, f"{what} holder")
                _order(problems, h.start, h.end, h.evidence.line, f"{what} holder")
                _intention(problems, h.start, h.intended_end, f"{what} holder", evidence)
            for c in x.candidate_for:
                evidence(c.evidence, f"{what} candidacy")
            for r in x.replaces:
                earlier(r.post, r.evidence, f"{what} replaces", previous_posts, "post")
        for review in st.reviews:
            what = f"assurance review '{review.id}'"
            evidence(review.evidence, what)
            for key in review.assesses:
                if key not in posts:
                    p(review.evidence.line, f"{what} assesses unknown post '{key}' in structure '{st.id}'")
            for c in review.criteria:
                evidence(c.evidence, f"{what} criterion")
        for left in st.left_out:
            evidence(left.evidence, f"left-out row of '{st.id}'")
        _line_cycles(problems, st)
        _overlapping_designations(problems, st)


# A council's history of restructures is a chain of supersedes; one longer than this is a mistake
# (or an attack), and is reported rather than walked.
MAX_SUPERSEDES_CHAIN = 1000


def check_all(files: list[tuple[StructureFile, Problems]], storable_checked: Collection[str] = ()) -> None:
    """Rules across files: structure ids are global; supersedes stays within one council, without
    cycles or absurdly long chains; a council, and each of its sources and functions, is defined
    once (the same definition in two files is fine, a different one names both files). Every
    model is checked for what storage can hold (loader.storable), except the files named (by
    label) in `storable_checked`, whose reader refused such values as it read them."""
    seen: dict[str, tuple[str, int]] = {}
    council_of: dict[str, str] = {}
    for sf, problems in files:
        if problems.label not in storable_checked:
            check_storable(sf, problems)
    for sf, problems in files:
        for st in sf.structures:
            if st.id in seen and seen[st.id][0] != problems.label:
                problems.problem(
                    st.line, f"structure id '{st.id}' is already used in {seen[st.id][0]}:{seen[st.id][1]}"
                )
            elif st.id in seen:
                problems.problem(st.line, f"duplicate structure id '{st.id}' (first at line {seen[st.id][1]})")
            else:
                seen[st.id] = (problems.label, st.line)
                council_of[st.id] = sf.council.id
    supersedes: dict[str, str] = {}
    for sf, problems in files:
        for st in sf.structures:
            if st.supersedes and st.supersedes not in council_of:
                problems.problem(st.line, f"structure '{st.id}' supersedes unknown structure '{st.supersedes}'")
            elif st.supersedes and council_of[st.supersedes] != sf.council.id:
                problems.problem(st.line, f"structure '{st.id}' supersedes '{st.supersedes}' of another council")
            elif st.supersedes and seen[st.id][0] == problems.label:
                supersedes[st.id] = st.supersedes
    _supersedes_chains(files, supersedes, seen)
    _defined_once(files)


def _supersedes_chains(
    files: list[tuple[StructureFile, Problems]], supersedes: dict[str, str], seen: dict[str, tuple[str, int]]
) -> None:
    """Cycles and over-long chains of supersedes, each reported once; linear in the structures."""
    problems_of = {problems.label: problems for _, problems in files}

    def report(sid: str, message: str) -> None:
        label, line = seen[sid]
        problems_of[label].problem(line, message)

    cycles = _cycles(supersedes)
    for cycle in cycles:
        report(min(cycle), f"supersedes cycle: {' -> '.join(_short_path(cycle))}")
    in_cycle = {sid for cycle in cycles for sid in cycle}
    depth: dict[str, int] = {}  # supersedes links from a structure down to its chain's first
    for start in supersedes:
        path, node = [], start
        while node in supersedes and node not in depth and node not in in_cycle:
            path.append(node)
            node = supersedes[node]
        base = depth.get(node, 0)
        for i, sid in enumerate(reversed(path), 1):
            depth[sid] = base + i
    for sid, d in depth.items():
        if d == MAX_SUPERSEDES_CHAIN + 1:
            report(
                sid,
                f"structure '{sid}' ends a chain of more than {MAX_SUPERSEDES_CHAIN} structures "
                "each superseding the next; split the council's history",
            )


def _cycles(parent: dict[str, str]) -> list[list[str]]:
    """Every cycle of a graph where each node has at most one parent, in linear time."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: finished
    out = []
    for start in parent:
        if start in state:
            continue
        walk: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk[node] = len(walk)
            node = parent.get(node)
        if node is not None and state.get(node) == 1 and node in walk:
            order = list(walk)
            out.append(order[walk[node] :])
        for n in walk:
            state[n] = 2
    return out


def _short_path(cycle: list[str], n: int = 8) -> list[str]:
    shown = cycle + [cycle[0]]
    return shown if len(shown) <= n else shown[: n - 2] + [f"… ({len(cycle) - n + 3} more)", shown[-1]]


def _defined_once(files: list[tuple[StructureFile, Problems]]) -> None:
    first: dict[tuple[str, ...], tuple[str, int, tuple[object, ...]]] = {}

    def once(problems: Problems, what: str, ident: tuple[str, ...], line: int, definition: tuple[object, ...]) -> None:
        if ident not in first:
            first[ident] = (problems.label, line, definition)
        elif first[ident][2] != definition and first[ident][0] != problems.label:
            label, at, _ = first[ident]
            problems.problem(
                line,
                f"{what} is defined differently in {label}:{at} and here; define it once, or the same in both files",
            )

    for sf, problems in files:
        c = sf.council
        once(problems, f"council '{c.id}'", ("council", c.id), c.line, (c.name, c.kind))
        for s in sf.sources:
            once(
                problems,
                f"source '{s.id}' of council '{c.id}'",
                ("source", c.id, s.id),
                s.line,
                (s.title, str(s.date), s.file),
            )
        for f in sf.functions:
            once(
                problems,
                f"function '{f.key}' of council '{c.id}'",
                ("function", c.id, f.key),
                f.line,
                (f.name, f.domains, f.part_of),
            )


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


def _intention(
    problems: Problems,
    start: PartialDate | None,
    intention: Intention | None,
    what: str,
    evidence: Callable[[Evidence, str], None],
) -> None:
    """An intended end cites its sentence and does not come before the fact's own start."""
    if intention is None:
        return
    evidence(intention.evidence, f"{what} intended_end")
    if start and intention.date and start.first_day > intention.date.last_day:
        problems.problem(intention.evidence.line, f"{what}: 'from' {start} is after its intended end {intention.date}")


def _order(problems: Problems, start: PartialDate | None, end: PartialDate | None, line: int, what: str) -> None:
    if start and end and start.first_day > end.last_day:
        problems.problem(line, f"{what}: 'from' {start} is after 'to' {end}")


def _line_cycles(problems: Problems, st: Structure) -> None:
    # Duplicate keys and self-references are reported by their own rules; a cycle needs both.
    managed = {x.key: x.line_manager for x in st.posts if x.line_manager and x.line_manager.post != x.key}
    manager = {k: link.post for k, link in managed.items()}
    for cycle in _cycles(manager):
        problems.problem(
            managed[cycle[0]].evidence.line,
            f"line management cycle in structure '{st.id}': {' -> '.join(_short_path(cycle))}",
        )


def _unit_cycles(problems: Problems, st: Structure) -> None:
    part_of = {u.key: u.part_of for u in st.units if u.part_of and u.part_of.unit != u.key}
    for u in st.units:
        if u.part_of and u.part_of.unit == u.key:
            problems.problem(u.part_of.evidence.line, f"unit '{u.key}' is part of itself")
    for cycle in _cycles({k: link.unit for k, link in part_of.items()}):
        problems.problem(
            part_of[cycle[0]].evidence.line,
            f"unit '{cycle[0]}' is part of itself through: {' -> '.join(_short_path(cycle))}",
        )


Span = tuple[str, str]


def _overlapping_designations(problems: Problems, st: Structure) -> None:
    """A role designated to two posts (unless both say joint), or to one post twice, over
    overlapping dates. A sweep over the designations sorted by start date, keeping the latest
    ending ones seen, so a file with thousands of designations of one role is checked in
    O(n log n), not pairwise."""
    by_role: dict[str, list[tuple[Span, Post, Designation]]] = defaultdict(list)
    for x in st.posts:
        for d in x.designations:
            by_role[d.role].append((_span(d), x, d))
    for role, items in by_role.items():
        items.sort(key=lambda t: (t[0][0], t[2].evidence.line))
        latest_of_post: dict[str, tuple[Span, Post, Designation]] = {}
        top_any: list[tuple[Span, Post, Designation]] = []  # the two latest ending, of different posts
        top_solo: list[tuple[Span, Post, Designation]] = []  # the same among designations not joint
        for item in items:
            (start, _), x, d = item
            mine = latest_of_post.get(x.key)
            if mine is not None and mine[0][1] >= start:
                problems.problem(d.evidence.line, f"post '{x.key}' is designated '{role}' twice over overlapping dates")
            else:
                other = next((t for t in (top_solo if d.joint else top_any) if t[1].key != x.key), None)
                if other is not None and other[0][1] >= start:
                    problems.problem(
                        d.evidence.line,
                        f"role '{role}' is designated to both '{other[1].key}' (line "
                        f"{other[2].evidence.line}) and '{x.key}' over overlapping dates; "
                        "mark both 'joint: true' if the role is shared",
                    )
            if mine is None or mine[0][1] < item[0][1]:
                latest_of_post[x.key] = item
            _keep_latest(top_any, item)
            if not d.joint:
                _keep_latest(top_solo, item)


def _keep_latest(top: list[tuple[Span, Post, Designation]], item: tuple[Span, Post, Designation]) -> None:
    """Keep the two latest-ending items of different posts (enough to find one of another post)."""
    same = [t for t in top if t[1].key == item[1].key]
    if same and same[0][0][1] >= item[0][1]:
        return
    rest = [t for t in top if t[1].key != item[1].key] + [item]
    top[:] = sorted(rest, key=lambda t: t[0][1], reverse=True)[:2]


def _span(d: Designation) -> Span:
    return (d.start.first_day if d.start else "0000-01-01", d.end.last_day if d.end else "9999-12-31")
