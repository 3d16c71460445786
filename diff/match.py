"""Which post of the after structure continues which post of the before structure.

A committee reads "X becomes Y" as an amendment even when the transcriber gave Y a new key, so
a post whose `replaces` names exactly one earlier post is paired with it. A post replacing
several is a merger: the new post is created and each replaced one deleted, and the rows name
each other so the reader sees the succession.

Posts imported from published tables (their evidence has a row) have no key a person chose:
they match by the publisher's post reference where both have one; otherwise by title,
directorate and service; then by the same title alone (a relabelled directorate), by being the
top post of both, or by a close title within the same directorate. Every match after the first
two is a judgement, so `how` says it is inferred and why (diff_tables.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

from remit.queries.side import Side

from .match_tables import match_tables


@dataclass
class Matching:
    pairs: dict[str, str] = field(default_factory=dict)  # before key -> after key
    how: dict[str, str] = field(default_factory=dict)  # before key -> "key" | "replaces"
    created: list[str] = field(default_factory=list)  # after keys
    deleted: list[str] = field(default_factory=list)  # before keys
    successors: dict[str, list[str]] = field(default_factory=dict)  # before key -> after keys replacing it
    predecessors: dict[str, list[str]] = field(default_factory=dict)  # after key -> before keys it replaces

    @overload
    def ident(self, before_key: str) -> str: ...
    @overload
    def ident(self, before_key: None) -> None: ...
    def ident(self, before_key: str | None) -> str | None:
        """A before post's key in after-structure terms, so links can be compared across the two."""
        if before_key is None:
            return None
        return self.pairs.get(before_key, before_key)

    def before_of(self, after_key: str) -> str | None:
        return next((b for b, a in self.pairs.items() if a == after_key), None)


def match(before: Side, after: Side) -> Matching:
    m = Matching()
    for bkey, (akey, how) in match_tables(before, after).items():
        m.pairs[bkey], m.how[bkey] = akey, how
    for key in before.posts:
        if (
            key in after.posts
            and not _from_table(before, key)
            and not _from_table(after, key)
            and not _role_only(before, key)
            and not _role_only(after, key)
        ):
            m.pairs[key], m.how[key] = key, "key"
    for akey, post in after.posts.items():
        named = [k for k in post.get("replaces") or [] if k in before.posts and k != akey]
        if named:
            m.predecessors[akey] = sorted(named)
            for b in named:
                m.successors.setdefault(b, []).append(akey)
    for akey, named in m.predecessors.items():
        b = named[0]
        if len(named) == 1 and akey not in m.pairs.values() and b not in m.pairs and m.successors.get(b) == [akey]:
            m.pairs[b], m.how[b] = akey, "replaces"
    # A role named without its post (kind "role") is not a post: it is never created or deleted; its
    # designation still shows as moved, assigned or removed.
    m.created = sorted(k for k in after.posts if k not in m.pairs.values() and not _role_only(after, k))
    m.deleted = sorted(k for k in before.posts if k not in m.pairs and not _role_only(before, k))
    return m


def _role_only(side: Side, key: str) -> bool:
    return side.posts[key].get("kind") == "role"


def _from_table(side: Side, key: str) -> bool:
    return side.posts[key].get("row") is not None


def inferred_reason(how: str) -> str | None:
    """The reason of an inferred match, None for a match by key, reference or stated replacement."""
    return how.removeprefix("inferred: ") if how.startswith("inferred: ") else None
