"""The graph's shape, written once: labels, relationship types, node ids and property encoders.

Every node has a `uid` made here and nowhere else: its kind, then the parts that scope it, joined
by ':'. Ids and keys in structure files are restricted to ID_PATTERN, which has no ':' and no '%',
and every part is percent-encoded besides, so a uid splits back into exactly the parts it was
made from and no key can forge another node's uid (structure `a` key `b:c` and structure `a:b`
key `c` cannot meet). Free text that scopes a node (a holder's name) is encoded the same way.

Scope: posts, units, reviews and unnamed holders belong to one structure (structure ids are
unique across the loaded files); sources, functions and named people belong to one council, so
two councils may reuse a source id; statutory roles are global.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote

LABELS = ("Council", "Structure", "Post", "Person", "Unit", "StatutoryRole", "Function", "Source", "AssuranceReview")
REL_TYPES = (
    "OF",
    "SUPERSEDES",
    "HAS_POST",
    "LINE_MANAGED_BY",
    "ACCOUNTABLE_TO",
    "ESCALATION_LINE",
    "DESIGNATED",
    "HOLDS",
    "IN_UNIT",
    "HEADS",
    "PART_OF",
    "DELIVERS",
    "COMMISSIONS",
    "RESPONSIBLE_FOR",
    "REPLACES",
    "ASSESSES",
)
# Nodes without a structure are shared by every structure of a council (or all councils): merged
# by uid when a structure is loaded, removed by a load only when nothing refers to them any more.
SHARED_LABELS = ("Council", "Source", "Function", "StatutoryRole", "Person")
# Labels whose nodes belong to one structure (carry `structure`): deleted and re-created on reload.
SCOPED_LABELS = ("Post", "Unit", "Person", "AssuranceReview")

# -- what ids in a file may be -------------------------------------------------------------------
# Letters, digits, '.', '_', '-' and '@' (organogram imports key unreferenced rows `0@ROW`),
# starting with a letter or digit: no ':' or '%', safe in a uid, a URL and a Cypher parameter,
# and short enough that every uid fits Neo4j's index key limit.
MAX_ID = 100
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")
ID_RULE = "letters, digits, '.', '_', '-' and '@', starting with a letter or digit"
# A holder's name scopes a Person uid (indexed): percent-encoded, at most 12 bytes a character.
MAX_NAME = 200
# Other text (titles, quotes, notes) is stored, not indexed; the limit keeps a load's size sane.
MAX_TEXT = 10_000
# Integers Neo4j can store (64-bit signed).
MIN_INT, MAX_INT = -(2**63), 2**63 - 1


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None when it can."""
    if len(value) > MAX_ID:
        return f"is {len(value)} characters long; an id has at most {MAX_ID}"
    if not ID_PATTERN.fullmatch(value):
        return f"may only contain {ID_RULE}"
    return None


# -- uids ----------------------------------------------------------------------------------------
KIND_LABEL = {
    "council": "Council",
    "structure": "Structure",
    "post": "Post",
    "person": "Person",
    "unit": "Unit",
    "role": "StatutoryRole",
    "function": "Function",
    "source": "Source",
    "review": "AssuranceReview",
}
SEP = ":"


# The characters quote(..., safe="") leaves as they are: a part made only of them (most ids) is
# its own encoding, found by one regular expression instead of quote's byte-by-byte walk; a part
# that adds only spaces (most names) needs just those replaced.
_UNCHANGED_BY_QUOTE = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch
_ONLY_SPACES_QUOTED = re.compile(r"[A-Za-z0-9_.~ -]*").fullmatch


def _encoded(part: str | int) -> str:
    if part.__class__ is str:
        if _UNCHANGED_BY_QUOTE(part):
            return part
        if _ONLY_SPACES_QUOTED(part):
            return part.replace(" ", "%20")
    return quote(str(part), safe="")


def uid(kind: str, *parts: str | int) -> str:
    """`kind:part:part…` with every part percent-encoded (':' and '%' included), so it is injective."""
    if kind not in KIND_LABEL:
        raise ValueError(f"unknown node kind '{kind}'")
    out = [kind]
    for p in parts:
        out.append(_encoded(p))
    return SEP.join(out)


def parse_uid(text: str) -> tuple[str, tuple[str, ...]]:
    """(kind, parts) of a uid made by `uid`."""
    kind, *parts = text.split(SEP)
    return kind, tuple(unquote(p) for p in parts)


def label_of_uid(text: str) -> str | None:
    return KIND_LABEL.get(text.split(SEP, 1)[0])


def last_part(text: str) -> str:
    """The innermost part of a uid: a post's or unit's key, a role's code, a function's key."""
    return parse_uid(text)[1][-1]


def council_uid(council: str) -> str:
    return uid("council", council)


def structure_uid(structure: str) -> str:
    return uid("structure", structure)


def post_uid(structure: str, key: str) -> str:
    return uid("post", structure, key)


def unit_uid(structure: str, key: str) -> str:
    return uid("unit", structure, key)


def review_uid(structure: str, review: str) -> str:
    return uid("review", structure, review)


def role_uid(code: str) -> str:
    return uid("role", code)


def function_uid(council: str, key: str) -> str:
    return uid("function", council, key)


def source_uid(council: str, source: str) -> str:
    return uid("source", council, source)


def person_identity(name: str) -> str:
    """The name as it identifies a person within a council: spacing and case do not matter, every
    other character does (a name of digits or punctuation stays itself, never an empty slug)."""
    return " ".join(name.split()).casefold()


def person_uid(council: str, name: str) -> str:
    return uid("person", council, person_identity(name))


def unnamed_person_uid(structure: str, post: str, index: int) -> str:
    """An unnamed holder: nothing identifies them beyond their place in one post's list."""
    return uid("person", structure, post, index)


# -- property encoders ---------------------------------------------------------------------------
# Neo4j properties hold scalars and lists of one scalar type, not maps: a list of records is
# stored as JSON text, written and read only here.
STATED_COUNT_FIELDS = ("what", "title_contains", "before", "after", "source", "quote")
# A stated reference to a post or unit of the superseded structure (a structure's `deletes`, a unit's
# `replaces`), with its evidence.
STATED_LINK_FIELDS = ("key", "source", "quote", "inferred", "rule")


def encode_records(rows: Iterable[dict[str, Any]], fields: tuple[str, ...]) -> str | None:
    """A list of records (absent values as null) as one JSON property; None for no records."""
    out = [{f: row.get(f) for f in fields} for row in rows]
    return json.dumps(out, sort_keys=True, ensure_ascii=False) if out else None


def decode_records(text: str | None, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    if not text:
        return []
    return [{f: row.get(f) for f in fields} for row in json.loads(text)]
