"""Find, read and validate structure files; the one entry point both backends load through."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .model import Council, Structure, StructureFile
from .parse import Reader
from .problems import InvalidStructureFiles, Problem
from .validate import check_all, check_file
from .yamlfile import read_yaml

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "seed"
SUFFIXES = (".yaml", ".yml")


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


def default_data_dir() -> Path:
    return Path(os.environ.get("REMIT_DATA", DEFAULT_DATA))


def expand(paths: list[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Directories become the structure files inside them; a missing path is a problem."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            inside = sorted(q for q in p.rglob("*") if q.suffix in SUFFIXES and q.is_file())
            if not inside:
                problems.append(Problem(str(p), 0, "no structure files (*.yaml) in this folder"))
            found.extend(inside)
        elif p.is_file():
            found.append(p)
        else:
            problems.append(Problem(str(p), 0, "no such file or folder"))
    return found, problems


def read_files(paths: list[str | Path], labels: dict[Path, str] | None = None) -> Dataset:
    """Validate every file; raise InvalidStructureFiles listing all problems, loading nothing."""
    files, problems = expand(paths)
    parsed: list[tuple[StructureFile, Reader]] = []
    for path in files:
        label = (labels or {}).get(path, str(path))
        doc, read_problems = read_yaml(path, label)
        problems.extend(read_problems)
        if doc is None:
            continue
        reader = Reader(label)
        sf = reader.file(doc, str(path))
        if sf is not None:
            check_file(sf, reader, path)
            parsed.append((sf, reader))
        problems.extend(reader.problems)
    check_all(parsed)
    for _, reader in parsed:
        problems.extend(p for p in reader.problems if p not in problems)
    if problems:
        raise InvalidStructureFiles(problems)
    return Dataset([sf for sf, _ in parsed])
