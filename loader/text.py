"""Values quoted back in problem messages, shortened: a message must stay one readable line even
when the file holds a megabyte-long key or a number with a million digits; and shown, never obeyed,
by a terminal: a file's escape codes could otherwise recolour, rewrite or hide what is printed."""

from __future__ import annotations

import re
from typing import Any

MAX_SHOWN = 80

# Characters a terminal acts on instead of showing: C0 controls but tab and newline, DEL, C1
# controls (0x9b is a one-byte CSI on some terminals), and the bidirectional embeddings, overrides
# and isolates that make a line show in another order than it reads.
_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def visible(text: str) -> str:
    """`text` with every such character written as its escape (ESC as \\u001b: valid JSON too)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: str, n: int = MAX_SHOWN) -> str:
    """At most `n` characters, one line, control characters shown escaped; an ellipsis marks what was cut."""
    one_line = text if "\n" not in text and "\r" not in text else " ".join(text.split())
    one_line = visible(one_line)
    return one_line if len(one_line) <= n else one_line[: n - 1] + "…"


def show(value: Any, n: int = MAX_SHOWN) -> str:
    """A value as a message names it, shortened; never calls repr on containers (which could be
    huge) and never converts a huge integer to decimal in full."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int):
        if value.bit_length() > 200:
            return f"a number of about {int(value.bit_length() * 0.30103)} digits"
        return f"the number {shorten(str(value), n)}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shorten(value, n)}'"
    return shorten(type(value).__name__, n)
