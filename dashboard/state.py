"""The dashboard's one door to the library: the backend, cached answers, and the chosen structure.

The backend (networkx graph or Neo4j driver) is built once per server with st.cache_resource;
answers are cached with st.cache_data on (backend generation, question id, parameters) and all
dropped after a load, so no page ever shows an answer from before the data changed.

Neo4j can stop under a running dashboard. `server_problem()` says so (checked at most every few
seconds); while it does, every page gets one banner, answers already cached are still shown
(the banner says they may be out of date), and an answer not cached raises Unavailable, which the
app shows as a message, never as a driver traceback.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import streamlit as st

from remit.loader import default_data_dir
from remit.queries.backend import backend_name
from remit.queries.catalogue import Question, all_questions, get
from remit.queries.snapshot import Snapshot, snapshot as read_snapshot


class Unavailable(RuntimeError):
    """The backend cannot be opened (Neo4j down, data invalid); the message is for the user."""


@dataclass
class DataState:
    """Shared by every session of this server: what the memory backend is built from."""

    paths: list[str] = field(default_factory=list)
    generation: int = 0


@st.cache_resource
def _data_state() -> DataState:
    return DataState([str(os.environ.get("REMIT_DATA") or default_data_dir())])


def data_state() -> DataState:
    return _data_state()


def backend_choice() -> str:
    return backend_name(os.environ.get("REMIT_BACKEND") or None)


@st.cache_resource(show_spinner="Opening the graph…")
def _backend(name: str, paths: tuple[str, ...], generation: int) -> Any:
    from remit.loader import InvalidStructureFiles
    from remit.queries.backend import BackendError, open_backend

    try:
        return open_backend(name, list(paths) or None)
    except InvalidStructureFiles as exc:
        raise Unavailable("the structure files are invalid:\n" + "\n".join(map(str, exc.problems))) from None
    except BackendError as exc:
        raise Unavailable(str(exc)) from None


def backend() -> Any:
    d = data_state()
    name = backend_choice()
    if name == "memory":
        return _backend(name, tuple(d.paths), d.generation)
    return _backend(name, (), 0)  # one driver for the server's life: a load changes the data, not it


def backend_or_stop() -> Any:
    """The backend, or an error on the page and the run stopped (no traceback for users)."""
    try:
        return backend()
    except Unavailable as exc:
        st.error(f"Cannot open the {backend_choice()} backend: {exc}")
        st.stop()


SERVER_CHECK_SECONDS = 5


def _driver_error() -> type[Exception]:
    from neo4j.exceptions import DriverError

    return DriverError


# What a page may raise because the server went away (the app shows a message for these).
UNREACHABLE: tuple[type[Exception], ...] = (Unavailable, _driver_error())


# name -> (time.monotonic() of the last check, its result); shared by every session of the server.
_checked: dict[str, tuple[float, str | None]] = {}


def _check_server() -> str | None:
    # A real round trip (verify_connectivity may hand back a pooled connection without touching
    # the network), tried twice: the first try may only find a pooled connection that has died.
    problem = None
    for _ in range(2):
        try:
            store = backend()
            with store.driver.session(database=store.database) as session:
                session.run("RETURN 1").consume()
            return None
        except Unavailable as exc:
            return str(exc)
        except Exception as exc:  # ServiceUnavailable, refused, DNS: all mean "not answering now"
            problem = _first_line(exc)
    return problem


def server_problem() -> str | None:
    """None when the backend can answer; else one line saying why not (Neo4j only: memory always
    can). Checked at most every SERVER_CHECK_SECONDS, so a page run costs no extra round trip."""
    name = backend_choice()
    if name != "neo4j":
        return None
    last = _checked.get(name)
    if last is None or time.monotonic() - last[0] >= SERVER_CHECK_SECONDS:
        last = _checked[name] = (time.monotonic(), _check_server())
    return last[1]


def forget_server_check() -> None:
    """Check the server again on the next page run (after a failure, or a test stopping it)."""
    _checked.clear()


def _first_line(exc: BaseException) -> str:
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


@contextmanager
def _live() -> Iterator[Any]:
    """The backend for one uncached answer: refused at once while Neo4j is down, and a connection
    lost midway becomes Unavailable (a message), not the driver's exception."""
    problem = server_problem()
    if problem:
        raise Unavailable(f"Neo4j is not answering ({problem})")
    try:
        yield backend()
    except (_driver_error(), OSError) as exc:
        forget_server_check()
        raise Unavailable(f"Neo4j stopped answering ({_first_line(exc)})") from None


def _key() -> str:
    d = data_state()
    return f"{backend_choice()}:{d.generation}"


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


@st.cache_data(show_spinner=False, max_entries=200)
def _snapshot(key: str, structure: str) -> Snapshot:
    with _live() as store:
        return read_snapshot(store, structure)


def snapshot(structure: str) -> Snapshot:
    return _snapshot(_key(), structure)


@st.cache_data(show_spinner=False, max_entries=200)
def _diff(key: str, before: str, after: str, as_of: tuple[str | None, str | None]) -> Any:
    from remit.queries.diff import diff

    with _live() as store:
        return diff(store, before, after, as_of)


def diff(before: str, after: str, as_of: tuple[str | None, str | None] = (None, None)) -> Any:
    """queries.diff.diff (raises DiffError if the two are not comparable)."""
    return _diff(_key(), before, after, as_of)


def structures() -> list[dict[str, Any]]:
    return answer("structures", {"council": None})


def questions(kind: str) -> list[Question]:
    return sorted(all_questions(kind), key=lambda q: q.title)


def after_load(paths: list[Path] | None = None) -> None:
    """New data: point the memory backend at the merged files and forget every cached answer."""
    d = data_state()
    if paths is not None:
        d.paths = [str(p) for p in paths]
    d.generation += 1
    st.cache_data.clear()
    if backend_choice() == "memory":
        _backend.clear()
