"""Importers of published structure tables: the LGA Transparency Code chart and the data.gov.uk
organogram return, into the structure model (and from there the `remit/1` YAML).

Two ways in share these functions: `remit import` (several files, several councils, a chain of
yearly structures per council, --lenient) and the loader's format table (loader/formats.py), so
`remit load`, `--data DIR` and the dashboard read a CSV file as they read a YAML one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import StructureFile
from ..problems import Problem
from .common import ImportResult
from .lga import chain, is_lga, read_lga
from .organogram import is_junior, is_senior, junior_path, read_organogram, senior_path
from .table import decode, read_text, sniff_header

FORMAT_NAMES = ("lga", "organogram")


def detect(path: Path, head: bytes | None = None) -> str | None:
    """'lga', 'organogram' (senior), 'organogram-junior' or None, from the header row."""
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            return None
    keys = sniff_header(head)
    if is_lga(keys):
        return "lga"
    if is_senior(keys):
        return "organogram"
    if is_junior(keys):
        return "organogram-junior"
    return None


def import_file(path: Path, label: str, fmt: str | None = None, lenient: bool = False,
                junior_label: str | None = None) -> ImportResult:
    """One published file (a senior organogram brings its junior file with it)."""
    kind = fmt or detect(path)
    if kind == "lga":
        return read_lga(path, label, lenient)
    if kind in ("organogram", "organogram-junior"):
        if kind == "organogram-junior" or (fmt == "organogram" and detect(path) == "organogram-junior"):
            senior = senior_path(path)
            if senior is None:
                return ImportResult(None, [Problem(label, 1, "a junior organogram file is read with its senior "
                                                             "file, which is not beside it (…-senior.csv)", 1)])
            return ImportResult(None)  # read with its senior file
        junior = junior_path(path)
        return read_organogram(path, label, junior, junior_label or (str(junior) if junior else None), lenient)
    return ImportResult(None, [Problem(label, 1, "cannot tell the format from the header: not an LGA "
                                                 "OrganisationStructure nor an organogram senior/junior file", 1)])


@dataclass
class Imported:
    """All files of one `remit import`: one structure file per council, problems and reports."""

    files: list[StructureFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    remarks: dict[str, list[str]] = field(default_factory=dict)  # council id -> what was left out


def import_paths(paths: list[Path], fmt: str | None = None, lenient: bool = False) -> Imported:
    """Import every file; structures of one council are joined into one file and chained by date."""
    out = Imported()
    by_council: dict[str, StructureFile] = {}
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        result = import_file(path, str(path), fmt, lenient)
        junior = junior_path(path) if detect(path) == "organogram" else None
        if junior:
            seen.add(junior.resolve())
        out.problems += result.problems
        out.notes += result.notes
        for k, v in result.counts.items():
            out.counts[k] = out.counts.get(k, 0) + v
        if result.model(lenient) is None:
            continue
        for sf in result.all_files:
            out.problems += _join(by_council, sf)
            out.remarks.setdefault(sf.council.id, []).extend(result.remarks)
    if out.problems and not lenient:
        return out
    for sf in by_council.values():
        chain(sf.structures)
    out.files = list(by_council.values())
    return out


def _join(by_council: dict[str, StructureFile], sf: StructureFile) -> list[Problem]:
    """Add a file's structures to its council's; the same council and date twice is a problem."""
    have = by_council.get(sf.council.id)
    if have is None:
        by_council[sf.council.id] = sf
        return []
    known = {s.id for s in have.sources}
    have.sources += [s for s in sf.sources if s.id not in known]
    ids = {st.id: st for st in have.structures}
    have.structures += [st for st in sf.structures if st.id not in ids]
    return [Problem(sf.path, st.evidence.row or 1, f"structure '{st.id}' (the same council and date) is already "
                                                   f"imported from {have.path}", 1)
            for st in sf.structures if st.id in ids]


# -- the loader's format table (loader/formats.py) -------------------------------------------------
def read_for_loader(path: Path, label: str) -> tuple[StructureFile | None, list[Problem]]:
    """Strict import of one CSV for `remit load`/`--data`: the model, or nothing and the problems."""
    result = import_file(path, label)
    if result.more and not result.problems:
        names = ", ".join(sf.council.id for sf in result.all_files)
        result.problems.append(Problem(label, 2, f"the file holds {len(result.all_files)} councils ({names}); a "
                                                 "structure file is one council: split it, or use `remit import`", 1))
    if result.problems:
        return None, result.problems
    return result.file, []


def sniff_lga(head: bytes) -> bool:
    return detect(Path(), head) == "lga"


def sniff_organogram(head: bytes) -> bool:
    return detect(Path(), head) in ("organogram", "organogram-junior")


__all__ = ["FORMAT_NAMES", "ImportResult", "Imported", "decode", "detect", "import_file", "import_paths",
           "read_for_loader", "read_text", "sniff_lga", "sniff_organogram"]
