"""Is Neo4j answering? Asked at most every few seconds, for every session of the dashboard at once.

Neo4j can stop under a running dashboard. The app asks `server_problem()` on each page run and
shows one banner while it answers "not answering"; state.py refuses uncached answers at once
meanwhile (instead of waiting out the driver's retries), and answers cached before still show.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from remit.loader.neo4j_store import first_line

if TYPE_CHECKING:
    from remit.queries.backend import Backend

CHECK_SECONDS = 5

# backend name -> (time.monotonic() of the last check, its result).
_checked: dict[str, tuple[float, str | None]] = {}


def driver_error() -> type[Exception]:
    from neo4j.exceptions import DriverError

    return DriverError


__all__ = ["CHECK_SECONDS", "check", "driver_error", "first_line", "forget", "server_problem"]


def check(open_backend: Callable[[], Backend]) -> str | None:
    """The backend's own health call (Backend.health: a real round trip on Neo4j); a backend that
    cannot even be opened (Neo4j down when the server started) is not answering either."""
    try:
        backend = open_backend()
    except Exception as exc:  # state.Unavailable: the message says why
        return first_line(exc)
    return backend.health()


def server_problem(name: str, open_backend: Callable[[], Backend]) -> str | None:
    """None when the backend can answer; else one line saying why not. Asked at most every
    CHECK_SECONDS per backend (the memory backend's answer is always None)."""
    last = _checked.get(name)
    if last is None or time.monotonic() - last[0] >= CHECK_SECONDS:
        last = _checked[name] = (time.monotonic(), check(open_backend))
    return last[1]


def forget() -> None:
    """Ask again on the next page run (after a failure midway, or a test stopping the server)."""
    _checked.clear()
