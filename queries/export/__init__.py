"""Export a loaded structure: the published CSV formats (LGA, organogram) and linked data (rdf).

One entry point, `export(backend, structure, fmt)`, for the CLI (and any other front end)."""
from __future__ import annotations

from typing import Any

from ..snapshot import snapshot
from .tables import Exported, lga_csv, organogram_csv

FORMATS = ("lga", "organogram", "jsonld", "turtle")


def export(backend: Any, structure: str, fmt: str) -> Exported:
    """The structure in one format; LookupError when no such structure is loaded."""
    snap = snapshot(backend, structure)
    if fmt == "lga":
        return lga_csv(snap)
    if fmt == "organogram":
        return organogram_csv(snap)
    if fmt in ("jsonld", "turtle"):
        from .rdf import serialise

        return Exported(serialise([snap], fmt))
    raise ValueError(f"unknown export format '{fmt}' (one of: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "Exported", "export"]
