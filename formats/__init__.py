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
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from remit.extensions import FORMATS as REGISTERED
from remit.loader.dates import PartialDate
from remit.loader.model import Structure, StructureFile
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


def _header_cells(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return ""
    text, _ = decode(head)
    first = (text or head.decode("latin-1")).split("\n", 1)[0].strip()
    return first[:200] + ("…" if len(first) > 200 else "")


def unknown_format(label: str, path: Path) -> Problem:
    """A file no reader recognises: which columns each format was looked for by, and what the file has."""
    looked = "; ".join(f"{f.looks_for} for {f.description}" for f in published() if f.read is not None)
    cells = _header_cells(path)
    has = f"; its first line is: {cells}" if cells else ""
    return Problem(label, 1, f"cannot tell the format from the header: looked for {looked}{has}", 1)


def import_file(
    path: Path, label: str, fmt: str | None = None, lenient: bool = False, date: PartialDate | None = None
) -> ImportResult:
    """One published file (a senior organogram brings its junior file with it)."""
    found = detect(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return ImportResult(
            None,
            [
                Problem(
                    label,
                    1,
                    "this is a Remit structure file (YAML), not a published CSV: it needs no import "
                    "(`remit validate` or `remit load` it)",
                    1,
                )
            ],
        )
    if fmt:
        asked = _named(fmt)
        if found is not None and found is not asked:
            return ImportResult(
                None,
                [
                    Problem(
                        label,
                        1,
                        f"--format {fmt} was asked, but this file is a {found.description}: leave out "
                        f"--format (each file's format is detected) or use --format {found.name}",
                        1,
                    )
                ],
            )
        found = asked
    if found is None or found.read is None:
        return ImportResult(None, [unknown_format(label, path)])
    return found.read(path, label, lenient, date=date)


@dataclass
class Imported:
    """All files of one `remit import`: one structure file per council, problems and reports."""

    files: list[StructureFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    remarks: dict[str, list[str]] = field(default_factory=dict)  # council id -> what was left out
    warnings: list[Problem] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)  # files that gave no structure
    lenient_helps: bool = False  # some file with problems would give a structure with --lenient
    overlay_report: list[str] = field(default_factory=list)  # what files adding to charts matched, row by row


Progress = Callable[[int, int, str], None]
# Below this many files, a pool of processes costs more to start than it saves.
POOL_FROM = 4


def _one(task: tuple[Path, str | None, bool, PartialDate | None]) -> ImportResult:
    path, fmt, lenient, date = task
    return import_file(path, str(path), fmt, lenient, date)


Task = tuple[Path, str | None, bool, PartialDate | None]


def _results(tasks: list[Task], progress: Progress | None, workers: int) -> Iterator[ImportResult]:
    """Each file's result in the order of `tasks`, read by a pool of processes for many files."""
    total = len(tasks)
    if workers <= 1 or total < POOL_FROM:
        for i, task in enumerate(tasks):
            yield _one(task)
            if progress:
                progress(i + 1, total, str(task[0]))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, result in enumerate(pool.map(_one, tasks, chunksize=max(1, min(16, total // (workers * 8))))):
            if progress:
                progress(i + 1, total, str(tasks[i][0]))
            yield result


def import_paths(
    paths: list[Path],
    fmt: str | None = None,
    lenient: bool = False,
    date: PartialDate | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Imported:
    """Import every file, over the machine's cores when there are many; results are joined in the
    order of `paths`, so the output does not depend on which process finished first. Structures of
    one council are joined into one file and chained by date; two files of one council at one date
    are one snapshot (their posts put together), or a problem when they hold the same post."""
    out = Imported()
    by_council: dict[str, StructureFile] = {}
    adding: list[tuple[StructureFile, Callable[[StructureFile, Structure, StructureFile, Structure], list[str]]]] = []
    seen: set[Path] = set()
    tasks: list[Task] = []
    for path in paths:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        tasks.append((path, fmt, lenient, date))
    workers = workers if workers is not None else min(os.cpu_count() or 1, len(tasks))
    for (path, *_), result in zip(tasks, _results(tasks, progress, workers)):
        out.problems += result.problems
        out.warnings += result.warnings
        out.notes += result.notes
        out.lenient_helps |= bool(result.problems) and result.file is not None
        for k, v in result.counts.items():
            out.counts[k] = out.counts.get(k, 0) + v
        if result.model(lenient) is None:
            if result.problems:
                out.unusable.append(str(path))
            continue
        for sf in result.all_files:
            if result.onto_chart is not None:
                adding.append((sf, result.onto_chart))
                continue
            out.problems += _join(by_council, sf)
            out.remarks.setdefault(sf.council.id, []).extend(result.remarks)
    own: set[str] = set()  # structures of files that add to charts, kept as structures of their own
    for sf, onto in adding:
        _onto_charts(by_council, sf, onto, out, own)
    if out.problems and not lenient:
        return out
    for sf in by_council.values():
        chain([st for st in sf.structures if st.id not in own])
        chain([st for st in sf.structures if st.id in own])
    out.files = list(by_council.values())
    return out


def _onto_charts(
    by_council: dict[str, StructureFile],
    sf: StructureFile,
    onto: Callable[[StructureFile, Structure, StructureFile, Structure], list[str]],
    out: Imported,
    own: set[str],
) -> None:
    """Each structure of a file that adds to charts (senior salaries) goes onto the chart of its council
    and date; without a chart of its council it is a structure of its own; with charts of other dates
    only, it is kept as its own too, and said so (a holder in April is not a holder in July). `own`
    gathers the ids kept as structures of their own (chained among themselves, not with the charts)."""
    for st in sf.structures:
        chart_file = by_council.get(sf.council.id)
        charts = [c for c in chart_file.structures if c.id not in own] if chart_file else []
        chart = next((c for c in charts if c.effective == st.effective), None)
        if chart_file is not None and chart is not None:
            lines = onto(chart_file, chart, sf, st)
            out.overlay_report += [f"{chart.id}: {line}" for line in lines]
            continue
        if charts:
            dates = ", ".join(str(c.effective) for c in charts)
            out.notes.append(
                f"{sf.path}: no chart of {sf.council.name} at {st.effective} (its charts are at {dates}): "
                f"imported as a structure of its own, '{st.id}'"
            )
        single = StructureFile(sf.path, sf.council, list(sf.sources), list(sf.functions), [st])
        out.problems += _join(by_council, single)
        own.add(st.id)


def _join(by_council: dict[str, StructureFile], sf: StructureFile) -> list[Problem]:
    """Add a file's structures to its council's. The same council and date twice is one snapshot:
    the second file's posts and units join the first's when no post key is in both; otherwise it
    is a problem naming the post (the files are two versions of one return, or overlap)."""
    have = by_council.get(sf.council.id)
    if have is None:
        by_council[sf.council.id] = sf
        return []
    known = {s.id for s in have.sources}
    have.sources += [s for s in sf.sources if s.id not in known]
    ids = {st.id: st for st in have.structures}
    problems = []
    for st in sf.structures:
        same = ids.get(st.id)
        if same is None:
            have.structures.append(st)
            continue
        have_keys = {p.key for p in same.posts}
        shared = [p.key for p in st.posts if p.key in have_keys]
        if shared:
            problems.append(
                Problem(
                    sf.path,
                    st.evidence.row or 1,
                    f"structure '{st.id}' (the same council and date) is already imported from {have.path}, "
                    f"and both files hold post '{shared[0]}'"
                    + (f" and {len(shared) - 1} more" if len(shared) > 1 else "")
                    + ": one snapshot cannot hold a post twice (two versions of one return? import one)",
                    1,
                )
            )
            continue
        units = {u.key for u in same.units}
        same.units += [u for u in st.units if u.key not in units]
        same.posts += st.posts
        same.left_out += st.left_out
    return problems


# -- export ----------------------------------------------------------------------------------------
def export(backend: Backend, structure: str, fmt: str, raw: bool = False) -> Exported:
    """The structure in one export format; LookupError when no such structure is loaded. A CSV's
    cells are made safe to open in a spreadsheet (formats.spreadsheet) unless `raw`."""
    from remit.queries.snapshot import snapshot

    from .spreadsheet import raw_cells

    writer = next((f.writers[fmt] for f in published() if fmt in f.writers), None)
    if writer is None:
        raise ValueError(f"unknown export format '{fmt}' (one of: {', '.join(export_names())})")
    with raw_cells(raw):
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
    "unknown_format",
]
