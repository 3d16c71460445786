"""Refuse a record from Neo4j while its bytes arrive, before the driver decodes it whole.

The Python driver reads every chunk of one Bolt message (one record) into one buffer and only then
unpacks it; `fetch_size` bounds records per request, not bytes per record. So a 128 MiB string cost
the client 388 MiB before any cap on decoded rows could look at it. There is no public option for
this: the guard wraps the driver's chunk reader, `neo4j._sync.io._bolt._common.receive_into_buffer`
(private API, pinned in requirements-lock.txt; tests/test_box_hostile.py fails loudly if it
changes). The cap is per thread, so only the box's worker thread is affected; over the cap the
reader raises an OSError, the driver marks that connection broken, and the box reports the cap.

If the driver no longer has that function, `installed()` is False and the box refuses to run
rather than read unbounded records (fail closed).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_state = threading.local()
_installed = False


class RecordTooLarge(OSError):
    """A record from Neo4j is larger than the cap (raised inside the driver's socket reader)."""


def _guard(original: Any) -> Any:
    def receive_into_buffer(sock: Any, buffer: Any, n_bytes: int) -> Any:
        cap = getattr(_state, "cap", None)
        if cap is not None and buffer.used + n_bytes > cap:
            _state.hit = buffer.used + n_bytes
            raise RecordTooLarge(f"a record from Neo4j is larger than {cap} bytes")
        return original(sock, buffer, n_bytes)

    receive_into_buffer.remit_record_cap = True  # type: ignore[attr-defined]
    return receive_into_buffer


def install() -> bool:
    """Wrap the driver's chunk reader once; False when this driver has no such function."""
    global _installed
    if _installed:
        return True
    try:
        from neo4j._sync.io._bolt import _common
    except ImportError:
        return False
    original = getattr(_common, "receive_into_buffer", None)
    if original is None or not callable(original):
        return False
    if not getattr(original, "remit_record_cap", False):
        _common.receive_into_buffer = _guard(original)
    _installed = True
    return True


def installed() -> bool:
    return install()


class Capped:
    """What the cap saw in this thread: `hit` is the size of the record it refused, or None."""

    def __init__(self) -> None:
        self._final: int | None = None
        self._open = True

    @property
    def hit(self) -> int | None:
        return getattr(_state, "hit", None) if self._open else self._final


@contextmanager
def record_cap(limit: int) -> Iterator[Capped]:
    """Within the block, in this thread, any record over `limit` bytes is refused as it arrives."""
    seen = Capped()
    _state.cap, _state.hit = limit, None
    try:
        yield seen
    finally:
        seen._final, seen._open = getattr(_state, "hit", None), False
        _state.cap, _state.hit = None, None
