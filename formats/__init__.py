"""The published formats: councils' and government's own files, read into the model and written
from a loaded structure. Each format is one module holding its columns, its reader and its writer
(`FORMAT`, a PublishedFormat), listed in remit.extensions.FORMATS.

Three ways in share them: `remit import` (several files, several councils, a chain of yearly
structures per council, --lenient: this package), the loader (loader/formats.py reaches each
format through the registry, so `remit load`, `--data DIR` and the dashboard read a CSV file as
they read a YAML one) and `remit export` (`export` below).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from remit.extensions import FORMATS as REGISTERED
from remit.loader.model import StructureFile
from remit.loader.problems import Problem

from .common import Exported, ImportResult, PublishedFormat
from .csv_table import decode, read_text, sniff_header
from .lga import chain

if TYPE_CHECKING:
    from remit.queries.backend import Backend


@cache
def published() -> tuple[PublishedFormat, ...]:
    """Every published format, in the order remit.extensions lists them."""
    return tuple(importlib.import_module(f.module).FORMAT for f in REGISTERED)


def import_names() -> tuple[str, ...]:
    """The `remit import --format` names: the formats with a reader (from the registry: no import)."""
    return tuple(f.reads for f in REGISTERED if f.reads)


def export_names() -> tuple[str, ...]:
    """The `remit export --format` names: every writer of every format (from the registry)."""
    return tuple(name for f in REGISTERED for name in f.writes)


def detect(path: Path, head: bytes | None = None) -> PublishedFormat | None:
    """The format whose header this file has, or None."""
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            return None
    keys = sniff_header(head)
    return next((f for f in published() if f.recognises is not None and f.recognises(keys)), None)


def _named(fmt: str) -> PublishedFormat:
    return next(f for f in published() if f.name == fmt)


def import_file(path: Path, label: str, fmt: str | None = None, lenient: bool = False) -> ImportResult:
    """One published file (a senior organogram brings its junior file with it)."""
    found = _named(fmt) if fmt else detect(path)
    if found is None or found.read is None:
        names = " nor ".join(f"an {f.description}" for f in published() if f.read is not None)
        return ImportResult(None, [Problem(label, 1, f"cannot tell the format from the header: not {names}", 1)])
    return found.read(path, label, lenient)


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
        found = detect(path)
        companion = found.companion(path) if found is not None and found.companion is not None else None
        if companion:
            seen.add(companion.resolve())
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
    return [
        Problem(
            sf.path,
            st.evidence.row or 1,
            f"structure '{st.id}' (the same council and date) is already imported from {have.path}",
            1,
        )
        for st in sf.structures
        if st.id in ids
    ]


# -- export ----------------------------------------------------------------------------------------
def export(backend: Backend, structure: str, fmt: str) -> Exported:
    """The structure in one export format; LookupError when no such structure is loaded."""
    from remit.queries.snapshot import snapshot

    writer = next((f.writers[fmt] for f in published() if fmt in f.writers), None)
    if writer is None:
        raise ValueError(f"unknown export format '{fmt}' (one of: {', '.join(export_names())})")
    return writer(snapshot(backend, structure))


__all__ = [
    "Exported",
    "ImportResult",
    "Imported",
    "PublishedFormat",
    "decode",
    "detect",
    "export",
    "export_names",
    "import_file",
    "import_names",
    "import_paths",
    "published",
    "read_text",
]
