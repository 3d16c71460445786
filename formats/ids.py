"""Ids for imported things that every later step accepts: short, safe, readable and stable.

Why: ids are built from what files contain -- a body's name, a file name, a unit's name, a post
reference -- and some are long ("department-for-communities-and-local-government-dclg-government-
staff-and-salary-data-...", 128 characters) or hold characters an id may not. An id that
`remit validate` refuses makes an import that exit 0 useless. Each id here is the readable text
when it fits, else a readable stem and a short digest of the whole text (the same text always
gives the same id, two texts practically never one); the original is kept beside it as the label,
title or reference.
"""

from __future__ import annotations

import hashlib

from remit.loader.schema import ID_PATTERN, MAX_ID

from .csv_table import slug

DIGEST = 8  # hex characters of the digest: 4 billion values per stem


def digest(text: str) -> str:
    return hashlib.blake2s(text.encode("utf-8"), digest_size=DIGEST // 2).hexdigest()


def fit(text: str, limit: int = MAX_ID) -> str:
    """`text` (already id-safe) when it fits in `limit`, else its start and a digest of all of it."""
    if len(text) <= limit:
        return text
    stem = text[: limit - DIGEST - 1].rstrip("-._@")
    return f"{stem}-{digest(text)}"


def slug_id(text: str, default: str, limit: int = MAX_ID) -> str:
    """An id from free text (a name, a file name): its slug, shortened to fit."""
    return fit(slug(text) or default, limit)


def dated_id(stem: str, when: str) -> str:
    """'<stem>-<date>' with the stem shortened so that the date is always kept whole."""
    return f"{fit(stem, MAX_ID - len(when) - 1)}-{when}"


def key_for_reference(ref: str) -> str:
    """A post key from a publisher's own reference: the reference itself where it is a valid id
    (the usual case, so keys match the file), else a slug and digest of it (the post keeps the
    reference as written)."""
    if len(ref) <= MAX_ID and ID_PATTERN.fullmatch(ref):
        return ref
    return fit(f"{slug(ref) or 'post'}-{digest(ref)}")
