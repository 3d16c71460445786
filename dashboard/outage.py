"""Is Neo4j answering? Asked at most every few seconds, for every session of the dashboard at once.

Neo4j can stop under a running dashboard. The app asks `server_problem()` on each page run and
shows one banner while it answers "not answering"; state.py refuses uncached answers at once
meanwhile (instead of waiting out the driver's retries), and answers cached before still show.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

CHECK_SECONDS = 5

# backend name -> (time.monotonic() of the last check, its result).
_checked: dict[str, tuple[float, str | None]] = {}


def driver_error() -> type[Exception]:
    from neo4j.exceptions import DriverError

    return DriverError


def first_line(exc: BaseException) -> str:
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def check(open_backend: Callable[[], Any]) -> str | None:
    """One real round trip (verify_connectivity may hand back a pooled connection without touching
    the network), tried twice: the first try may only find a pooled connection that has died."""
    problem = None
    for _ in range(2):
        try:
            store = open_backend()
            with store.driver.session(database=store.database) as session:
                session.run("RETURN 1").consume()
            return None
        except Exception as exc:  # Unavailable, ServiceUnavailable, refused, DNS: "not answering now"
            problem = first_line(exc)
    return problem


def server_problem(name: str, open_backend: Callable[[], Any]) -> str | None:
    """None when the backend can answer; else one line saying why not. Only Neo4j is asked (the
    memory backend always answers), and at most every CHECK_SECONDS."""
    if name != "neo4j":
        return None
    last = _checked.get(name)
    if last is None or time.monotonic() - last[0] >= CHECK_SECONDS:
        last = _checked[name] = (time.monotonic(), check(open_backend))
    return last[1]


def forget() -> None:
    """Ask again on the next page run (after a failure midway, or a test stopping the server)."""
    _checked.clear()
