"""Reading published CSV tables: bytes to rows with their line numbers, raw text and cleaned values.

Why one module: both published formats (the LGA organisation structure and the data.gov.uk
organogram) come from spreadsheets saved by hand, so they share the same mess -- UTF-8 with or
without a byte-order mark or Windows-1252, header spellings that drift between rounds, "£" and
thousands separators in numbers, and "N/A", "NA", "N/D" for a value not given. Every fact an
importer keeps cites its row, so each row keeps the line it starts on and its own text (the quote).
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from remit.loader.problems import Problem

from .spreadsheet import restore

NOT_GIVEN = frozenset({"", "n/a", "na", "n/d", "nd", "-", "not applicable", "none", "null"})
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
MAX_FIELD = 1_000_000  # a field longer than this is not a spreadsheet cell; csv reports it as a problem


@dataclass
class Row:
    """One data row: the line it starts on, its own text (for quotes) and its cells by field name."""

    line: int
    text: str
    cells: dict[str, str]
    columns: dict[str, int]  # field name -> 1-based column, for FILE:LINE:COLUMN messages

    def get(self, name: str) -> str:
        return clean_text(self.cells.get(name, ""))

    def col(self, name: str) -> int | None:
        return self.columns.get(name)


@dataclass
class Table:
    label: str
    header: list[str]
    fields: dict[int, str]  # column index -> canonical field name
    rows: list[Row] = field(default_factory=list)
    header_line: int = 1


def decode(raw: bytes) -> tuple[str | None, str]:
    """Text and the encoding it was read in: UTF-8 (BOM or not), else Windows-1252; None if neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def header_key(text: str) -> str:
    """A header cell as a comparable key: no BOM, case, '(£)', punctuation or spacing differences."""
    text = text.replace("\ufeff", "").replace("£", "").lower()
    return " ".join(w for w in re.sub(r"[^a-z0-9]+", " ", text).split() if w not in ("gbp", "in"))


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text (UTF-8, else Windows-1252), or the problem that stops it being read. The size
    limit is the structure files' (REMIT_MAX_FILE_MB, loader.yamlfile), checked before reading: every
    input format has it (issue 25, finding 8: a 150 MB CSV was read whole)."""
    from remit.loader.yamlfile import max_file_bytes, too_big

    limit = max_file_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [too_big(label, size, limit)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(label, 0, f"cannot read file: {exc.strerror or exc}")]
    text, _ = decode(raw)
    if text is None:
        return None, [Problem(label, 1, "file is neither UTF-8 nor Windows-1252 text", 1)]
    return text, []


def split_rows(text: str, label: str) -> tuple[list[tuple[int, str, list[str]]], list[Problem]]:
    """(start line, raw text, cells) per non-blank record; a malformed record is a problem, not an error."""
    lines = text.split("\n")
    feed = (ln + "\n" for ln in lines)
    reader = csv.reader(feed, strict=False)
    out: list[tuple[int, str, list[str]]] = []
    problems: list[Problem] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(label, reader.line_num, f"not readable as CSV: {exc}", 1))
            start = reader.line_num + 1
            continue
        end = reader.line_num
        if any(c.strip() for c in cells):
            raw = "\n".join(lines[start - 1 : end]).rstrip("\r\n").replace("\r", "")
            out.append((start, raw, cells))
        start = end + 1
    return out, problems


def read_table(
    text: str,
    label: str,
    names: dict[str, str],
    blank_after: dict[str, str] | None = None,
) -> tuple[Table | None, list[Problem]]:
    """The first non-blank record is the header; each header cell is mapped through `names`
    (header_key -> field). A blank header cell takes the name `blank_after` gives for the field
    before it (the 2011 returns leave the Total Pay header empty); other blank or unknown headers
    (a leading index column, the triplestore's URI/source columns) are ignored."""
    csv.field_size_limit(MAX_FIELD)
    records, problems = split_rows(text, label)
    if not records:
        return None, problems + [Problem(label, 1, "the file has no header row", 1)]
    line, _, header = records[0]
    fields: dict[int, str] = {}
    for i, cell in enumerate(header):
        key = header_key(cell)
        name = names.get(key)
        if not key and i > 0 and blank_after:
            name = blank_after.get(fields.get(i - 1, ""))
        if name and name not in fields.values():
            fields[i] = name
    table = Table(label, header, fields, header_line=line)
    columns = {name: i + 1 for i, name in fields.items()}
    for start, raw, cells in records[1:]:
        table.rows.append(
            Row(start, raw, {name: cells[i] if i < len(cells) else "" for i, name in fields.items()}, columns)
        )
    return table, problems


def clean_text(value: str) -> str:
    """Trim spaces and the stray quotes a spreadsheet leaves round a cell ('"Eliminated"'), and the
    quote a CSV meant for people puts before a formula-like cell (formats.spreadsheet.restore)."""
    value = restore(value).strip()
    if not value or value[0] != '"':
        return value
    while len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].strip()
    return value


def given(value: str) -> str | None:
    """The cell, or None where it says the value is not given (empty, N/A, NA, N/D, ...)."""
    value = clean_text(value)
    return None if value.lower() in NOT_GIVEN else value


def number(value: str) -> float | None | str:
    """A number from '£1,234.50', '1234', ' 1.0 '; None when not given; the cleaned text when it is
    not a number (the caller reports it, naming the value)."""
    try:
        x = float(value)  # the common case first: a plain number
    except ValueError:
        pass
    else:
        if math.isfinite(x) and "_" not in value:
            return x
    text = given(value)
    if text is None:
        return None
    stripped = text.replace("£", "").replace(",", "").replace(" ", "")
    if _NUMBER.match(stripped):
        return float(stripped)
    return text


def slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def sniff_header(head: bytes) -> set[str]:
    """Header keys of a file's first line (for telling CSV formats apart by their columns)."""
    text, _ = decode(head)
    if text is None:
        text = head.decode("latin-1")
    first = text.split("\n", 1)[0]
    try:
        cells = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return set()
    return {header_key(c) for c in cells}
