"""Uploaded structure files: validated together with the data already loaded, all or nothing.

Kept free of Streamlit so the Load page's logic is unit-tested directly. Files are written to a
folder of their own (they outlive the request: the memory backend re-reads its files), and every
problem is reported under the uploaded file's own name, not the temporary path.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from remit.loader import Dataset, InvalidStructureFiles, read_files
from remit.loader.files import expand
from remit.loader.formats import suffixes
from remit.loader.problems import Problem


@dataclass
class UploadResult:
    """Either `dataset` (the current data merged with the uploads) or `problems`, never both."""

    upload_dir: Path
    paths: list[Path] = field(default_factory=list)  # every file of the merged data
    uploaded: list[Path] = field(default_factory=list)
    dataset: Dataset | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems

    def uploaded_dataset(self) -> Dataset:
        """Only the uploaded files (what a Neo4j load has to add)."""
        assert self.dataset is not None
        names = {str(p) for p in self.uploaded}
        return Dataset([f for f in self.dataset.files if f.path in names])

    def problems_by_file(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.file, []).append(p)
        return out


def _safe_name(name: str) -> str:
    base = Path(name).name or "upload.yaml"
    return re.sub(r"[^A-Za-z0-9._-]", "_", base)


def validate_uploads(files: list[tuple[str, bytes]], current: list[str | Path],
                     upload_dir: Path | None = None) -> UploadResult:
    """Validate uploads with the current data files. An upload named like a current file replaces
    it (re-uploading a corrected file); a problem anywhere means nothing is taken."""
    upload_dir = Path(upload_dir or tempfile.mkdtemp(prefix="remit-upload-"))
    upload_dir.mkdir(parents=True, exist_ok=True)
    result = UploadResult(upload_dir)
    labels: dict[Path, str] = {}
    for name, content in files:
        safe = _safe_name(name)
        if Path(safe).suffix.lower() not in suffixes():
            result.problems.append(Problem(name, 0, f"not a structure file: the name must end in {', '.join(suffixes())}"))
            continue
        path = upload_dir / safe
        path.write_bytes(content)
        labels[path] = name
        result.uploaded.append(path)
    if result.problems or not result.uploaded:
        if not result.uploaded and not result.problems:
            result.problems.append(Problem("(upload)", 0, "no files uploaded"))
        return result
    existing, _ = expand(list(current))
    replaced = {p.name for p in result.uploaded}
    result.paths = [p for p in existing if p.name not in replaced] + result.uploaded
    try:
        result.dataset = read_files(result.paths, labels=labels)
    except InvalidStructureFiles as exc:
        result.problems = list(exc.problems)
    return result
