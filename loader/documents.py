"""Check that quotes really occur in their source documents.

A quote that is not in the document is the commonest way a transcription goes wrong (a
paraphrase, a figure retyped), so the validator checks every quote it can.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

_SPACE = re.compile(r"\s+")
# Quotation marks and dashes differ between a PDF's text and what a transcriber types.
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


def quote_found(quote: str, document: str) -> bool:
    """True when the quote's fragments (split at '...') occur in the normalised document in order."""
    pos = 0
    for fragment in (normalise(f) for f in quote.split("...")):
        if not fragment:
            continue
        i = document.find(fragment, pos)
        if i < 0:
            return False
        pos = i + len(fragment)
    return True


def search_dirs(structure_file: Path) -> list[Path]:
    dirs = [structure_file.parent]
    if env := os.environ.get("REMIT_DOCUMENTS"):
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    project = Path(__file__).resolve().parents[1]
    dirs += [project.parent / "shared" / "seeds", project / "documents"]
    return dirs


def find_document(structure_file: Path, name: str) -> Path | None:
    if not name or Path(name).name != name:
        return None
    for d in search_dirs(structure_file):
        candidate = d / name
        # A link is never followed (issue 25, finding 8): a "document" linked to a secret would
        # otherwise answer, quote by quote, whether the secret holds a text.
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None


@lru_cache(maxsize=64)
def read_document(path: Path) -> str:
    """The document's text, decoded as its importer decoded it: UTF-8, else Windows-1252 (published
    CSV files saved by spreadsheets), so a quote of a row with '£' is found in the file it came from."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return normalise(text)
