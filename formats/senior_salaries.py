"""Councils' senior-salary files: the Transparency Code 2015 "senior salaries" data and the older
(2011) senior-salary template. Their columns, the reader, and the overlay onto a chart.

Why: a published organisation chart (LGA) lacks exactly what these files carry -- holders' names,
pay, and statutory designations stated in words ("head of paid service" in Responsibilities,
"(Section 151 Officer)" in a title). They have no Level and no reports-to, so:

- alone, a file is a structure of posts with holders and pay, every line unknown;
- imported with the organisation chart of the same council and date, it adds to the chart: each
  row is matched to one chart post by job title (narrowed by directorate, then service, where the
  row gives them); each fact it adds is marked inferred with that match rule; every row that
  matches no post, or several, is reported and listed under the chart's `left_out`.

Each file is dated by its own EffectiveDate (the 2011 template by the date in its name): a holder
in April is not a holder in July, so a file adds only to the chart of its own date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from remit.loader.dates import PartialDate
from remit.loader.model import (
    Candidacy,
    Council,
    Designation,
    Evidence,
    Holding,
    LeftOut,
    Pay,
    Post,
    Source,
    Structure,
    StructureFile,
    Unit,
    UnitLink,
)
from remit.loader.schema import MAX_ID

from .common import (
    NO_DATE,
    ImportResult,
    PublishedFormat,
    RowProblems,
    council_of,
    date_in_name,
    evidence,
    unique_key,
)
from .csv_table import Row, header_key, read_table, read_text, slug
from .ids import dated_id, fit, slug_id
from .lga import parse_day
from .statutory_words import add_candidates, stated_designations
from .values import NOT_DISCLOSED, VACANT, amount, folded, given_text, placeholder

# The Transparency Code layout, as councils publish it.
COLUMNS = (
    "OrganisationLabel",
    "OrganisationURI",
    "EffectiveDate",
    "JobTitle",
    "Name",
    "Directorate",
    "Service",
    "Salary",
    "PensionContribution",
    "Bonuses",
    "ExpenseAllowances",
    "LossOfPostCompensation",
    "BenefitsInKind",
    "BonusDetails",
    "BenefitsDetails",
    "Responsibilities",
)
# The older template (before 2015): one file a year, its date in the file name.
TEMPLATE_COLUMNS = (
    "Body",
    "Body Name",
    "Name",
    "Job Title",
    "Service Area",
    "FTE of minimum contracted hours",
    "FTE salary",
    "Ers Pension Contribution",
)
FIELDS = {
    "organisationlabel": "org",
    "bodyname": "org",
    "organisationuri": "uri",
    "body": "uri",
    "effectivedate": "date",
    "jobtitle": "title",
    "name": "name",
    "directorate": "directorate",
    "service": "service",
    "servicearea": "service",
    "salary": "salary",
    "ftesalary": "salary",
    "pensioncontribution": "pension",
    "erspensioncontribution": "pension",
    "bonuses": "bonuses",
    "expenseallowances": "expenses",
    "lossofpostcompensation": "loss_of_post",
    "benefitsinkind": "benefits",
    "bonusdetails": "bonus_details",
    "benefitsdetails": "benefits_details",
    "responsibilities": "duties",
    "fteofminimumcontractedhours": "fte",
}
HEADERS = {
    "org": "OrganisationLabel",
    "title": "JobTitle",
    "salary": "Salary",
    "fte": "FTE of minimum contracted hours",
    "date": "EffectiveDate",
}
EXTRAS = (
    ("pension", "pension contribution"),
    ("bonuses", "bonuses"),
    ("expenses", "expense allowances"),
    ("loss_of_post", "loss of post compensation"),
    ("benefits", "benefits in kind"),
    ("bonus_details", "bonus details"),
    ("benefits_details", "benefits details"),
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_YEAR = re.compile(r"(?<![a-z])(" + "|".join(m[:3] + f"(?:{m[3:]})?" for m in _MONTHS) + r")[-_ ]?(\d{4})")


def _squashed(keys: set[str]) -> set[str]:
    return {k.replace(" ", "") for k in keys}


def is_senior_salaries(keys: set[str]) -> bool:
    k = _squashed(keys)
    code = {"jobtitle", "salary"} <= k and bool(k & {"responsibilities", "pensioncontribution", "bonuses"})
    template = {"bodyname", "jobtitle", "ftesalary"} <= k
    return (code or template) and "level" not in k


def date_of_template(path: Path) -> PartialDate | None:
    """'…-april-2013.csv' -> 2013-04 (the 2011 template's files carry their month in the name)."""
    found = date_in_name(path)
    if found is not None:
        return found
    m = _MONTH_YEAR.search(path.name.lower())
    if not m:
        return None
    month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(m.group(1)[:3]))
    return PartialDate(f"{m.group(2)}-{month:02d}")


def read(path: Path, label: str, lenient: bool = False, date: PartialDate | None = None) -> ImportResult:
    """Every council and date of one senior-salary file, one StructureFile per council."""
    probs, warns = RowProblems(label), RowProblems(label)
    text, problems = read_text(path, label)
    if text is None:
        return ImportResult(None, problems)
    table, problems = read_table(text, label, _names())
    probs.items.extend(problems)
    if table is None:
        return ImportResult(None, probs.items)
    absent = [HEADERS[f] for f in ("title", "salary") if f not in table.fields.values()]
    for name in absent:
        probs.add(None, None, f"no '{name}' column in the header", line=table.header_line)
    if absent:
        return ImportResult(None, probs.items)
    if not table.rows:
        probs.add(None, None, "no usable row: the file has a header but no rows", line=table.header_line)
    fallback = date_of_template(path) or date
    groups: dict[tuple[str, str], list[tuple[Row, PartialDate]]] = defaultdict(list)
    undated = 0
    for row in table.rows:
        when = parse_day(row.get("date")) if row.get("date") else fallback
        if when is None and row.get("date"):
            probs.add(row, "date", f"EffectiveDate '{row.get('date')}' is not a date (YYYY-MM-DD or DD/MM/YYYY)")
        undated += when is None and not row.get("date")
        if given_text(row.cells.get("title", "")) is None:
            probs.add(row, "title", "no JobTitle: a salary row is matched and named by its title")
        if row.line in probs.bad_rows or when is None:
            continue
        groups[(given_text(row.cells.get("org", "")) or path.stem, str(when))].append((row, when))
    if undated:
        probs.add(None, "date", NO_DATE.replace("it has no EffectiveDate column", "rows have no EffectiveDate"), line=1)
    source = slug_id(path.stem, "salaries")
    councils: dict[str, tuple[Council, list[Structure]]] = {}
    for (org, _), rows in sorted(groups.items(), key=lambda kv: kv[0][1]):
        council = council_of(org, rows[0][0].get("uri"))
        councils.setdefault(council.id, (council, []))[1].append(_structure(council, rows, source, warns))
    files = [
        StructureFile(
            str(path),
            council,
            [Source(source, f"Senior salaries: {path.name}", sts[-1].effective, path.name)],
            [],
            sts,
        )
        for council, sts in councils.values()
    ]
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
    return ImportResult(
        files[0] if files else None, probs.items, counts, [], files[1:], warnings=warns.items, onto_chart=onto_chart
    )


def _names() -> dict[str, str]:
    """header_key of each column as councils spell it ("JobTitle", "Job Title", "Service Area")."""
    names = dict(FIELDS)
    for column in TEMPLATE_COLUMNS + COLUMNS:
        spaced = header_key(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", column))
        if field := FIELDS.get(spaced.replace(" ", "")) or FIELDS.get(header_key(column).replace(" ", "")):
            names.setdefault(spaced, field)
            names.setdefault(header_key(column), field)
    return names


def _structure(council: Council, rows: list[tuple[Row, PartialDate]], source: str, warns: RowProblems) -> Structure:
    when = rows[0][1]
    units: dict[str, Unit] = {}
    posts: list[Post] = []
    taken: set[str] = set()
    evidence_of: dict[str, Evidence] = {}
    for row, _ in rows:
        post = _post(row, source, units, taken, warns)
        evidence_of[post.key] = post.evidence
        posts.append(post)
    add_candidates(posts, evidence_of)
    return Structure(
        dated_id(council.id, str(when)),
        f"{council.name} senior salaries at {when}",
        "existing",
        evidence(source, rows[0][0]),
        effective=when,
        units=list(units.values()),
        posts=posts,
    )


def _post(row: Row, source: str, units: dict[str, Unit], taken: set[str], warns: RowProblems) -> Post:
    ev = evidence(source, row)
    title = given_text(row.cells.get("title", "")) or "untitled"
    meaning = placeholder(row.cells.get("name", ""))
    holders = (
        [Holding(row.get("name") if meaning is None else None, None, ev)] if meaning in (None, NOT_DISCLOSED) else []
    )
    salary = _figure(row, "salary", warns)
    fte = _figure(row, "fte", warns)
    pay = Pay(ev, salary=salary, fte=fte) if salary is not None or fte is not None else None
    notes = [f"{label}: {v}" for f, label in EXTRAS if (v := given_text(row.cells.get(f, "")))]
    return Post(
        key=unique_key(slug_id(title, "post", MAX_ID - 4), taken),
        title=title,
        evidence=ev,
        status="vacant" if meaning == VACANT else ("filled" if holders else None),
        unit=_unit(row, ev, units),
        pay=pay,
        designations=stated_designations(title, row.get("duties"), ev),
        holders=holders,
        note="; ".join(notes) or None,
    )


def _figure(row: Row, name: str, warns: RowProblems) -> float | None:
    raw = row.cells.get(name, "")
    if placeholder(raw) is not None:
        return None
    value = amount(raw)
    if value is None or value < 0:
        warns.add(
            row, name, f"{HEADERS.get(name, name)} '{raw.strip()}' is not a figure: taken as unknown", spoils=False
        )
        return None
    return value


def _unit(row: Row, ev: Evidence, units: dict[str, Unit]) -> UnitLink | None:
    directorate, service = given_text(row.cells.get("directorate", "")), given_text(row.cells.get("service", ""))
    dkey = fit(f"dir-{slug(directorate)}") if directorate else None
    if dkey and dkey not in units:
        units[dkey] = Unit(dkey, directorate or "", "directorate", ev)
    if not service:
        return UnitLink(dkey, ev) if dkey else None
    skey = fit(f"svc-{slug(directorate or '')}--{slug(service)}" if directorate else f"svc-{slug(service)}")
    if skey not in units:
        units[skey] = Unit(skey, service, "service", ev, part_of=UnitLink(dkey, ev) if dkey else None)
    return UnitLink(skey, ev)


# -- onto a chart ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Match:
    post: Post | None
    rule: str  # how it matched, or why it did not


def _placement(st: Structure, post: Post) -> tuple[str, str]:
    """(directorate, service) names of a post, as folded text ('' where none)."""
    units = {u.key: u for u in st.units}
    unit = units.get(post.unit.unit) if post.unit else None
    if unit is None:
        return "", ""
    if unit.kind == "directorate":
        return folded(unit.name), ""
    parent = units.get(unit.part_of.unit) if unit.part_of else None
    return (folded(parent.name) if parent else ""), folded(unit.name)


def _title(text: str) -> str:
    return re.sub(r"\s*&\s*", " and ", folded(text))


def match(chart: Structure, salaries: Structure, post: Post) -> Match:
    """The one chart post a salary row is: same job title, then the same directorate, then service."""
    same = [p for p in chart.posts if _title(p.title) == _title(post.title)]
    if not same:
        return Match(None, "no chart post has this job title")
    rule = "same job title"
    directorate, service = _placement(salaries, post)
    for part, (i, name) in ((directorate, (0, "directorate")), (service, (1, "service"))):
        if len(same) > 1 and part:
            narrowed = [p for p in same if _placement(chart, p)[i] == part]
            if narrowed:
                same, rule = narrowed, f"{rule} and {name}"
    if len(same) > 1:
        return Match(None, f"{len(same)} chart posts have this job title ({', '.join(p.key for p in same)})")
    return Match(same[0], rule)


def onto_chart(
    chart_file: StructureFile, chart: Structure, salaries_file: StructureFile, salaries: Structure
) -> list[str]:
    """Add a salary file's holders, pay and designations to the chart of the same council and date.
    Returns one report line per row: what it matched and by which rule, or why it matched nothing."""
    source = salaries_file.sources[0]
    if source.id not in {s.id for s in chart_file.sources}:
        chart_file.sources.append(source)
    matches = {post.key: match(chart, salaries, post) for post in salaries.posts}
    claimed: dict[str, list[str]] = defaultdict(list)
    for key, m in matches.items():
        if m.post is not None:
            claimed[m.post.key].append(key)
    report: list[str] = []
    for post in salaries.posts:
        m = matches[post.key]
        row = f"{source.file} row {post.evidence.row} '{post.title}'"
        if m.post is not None and len(claimed[m.post.key]) > 1:
            m = Match(None, f"{len(claimed[m.post.key])} rows match chart post '{m.post.key}'")
        if m.post is None:
            report.append(f"{row}: not matched: {m.rule}")
            chart.left_out.append(LeftOut(f"senior salaries row not matched to a chart post: {m.rule}", post.evidence))
            continue
        report.append(f"{row} -> post '{m.post.key}' ({m.rule}){_add(m.post, post, m.rule)}")
    return report


def _add(target: Post, row: Post, rule: str) -> str:
    """Put a matched row's facts on the chart post, each inferred with the match rule."""
    ev = row.evidence
    matched = f"senior salaries row {ev.row} matched to this chart post by {rule}"

    def inferred(why: str) -> Evidence:
        return Evidence(ev.source, ev.quote, 0, ev.row, True, f"{why}; {matched}")

    said: list[str] = []
    named = {h.name for h in target.holders if h.name}
    unnamed = next((h for h in target.holders if not h.name), None)
    for holder in row.holders:
        if holder.name and named and holder.name not in named:
            said.append(f"holder '{holder.name}' not added: the chart names {', '.join(sorted(named))}")
        elif holder.name and holder.name not in named:
            why = "holder named"
            if unnamed is not None and unnamed.basis:
                why += f"; basis '{unnamed.basis}' as the chart's unnamed holder ({unnamed.evidence.rule or 'stated'})"
            basis = unnamed.basis if unnamed is not None else None
            target.holders = [h for h in target.holders if h.name] + [Holding(holder.name, basis, inferred(why))]
            said.append(f"holder '{holder.name}'")
    for d in row.designations:
        have = [x for x in target.designations if x.role == d.role]
        if any(not x.evidence.inferred for x in have):
            continue  # the chart's own file states it
        target.designations = [x for x in target.designations if x.role != d.role]
        target.designations.append(Designation(d.role, d.basis, inferred(f"designation '{d.role}' stated in the row")))
        was = f" (replaces the chart's inferred one: {have[0].evidence.rule})" if have else ""
        said.append(f"designation '{d.role}'{was}")
    for c in row.candidate_for:
        if not any(x.role == c.role for x in target.designations + target.candidate_for):
            target.candidate_for.append(Candidacy(c.role, inferred(c.evidence.rule or "candidate")))
    if row.pay and row.pay.salary is not None:
        target.note = "; ".join(
            x for x in (target.note, f"salary {row.pay.salary:g} (senior salaries row {ev.row})") if x
        )
        said.append("salary")
    return f": {', '.join(said)}" if said else ""


FORMAT = PublishedFormat(
    "senior-salaries",
    "council senior-salaries CSV (Transparency Code 2015, or the 2011 template)",
    recognises=is_senior_salaries,
    read=read,
    looks_for="'JobTitle', 'Salary' and 'Responsibilities' or 'PensionContribution' (Transparency Code), or "
    "'Body Name', 'Job Title' and 'FTE salary' (2011 template)",
    overlays=onto_chart,
)
