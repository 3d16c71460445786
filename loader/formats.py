"""Input formats: which reader turns a file into the model, chosen per file.

A reader returns the model (a StructureFile) or None, and the file's problems; it never raises
for bad input. Formats are listed here in one table: the loader, `remit validate`, `--data DIR`
and the dashboard's uploads all go through `reader_for`, so a format added here is accepted
everywhere. Several formats may share a suffix (CSV): `sniff` looks at the file's first bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remit.extensions import FORMATS as PUBLISHED

from .model import StructureFile
from .problems import Problem

ReadResult = tuple[StructureFile | None, list[Problem]]


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, str], ReadResult]  # read(path, label) -> (model or None, problems)
    sniff: Callable[[bytes], bool] | None = None  # for a shared suffix: does this head belong to us?
    description: str = ""
    # The reader itself refuses what storage cannot hold (ids, text lengths, numbers), each at its
    # key's line, so loader.storable's walk over the model would only repeat its work.
    checks_storable: bool = False


def read_yaml_structure(path: Path, label: str) -> ReadResult:
    """`remit/1` structure files (YAML), with the per-file checks of loader.validate."""
    from .parse import Reader
    from .validate import check_file
    from .yamlfile import read_yaml

    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, problems
    reader = Reader(label)
    sf = reader.file(doc, str(path))
    if sf is not None:
        check_file(sf, reader.problems, path)
    return sf, problems + list(reader.problems)


# Remit's own format first; the published formats (remit.extensions.FORMATS) after it. The loader
# reaches them as plugins: by the module name the registry gives, imported only when a file of
# theirs is met (reading YAML never imports the CSV machinery), through the two calls every
# formats.common.PublishedFormat offers (recognises_head, load).
def _plugin(module: str) -> Any:
    return importlib.import_module(module).FORMAT


def _published_entry(name: str, suffixes: tuple[str, ...], module: str) -> Format:
    return Format(
        name,
        suffixes,
        lambda path, label: _plugin(module).load(path, label),
        lambda head: _plugin(module).recognises_head(head),
        description=f"published format '{name}' ({module})",
    )


FORMATS: list[Format] = [
    Format(
        "remit",
        (".yaml", ".yml"),
        read_yaml_structure,
        description="Remit structure file (YAML, format remit/1)",
        checks_storable=True,
    ),
    *(_published_entry(f.reads, f.suffixes, f.module) for f in PUBLISHED if f.reads and f.suffixes),
]


def suffixes() -> tuple[str, ...]:
    """Every file suffix some reader accepts (folders are scanned for these; uploads may have them)."""
    return tuple(sorted({s for f in FORMATS for s in f.suffixes}))


def reader_for(path: Path, head: bytes | None = None, name: str | None = None) -> Format | Problem:
    """The format of one file, by suffix and, where the suffix is shared, by its first bytes."""
    by_suffix = [f for f in FORMATS if path.suffix.lower() in f.suffixes]
    label = name or str(path)
    if not by_suffix:
        return Problem(label, 0, f"not a structure file: the name must end in {', '.join(suffixes())}")
    if len(by_suffix) == 1 and by_suffix[0].sniff is None:
        return by_suffix[0]
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    matching = [f for f in by_suffix if f.sniff is None or f.sniff(head)]
    if len(matching) == 1:
        return matching[0]
    if not matching:
        # Each published format says which columns it tells itself by (reached as a plugin).
        looked = "; ".join(
            f"{_plugin(f.module).looks_for} for {_plugin(f.module).description}" for f in PUBLISHED if f.reads
        )
        return Problem(label, 1, f"cannot tell the format from the header: looked for {looked}", 1)
    names = ", ".join(f.name for f in matching)
    return Problem(label, 1, f"the header fits more than one format ({names}); import it with `remit import --format`")
