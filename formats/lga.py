"""LGA "OrganisationStructure" CSV (Local Government Transparency Code 2015): its columns, its
reader (into the model) and its writer (from a loaded structure).

Why: English councils already publish their senior chart in this schema every year. It has no
post reference and no reports-to column, so everything the graph needs beyond the row itself is
inferred (infer.py) and marked so: lines from Level/Directorate/Service, statutory roles from the
job title, the holder's basis from ContractType or Comments. One structure per council and
EffectiveDate; several dates of one council become a chain (`supersedes`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from remit.loader.dates import PartialDate, parse_date
from remit.loader.model import (
    Council,
    Designation,
    Evidence,
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
from remit.loader.schema import MAX_ID
from remit.queries.side import Side, placement_names
from remit.queries.snapshot import Snapshot

from . import lga_infer as infer
from .common import (
    NA,
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
    organisation_uri,
    unique_key,
    write_csv,
)
from .csv_table import Row, clean_text, read_table, read_text, slug
from .ids import dated_id, fit, slug_id
from .statutory_words import add_candidates
from .values import NOT_DISCLOSED, VACANT, PayCell, amount, given_text, pay_cell, placeholder

COLUMNS = (
    "OrganisationLabel",
    "OrganisationURI",
    "EffectiveDate",
    "Level",
    "JobTitle",
    "Name",
    "Grade",
    "Directorate",
    "Service",
    "ContractType",
    "SharedPost",
    "ContactDetails",
    "SalaryBand",
    "MaximumSalary",
    "Vacancy",
    "Comments",
)
FIELDS = (
    "org",
    "uri",
    "date",
    "level",
    "title",
    "name",
    "grade",
    "directorate",
    "service",
    "contract",
    "shared",
    "contact",
    "band",
    "max_salary",
    "vacancy",
    "comments",
)
HEADERS = dict(zip(FIELDS, COLUMNS))
# header_key of each column, spaced ("job title") or not ("jobtitle")
NAMES = {
    k: f
    for c, f in zip(COLUMNS, FIELDS)
    for k in (c.lower(), re.sub(r"(?<!^)(?=[A-Z])", " ", c).lower(), re.sub(r"(?<!^)(?=[A-Z]+)", " ", c).lower())
}
NAMES |= {"organisation uri": "uri", "organisation label": "org"}
REQUIRED = ("org", "date", "level", "title")


def is_lga(keys: set[str]) -> bool:
    squashed = {k.replace(" ", "") for k in keys}
    return {"organisationlabel", "jobtitle", "level"} <= squashed


def parse_day(text: str) -> PartialDate | None:
    """EffectiveDate as councils write it: 2023-04-01, 01/04/2023, 1 April 2023."""
    text = clean_text(text)
    if (d := parse_date(text)) is not None:
        return d
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%d.%m.%Y"):
        try:
            return PartialDate(dt.datetime.strptime(text, fmt).date().isoformat())
        except ValueError:
            continue
    return None


def band(text: str) -> tuple[float, float] | None | str:
    """SalaryBand "140000 - 145000" as (min, max); None when not given (or a word such as "Agency");
    the text when unreadable."""
    said = pay_cell(text)
    if said.unreadable is not None:
        return said.unreadable
    return (said.low, said.high) if said.low is not None and said.high is not None else None


def read_lga(path: Path, label: str, lenient: bool = False, date: PartialDate | None = None) -> ImportResult:
    """Every council and EffectiveDate of one LGA file, one StructureFile per council. A row's date
    is its EffectiveDate, else the date in the file's name, else `date` (`remit import --date`)."""
    probs, warns = RowProblems(label), RowProblems(label)
    text, problems = read_text(path, label)
    if text is None:
        return ImportResult(None, problems)
    table, problems = read_table(text, label, NAMES)
    probs.items.extend(problems)
    if table is None:
        return ImportResult(None, probs.items)
    absent = [HEADERS[f] for f in REQUIRED if f not in table.fields.values()]
    for name in absent:
        probs.add(None, None, f"no '{name}' column in the header", line=table.header_line)
    if absent:
        return ImportResult(None, probs.items)
    if not table.rows:
        probs.add(None, None, "no usable row: the file has a header but no rows", line=table.header_line)
    fallback = date_in_name(path) or date
    groups: dict[tuple[str, str], list[tuple[Row, int, PartialDate]]] = defaultdict(list)
    undated = 0
    for row in table.rows:
        level, when = _check(row, probs, warns, fallback)
        undated += when is None and not row.get("date")
        if row.line in probs.bad_rows or level is None or when is None:
            continue
        groups[(row.get("org"), str(when))].append((row, level, when))
    if undated:
        probs.add(None, "date", NO_DATE.replace("it has no EffectiveDate column", "rows have no EffectiveDate"), line=1)
    source = slug_id(path.stem, "lga")
    councils: dict[str, tuple[Council, list[Structure]]] = {}
    notes: list[str] = []
    for (org, _), rows in sorted(groups.items(), key=lambda kv: kv[0][1]):
        council = council_of(org, rows[0][0].get("uri"))
        st = _structure(council, rows, source, probs, notes)
        councils.setdefault(council.id, (council, []))[1].append(st)
    files = [_file(path, source, council, sts) for council, sts in councils.values()]
    if lenient and files:
        files[0].structures[0].left_out += probs.left_out(source)
    if table.rows and not files:
        probs.add(
            None,
            None,
            f"no usable row: all {len(table.rows)} rows were left out ({len(probs.bad_rows)} with problems)",
            line=table.header_line,
        )
    counts = {
        "structures": sum(len(f.structures) for f in files),
        "posts": sum(len(st.posts) for f in files for st in f.structures),
        "skipped rows": len(probs.bad_rows),
    }
    return ImportResult(files[0] if files else None, probs.items, counts, notes, files[1:], warnings=warns.items)


def _check(
    row: Row, probs: RowProblems, warns: RowProblems, fallback: PartialDate | None
) -> tuple[int | None, PartialDate | None]:
    """Structural faults of a row are problems (no council, no level, a date that is no date); values
    that are not what the column asks for are warnings and read as unknown."""
    if not row.get("org"):
        probs.add(row, "org", "no OrganisationLabel")
    if given_text(row.cells.get("title", "")) is None:
        warns.add(row, "title", "no JobTitle: the post is shown as untitled", spoils=False)
    raw_level = row.get("level")
    level = int(raw_level) if raw_level.isdigit() and int(raw_level) >= 1 else None
    if level is None:
        probs.add(row, "level", f"Level '{raw_level}' is not a whole number from 1 (the top post) down")
    when = parse_day(row.get("date")) if row.get("date") else fallback
    if when is None and row.get("date"):
        probs.add(row, "date", f"EffectiveDate '{row.get('date')}' is not a date (YYYY-MM-DD or DD/MM/YYYY)")
    pay = pay_cell(row.cells.get("band", ""))
    if pay.unreadable is not None:
        warns.add(
            row,
            "band",
            f"SalaryBand '{pay.unreadable}' is not a band like '140000 - 145000': pay unknown",
            spoils=False,
        )
    top = row.cells.get("max_salary", "")
    if placeholder(top) is None and amount(top) is None:
        warns.add(
            row, "max_salary", f"MaximumSalary '{clean_text(top)}' is not a number: taken as unknown", spoils=False
        )
    return level, when


def _structure(
    council: Council, rows: list[tuple[Row, int, PartialDate]], source: str, probs: RowProblems, notes: list[str]
) -> Structure:
    when = rows[0][2]
    sid = dated_id(council.id, str(when))
    units: dict[str, Unit] = {}
    posts: list[Post] = []
    chart: list[infer.ChartPost] = []
    taken: set[str] = set()
    for row, level, _ in rows:
        post = _post(row, source, units, taken)
        post.level = level
        posts.append(post)
        chart.append(infer.ChartPost(post.key, level, row.get("directorate"), row.get("service"), row.line))
    by_key = {p.key: p for p in posts}
    rows_of = {p.key: r for p, (r, _, _) in zip(posts, rows)}
    for key, guess in infer.infer_lines(chart).items():
        if guess.manager:
            by_key[key].line_manager = PostLink(guess.manager, evidence(source, rows_of[key], rule=guess.rule))
        else:
            seen = ", ".join(guess.candidates) or "none"
            notes.append(f"{probs.label}:{rows_of[key].line}: line manager of '{key}' unknown; candidates: {seen}")
    _one_post_per_role(posts, rows_of, probs.label, notes)
    add_candidates(posts, {p.key: p.evidence for p in posts})
    tops = [c for c in chart if c.level == 1]
    if not tops:
        probs.add(None, "level", f"no Level 1 (top) post for {council.name} at {when}", line=rows[0][0].line)
    if len(tops) == 1 and infer.is_chief_executive(by_key[tops[0].key].title):
        top = by_key[tops[0].key]
        if not any(d.role == "hops" for d in top.designations):
            top.designations.insert(
                0, Designation("hops", _basis(top), evidence(source, rows_of[top.key], rule=infer.RULE_TOP_HOPS))
            )
    first = rows[0][0]
    return Structure(
        sid,
        f"{council.name} organisation chart at {when}",
        "existing",
        evidence(source, first),
        effective=when,
        units=list(units.values()),
        posts=posts,
        # the file puts one post at Level 1: the most senior, as it states
        top_post=PostLink(tops[0].key, evidence(source, rows_of[tops[0].key])) if len(tops) == 1 else None,
    )


def _one_post_per_role(posts: list[Post], rows_of: dict[str, Row], label: str, notes: list[str]) -> None:
    """A role two titles name is ambiguous: no post is designated, and the candidates are reported."""
    by_role: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        for d in post.designations:
            by_role[d.role].append(post)
    for role, named in by_role.items():
        if len(named) > 1:
            for post in named:
                post.designations = [d for d in post.designations if d.role != role]
            notes.append(
                f"{label}:{rows_of[named[0].key].line}: role '{role}' unknown: named in the titles of "
                + ", ".join(f"'{p.key}' (line {rows_of[p.key].line})" for p in named)
            )


def _basis(post: Post) -> str | None:
    return next((h.basis for h in post.holders if h.basis), None)


def _post(row: Row, source: str, units: dict[str, Unit], taken: set[str]) -> Post:
    ev = evidence(source, row)
    title = given_text(row.cells.get("title", "")) or "untitled"
    directorate, service = given_text(row.cells.get("directorate", "")), given_text(row.cells.get("service", ""))
    key = unique_key(slug_id(title, "post", MAX_ID - 4), taken)
    raw_name = row.cells.get("name", "")
    meaning = placeholder(raw_name)
    vacant = placeholder(row.cells.get("vacancy", "")) == VACANT or meaning == VACANT
    pay_said = pay_cell(row.cells.get("band", ""))
    basis, rule = _holder_basis(row, pay_said)
    holders: list[Holding] = []
    if not vacant and meaning in (None, NOT_DISCLOSED):
        holders.append(Holding(row.get("name") if meaning is None else None, basis, evidence(source, row, rule=rule)))
    elif not vacant and pay_said.basis:  # "Agency" in SalaryBand: someone covers the post, unnamed
        holders.append(Holding(None, basis, evidence(source, row, rule=rule)))
    designations = [
        Designation(role, basis if holders else None, evidence(source, row, rule=f"{infer.RULE_TITLE}: '{phrase}'"))
        for role, phrase in infer.roles_in_title(title)
    ]
    unit = _units(directorate, service, ev, source, row, units)
    grade = given_text(row.cells.get("grade", ""))
    pay = None
    if pay_said.known or grade:
        pay = Pay(ev, grade=grade)
        if pay_said.known:
            pay.salary_min, pay.salary_max = pay_said.low, pay_said.high
    notes = [
        f"{label}: {v}"
        for label, f in (
            ("shared post", "shared"),
            ("comments", "comments"),
            ("maximum salary", "max_salary"),
            ("contract", "contract"),
        )
        if (v := given_text(row.cells.get(f, "")))
    ]
    if pay_said.word:
        notes.append(f"salary band: {pay_said.word}")
    elif pay_said.unreadable:
        notes.append(f"SalaryBand '{pay_said.unreadable}' is not a band: pay unknown")
    if meaning == NOT_DISCLOSED:
        notes.append(f"holder not disclosed (Name '{row.get('name')}')")
    return Post(
        key=key,
        title=title,
        evidence=ev,
        status="vacant" if vacant else ("filled" if holders else None),  # "Agency": covered, so filled
        unit=unit,
        pay=pay,
        designations=designations,
        holders=holders,
        note="; ".join(notes) or None,
    )


def _holder_basis(row: Row, pay: PayCell) -> tuple[str | None, str | None]:
    """(basis, rule): stated when ContractType is exactly the basis, inferred from words otherwise
    (ContractType, Comments, the title, a SalaryBand such as "Agency")."""
    contract = given_text(row.cells.get("contract", "")) or ""
    if contract.lower() in ("permanent", "interim", "acting"):
        return contract.lower(), None
    for column, text in (("ContractType", contract), ("Comments", row.get("comments")), ("JobTitle", row.get("title"))):
        found = infer.basis_in(text)
        if found:
            return found[0], f"holder's basis from the word '{found[1]}' in {column}"
    if pay.basis and pay.word:
        return pay.basis, f"holder's basis from SalaryBand '{pay.word}' (a post covered that way)"
    return None, None


def _units(
    directorate: str | None, service: str | None, ev: Evidence, source: str, row: Row, units: dict[str, Unit]
) -> UnitLink | None:
    dkey = fit(f"dir-{slug(directorate)}") if directorate else None
    if dkey and dkey not in units:
        units[dkey] = Unit(dkey, directorate or "", "directorate", ev)
    if not service:
        return UnitLink(dkey, ev) if dkey else None
    skey = fit(f"svc-{slug(directorate or '')}--{slug(service)}" if directorate else f"svc-{slug(service)}")
    if skey not in units:
        part = UnitLink(dkey, evidence(source, row, rule=infer.RULE_SERVICE_IN_DIRECTORATE)) if dkey else None
        units[skey] = Unit(skey, service, "service", ev, part_of=part)
    return UnitLink(skey, ev)


def _file(path: Path, source: str, council: Council, structures: list[Structure]) -> StructureFile:
    dates = sorted((st.effective for st in structures if st.effective), key=lambda d: d.first_day)
    chain(structures)
    return StructureFile(
        str(path),
        council,
        [
            Source(
                source,
                f"LGA organisation structure (Transparency Code): {path.name}",
                dates[-1] if dates else None,
                path.name,
            )
        ],
        [],
        structures,
    )


def chain(structures: list[Structure]) -> None:
    """Each structure of a council supersedes the one effective before it."""
    ordered = sorted(structures, key=lambda st: st.effective.first_day if st.effective else "")
    for before, after in zip(ordered, ordered[1:]):
        after.supersedes = before.id


# -- the writer ------------------------------------------------------------------------------------
def levels(side: Side) -> dict[str, int]:
    """Each post's published Level, or its depth below a post with no line manager (1)."""
    out: dict[str, int] = {}
    for key, post in side.posts.items():
        if post.get("level"):
            out[key] = int(post["level"])
            continue
        depth, node, seen = 1, key, {key}
        while (boss := side.manager(node)[0]) and boss not in seen:
            depth, node = depth + 1, boss
            seen.add(boss)
        out[key] = depth
    return out


def lga_csv(snap: Snapshot) -> Exported:
    side = Side(snap)
    council = council_node(snap)
    effective = snap.structure.get("effective") or ""
    level = levels(side)
    rows = []
    for key in sorted(side.posts, key=lambda k: (level[k], side.posts[k].get("row") or 0, k)):
        p = side.posts[key]
        directorate, service = placement_names(side, key)
        holders = holders_of(side, key)
        basis = next((b for _, b in holders if b), None)
        lo, hi = p.get("salary_min"), p.get("salary_max")
        rows.append(
            {
                "OrganisationLabel": council.get("name", snap.structure.get("council")),
                "OrganisationURI": organisation_uri(council),
                "EffectiveDate": effective,
                "Level": level[key],
                "JobTitle": p.get("title"),
                "Name": " / ".join(n or "Not disclosed" for n, _ in holders) or NA,
                "Grade": p.get("grade") or NA,
                "Directorate": directorate or NA,
                "Service": service or NA,
                "ContractType": basis.capitalize() if basis else NA,
                "SharedPost": NA,
                "ContactDetails": NA,
                "SalaryBand": f"{number_text(lo)} - {number_text(hi)}" if lo is not None and hi is not None else NA,
                "MaximumSalary": number_text(hi),
                "Vacancy": "Vacant" if p.get("status") == "vacant" else NA,
                "Comments": NA,
            }
        )
    return Exported(write_csv(COLUMNS, rows))


FORMAT = PublishedFormat(
    "lga",
    "LGA OrganisationStructure CSV (Local Government Transparency Code 2015)",
    recognises=is_lga,
    read=read_lga,
    writers={"lga": lga_csv},
    looks_for="'OrganisationLabel', 'JobTitle' and 'Level'",
)
