"""What the published formats share: the format record, the result of an import, row evidence,
problems with a column, dates, and the helpers their writers use.

An import has two outcomes the user chooses between: strict (any problem and nothing is
produced) and lenient (the rows with problems are left out, each reported, and the rest kept).
Importers therefore collect problems and say which rows they skipped; the strict/lenient decision
is taken once, by `ImportResult.model`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from remit.loader import authorities
from remit.loader.dates import PartialDate, parse_date
from remit.loader.model import Council, Evidence, LeftOut, Structure, StructureFile
from remit.loader.problems import Problem

from .csv_table import Row, slug, sniff_header
from .ids import fit
from .spreadsheet import cell_for_people

if TYPE_CHECKING:
    from remit.queries.side import Side
    from remit.queries.snapshot import Snapshot

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YYMMDD = re.compile(r"(?:^|[^0-9])(\d{2})(\d{2})(\d{2})(?:[^0-9]|$)")


@dataclass
class ImportResult:
    """The structure file an import produced, every problem found, and what was counted on the way."""

    file: StructureFile | None
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # lenient-mode reports: skipped rows, loops broken
    more: list[StructureFile] = field(default_factory=list)  # further councils of one LGA file
    remarks: list[str] = field(default_factory=list)  # what was left out of the model, for the file's header
    # Values read as unknown rather than refused (a pay cell saying "lots"): FILE:LINE:COLUMN, never a
    # reason to refuse an import (strict mode refuses structural faults only).
    warnings: list[Problem] = field(default_factory=list)
    # A format whose structures add to the chart of the same council and date (senior salaries):
    # onto_chart(chart file, chart structure, its file, its structure) -> report lines.
    onto_chart: Callable[[StructureFile, Structure, StructureFile, Structure], list[str]] | None = None

    @property
    def all_files(self) -> list[StructureFile]:
        return ([self.file] if self.file else []) + self.more

    def model(self, lenient: bool) -> StructureFile | None:
        """Strict: nothing when there is any problem. Lenient: whatever could be kept."""
        return self.file if lenient or not self.problems else None


class RowProblems:
    """Problems of one CSV file, each `FILE:LINE:COLUMN: message`, and the rows they spoil."""

    def __init__(self, label: str):
        self.label = label
        self.items: list[Problem] = []
        self.bad_rows: set[int] = set()
        self.spoiled: dict[int, tuple[Row, list[str]]] = {}  # line -> (row, why it is left out)

    def add(
        self,
        row: Row | None,
        field_name: str | None,
        message: str,
        line: int = 1,
        column: int | None = None,
        spoils: bool = True,
    ) -> None:
        """Record a problem; `spoils` marks the row as one a lenient import leaves out (a problem with
        a line between rows leaves the row in and only the line out)."""
        if row is not None:
            line = row.line
            column = row.col(field_name) if field_name else column
            if spoils:
                self.bad_rows.add(row.line)
                self.spoiled.setdefault(row.line, (row, []))[1].append(message)
        self.items.append(Problem(self.label, line, message, column if column is not None else 1))

    def left_out(self, source: str) -> list[LeftOut]:
        """The rows a lenient import leaves out, each with its reasons and its own text."""
        return [
            LeftOut("; ".join(reasons), evidence(source, row)) for _, (row, reasons) in sorted(self.spoiled.items())
        ]


def evidence(source: str, row: Row, *, rule: str | None = None) -> Evidence:
    """A fact from a row: the row's own text is its quote; with `rule` the fact is inferred from it."""
    return Evidence(source, row.text, 0, row.line, rule is not None, rule)


NO_DATE = (
    "no date for this file: it has no EffectiveDate column and its name holds no date (YYYY-MM-DD or "
    "YYMMDD); give the date it is for with `remit import --date YYYY-MM-DD`"
)


def date_in_name(path: Path) -> PartialDate | None:
    """The date a return is for, from its file name ("...-2011-03-31-senior.csv", "130930-...")."""
    name = path.name
    m = _ISO.search(name)
    if m:
        return parse_date(m.group(0))
    m = _YYMMDD.search(name)
    if m:
        return parse_date(f"20{m[1]}-{m[2]}-{m[3]}")
    return None


def unique_key(base: str, taken: set[str]) -> str:
    key, n = base or "post", 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


KINDS = {
    "LBO": "london-borough",
    "MD": "metropolitan-borough",
    "UA": "unitary",
    "CTY": "county",
    "NMD": "district",
    "CC": "city-corporation",
    "WPA": "welsh-unitary",
    "SCO": "scottish-unitary",
}


def council_of(label: str, uri: str = "", default_kind: str = "") -> Council:
    """The council, matched in the UK register by OrganisationURI, else by name."""
    found = (authorities.by_uri(uri) if uri else None) or authorities.by_name(label) or authorities.lookup(label)
    if found is None:
        return Council(fit(slug(label) or "council"), label, default_kind)
    return Council(
        fit(slug(found.short_name) or found.code.lower()),
        found.name,
        KINDS.get(found.kind, found.kind_name),
        code=found.code,
        authority_kind=found.kind,
    )


# -- the format record ---------------------------------------------------------------------------
@dataclass
class Exported:
    """The text of an export; `junior` only for the organogram (its second file)."""

    main: str
    junior: str | None = None


@dataclass(frozen=True)
class PublishedFormat:
    """One published format, as its module declares it (FORMAT) and remit.extensions lists it.

    `recognises` tells the format from a file's header keys (formats.csv_table.sniff_header), and
    `looks_for` names, for a person, the columns it tells it by; `read(path, label, lenient, date)`
    imports one file (a companion file, such as an organogram's junior file, is read with it;
    `date` is `remit import --date`, for a file that does not say its date); `writers` maps each
    `remit export --format` name to a writer of a snapshot. `overlays`, for a format whose files add
    to a chart of the same council and date rather than stand beside it, puts one file's structure
    onto the chart's and returns a line per row saying what matched by which rule, or why not."""

    name: str
    description: str
    recognises: Callable[[set[str]], bool] | None = None
    read: Callable[..., ImportResult] | None = None
    companion: Callable[[Path], Path | None] | None = None
    writers: Mapping[str, Callable[[Snapshot], Exported]] = field(default_factory=dict)
    looks_for: str = ""
    overlays: Callable[[StructureFile, Structure, StructureFile, Structure], list[str]] | None = None

    def recognises_head(self, head: bytes) -> bool:
        """Is a file with these first bytes of this format (the loader's sniff)?"""
        return self.recognises is not None and self.recognises(sniff_header(head))

    def load(self, path: Path, label: str) -> tuple[StructureFile | None, list[Problem]]:
        """Strict import of one file for `remit load` / `--data`: the model, or nothing and the problems."""
        if self.read is None:
            return None, [Problem(label, 1, f"{self.description} is written by Remit, not read", 1)]
        result = self.read(path, label, False)
        if result.more and not result.problems:
            names = ", ".join(sf.council.id for sf in result.all_files)
            result.problems.append(
                Problem(
                    label,
                    2,
                    f"the file holds {len(result.all_files)} councils ({names}); a "
                    "structure file is one council: split it, or use `remit import`",
                    1,
                )
            )
        if result.problems:
            return None, result.problems
        return result.file, []


# -- what the writers share ------------------------------------------------------------------------
NA = "NA"


def write_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """The published CSV, each cell safe to open in a spreadsheet (formats.spreadsheet; raw inside
    `raw_cells()`, which `remit export --raw-csv` sets)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    w.writeheader()
    w.writerows({k: cell_for_people(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def number_text(x: Any) -> str:
    if x is None:
        return NA
    return str(int(x)) if float(x).is_integer() else str(x)


def council_node(snap: Snapshot) -> dict[str, Any]:
    uid = next((e["dst"] for e in snap.edges_of("OF")), None)
    return snap.node(uid) or {} if uid else {}


def organisation_uri(council: dict[str, Any]) -> str:
    """The council's statistical-geography URI (from its GSS code in the register), as councils publish it."""
    found = authorities.by_code(council["code"]) if council.get("code") else None
    return f"http://statistics.data.gov.uk/id/statistical-geography/{found.gss}" if found and found.gss else NA


def holders_of(side: Side, key: str) -> list[tuple[str | None, str | None]]:
    """(name, basis) of each holder of a post, by name."""
    uid = side.posts[key]["uid"]
    found = []
    for e in side.snap.edges_of("HOLDS"):
        if e["dst"] == uid:
            person = side.snap.node(e["src"]) or {}
            found.append((person.get("name"), e["props"].get("basis")))
    return sorted(found, key=lambda h: h[0] or "")
