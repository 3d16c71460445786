"""Rule facts kept between national runs, per structure content and date.

A national run fetches every council's facts (on Neo4j, megabytes of them, in a few hundred
milliseconds of server work and unpacking) and puts them in canonical order before judging. The
facts of one structure on one date depend only on what the structure holds, and a structure's
content digest (loader.records, stored on its Structure node in both stores) changes whenever
that does. So facts are kept under (facts query, date, structure, digest): the Overview asked
again, another page asking the same date, or a second `check --all` in a dashboard session fetch
only structures loaded since, and never stale ones (a reloaded structure has another digest; one
whose digest was cleared is always fetched). Verdicts are still made by the one Python judge on
every run, from these facts.

Kept per backend object, for the few most recent (query, date) pairs: about 17 MB of facts per date
at a thousand councils.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

Facts = list[dict[str, Any]]
Key = tuple[str, str | None]  # (facts query, date)

# (query, date) pairs kept: the national rules use three facts queries, so two dates' worth.
KEEP = 6


@dataclass
class FactsCache:
    """Canonical facts by (query, date), then by structure with the digest they were fetched at;
    the least recently used (query, date) is dropped first."""

    keep: int = KEEP
    _entries: OrderedDict[Key, dict[str, tuple[str, Facts]]] = field(default_factory=OrderedDict)

    def split(self, key: Key, digests: dict[str, str | None]) -> tuple[dict[str, Facts], list[str]]:
        """(facts kept for these structures at their current digests, structures to fetch)."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        found: dict[str, Facts] = {}
        missing: list[str] = []
        for s, d in digests.items():
            kept = entry.get(s) if entry is not None and d is not None else None
            if kept is not None and kept[0] == d:
                found[s] = kept[1]
            else:
                missing.append(s)
        return found, missing

    def put(self, key: Key, digests: dict[str, str | None], facts: dict[str, Facts]) -> None:
        """Keep these structures' facts under their digests (replacing facts of an older digest);
        a structure without a digest is not kept."""
        entry = self._entries.setdefault(key, {})
        self._entries.move_to_end(key)
        for s, f in facts.items():
            d = digests.get(s)
            if d is not None:
                entry[s] = (d, f)
        while len(self._entries) > self.keep:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


def facts_cache(backend: Any) -> FactsCache:
    """The backend's own cache (made on first use; it lives as long as the backend)."""
    cache = getattr(backend, "_remit_facts_cache", None)
    if cache is None:
        cache = FactsCache()
        backend._remit_facts_cache = cache
    return cache
