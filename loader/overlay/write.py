"""Writing an overlay: the format read_overlay reads, one change a line, written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ..dates import parse_date
from ..model import Source
from .model import FORMAT, Change, Overlay
from .read import read_overlay


def dump(overlay: Overlay) -> str:
    """The overlay as YAML, in the format read_overlay reads (one change a line)."""
    head: dict[str, Any] = {"overlay": FORMAT, "structure": overlay.structure}
    if overlay.scenario:
        head["scenario"] = {"id": overlay.scenario.id, "label": overlay.scenario.label}
    text = yaml.safe_dump(head, sort_keys=False, allow_unicode=True)
    if overlay.sources:
        text += "sources:\n" + "".join("  - " + _flow(_source_yaml(s)) + "\n" for s in overlay.sources)
    text += "changes:\n" if overlay.changes else "changes: []\n"
    text += "".join("  - " + _flow(c.to_yaml()) + "\n" for c in overlay.changes)
    return text


def _source_yaml(s: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "title": s.title}
    if s.date:
        out["date"] = str(s.date)
    if s.file:
        out["file"] = s.file
    if s.url:
        out["url"] = s.url
    return out


def _flow(d: dict[str, Any]) -> str:
    return yaml.safe_dump(d, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10**6).strip()


def save(overlay: Overlay, path: Path) -> None:
    """Write the whole overlay atomically: a reader sees the old file or the new one, never half."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dump(overlay))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def append(path: Path, change: Change, sources: Iterable[Source] = (), structure: str | None = None) -> Overlay:
    """Add one decision to the overlay file at `path` (made if missing, for `structure`), atomically."""
    if Path(path).exists():
        overlay, problems = read_overlay(Path(path))
        if overlay is None:
            from ..problems import InvalidStructureFiles

            raise InvalidStructureFiles(problems)
    else:
        if structure is None:
            raise ValueError("a new overlay file needs its structure")
        overlay = Overlay(structure, path=str(path))
    overlay = overlay.with_change(change, sources)
    save(overlay, Path(path))
    return overlay


def today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def valid_date(text: str) -> bool:
    return parse_date(text) is not None
