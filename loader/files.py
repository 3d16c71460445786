"""Find, read and validate structure files; the one entry point both backends load through."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .formats import Format, reader_for, suffixes
from .model import Council, Structure, StructureFile
from .problems import InvalidStructureFiles, Problem, Problems

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "seed"


@dataclass
class Dataset:
    """Every validated file, with the lookups the graph writers and the diff need."""

    files: list[StructureFile] = field(default_factory=list)

    @property
    def structures(self) -> dict[str, Structure]:
        return {st.id: st for f in self.files for st in f.structures}

    def council_of(self, structure_id: str) -> Council:
        return next(f.council for f in self.files for st in f.structures if st.id == structure_id)

    def file_of(self, structure_id: str) -> StructureFile:
        return next(f for f in self.files for st in f.structures if st.id == structure_id)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic garbage collections inside (restored afterwards, even on an error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_data_dir() -> Path:
    return Path(os.environ.get("REMIT_DATA", DEFAULT_DATA))


LINK_REFUSED = (
    "a symbolic link: not read (a data folder's files must be files in it; where the link points is not shown)"
)


def folder_files(folder: Path, accepted: Sequence[str]) -> tuple[list[Path], list[Problem]]:
    """The files in `folder` (and its subfolders) with one of the `accepted` suffixes. A symbolic link
    among them is a problem, never followed: a `council.yaml` linked to a `.env` would otherwise be
    read and its text quoted back in the error (issue 25, finding 8). The message names the link,
    never its target. (Linked subfolders are not walked: pathlib's rglob does not follow them.)"""
    files: list[Path] = []
    problems: list[Problem] = []
    for q in sorted(folder.rglob("*")):
        if q.suffix.lower() not in accepted:
            continue
        if q.is_symlink():
            problems.append(Problem(str(q), 0, LINK_REFUSED))
        elif q.is_file():
            files.append(q)
    return files, problems


def expand(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Directories become the structure files inside them (symbolic links refused: folder_files); a
    missing path is a problem."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            accepted = suffixes()
            inside, links = folder_files(p, accepted)
            problems.extend(links)
            if not inside and not links:
                problems.append(
                    Problem(str(p), 0, f"no structure files ({', '.join('*' + s for s in accepted)}) in this folder")
                )
            found.extend(inside)
        elif p.is_file():
            found.append(p)
        else:
            problems.append(Problem(str(p), 0, "no such file or folder"))
    return found, problems


def read_files(
    paths: Sequence[str | Path], labels: dict[Path, str] | None = None, formats: dict[Path, Format] | None = None
) -> Dataset:
    """Read every file with the reader its format calls for, then the checks across files; raise
    InvalidStructureFiles listing all problems, loading nothing. `formats` forces a file's format
    (`--format`); otherwise it is chosen by suffix and header.

    Runs with the garbage collector paused: reading builds hundreds of thousands of long-lived
    model objects and no cycles worth collecting, and each automatic collection walks them all
    again (two thirds of the reading time at a thousand councils)."""
    with gc_paused():
        return _read_files(paths, labels, formats)


def _read_files(
    paths: Sequence[str | Path], labels: dict[Path, str] | None, formats: dict[Path, Format] | None
) -> Dataset:
    files, problems = expand(paths)
    parsed: list[tuple[StructureFile, Problems]] = []
    storable_checked: set[str] = set()  # labels of files whose reader checked storage limits itself
    for path in files:
        label = (labels or {}).get(path, str(path))
        fmt = (formats or {}).get(path) or reader_for(path, name=label)
        if isinstance(fmt, Problem):
            problems.append(fmt)
            continue
        sf, read_problems = fmt.read(path, label)
        problems.extend(read_problems)
        if sf is not None:
            parsed.append((sf, Problems(label)))
            if fmt.checks_storable:
                storable_checked.add(label)
    from .validate import check_all  # not needed to open a cached graph: imported when reading

    check_all(parsed, storable_checked)
    for _, across in parsed:
        problems.extend(across)
    if problems:
        raise InvalidStructureFiles(problems)
    return Dataset([sf for sf, _ in parsed])
