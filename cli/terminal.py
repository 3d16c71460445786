"""Nothing from a file reaches the terminal as a control sequence.

A structure file or a CSV can hold escape codes (`\\x1b]0;…`, colours, a cursor move that hides
the line before it) in a title, a key or a name, and messages quote those values. Every command's
stderr (messages are for people), and its stdout when that is a table or a terminal, is written
through `loader.text.visible`: such characters appear as `\\u001b`. A CSV or JSON written to a file
or a pipe keeps its exact bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from remit.loader.text import visible


class Visible:
    """A text stream that writes control characters as their escapes."""

    def __init__(self, stream: TextIO):
        self.underlying = stream

    def write(self, text: str) -> int:
        self.underlying.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.underlying, name)


def raw(stream: Any) -> Any:
    """The stream under a Visible one: for Remit's own control characters (a progress line's \\r)."""
    return getattr(stream, "underlying", stream)


@contextmanager
def stderr_as_text() -> Iterator[None]:
    """Within the block, stderr (messages for people) is Visible."""
    saved = sys.stderr
    sys.stderr = Visible(saved)
    try:
        yield
    finally:
        sys.stderr = saved


@contextmanager
def stdout_as_text(fmt: str | None) -> Iterator[None]:
    """Within the block, stdout is Visible when it is a table, or a terminal whatever the format (a
    command without --format, such as `remit export`, writes a file's bytes to a pipe)."""
    saved = sys.stdout
    if fmt == "table" or saved.isatty():
        sys.stdout = Visible(saved)
    try:
        yield
    finally:
        sys.stdout = saved
