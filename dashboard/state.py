"""The dashboard's one door to the library: the backend, cached answers, and the chosen structure.

The backend (networkx graph or Neo4j driver) is built once per server with st.cache_resource;
answers are cached with st.cache_data on (the session's data, question id, parameters) and all
dropped after a load, so no page ever shows an answer from before the data changed.

While Neo4j is down (outage.py) answers already cached are still shown, under the app's banner,
and an answer not cached raises Unavailable, which the app shows as a message, never a traceback.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from remit.loader import default_data_dir
from remit.present.markup import md_escape
from remit.queries.backend import Backend, backend_name
from remit.queries.catalogue import Question, all_questions, get
from remit.queries.snapshot import Snapshot
from remit.queries.snapshot import snapshot as read_snapshot

from . import outage


class Unavailable(RuntimeError):
    """The backend cannot be opened (Neo4j down, data invalid); the message is for the user: every
    visitor reads it, so it never names the database's address (the log has the details)."""


UNREACHABLE_TEXT = "the database (Neo4j) is not answering"
_log = logging.getLogger("remit.dashboard")


@dataclass
class DataState:
    """One browser session's data: the files its memory backend is built from (the server's data
    plus this session's own uploads, which no other visitor sees). On Neo4j, an upload without a
    say-so to write the shared database (uploads.shared_writes) is this session's own too:
    `private` holds its files, read by a memory store of its own while `show_private` is on."""

    paths: list[str] = field(default_factory=list)
    generation: int = 0
    uploads: Any = None  # uploads.SessionUploads, made on the first upload
    private: list[str] = field(default_factory=list)
    show_private: bool = False
    may_write_shared: bool = False  # this session gave the upload token


@dataclass
class Shared:
    """Shared by every session: bumped when a load changes the Neo4j database everyone reads."""

    generation: int = 0


@st.cache_resource
def _shared() -> Shared:
    return Shared()


def data_state() -> DataState:
    d = st.session_state.get("_remit_data")
    if not isinstance(d, DataState):
        d = DataState([str(os.environ.get("REMIT_DATA") or default_data_dir())])
        st.session_state["_remit_data"] = d
    return d


def session_uploads() -> Any:
    """This session's private upload folder (removed when the session ends or the server stops)."""
    from .uploads import SessionUploads

    d = data_state()
    if d.uploads is None:
        d.uploads = SessionUploads()
    return d.uploads


def backend_choice() -> str:
    return backend_name(os.environ.get("REMIT_BACKEND") or None)


def reads_private() -> bool:
    """This session reads its own uploads (on a Neo4j dashboard, after an upload only it sees)."""
    d = data_state()
    return backend_choice() == "neo4j" and d.show_private and bool(d.private)


SHARED_VIEW, PRIVATE_VIEW = "The shared database", "My uploads (this session only)"


def private_view_choice() -> None:
    """On a Neo4j dashboard whose session has uploads of its own, a sidebar choice between the
    shared database and those uploads (shown after an upload; nothing else changes)."""
    d = data_state()
    if backend_choice() != "neo4j" or not d.private:
        return
    if (
        st.session_state.get("data_view") not in (SHARED_VIEW, PRIVATE_VIEW)
        or st.session_state.get("_data_view_generation") != d.generation
    ):
        st.session_state["data_view"] = PRIVATE_VIEW if d.show_private else SHARED_VIEW
        st.session_state["_data_view_generation"] = d.generation
    view = st.sidebar.radio("Data", (SHARED_VIEW, PRIVATE_VIEW), key="data_view")
    d.show_private = view == PRIVATE_VIEW


@st.cache_resource(show_spinner="Opening the graph…", max_entries=16)
def _backend(name: str, paths: tuple[str, ...], generation: int, cache: bool = True, server: bool = True) -> Backend:
    from remit.loader import InvalidStructureFiles
    from remit.queries.backend import BackendError, open_backend

    # `remit dashboard --overlay FILE`: laid over the server's files for every visitor (not over a
    # visitor's own uploads read apart from the shared database: `server=False`).
    overlays = [p for p in (os.environ.get("REMIT_OVERLAYS") or "").split(os.pathsep) if p] if server else []
    try:
        return open_backend(name, list(paths) or None, overlays or None, cache=cache)
    except InvalidStructureFiles as exc:
        raise Unavailable("the structure files are invalid:\n" + "\n".join(map(str, exc.problems))) from None
    except BackendError as exc:
        _log.warning("cannot open the %s backend: %s", name, exc)
        raise Unavailable(UNREACHABLE_TEXT if name == "neo4j" else str(exc)) from None


def shared_backend() -> Backend:
    """The store every visitor reads (the server's files, this session's uploads, or Neo4j)."""
    d = data_state()
    name = backend_choice()
    # A session's uploads never go through the on-disk graph cache: the Load page says they are
    # not kept after the server stops, and they are not (the upload folder is removed too).
    if name == "memory":
        return _backend(name, tuple(d.paths), d.generation, d.uploads is None)  # fresh sessions share one
    if reads_private():
        return _backend("memory", tuple(d.private), d.generation, False, False)
    return _backend(name, (), 0)  # one driver for the server's life: a load changes the data, not it


def backend() -> Backend:
    """The store this session's pages read: the shared one, or, while the visitor has overlays
    (review decisions, scenarios: dashboard/overlays.py), a graph of their own with the overlays
    laid over the files. Nothing of theirs is written to the shared store."""
    from . import overlays

    mark = overlays.fingerprint()
    if not mark:
        return shared_backend()
    kept = st.session_state.get("_remit_overlaid")
    want = (_key_base(), mark)
    if kept is not None and kept[0] == want:
        return kept[1]
    made = overlaid_backend(overlays.active())
    st.session_state["_remit_overlaid"] = (want, made)
    return made


def base_dataset() -> Any:
    """The validated files behind the shared store: the memory store's own, or (Neo4j) the files the
    server was started with (REMIT_DATA), which an overlay is laid over."""
    shared = shared_backend()
    data = getattr(shared, "dataset", None)
    if data is not None:
        return data
    return _files_dataset(tuple(data_state().paths), data_state().generation)


@st.cache_resource(show_spinner=False, max_entries=4)
def _files_dataset(paths: tuple[str, ...], generation: int) -> Any:
    from remit.loader import InvalidStructureFiles, read_files

    try:
        return read_files(list(paths))
    except InvalidStructureFiles as exc:
        raise Unavailable("the structure files are invalid:\n" + "\n".join(map(str, exc.problems))) from None


def overlaid_backend(overlays: list[Any]) -> Backend:
    """A memory store of the base files with `overlays` laid over them, in order."""
    from remit.loader.files import Dataset
    from remit.loader.memory import graph_from_dataset
    from remit.loader.overlay import apply
    from remit.queries.backend import MemoryBackend

    data = base_dataset()
    files = list(data.files)
    for o in overlays:
        done = apply(o, files)
        if not done.problems:
            files = done.files
    merged = Dataset(files)
    return MemoryBackend(graph_from_dataset(merged), merged)


def backend_or_stop() -> Backend:
    """The backend, or an error on the page and the run stopped (no traceback for users)."""
    try:
        return backend()
    except Unavailable as exc:
        st.error(f"Cannot open the {backend_choice()} backend: {md_escape(exc)}")
        st.stop()


def server_problem() -> str | None:
    """None when the backend can answer; else one line saying why not (see outage.py)."""
    if reads_private():
        return None  # this session reads its own uploads, in this process
    problem = outage.server_problem(backend_choice(), shared_backend)
    if problem:
        _log.warning("Neo4j is not answering: %s", problem)
    return problem


# What a page may raise because the server went away (the app shows a message for these).
UNREACHABLE: tuple[type[Exception], ...] = (Unavailable, outage.driver_error())


@contextmanager
def _live() -> Iterator[Backend]:
    """The backend for one uncached answer: refused at once while Neo4j is down, and a connection
    lost midway becomes Unavailable (a message), not the driver's exception."""
    problem = server_problem()
    if problem:
        raise Unavailable(UNREACHABLE_TEXT)
    try:
        yield backend()
    except (outage.driver_error(), OSError) as exc:
        outage.forget()
        _log.warning("Neo4j stopped answering: %s", outage.first_line(exc))
        raise Unavailable(UNREACHABLE_TEXT) from None


def _key_base() -> str:
    name = backend_choice()
    d = data_state()
    if name == "memory":
        return f"memory:{d.generation}:{'|'.join(d.paths)}"
    if reads_private():
        return f"private:{d.generation}:{'|'.join(d.private)}"
    return f"{name}:{_shared().generation}"


def _key() -> str:
    """What cached answers depend on: this session's files (memory) or the database's generation,
    and this visitor's overlays (their own answers, never another visitor's)."""
    from . import overlays

    mark = overlays.fingerprint()
    return _key_base() + (f":overlays:{mark}" if mark else "")


def cache_key() -> str:
    """What a page's own cached answers must depend on (see _key)."""
    return _key()


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@st.cache_data(show_spinner=False, max_entries=2000)
def _answer(key: str, question_id: str, params: tuple[tuple[str, Any], ...]) -> list[dict[str, Any]]:
    with _live() as store:
        return store.run(get(question_id), dict(params))


def answer(question: Question | str, params: dict[str, Any]) -> list[dict[str, Any]]:
    qid = question if isinstance(question, str) else question.id
    items = tuple(sorted((k, _plain(v)) for k, v in params.items()))
    return _answer(_key(), qid, items)


@st.cache_data(show_spinner=False, max_entries=500)
def _facts(key: str, question_id: str, params: tuple[tuple[str, Any], ...]) -> list[dict[str, Any]]:
    with _live() as store:
        return store.facts(get(question_id), dict(params))


def structure_periods(structure: str) -> list[Any]:
    """The periods an undated assurance summary is judged by (queries.periods), from the cached answers."""
    from remit.queries.periods import periods_from_rows

    return periods_from_rows(answer("structure-periods", {"structure": structure}))


def rule_facts(rule: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
    """A rule's facts (queries.assurance.summarise judges them once for every rule that shares them)."""
    return _facts(_key(), rule.id, tuple(sorted((k, _plain(v)) for k, v in params.items())))


@st.cache_data(show_spinner=False, max_entries=200)
def _snapshot(key: str, structure: str) -> Snapshot:
    with _live() as store:
        return read_snapshot(store, structure)


def snapshot(structure: str) -> Snapshot:
    return _snapshot(_key(), structure)


@st.cache_data(show_spinner=False, max_entries=200)
def _diff(key: str, before: str, after: str, as_of: tuple[str | None, str | None]) -> Any:
    from remit.diff import diff

    with _live() as store:
        return diff(store, before, after, as_of)


def diff(before: str, after: str, as_of: tuple[str | None, str | None] = (None, None)) -> Any:
    """queries.diff.diff (raises DiffError if the two are not comparable)."""
    return _diff(_key(), before, after, as_of)


def structures() -> list[dict[str, Any]]:
    return answer("structures", {"council": None})


def questions(kind: str) -> list[Question]:
    return sorted(all_questions(kind), key=lambda q: q.title)


def after_load(paths: list[Path] | None = None, private: bool = False) -> None:
    """New data. Memory: this session now reads the merged files (its own graph and answers; other
    sessions keep theirs). Neo4j, `private`: this session's own uploads, shown to it alone. Neo4j:
    the shared database changed, so every cached answer goes."""
    d = data_state()
    if private:
        d.private, d.show_private = [str(p) for p in paths or []], True
        d.generation += 1
        return
    if paths is not None:
        d.paths = [str(p) for p in paths]
    d.generation += 1
    if backend_choice() != "memory":
        _shared().generation += 1
        st.cache_data.clear()
