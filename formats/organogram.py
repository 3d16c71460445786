"""data.gov.uk organogram returns (senior and junior CSV): their columns, the reader (into the
structure model) and the writer (from a loaded structure).

Why: central government bodies (and some councils) publish their senior structure twice a year
in this format, with a stated reporting line per post ("Reports to Senior Post") and their junior
staff as grade groups. The format's own conventions are kept as the format means them: "XX" (any
case) marks a top post; "Eliminated" posts no longer exist (left out, counted); "Vacant" is a vacant
post; "N/D" a holder not disclosed; one reference on several rows a job share; reference "0" a
post paid but not in post. The national validator's checks are applied, each problem naming its
file, line, column and value.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from remit.loader.dates import PartialDate
from remit.loader.model import (
    Evidence,
    GradeGroup,
    Holding,
    LeftOut,
    Pay,
    Post,
    PostLink,
    Source,
    Structure,
    StructureFile,
    Unit,
    UnitLink,
)
from remit.loader.problems import Problem
from remit.queries.side import Side, placement_names
from remit.queries.snapshot import Snapshot

from .common import (
    NO_DATE,
    Exported,
    ImportResult,
    PublishedFormat,
    RowProblems,
    council_node,
    council_of,
    date_in_name,
    evidence,
    holders_of,
    number_text,
    write_csv,
)
from .csv_table import Row, Table, clean_text, header_key, read_table, read_text, sniff_header
from .ids import dated_id, key_for_reference, slug_id
from .references import ZEROS, ReferenceIndex, zeros_rule
from .values import ELIMINATED, NOT_DISCLOSED, NOT_GIVEN, VACANT, amount, folded, given_text, placeholder

SENIOR_NAMES = {
    "post unique reference": "ref",
    "name": "name",
    "grade": "grade",
    "grade or equivalent": "grade",
    "job title": "title",
    "job team function": "function",
    "parent department": "dept",
    "organisation": "org",
    "unit": "unit",
    "contact phone": "phone",
    "contact e mail": "email",
    "contact email": "email",
    "reports to senior post": "reports_to",
    "salary cost of reports": "reports_cost",
    "fte": "fte",
    "actual pay floor": "pay_floor",
    "actual pay ceiling": "pay_ceiling",
    "total pay": "total_pay",
    "professional occupational group": "profession",
    "notes": "notes",
    "valid": "valid",
    "location": "location",
    "office region": "location",
}
JUNIOR_NAMES = {
    "parent department": "dept",
    "organisation": "org",
    "unit": "unit",
    "reporting senior post": "reports_to",
    "grade": "grade",
    "payscale minimum": "pay_min",
    "payscale maximum": "pay_max",
    "generic job title": "title",
    "number of posts fte": "fte",
    "pay scale minimum": "pay_min",
    "pay scale maximum": "pay_max",
    "professional occupational group": "profession",
    "valid": "valid",
}
HEADERS = {
    "ref": "Post Unique Reference",
    "title": "Job Title",
    "reports_to": "Reports to Senior Post",
    "fte": "FTE",
    "pay_floor": "Actual Pay Floor (£)",
    "pay_ceiling": "Actual Pay Ceiling (£)",
    "grade": "Grade",
    "name": "Name",
    "unit": "Unit",
    "pay_min": "Payscale Minimum (£)",
    "pay_max": "Payscale Maximum (£)",
}
JUNIOR_HEADERS = HEADERS | {"reports_to": "Reporting Senior Post", "fte": "Number of Posts in FTE"}
SENIOR_COLUMNS = (
    "Post Unique Reference",
    "Name",
    "Grade",
    "Job Title",
    "Job/Team Function",
    "Parent Department",
    "Organisation",
    "Unit",
    "Contact Phone",
    "Contact E-mail",
    "Reports to Senior Post",
    "Salary Cost of Reports (£)",
    "FTE",
    "Actual Pay Floor (£)",
    "Actual Pay Ceiling (£)",
    "Total Pay (£)",
    "Professional/Occupational Group",
    "Notes",
    "Valid?",
)
JUNIOR_COLUMNS = (
    "Parent Department",
    "Organisation",
    "Unit",
    "Reporting Senior Post",
    "Grade",
    "Payscale Minimum (£)",
    "Payscale Maximum (£)",
    "Generic Job Title",
    "Number of Posts in FTE",
    "Professional/Occupational Group",
    "Valid?",
)
MAX_CHAIN = 100
SHARE_FIELDS = ("title", "grade", "reports_to", "unit")  # job-share rows must agree on these


def is_senior(keys: set[str]) -> bool:
    return "post unique reference" in keys and "reports to senior post" in keys


def is_junior(keys: set[str]) -> bool:
    return "reporting senior post" in keys and "number of posts fte" in keys


def junior_path(senior: Path) -> Path | None:
    """The junior file published beside a senior one (same name, 'junior' for 'senior')."""
    name = senior.name
    i = name.lower().rfind("senior")
    if i < 0:
        return None
    candidate = senior.with_name(name[:i] + ("Junior" if name[i] == "S" else "junior") + name[i + 6 :])
    return candidate if candidate.is_file() else None


def senior_path(junior: Path) -> Path | None:
    name = junior.name
    i = name.lower().rfind("junior")
    if i < 0:
        return None
    candidate = junior.with_name(name[:i] + ("Senior" if name[i] == "J" else "senior") + name[i + 6 :])
    return candidate if candidate.is_file() else None


def _numbers(
    row: Row, names: tuple[str, ...], warns: RowProblems, headers: dict[str, str]
) -> tuple[dict[str, float | None], list[str]]:
    """The figures of a row; a cell that is no figure (nor a placeholder) is a warning and unknown."""
    out: dict[str, float | None] = {}
    said: list[str] = []
    for name in names:
        raw = row.cells.get(name, "")
        value = amount(raw) if placeholder(raw) is None else None
        if value is None and placeholder(raw) is None:
            message = f"{headers[name]} '{clean_text(raw)}' is not a number: taken as unknown"
            warns.add(row, name, message, spoils=False)
            said.append(message)
        elif value is not None and value < 0:
            message = f"{headers[name]} '{clean_text(raw)}' is negative: taken as unknown"
            warns.add(row, name, message, spoils=False)
            said.append(message)
            value = None
        out[name] = value
    return out, said


def _missing(table: Table, required: tuple[str, ...], probs: RowProblems, headers: dict[str, str]) -> bool:
    absent = [headers[n] for n in required if n not in table.fields.values()]
    for name in absent:
        probs.add(None, None, f"no '{name}' column in the header", line=table.header_line)
    return bool(absent)


def _is_top(text: str) -> bool:
    return folded(text) == "xx"


class _Senior:
    """The senior posts of one return, grouped by reference, with the national validator's checks.

    Structural faults (no reference, a reference to no post, a post reporting to itself, a loop, one
    reference on rows that disagree, no top post, a chain over 100) are problems: strict mode refuses
    the file. Values that are not what a column asks for are warnings: the value is unknown."""

    def __init__(self, table: Table, source: str, probs: RowProblems, warns: RowProblems, lenient: bool):
        self.source, self.probs, self.warns, self.lenient = source, probs, warns, lenient
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.eliminated: dict[str, Row] = {}
        self.unpositioned = 0
        self.notes: list[str] = []
        self.said: dict[str, list[str]] = defaultdict(list)  # ref -> warnings, for the post's note
        self.left_out: list[LeftOut] = []
        for row in table.rows:
            self._row(row)
        self.index = ReferenceIndex(list(self.rows))
        self.manager: dict[str, str] = {}
        self.line_rule: dict[str, str] = {}  # ref -> rule, for a line matched only without leading zeros
        self.tops: list[str] = []

    def _row(self, row: Row) -> None:
        ref = row.get("ref")
        if not ref:
            self.probs.add(row, "ref", "no Post Unique Reference")
            return
        if placeholder(row.cells.get("name", "")) == ELIMINATED:
            self.eliminated.setdefault(ref, row)
            self.left_out.append(
                LeftOut(
                    f"post '{ref}' is marked Eliminated (Name '{row.get('name')}'): the post no longer exists",
                    evidence(self.source, row),
                )
            )
            return
        if ref == "0":
            ref = f"0@{row.line}"  # "paid but not in post": each such row is its own post
            self.unpositioned += 1
        if given_text(row.cells.get("title", "")) is None:
            message = f"post '{ref}' has no Job Title"
            self.warns.add(row, "title", message, spoils=False)
            self.said[ref].append(message)
        if not row.get("reports_to"):
            self.probs.add(row, "reports_to", f"post '{ref}' has no Reports to Senior Post (use 'XX' for a top post)")
        self.said[ref] += _numbers(row, ("fte", "pay_floor", "pay_ceiling"), self.warns, HEADERS)[1]
        first = self.rows[ref][0] if self.rows.get(ref) else None
        if first is not None:
            for name in SHARE_FIELDS:
                if folded(row.get(name)) != folded(first.get(name)):
                    self.probs.add(
                        row,
                        name,
                        f"reference '{ref}' repeats line {first.line} with a different "
                        f"{HEADERS.get(name, name)}: '{row.get(name)}' (line {first.line}: "
                        f"'{first.get(name)}')",
                    )
                    return
        self.rows[ref].append(row)

    def kept(self, ref: str) -> list[Row]:
        """The rows of a post that are kept (lenient mode leaves out rows with problems)."""
        rows = self.rows.get(ref, [])
        return [r for r in rows if r.line not in self.probs.bad_rows] if self.lenient else rows

    def check_lines(self) -> None:
        kept = {ref for ref in self.rows if self.kept(ref)}
        gone = ReferenceIndex(list(self.eliminated))
        for ref in kept:
            row = self.kept(ref)[0]
            boss = row.get("reports_to")
            if not boss:
                continue
            if _is_top(boss):
                self.tops.append(ref)
                continue
            if placeholder(boss) in (NOT_DISCLOSED, NOT_GIVEN):  # "N/D": the file says it does not say
                message = f"Reports to Senior Post '{boss}' of post '{ref}': the line is not disclosed: unknown"
                self.warns.add(row, "reports_to", message, spoils=False)
                self.said[ref].append(message)
                continue
            found = self.index.find(boss)
            if found is None:
                dead = gone.find(boss)
                if dead is not None:
                    self._line_left_out(
                        ref,
                        row,
                        f"reports to '{boss}', a post marked Eliminated (line {self.eliminated[dead.ref].line})",
                    )
                else:
                    self._bad_line(ref, row, f"Reports to Senior Post '{boss}' of post '{ref}' is no post in this file")
            elif found.ref == ref:
                self._bad_line(ref, row, f"post '{ref}' reports to itself ('{boss}')")
            elif found.ref not in kept:
                self._line_left_out(ref, row, f"reports to '{boss}', a post left out of this import")
            else:
                self.manager[ref] = found.ref
                if found.how == ZEROS:
                    self.line_rule[ref] = zeros_rule("Reports to Senior Post", boss, found.ref)
        if kept and not self.tops:
            self.probs.add(None, None, "no top post: no row has 'XX' in Reports to Senior Post", line=1)
        self._loops()
        self._chains()

    def _bad_line(self, ref: str, row: Row, message: str) -> None:
        """A structural fault of a line: a problem; lenient mode keeps the post, its line unknown."""
        self.probs.add(row, "reports_to", message, spoils=False)
        self.left_out.append(LeftOut(f"the line of post '{ref}': {message}", evidence(self.source, row)))

    def _line_left_out(self, ref: str, row: Row, why: str) -> None:
        message = f"line manager of post '{ref}' unknown: it {why}"
        self.warns.add(row, "reports_to", message, spoils=False)
        self.said[ref].append(message)
        self.left_out.append(LeftOut(f"the line of post '{ref}': it {why}", evidence(self.source, row)))

    def _loops(self) -> None:
        done: set[str] = set()
        for start in sorted(self.manager, key=lambda r: self.rows[r][0].line):
            path: list[str] = []
            node = start
            while node in self.manager and node not in done and node not in path:
                path.append(node)
                node = self.manager[node]
            if node in path:
                loop = path[path.index(node) :]
                row = self.rows[loop[0]][0]
                self.probs.add(
                    row, "reports_to", "loop in Reports to Senior Post: " + " -> ".join(loop + [loop[0]]), spoils=False
                )
                broken = self.manager.pop(loop[0])
                self.notes.append(
                    f"{self.probs.label}:{row.line}: loop broken at post '{loop[0]}' (its line to '{broken}' left out)"
                )
                self.left_out.append(
                    LeftOut(f"the line of post '{loop[0]}' to '{broken}': it closes a loop", evidence(self.source, row))
                )
            done.update(path)

    def _chains(self) -> None:
        depth: dict[str, int] = {}
        for ref in sorted(self.manager, key=lambda r: self.rows[r][0].line):
            chain, node = [], ref
            while node in self.manager and node not in depth:
                chain.append(node)
                node = self.manager[node]
            d = depth.get(node, 0)
            for post in reversed(chain):
                d += 1
                depth[post] = d
                if d == MAX_CHAIN + 1:
                    self._bad_line(
                        post,
                        self.rows[post][0],
                        f"post '{post}' is {d} posts below its top post (the limit is {MAX_CHAIN})",
                    )
                    del self.manager[post]
                    d = 0
                    depth[post] = 0


def read_organogram(
    senior: Path,
    label: str,
    junior: Path | None = None,
    junior_label: str | None = None,
    lenient: bool = False,
    date: PartialDate | None = None,
) -> ImportResult:
    """One return (senior file, with its junior file when there is one) as one structure, dated by
    its file name, else by `date` (`remit import --date`)."""
    probs, warns = RowProblems(label), RowProblems(label)
    text, problems = read_text(senior, label)
    if text is None:
        return ImportResult(None, problems)
    table, problems = read_table(text, label, SENIOR_NAMES, {"pay_ceiling": "total_pay"})
    probs.items.extend(problems)
    if table is None or _missing(table, ("ref", "title", "reports_to"), probs, HEADERS):
        return ImportResult(None, probs.items)
    source = slug_id(senior.stem, "senior")
    seniors = _Senior(table, source, probs, warns, lenient)
    seniors.check_lines()
    jlabel = junior_label or str(junior)
    jprobs, jwarns = RowProblems(jlabel), RowProblems(jlabel)
    jsource = slug_id(junior.stem, "junior") if junior else "junior"
    groups = _junior(junior, jprobs, jwarns, seniors, jsource) if junior else {}
    when = date_in_name(senior) or date
    sf = _model(senior, junior, table, seniors, groups, when, source)
    structure = sf.structures[0]
    if lenient:
        structure.left_out += probs.left_out(source) + jprobs.left_out(jsource)
    if not table.rows:
        probs.add(None, None, "no usable row: the file has a header but no rows", line=table.header_line)
    elif not structure.posts:
        why = f"{len(seniors.eliminated)} marked Eliminated" if seniors.eliminated else ""
        bad = f"{len(probs.bad_rows)} with problems" if probs.bad_rows else ""
        probs.add(
            None,
            None,
            f"no usable row: all {len(table.rows)} rows were left out ({', '.join(x for x in (why, bad) if x)})",
            line=table.header_line,
        )
    if when is None:
        probs.add(None, None, NO_DATE, line=1)
    counts = {
        "posts": len(structure.posts),
        "eliminated": len(seniors.eliminated),
        "paid not in post": seniors.unpositioned,
        "grade groups": sum(len(g) for g in groups.values()),
        "skipped rows": len(probs.bad_rows) + len(jprobs.bad_rows),
        "lines matched without leading zeros": len(seniors.line_rule),
    }
    remarks = [
        f"{structure.id}: post '{ref}' ('{row.get('title')}', {label} line {row.line}) is marked Eliminated: left out"
        for ref, row in seniors.eliminated.items()
    ]
    usable = structure.posts and when is not None
    return ImportResult(
        sf if usable else None,
        probs.items + jprobs.items,
        counts,
        seniors.notes if lenient else [],
        remarks=remarks,
        warnings=warns.items + jwarns.items,
    )


def _junior(
    path: Path, probs: RowProblems, warns: RowProblems, seniors: _Senior, source: str
) -> dict[str, list[GradeGroup]]:
    groups: dict[str, list[GradeGroup]] = defaultdict(list)
    text, problems = read_text(path, probs.label)
    probs.items.extend(problems)
    if text is None:
        return groups
    table, problems = read_table(text, probs.label, JUNIOR_NAMES)
    probs.items.extend(problems)
    if table is None or _missing(table, ("reports_to",), probs, JUNIOR_HEADERS):
        return groups
    gone = ReferenceIndex(list(seniors.eliminated))
    for row in table.rows:
        boss = row.get("reports_to")
        values, _ = _numbers(row, ("fte", "pay_min", "pay_max"), warns, JUNIOR_HEADERS)
        found = seniors.index.find(boss)
        if found is None:
            dead = gone.find(boss)
            if dead is not None:
                probs.add(
                    row,
                    "reports_to",
                    f"junior row under post '{boss}', which is marked Eliminated "
                    f"(line {seniors.eliminated[dead.ref].line})",
                )
            else:
                probs.add(row, "reports_to", f"Reporting Senior Post '{boss}' is no senior post")
            continue
        if not seniors.kept(found.ref):
            probs.add(row, "reports_to", f"junior row under post '{boss}', which is left out of this import")
            continue
        grade = given_text(row.cells.get("grade", ""))
        if grade is None:
            warns.add(row, "grade", "junior row has no Grade: grade unknown", spoils=False)
        lo, hi = values["pay_min"], values["pay_max"]
        if lo is not None and hi is not None and lo > hi:
            warns.add(
                row,
                "pay_min",
                f"Payscale Minimum {row.get('pay_min')} is above the maximum {row.get('pay_max')}: pay range unknown",
                spoils=False,
            )
            lo, hi = None, None
        rule = zeros_rule("Reporting Senior Post", boss, found.ref) if found.how == ZEROS else None
        groups[found.ref].append(
            GradeGroup(
                grade,
                evidence(source, row, rule=rule),
                given_text(row.cells.get("title", "")),
                values["fte"],
                lo,
                hi,
                given_text(row.cells.get("profession", "")),
            )
        )
    return groups


def _model(
    senior: Path,
    junior: Path | None,
    table: Table,
    seniors: _Senior,
    groups: dict[str, list[GradeGroup]],
    when: PartialDate | None,
    source: str,
) -> StructureFile:
    first = table.rows[0] if table.rows else None
    org = (given_text(first.cells.get("org", "")) if first else None) or senior.stem
    council = council_of(org, default_kind="central government body")
    sid = dated_id(council.id, str(when)) if when else dated_id(council.id, "undated")
    sources = [Source(source, f"Organogram return, senior posts: {senior.name}", when, senior.name)]
    if junior:
        sources.append(
            Source(slug_id(junior.stem, "junior"), f"Organogram return, junior staff: {junior.name}", when, junior.name)
        )
    units: dict[str, Unit] = {}
    posts: list[Post] = []
    keys = {ref: key_for_reference(ref) for ref in seniors.rows}
    tops = set(seniors.tops)
    for ref in seniors.rows:
        rows = seniors.kept(ref)
        if not rows:
            continue
        manager = seniors.manager.get(ref)
        line = None
        if manager:
            line = PostLink(keys[manager], evidence(source, rows[0], rule=seniors.line_rule.get(ref)))
        post = _post(ref, keys[ref], rows, source, units, line, groups.get(ref, []), seniors.said.get(ref, []))
        if ref in tops:
            post.level = 1
        posts.append(post)
    ev = evidence(source, first) if first else evidence(source, Row(1, table.header[0] if table.header else "", {}, {}))
    structure = Structure(
        sid,
        f"{org} organogram" + (f" at {when}" if when else ""),
        "existing",
        ev,
        effective=when,
        units=list(units.values()),
        posts=posts,
        left_out=list(seniors.left_out),
    )
    kept_tops = [ref for ref in seniors.tops if seniors.kept(ref)]
    if len(kept_tops) == 1:  # the file puts one post at the top ("XX"): the most senior, as it states
        structure.top_post = PostLink(keys[kept_tops[0]], evidence(source, seniors.kept(kept_tops[0])[0]))
    return StructureFile(str(senior), council, sources, [], [structure])


def _post(
    ref: str,
    key: str,
    rows: list[Row],
    source: str,
    units: dict[str, Unit],
    line: PostLink | None,
    groups: list[GradeGroup],
    said: list[str],
) -> Post:
    row = rows[0]
    ev = evidence(source, row)
    meanings = [placeholder(r.cells.get("name", "")) for r in rows]
    holders = [
        Holding(None if meaning == NOT_DISCLOSED else r.get("name"), None, evidence(source, r))
        for meaning, r in zip(meanings, rows)
        if meaning in (None, NOT_DISCLOSED)
    ]
    vacant = all(m == VACANT for m in meanings)
    status = "vacant" if vacant else ("filled" if holders else None)
    notes = ["top post (Reports to Senior Post 'XX')"] if _is_top(row.get("reports_to")) else []
    if NOT_DISCLOSED in meanings:
        notes.append("holder not disclosed (N/D)")
    if ref.startswith("0@"):
        notes.append("reference 0: a post paid but not in post")
    if len(rows) > 1:
        notes.append(f"job share: {len(rows)} rows share reference {ref}")
    if given_text(row.cells.get("notes", "")):
        notes.append(row.get("notes"))
    notes += said
    unit_name = given_text(row.cells.get("unit", ""))
    unit = None
    if unit_name:
        unit_key = slug_id(unit_name, "unit")
        units.setdefault(unit_key, Unit(unit_key, unit_name, "division", ev))
        unit = UnitLink(unit_key, ev)
    title = given_text(row.cells.get("title", "")) or f"Post {ref} (no Job Title given)"
    return Post(
        key=key,
        title=title,
        evidence=ev,
        status=status,
        unit=unit,
        pay=_pay(rows, ev),
        line_manager=line,
        holders=holders,
        note="; ".join(notes) or None,
        reference=None if ref.startswith("0@") else ref,
        grade_groups=groups,
    )


def _pay(rows: list[Row], ev: Evidence) -> Pay | None:
    row = rows[0]
    floor, ceiling = _figure(row.cells.get("pay_floor", "")), _figure(row.cells.get("pay_ceiling", ""))
    ftes = [_figure(r.cells.get("fte", "")) for r in rows]
    known = [f for f in ftes if f is not None]
    fte = sum(known) if known else None
    band = (floor, ceiling) if floor is not None and ceiling is not None and 0 < floor <= ceiling else None
    grade = given_text(row.cells.get("grade", ""))
    if band is None and fte is None and grade is None:
        return None
    pay = Pay(ev, grade=grade, fte=fte)
    if band:
        pay.salary_min, pay.salary_max = band
    return pay


def _figure(text: str) -> float | None:
    value = amount(text) if placeholder(text) is None else None
    return value if value is not None and value >= 0 else None


def sniff_kind(head_keys: set[str]) -> str | None:
    return "senior" if is_senior(head_keys) else "junior" if is_junior(head_keys) else None


def read(path: Path, label: str, lenient: bool = False, date: PartialDate | None = None) -> ImportResult:
    """A senior file with the junior file beside it; a junior file alone is read with its senior."""
    with open(path, "rb") as fh:
        keys = sniff_header(fh.read(8192))
    if is_junior(keys) and not is_senior(keys):
        if senior_path(path) is None:
            return ImportResult(
                None,
                [
                    Problem(
                        label,
                        1,
                        "a junior organogram file is read with its senior file, which is not beside it (…-senior.csv)",
                        1,
                    )
                ],
            )
        return ImportResult(None)  # read with its senior file
    junior = junior_path(path)
    return read_organogram(path, label, junior, str(junior) if junior else None, lenient, date)


# -- the writer ------------------------------------------------------------------------------------
# What Remit does not hold is written as the format says: "N/D" not disclosed. A post whose holder is
# not known at all is "N/A" (Remit's own import reads it back as no holder, not as an unnamed one).
ND = "N/D"
COST_NOTE = "Salary Cost of Reports: the junior rows under this post, FTE x the mid-point of each pay scale"


def _tops(side: Side) -> set[str]:
    """The posts written with 'XX': those the file put at the top (Level 1); else the Heads of Paid
    Service, else the posts titled Chief Executive, else every post, that no one manages. (The format
    needs at least one; a post whose line is only unknown is written 'N/D', not made a top.)"""
    unmanaged = [k for k in side.posts if side.manager(k)[0] is None]
    hops = {side.key_of(e["src"]) for e in side.edges("DESIGNATED") if e["dst"].endswith(":hops")}
    for rule in (
        lambda k: side.posts[k].get("level") == 1,
        lambda k: k in hops,
        lambda k: str(side.posts[k].get("title") or "").lower().startswith("chief executive"),
        lambda k: True,
    ):
        found = {k for k in unmanaged if rule(k)}
        if found:
            return found
    return set()


def _reports_cost(p: dict[str, Any]) -> str:
    """FTE x pay-scale mid-point summed over the post's junior rows; N/D when a row's scale is not given."""
    fte = p.get("junior_fte_each") or []
    lo, hi = p.get("junior_min") or [], p.get("junior_max") or []
    if any(lo[i] is None or hi[i] is None or lo[i] < 0 or hi[i] < 0 for i in range(len(fte))):
        return ND
    return number_text(round(sum(f * (lo[i] + hi[i]) / 2 for i, f in enumerate(fte))))


def organogram_csv(snap: Snapshot) -> Exported:
    """A return a body could file: every column of the senior and junior files filled as the format
    asks, and read back by a strict `remit import` as the same structure."""
    side = Side(snap)
    council = council_node(snap)
    org = council.get("name", snap.structure.get("council"))
    ref = {k: str(p.get("reference") or k) for k, p in side.posts.items()}
    for k, p in side.posts.items():
        if k.startswith("0@") and not p.get("reference"):
            ref[k] = "0"  # a post paid but not in post
    tops = _tops(side)
    senior, junior = [], []
    for key in sorted(side.posts, key=lambda k: (side.posts[k].get("row") or 0, k)):
        p = side.posts[key]
        unit = placement_names(side, key)
        unit_name = unit[1] or unit[0]
        boss = side.manager(key)[0]
        holders = holders_of(side, key) or [(None, None)]
        status = p.get("status")
        fte = p.get("fte")
        cost = _reports_cost(p) if p.get("junior_fte_each") else "0"
        for name, _ in holders:
            senior.append(
                {
                    "Post Unique Reference": ref[key],
                    "Name": "Vacant" if status == "vacant" else (name or (ND if status == "filled" else "N/A")),
                    "Grade": p.get("grade") or ND,
                    "Job Title": p.get("title"),
                    "Job/Team Function": p.get("title"),
                    "Parent Department": org,
                    "Organisation": org,
                    "Unit": unit_name or ND,
                    "Contact Phone": ND,
                    "Contact E-mail": ND,
                    "Reports to Senior Post": ref[boss] if boss else ("XX" if key in tops else ND),
                    "Salary Cost of Reports (£)": cost,
                    "FTE": number_text(fte / len(holders)) if fte is not None else ND,
                    "Actual Pay Floor (£)": number_text(p.get("salary_min")) if p.get("salary_min") is not None else ND,
                    "Actual Pay Ceiling (£)": number_text(p.get("salary_max"))
                    if p.get("salary_max") is not None
                    else ND,
                    "Total Pay (£)": ND,
                    "Professional/Occupational Group": ND,
                    "Notes": COST_NOTE if p.get("junior_fte_each") and cost != ND else "",
                    "Valid?": "1",
                }
            )
        junior += _junior_rows(p, org, unit_name, ref[key])
    return Exported(write_csv(SENIOR_COLUMNS, senior), write_csv(JUNIOR_COLUMNS, junior))


def _junior_rows(p: dict[str, Any], org: str | None, unit: str, ref: str) -> list[dict[str, Any]]:
    # Every group has a quote; its grade or title may be left out (a counted group: "5 x Assistant Directors").
    n = len(p.get("junior_quotes") or [])
    grades = p.get("junior_grades") or [""] * n
    cols = {
        c: p.get(c) or [None] * len(grades) for c in ("junior_titles", "junior_fte_each", "junior_min", "junior_max")
    }
    return [
        {
            "Parent Department": org,
            "Organisation": org,
            "Unit": unit or ND,
            "Reporting Senior Post": ref,
            "Grade": g or ND,
            "Payscale Minimum (£)": _pay_text(cols["junior_min"][i]),
            "Payscale Maximum (£)": _pay_text(cols["junior_max"][i]),
            "Generic Job Title": cols["junior_titles"][i] or ND,
            "Number of Posts in FTE": number_text(cols["junior_fte_each"][i]),
            "Professional/Occupational Group": ND,
            "Valid?": "1",
        }
        for i, g in enumerate(grades)
    ]


def _pay_text(x: Any) -> str:
    return ND if x is None or x == -1 else number_text(x)


FORMAT = PublishedFormat(
    "organogram",
    "data.gov.uk organogram return CSV (senior file, with its junior file beside it)",
    recognises=lambda keys: is_senior(keys) or is_junior(keys),
    read=read,
    companion=junior_path,
    writers={"organogram": organogram_csv},
    looks_for="'Post Unique Reference' and 'Reports to Senior Post' (a senior file), or 'Reporting Senior Post' "
    "and 'Number of Posts in FTE' (a junior file)",
)

__all__ = ["FORMAT", "read_organogram", "junior_path", "senior_path", "is_senior", "is_junior", "header_key"]
