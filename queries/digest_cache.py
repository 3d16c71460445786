"""What a national run computed from one structure on one date, kept under the structure's content digest.

A national run of the rules fetches every council's facts (on Neo4j, megabytes of them: a few
hundred milliseconds of server work and unpacking), puts them in canonical order and judges them
(Python: most of a run's CPU). Both depend only on what the structure holds and on the date, and a
structure's content digest (loader.records, stored on its Structure node in both stores) changes
whenever what it holds does. So national_rules keeps each structure's verdicts under (the rules,
the date), checked against the digest: the Overview asked again, another page asking the same
date, or a second `check --all` in one process judge only structures loaded since, and never
answer from stale ones (a reloaded structure has another digest; one whose digest was cleared, or
that never had one, is always fetched and judged). The verdicts are the one Python judge's, made
once per structure content and date.

Kept per backend object, for the few most recent (rules, date) pairs: about 25 MB of finding rows
per date at a thousand councils (20,000 rows, passes included).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

Value = Any
Key = tuple[Any, str | None]  # (what was computed, date)

# (what, date) pairs kept: the national rules are three groups (one per facts query), so two dates' worth.
KEEP = 6


@dataclass
class DigestCache:
    """Values by (what, date), then by structure with the digest they were computed at; the least
    recently used (what, date) is dropped first."""

    keep: int = KEEP
    _entries: OrderedDict[Key, dict[str, tuple[str, Value]]] = field(default_factory=OrderedDict)
    # Held by a caller for a whole computation that reads and fills the cache (see national_rules).
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False, repr=False)

    def split(self, key: Key, digests: dict[str, str | None]) -> tuple[dict[str, Value], list[str]]:
        """(values kept for these structures at their current digests, structures to compute)."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        found: dict[str, Value] = {}
        missing: list[str] = []
        for s, d in digests.items():
            kept = entry.get(s) if entry is not None and d is not None else None
            if kept is not None and kept[0] == d:
                found[s] = kept[1]
            else:
                missing.append(s)
        return found, missing

    def put(self, key: Key, digests: dict[str, str | None], values: dict[str, Value]) -> None:
        """Keep these structures' values under their digests (replacing those of an older digest);
        a structure without a digest is not kept."""
        entry = self._entries.setdefault(key, {})
        self._entries.move_to_end(key)
        for s, f in values.items():
            d = digests.get(s)
            if d is not None:
                entry[s] = (d, f)
        while len(self._entries) > self.keep:
            self._entries.popitem(last=False)

    # Whole answers over a scope (the Overview's national table), kept under every chosen structure's
    # digest at once: any structure reloaded, added or gone, and the answer is made again.
    _whole: OrderedDict[Any, Any] = field(default_factory=OrderedDict)

    def whole(self, key: Any) -> Any | None:
        """The answer kept under `key` (None: none kept)."""
        found = self._whole.get(key)
        if found is not None:
            self._whole.move_to_end(key)
        return found

    def keep_whole(self, key: Any, value: Any) -> None:
        self._whole[key] = value
        self._whole.move_to_end(key)
        while len(self._whole) > self.keep:
            self._whole.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
        self._whole.clear()


_MADE = threading.Lock()


def digest_cache(backend: Any) -> DigestCache:
    """The backend's own cache (made on first use; it lives as long as the backend)."""
    with _MADE:
        cache = getattr(backend, "_remit_digest_cache", None)
        if cache is None:
            cache = DigestCache()
            backend._remit_digest_cache = cache
        return cache
