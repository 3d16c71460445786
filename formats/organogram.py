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

from remit.loader.model import (
    Evidence,
    GradeGroup,
    Holding,
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
from .csv_table import Row, Table, clean_text, given, header_key, number, read_table, read_text, slug, sniff_header

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


def _numbers(row: Row, names: tuple[str, ...], probs: RowProblems, headers: dict[str, str]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for name in names:
        value = number(row.cells.get(name, ""))
        if isinstance(value, str):
            probs.add(row, name, f"{headers[name]} '{value}' is not a number")
            value = None
        elif value is not None and value < 0:
            probs.add(row, name, f"{headers[name]} '{clean_text(row.cells[name])}' is negative")
            value = None
        out[name] = value
    return out


def _missing(table: Table, required: tuple[str, ...], probs: RowProblems, headers: dict[str, str]) -> bool:
    absent = [headers[n] for n in required if n not in table.fields.values()]
    for name in absent:
        probs.add(None, None, f"no '{name}' column in the header", line=table.header_line)
    return bool(absent)


class _Senior:
    """The senior posts of one return, grouped by reference, with the validator's checks."""

    def __init__(self, table: Table, source: str, probs: RowProblems, lenient: bool):
        self.source, self.probs, self.lenient = source, probs, lenient
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.eliminated: dict[str, Row] = {}
        self.unpositioned = 0
        self.notes: list[str] = []
        for row in table.rows:
            self._row(row)
        self.manager: dict[str, str] = {}
        self.tops = [ref for ref, rows in self.rows.items() if rows[0].get("reports_to").lower() == "xx"]

    def _row(self, row: Row) -> None:
        ref = clean_text(row.cells.get("ref", ""))
        if not ref:
            self.probs.add(row, "ref", "no Post Unique Reference")
            return
        if clean_text(row.cells.get("name", "")).lower() == "eliminated":
            self.eliminated[ref] = row
            return
        if not given(row.cells.get("title", "")):
            self.probs.add(row, "title", f"post '{ref}' has no Job Title")
        if not clean_text(row.cells.get("reports_to", "")):
            self.probs.add(row, "reports_to", f"post '{ref}' has no Reports to Senior Post (use 'XX' for a top post)")
        _numbers(row, ("fte", "pay_floor", "pay_ceiling"), self.probs, HEADERS)
        if ref == "0":
            ref = f"0@{row.line}"  # "paid but not in post": each such row is its own post
            self.unpositioned += 1
        first = self.rows[ref][0] if self.rows.get(ref) else None
        if first is not None:
            for name in SHARE_FIELDS:
                if row.get(name).lower() != first.get(name).lower():
                    self.probs.add(
                        row,
                        name,
                        f"reference '{ref}' repeats line {first.line} with a different "
                        f"{HEADERS.get(name, name)}: '{row.get(name)}' (line {first.line}: "
                        f"'{first.get(name)}')",
                    )
                    return
        self.rows[ref].append(row)

    def check_lines(self) -> None:
        good = {
            ref: rows
            for ref, rows in self.rows.items()
            if self.lenient is False or rows[0].line not in self.probs.bad_rows
        }
        for ref, rows in good.items():
            row = rows[0]
            boss = row.get("reports_to")
            if not boss or boss.lower() == "xx":
                continue
            if boss == ref:
                self.probs.add(row, "reports_to", f"post '{ref}' reports to itself ('{boss}')", spoils=False)
            elif boss in self.eliminated:
                self.probs.add(
                    row,
                    "reports_to",
                    f"post '{ref}' reports to '{boss}', a post marked Eliminated (line {self.eliminated[boss].line})",
                    spoils=False,
                )
            elif boss not in good:
                self.probs.add(
                    row,
                    "reports_to",
                    f"Reports to Senior Post '{boss}' of post '{ref}' is no post in this file",
                    spoils=False,
                )
            else:
                self.manager[ref] = boss
        if not self.tops:
            self.probs.add(None, None, "no top post: no row has 'XX' in Reports to Senior Post", line=1)
        self._loops()
        self._chains()

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
                    self.probs.add(
                        self.rows[post][0],
                        "reports_to",
                        f"post '{post}' is {d} posts below its top post (the limit is {MAX_CHAIN})",
                        spoils=False,
                    )
                    del self.manager[post]
                    d = 0
                    depth[post] = 0


def read_organogram(
    senior: Path, label: str, junior: Path | None = None, junior_label: str | None = None, lenient: bool = False
) -> ImportResult:
    """One return (senior file, with its junior file when there is one) as one structure."""
    probs = RowProblems(label)
    text, problems = read_text(senior, label)
    if text is None:
        return ImportResult(None, problems)
    table, problems = read_table(text, label, SENIOR_NAMES, {"pay_ceiling": "total_pay"})
    probs.items.extend(problems)
    if table is None or _missing(table, ("ref", "title", "reports_to"), probs, HEADERS):
        return ImportResult(None, probs.items)
    source = slug(senior.stem) or "senior"
    seniors = _Senior(table, source, probs, lenient)
    seniors.check_lines()
    jprobs = RowProblems(junior_label or str(junior))
    groups = _junior(junior, jprobs, seniors, lenient) if junior else {}
    sf = _model(senior, junior, table, seniors, groups, lenient)
    counts = {
        "posts": len(sf.structures[0].posts) if sf else 0,
        "eliminated": len(seniors.eliminated),
        "paid not in post": seniors.unpositioned,
        "grade groups": sum(len(g) for g in groups.values()),
        "skipped rows": len(probs.bad_rows) + len(jprobs.bad_rows),
    }
    remarks = [
        f"{sf.structures[0].id if sf else label}: post '{ref}' ('{row.get('title')}', {label} line "
        f"{row.line}) is marked Eliminated: left out"
        for ref, row in seniors.eliminated.items()
    ]
    return ImportResult(sf, probs.items + jprobs.items, counts, seniors.notes if lenient else [], remarks=remarks)


def _junior(path: Path, probs: RowProblems, seniors: _Senior, lenient: bool) -> dict[str, list[GradeGroup]]:
    groups: dict[str, list[GradeGroup]] = defaultdict(list)
    text, problems = read_text(path, probs.label)
    probs.items.extend(problems)
    if text is None:
        return groups
    table, problems = read_table(text, probs.label, JUNIOR_NAMES)
    probs.items.extend(problems)
    if table is None or _missing(table, ("reports_to", "grade"), probs, JUNIOR_HEADERS):
        return groups
    source = slug(path.stem) or "junior"
    for row in table.rows:
        boss = row.get("reports_to")
        values = _numbers(row, ("fte", "pay_min", "pay_max"), probs, JUNIOR_HEADERS)
        if boss in seniors.eliminated:
            probs.add(
                row,
                "reports_to",
                f"junior row under post '{boss}', which is marked Eliminated (line {seniors.eliminated[boss].line})",
            )
        elif boss not in seniors.rows:
            probs.add(row, "reports_to", f"Reporting Senior Post '{boss}' is no senior post")
        elif not row.get("grade"):
            probs.add(row, "grade", "junior row has no Grade")
        if row.line in probs.bad_rows:
            continue
        lo, hi = values["pay_min"], values["pay_max"]
        if lo is not None and hi is not None and lo > hi:
            lo, hi = None, None
            probs.add(
                row, "pay_min", f"Payscale Minimum {row.get('pay_min')} is above the maximum {row.get('pay_max')}"
            )
            continue
        groups[boss].append(
            GradeGroup(
                row.get("grade"),
                evidence(source, row),
                given(row.cells.get("title", "")),
                values["fte"],
                lo,
                hi,
                given(row.cells.get("profession", "")),
            )
        )
    return groups


def _model(
    senior: Path,
    junior: Path | None,
    table: Table,
    seniors: _Senior,
    groups: dict[str, list[GradeGroup]],
    lenient: bool,
) -> StructureFile:
    first = table.rows[0] if table.rows else None
    org = (first.get("org") if first else "") or senior.stem
    when = date_in_name(senior)
    council = council_of(org, default_kind="central government body")
    sid = f"{council.id}-{when}" if when else f"{council.id}-{slug(senior.stem)}"
    source = slug(senior.stem) or "senior"
    sources = [Source(source, f"Organogram return, senior posts: {senior.name}", when, senior.name)]
    if junior:
        sources.append(
            Source(slug(junior.stem) or "junior", f"Organogram return, junior staff: {junior.name}", when, junior.name)
        )
    units: dict[str, Unit] = {}
    posts: list[Post] = []
    for ref, rows in seniors.rows.items():
        if lenient and any(r.line in seniors.probs.bad_rows for r in rows):
            continue
        posts.append(_post(ref, rows, source, units, seniors.manager.get(ref), groups.get(ref, [])))
    ev = evidence(source, first) if first else None
    structure = Structure(
        sid,
        f"{org} organogram" + (f" at {when}" if when else ""),
        "existing",
        ev or evidence(source, Row(1, table.header[0] if table.header else "", {}, {})),
        effective=when,
        units=list(units.values()),
        posts=posts,
    )
    return StructureFile(str(senior), council, sources, [], [structure])


def _post(
    ref: str, rows: list[Row], source: str, units: dict[str, Unit], manager: str | None, groups: list[GradeGroup]
) -> Post:
    row = rows[0]
    ev = evidence(source, row)
    names = [clean_text(r.cells.get("name", "")) for r in rows]
    vacant = all(n.lower() == "vacant" for n in names)
    holders = [
        Holding(None if n.upper() == "N/D" else n, None, evidence(source, r))
        for n, r in zip(names, rows)
        if n and n.lower() != "vacant"
    ]
    status = "vacant" if vacant else ("filled" if holders else None)
    notes = ["top post (Reports to Senior Post 'XX')"] if row.get("reports_to").lower() == "xx" else []
    if any(n.upper() == "N/D" for n in names):
        notes.append("holder not disclosed (N/D)")
    if ref.startswith("0@"):
        notes.append("reference 0: a post paid but not in post")
    if len(rows) > 1:
        notes.append(f"job share: {len(rows)} rows share reference {ref}")
    if row.get("notes"):
        notes.append(row.get("notes"))
    pay = _pay(rows, ev)
    unit_name = given(row.cells.get("unit", ""))
    unit = None
    if unit_name:
        key = slug(unit_name) or "unit"
        units.setdefault(key, Unit(key, unit_name, "division", ev))
        unit = UnitLink(key, ev)
    return Post(
        key=ref,
        title=given(row.cells.get("title", "")) or ref,
        evidence=ev,
        status=status,
        unit=unit,
        pay=pay,
        line_manager=PostLink(manager, ev) if manager else None,
        holders=holders,
        note="; ".join(notes) or None,
        reference=None if ref.startswith("0@") else ref,
        grade_groups=groups,
    )


def _pay(rows: list[Row], ev: Evidence) -> Pay | None:
    row = rows[0]
    floor, ceiling = number(row.cells.get("pay_floor", "")), number(row.cells.get("pay_ceiling", ""))
    ftes = [number(r.cells.get("fte", "")) for r in rows]
    fte = sum(f for f in ftes if isinstance(f, float)) if any(isinstance(f, float) for f in ftes) else None
    band = (
        (floor, ceiling) if isinstance(floor, float) and isinstance(ceiling, float) and 0 < floor <= ceiling else None
    )
    grade = given(row.cells.get("grade", ""))
    if band is None and fte is None and grade is None:
        return None
    pay = Pay(ev, grade=grade, fte=fte)
    if band:
        pay.salary_min, pay.salary_max = band
    return pay


def sniff_kind(head_keys: set[str]) -> str | None:
    return "senior" if is_senior(head_keys) else "junior" if is_junior(head_keys) else None


def read(path: Path, label: str, lenient: bool = False) -> ImportResult:
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
    return read_organogram(path, label, junior, str(junior) if junior else None, lenient)


# -- the writer ------------------------------------------------------------------------------------
def organogram_csv(snap: Snapshot) -> Exported:
    side = Side(snap)
    council = council_node(snap)
    org = council.get("name", snap.structure.get("council"))
    ref = {k: str(p.get("reference") or k) for k, p in side.posts.items()}
    senior, junior = [], []
    for key in sorted(side.posts, key=lambda k: (side.posts[k].get("row") or 0, k)):
        p = side.posts[key]
        unit = placement_names(side, key)
        unit_name = unit[1] or unit[0]
        boss = side.manager(key)[0]
        holders = holders_of(side, key) or [(None, None)]
        vacant = p.get("status") == "vacant"
        fte = p.get("fte")
        for name, _ in holders:
            senior.append(
                {
                    "Post Unique Reference": ref[key],
                    "Name": "Vacant" if vacant else (name or ("N/D" if p.get("status") == "filled" else "")),
                    "Grade": p.get("grade") or "N/D",
                    "Job Title": p.get("title"),
                    "Job/Team Function": p.get("title"),
                    "Parent Department": "N/A",
                    "Organisation": org,
                    "Unit": unit_name or "N/A",
                    "Contact Phone": "N/A",
                    "Contact E-mail": "N/A",
                    "Reports to Senior Post": ref[boss] if boss else "XX",
                    "Salary Cost of Reports (£)": "N/A",
                    "FTE": number_text(fte / len(holders)) if fte is not None else "N/A",
                    "Actual Pay Floor (£)": number_text(p.get("salary_min"))
                    if p.get("salary_min") is not None
                    else "N/D",
                    "Actual Pay Ceiling (£)": number_text(p.get("salary_max"))
                    if p.get("salary_max") is not None
                    else "N/D",
                    "Total Pay (£)": "N/A",
                    "Professional/Occupational Group": "N/A",
                    "Notes": "",
                    "Valid?": "1",
                }
            )
        junior += _junior_rows(p, org, unit_name, ref[key])
    return Exported(write_csv(SENIOR_COLUMNS, senior), write_csv(JUNIOR_COLUMNS, junior))


def _junior_rows(p: dict[str, Any], org: str | None, unit: str, ref: str) -> list[dict[str, Any]]:
    grades = p.get("junior_grades") or []
    cols = {
        c: p.get(c) or [None] * len(grades) for c in ("junior_titles", "junior_fte_each", "junior_min", "junior_max")
    }
    return [
        {
            "Parent Department": "N/A",
            "Organisation": org,
            "Unit": unit or "N/A",
            "Reporting Senior Post": ref,
            "Grade": g,
            "Payscale Minimum (£)": _pay_text(cols["junior_min"][i]),
            "Payscale Maximum (£)": _pay_text(cols["junior_max"][i]),
            "Generic Job Title": cols["junior_titles"][i] or "N/A",
            "Number of Posts in FTE": number_text(cols["junior_fte_each"][i]),
            "Professional/Occupational Group": "N/A",
            "Valid?": "1",
        }
        for i, g in enumerate(grades)
    ]


def _pay_text(x: Any) -> str:
    return "N/A" if x is None or x == -1 else number_text(x)


FORMAT = PublishedFormat(
    "organogram",
    "data.gov.uk organogram return CSV (senior file, with its junior file beside it)",
    recognises=lambda keys: is_senior(keys) or is_junior(keys),
    read=read,
    companion=junior_path,
    writers={"organogram": organogram_csv},
)

__all__ = ["FORMAT", "read_organogram", "junior_path", "senior_path", "is_senior", "is_junior", "header_key"]
