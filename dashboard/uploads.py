"""Uploaded structure files: validated together with the data already loaded, all or nothing.

Kept free of Streamlit so the Load page's logic is unit-tested directly. Each browser session has
its own temporary folder (SessionUploads), removed when the session ends or the server stops;
each file goes under a folder named by a digest of its uploaded name, so two names that clean up
to the same text cannot collide, and the same name uploaded twice replaces the first. Problems are
reported under the uploaded file's own name, never the temporary path. Files are validated in a
staging folder and moved into place only when everything is valid, so a bad upload leaves nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from remit.loader import Dataset, InvalidStructureFiles, read_files
from remit.loader.files import expand
from remit.loader.formats import suffixes
from remit.loader.problems import Problem

DEFAULT_MAX_BYTES = 5_000_000
TOKEN_ENV = "REMIT_UPLOAD_TOKEN"
SHARED_ENV = "REMIT_SHARED_UPLOADS"


def shared_writes() -> str:
    """Who may write uploads to a shared Neo4j database: "everyone" (REMIT_SHARED_UPLOADS=1, an
    administrator's choice for a dashboard only trusted people reach), "token" (REMIT_UPLOAD_TOKEN is
    set: a visitor who gives it), or "nobody" (the default: every upload stays in its session)."""
    if os.environ.get(SHARED_ENV, "").strip().lower() in ("1", "true", "yes"):
        return "everyone"
    return "token" if os.environ.get(TOKEN_ENV) else "nobody"


def token_matches(given: str) -> bool:
    """The visitor's token is the administrator's (compared in constant time; never logged)."""
    token = os.environ.get(TOKEN_ENV) or ""
    return bool(token) and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def max_upload_bytes() -> int:
    """The size limit of one uploaded file (REMIT_UPLOAD_MAX_BYTES, default 5 MB)."""
    try:
        return max(1, int(os.environ.get("REMIT_UPLOAD_MAX_BYTES") or DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


class SessionUploads:
    """One browser session's private upload folder; deleted when this object is collected (the
    session ended) or at interpreter exit, whichever comes first."""

    def __init__(self, root: Path | None = None):
        self.dir = Path(tempfile.mkdtemp(prefix="remit-session-", dir=root))
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.dir), True)

    def close(self) -> None:
        self._cleanup()


@dataclass
class UploadResult:
    """Either `dataset` (the current data merged with the uploads) or `problems`, never both."""

    upload_dir: Path
    paths: list[Path] = field(default_factory=list)  # every file of the merged data (final places)
    uploaded: list[Path] = field(default_factory=list)  # the uploads' final places
    dataset: Dataset | None = None
    problems: list[Problem] = field(default_factory=list)
    _validated: list[str] = field(default_factory=list)  # the paths the dataset was read from

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems

    def uploaded_dataset(self) -> Dataset:
        """Only the uploaded files (what a Neo4j load has to add)."""
        assert self.dataset is not None
        names = set(self._validated)
        return Dataset([f for f in self.dataset.files if f.path in names])

    def problems_by_file(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.file, []).append(p)
        return out


def safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name or "upload.yaml"
    return re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".") or "upload.yaml"


def slot(upload_dir: Path, name: str) -> Path:
    """Where an upload called `name` lives: one place per name, never shared with another name --
    except that an organogram's junior file lives beside its senior file (…-junior.csv beside
    …-senior.csv), where the importer looks for it."""
    paired = re.sub(r"junior(?=[^/\\]*$)", "senior", name, flags=re.IGNORECASE)
    digest = hashlib.sha256(paired.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return upload_dir / digest / safe_name(name)


def _check(name: str, content: bytes, limit: int) -> Problem | None:
    if Path(safe_name(name)).suffix.lower() not in suffixes():
        return Problem(name, 0, f"not a structure file: the name must end in {', '.join(suffixes())}")
    if len(content) > limit:
        return Problem(
            name,
            0,
            f"the file is {len(content):,} bytes; uploads are limited to {limit:,} bytes (REMIT_UPLOAD_MAX_BYTES)",
        )
    if not content.strip():
        return Problem(name, 0, "the file is empty: nothing to load")
    return None


def validate_uploads(
    files: list[tuple[str, bytes]],
    current: Sequence[str | Path],
    upload_dir: Path | None = None,
    max_bytes: int | None = None,
) -> UploadResult:
    """Validate uploads with the current data files. An upload named like a current file replaces
    it (re-uploading a corrected file); a problem anywhere means nothing is taken."""
    upload_dir = Path(upload_dir or tempfile.mkdtemp(prefix="remit-upload-"))
    upload_dir.mkdir(parents=True, exist_ok=True)
    result = UploadResult(upload_dir)
    limit = max_bytes or max_upload_bytes()
    latest: dict[str, bytes] = {}
    for name, content in files:  # the same name twice in one upload: the last one counts
        latest[name] = content
    for name, content in latest.items():
        problem = _check(name, content, limit)
        if problem:
            result.problems.append(problem)
    if not latest:
        result.problems.append(Problem("(upload)", 0, "no files uploaded"))
    if result.problems:
        return result
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=upload_dir))
    try:
        labels: dict[Path, str] = {}
        staged: dict[Path, Path] = {}  # staged path -> final place
        for name, content in latest.items():
            path = slot(staging, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            labels[path] = name
            staged[path] = slot(upload_dir, name)
        existing, _ = expand(list(current))
        replaced = {safe_name(n) for n in latest} | set(staged.values())
        kept = [p for p in existing if p.name not in replaced and p not in replaced and staging not in p.parents]
        try:
            result.dataset = read_files(kept + list(staged), labels=labels)
        except InvalidStructureFiles as exc:
            result.problems = list(exc.problems)
            return result
        result._validated = [str(p) for p in staged]
        for src, dst in staged.items():
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
        result.uploaded = list(staged.values())
        result.paths = kept + result.uploaded
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)
