"""A size and nesting guard run on the box's text before Neo4j sees it.

Neo4j's Cypher parser recurses once per nesting level: on 1 MiB thread stacks about 500 nested
brackets (1 KB of text) overflow it, the server cannot encode that failure, and the client hears
nothing until its socket times out. Planning is not interrupted by the time limit either (a
9,000-term `1+1+…` planned for 30 s). This guard only measures: what a query *does* is judged by
the plan (queries.box.expressions). Neo4j decodes `\\uXXXX` escapes before it lexes (`\\u0028` is
`(` even outside a string), so the guard decodes them first; it skips string literals, comments
and `backticked` names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 40  # ( [ { and CASE … END, plus a run of prefix NOT / - / +; the catalogue nests 6 deep
MAX_OPERATORS = 200  # binary operators and commas; the catalogue's largest query has 157

_UNICODE = re.compile(r"\\u([0-9a-fA-F]{4})")
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+) | (?P<line_comment>//[^\n]*) | (?P<block_comment>/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z)) | (?P<name>`(?:[^`]|``)*(?:`|\Z))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*) | (?P<number>\d[\d.eE]*)
  | (?P<open>[(\[{]) | (?P<close>[)\]}]) | (?P<op><>|<=|>=|=~|->|<-|\.\.|[-+*/%^=<>,|]) | (?P<other>.)
""",
    re.X | re.S,
)
_SKIPPED = frozenset({"ws", "line_comment", "block_comment"})
_BINARY_WORDS = frozenset({"AND", "OR", "XOR"})
# Words after which a '-' or '+' is a sign, not a subtraction.
_NOT_VALUES = frozenset(
    {"NOT", "AND", "OR", "XOR", "WHERE", "RETURN", "WITH", "WHEN", "THEN", "ELSE", "IN", "CASE", "IS"}
)


@dataclass(frozen=True)
class Shape:
    """How deep the text nests and how many operators it has, as the parser will see it."""

    depth: int
    operators: int


def shape(text: str) -> Shape:
    text = _UNICODE.sub(lambda m: chr(int(m.group(1), 16)), text)
    depth = deepest = operators = prefix_run = 0
    after_value = False  # did the previous token end a value (so '-' is binary)?
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup or "other", match.group()
        if kind in _SKIPPED:
            continue
        word = token.upper() if kind == "word" else ""
        if kind == "open" or word == "CASE":
            depth += 1
        elif kind == "close" or word == "END":
            depth = max(0, depth - 1)
        if word == "NOT" or (kind == "op" and token in "-+" and not after_value):
            prefix_run += 1
        else:
            prefix_run = 0
        if kind == "op" or word in _BINARY_WORDS:
            operators += 1
        deepest = max(deepest, depth + prefix_run)
        after_value = kind in ("word", "number", "string", "name", "close") and word not in _NOT_VALUES
    return Shape(deepest, operators)


def check_text(text: str) -> str | None:
    """Why the text may not be sent to Neo4j, or None."""
    measured = shape(text)
    if measured.depth > MAX_DEPTH:
        return f"the query nests {measured.depth} levels deep; the limit is {MAX_DEPTH}"
    if measured.operators > MAX_OPERATORS:
        return f"the query has {measured.operators} operators; the limit is {MAX_OPERATORS}"
    return None
