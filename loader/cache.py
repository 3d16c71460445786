"""The memory backend's cache: the validated dataset and its graph, keyed by the files' bytes.

The embedded store is rebuilt by every command; with hundreds of councils, reading and
validating the files costs minutes. So the first command that validates a set stores the
networkx graph built from it (a pickle in the user's cache home, never in the repository), and
later commands load the graph instead of reading the files again. The validated Dataset itself
is stored only when a later command asks for it (no command answering questions does): the
first one that does reads the unchanged files once more and stores it, so the first load does
not pay for pickling a model nobody may read.

An entry is found by a key over the cache format, the loader's own source code (a changed
model or validator must not reuse old results) and every structure file's path and bytes. It is
used only if the documents the validator checked quotes against are still the same files with
the same bytes (or still absent): a quote check depends on them too. Only a valid set is ever
stored, so bad input is always read, reported and refused as before. `REMIT_NO_CACHE=1` turns
the cache off; `REMIT_CACHE_DIR` moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import Dataset, expand, gc_paused, read_files

FORMAT = 2  # 2: shared edge attribute dicts, string edge keys, frozen graph; dataset stored on demand
KEEP = 4  # entries kept; older ones are removed when a new one is written
HERE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    if env := os.environ.get("REMIT_CACHE_DIR"):
        return Path(env)
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "remit"


def enabled() -> bool:
    return os.environ.get("REMIT_NO_CACHE", "") in ("", "0")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for p in sorted(HERE.glob("*.py")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def key_of(files: list[Path]) -> str:
    h = hashlib.sha256(f"remit-cache/{FORMAT}\0{_code_fingerprint()}\0".encode())
    for path in files:
        h.update(f"{path}\0{_digest(path)}\0".encode())
    return h.hexdigest()[:32]


def _documents(data: Dataset) -> list[list[str | None]]:
    """(structure file, document name, file found, its digest) for every source the validator looked up."""
    from .documents import find_document

    out: list[list[str | None]] = []
    for sf in data.files:
        for s in sf.sources:
            found = find_document(Path(sf.path), s.file)
            out.append([sf.path, s.file, str(found) if found else None, _digest(found) if found else None])
    return out


def _documents_unchanged(deps: list[list[str | None]]) -> bool:
    from .documents import find_document

    for sf_path, name, was, digest in deps:
        found = find_document(Path(sf_path or ""), name or "")
        if (str(found) if found else None) != was or (found is not None and _digest(found) != digest):
            return False
    return True


def _load(path: Path) -> object:
    with gc_paused(), path.open("rb") as fh:
        return pickle.load(fh)


def _dump(obj: Any, path: Path) -> None:
    """Write atomically: a concurrent reader sees the old file or the whole new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Cached:
    """A graph ready to query, and the dataset it was built from (read from the cache on demand)."""

    graph: Any
    dataset: Callable[[], Dataset]
    hit: bool


def open_graph(paths: Sequence[str | Path], cache: bool = True) -> Cached:
    """The graph of the structure files at `paths`: from the cache when their bytes are unchanged,
    else read, validated (raising InvalidStructureFiles, caching nothing) and built, then cached.
    `cache=False` neither reads nor writes the cache (a dashboard visitor's uploads, which must not
    outlive their session on disk)."""
    from .memory import graph_from_dataset

    files, problems = expand(paths)
    if problems or not enabled() or not cache:
        data = read_files(paths)
        return Cached(graph_from_dataset(data), lambda: data, False)
    entry = cache_dir() / key_of(files)
    deps_file, graph_file = entry / "documents.json", entry / "graph.pickle"
    try:
        if graph_file.is_file() and _documents_unchanged(json.loads(deps_file.read_text())):
            graph = _load(graph_file)
            os.utime(entry)
            return Cached(graph, lambda: _dataset(entry, paths, files), True)
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # a damaged or foreign entry is rebuilt below
    return Cached(_build_and_store(paths, entry), lambda: _dataset(entry, paths, files), False)


def _build_and_store(paths: Sequence[str | Path], entry: Path) -> Any:
    """Read, validate and build the graph, and store it in `entry`. One pause for all of it: between
    them the collector would otherwise walk every model object read so far (about a second at a
    thousand councils). The dataset is let go on return (freed at once, by reference counting)
    and read again only if asked for (_dataset)."""
    from .memory import graph_from_dataset

    with gc_paused():
        data = read_files(paths)
        graph = graph_from_dataset(data)
        try:
            entry.mkdir(parents=True, exist_ok=True)
            _dump(graph, entry / "graph.pickle")
            (entry / "documents.json").write_text(json.dumps(_documents(data)))
            _prune(entry.parent)
        except OSError:
            pass  # a read-only or full cache home only costs speed
    return graph


def _dataset(entry: Path, paths: Sequence[str | Path], files: list[Path]) -> Dataset:
    """The validated dataset of a cached graph: stored beside it by the first command that asked,
    else read from the files again (their bytes are those the entry was made from) and stored."""
    data_file = entry / "dataset.pickle"
    try:
        stored = _load(data_file)
        if isinstance(stored, Dataset):
            return stored
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    data = read_files(paths)
    if key_of(files) == entry.name:  # not changed since the graph was opened: store it for next time
        try:
            _dump(data, data_file)
        except OSError:
            pass
    return data


def _prune(root: Path) -> None:
    entries = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        for f in old.iterdir():
            f.unlink(missing_ok=True)
        old.rmdir()
