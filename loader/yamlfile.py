"""Read YAML keeping the line of every mapping and key, so problems can point at a line.

The document is built straight from libyaml's event stream by one loop with an explicit stack,
not by PyYAML's composer and constructor, because a structure file may be hostile:

- anchors and aliases are not part of the format and are refused at the event that carries them,
  before anything is expanded (an alias bomb of 2 KB would otherwise grow to gigabytes);
- nesting is limited (a file 20,000 levels deep would otherwise exhaust Python's recursion);
- one pass over the events, so reading is linear in the file's size;
- a scalar the YAML resolver cannot construct (an unquoted `2024-02-30`) stays the text it was,
  and the format's own checks report it with its line;
- duplicate keys are reported (PyYAML keeps the last silently, which would hide a second
  `line_manager`), as are explicit tags other than YAML's own.

The file's size is limited (REMIT_MAX_FILE_MB, default 100) and an empty file is a problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev

from .problems import Problem
from .text import shorten

DEFAULT_MAX_MB = 100
MAX_DEPTH = 64  # the format needs about ten levels
_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = _YAML_TAG + "str"
_CACHE_LIMIT = 100_000
# Plain scalar text -> its value, shared by every file read in this process: the value of a plain
# scalar depends on its text alone, and keys, ids, dates and kinds recur across councils' files.
# Every value is immutable (text, numbers, dates); bounded, and only short texts are kept.
_SCALARS: dict[str, Any] = {}


class LDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stood in the file."""

    __slots__ = ("line", "key_lines")  # no per-mapping __dict__: a file has tens of thousands of them

    def __init__(self, line: int = 0):  # starts empty (dict.__new__ made it): no super().__init__ call
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list[Any]):
    __slots__ = ("line", "item_lines")

    def __init__(self, line: int = 0):
        self.line = line
        self.item_lines: list[int] = []


# libyaml's C parser is about ten times faster than the pure-Python one; events are the same.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(Exception):
    """Stop reading: the file cannot be read on (the problem says why)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def max_file_bytes() -> int:
    """The size limit, from REMIT_MAX_FILE_MB (a number of megabytes) or the default."""
    raw = os.environ.get("REMIT_MAX_FILE_MB", "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


def read_text(path: Path, label: str, limit: int | None = None) -> tuple[str | None, list[Problem]]:
    """The file as UTF-8 text, or the problem that stops it being read (missing, too big, empty,
    not UTF-8). Shared by every text format so each gives the same messages."""
    limit = max_file_bytes() if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [too_big(label, size, limit)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(label, 0, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(label, line, "file is not UTF-8 text")]
    if not text.strip():
        return None, [Problem(label, 1, "file is empty")]
    return text, []


def too_big(label: str, size: int, limit: int) -> Problem:
    """The one message for a file over the size limit, whatever its format."""
    return Problem(label, 0, f"file is {_mb(size)}; the limit is {_mb(limit)} (set REMIT_MAX_FILE_MB to change it)")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_yaml(path: Path, label: str, limit: int | None = None) -> tuple[Any, list[Problem]]:
    """Return the document and its problems; the document is None when it cannot be read at all."""
    text, problems = read_text(path, label, limit)
    if text is None:
        return None, problems
    return parse_yaml(text, label)


def parse_yaml(text: str, label: str) -> tuple[Any, list[Problem]]:
    """Build the document from `text` (see the module docstring for what is refused)."""
    builder = _Builder(_Base(text))
    try:
        data = builder.run()
    except _Refused as exc:
        return None, [Problem(label, exc.line, exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [
            Problem(label, mark.line + 1 if mark else 0, f"not valid YAML: {shorten(str(exc.problem or exc.context))}")
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(label, 0, f"not valid YAML: {shorten(str(exc))}")]
    finally:
        builder.loader.dispose()
    if data is None:  # `---` alone, or `~`: nothing to read
        return None, [Problem(label, 1, "file is empty (its document holds nothing)")]
    return data, [Problem(label, line, msg) for line, msg in builder.problems]


class _Builder:
    """One pass over the events: containers on a stack, each scalar placed as it arrives.

    The loop is written out in one function (the enclosing container's state in locals, no call
    per event): it runs for every event of every file, and reading hundreds of councils spends
    most of its time here and in libyaml."""

    def __init__(self, loader: Any):
        self.loader = loader
        self.problems: list[tuple[int, str]] = []
        self.cache = _SCALARS

    def run(self) -> Any:
        get_event, cache, problems = self.loader.get_event, self.cache, self.problems
        scalar_event, mapping_start, sequence_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
        mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
        # The enclosing containers' (container, is a mapping, pending key, key line); the innermost
        # one's state is in the four locals below.
        stack: list[tuple[Any, bool, Any, int]] = []
        container: Any = None
        is_map = False
        key: Any = _NO_KEY
        key_line = 0
        root: Any = None
        documents = 0
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_event:  # the common case first: a plain scalar seen before
                if event.anchor is not None:
                    self._no_anchor(event, _line(event))
                value = cache.get(event.value, _NO_KEY) if event.tag is None and event.implicit[0] else _NO_KEY
                if value is _NO_KEY:
                    value = self._scalar(event)
                line = 0  # known only where it is kept (a key's, a list item's): see below
            elif cls is mapping_start or cls is sequence_start:
                line = _line(event)
                self._no_anchor(event, line)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(line, f"nesting is deeper than {MAX_DEPTH} levels")
                self._collection_tag(event, line, "map" if cls is mapping_start else "seq")
                stack.append((container, is_map, key, key_line))
                is_map = cls is mapping_start
                container = LDict(line) if is_map else LList(line)
                key = _NO_KEY
                continue
            elif cls is mapping_end or cls is sequence_end:
                value = container
                line = value.line
                container, is_map, key, key_line = stack.pop()
            elif cls is ev.AliasEvent:
                raise _Refused(_line(event), "YAML aliases (*name) are not part of the format: write the value out")
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(_line(event), "a structure file holds one YAML document (found a second '---')")
                continue
            elif cls is ev.StreamEndEvent:
                if documents == 0:
                    raise _Refused(1, "file is empty")
                return root
            else:  # stream start, document end
                continue
            if container is None:
                root = value
            elif not is_map:
                container.append(value)
                container.item_lines.append(line or event.start_mark.line + 1)
            elif key is _NO_KEY:  # this value is a key
                key_line = line or event.start_mark.line + 1
                if value.__class__ is str:
                    key = value
                elif isinstance(value, (dict, list)):
                    problems.append((key_line, "a mapping key must be a plain value"))
                    key = _BAD_KEY
                else:
                    key = value if isinstance(value, str) else str(value)
            else:
                if key is not _BAD_KEY:
                    if key in container:
                        problems.append(
                            (key_line, f"duplicate key '{shorten(key)}' (first at line {container.key_lines[key]})")
                        )
                    else:
                        container[key] = value
                        container.key_lines[key] = key_line
                key = _NO_KEY

    def _no_anchor(self, event: Any, line: int) -> None:
        if event.anchor is not None:
            raise _Refused(
                line, f"YAML anchors (&{shorten(event.anchor, 40)}) are not part of the format: write the value out"
            )

    def _collection_tag(self, event: Any, line: int, kind: str) -> None:
        if event.tag is not None and event.tag != _YAML_TAG + kind:
            raise _Refused(line, f"YAML tag '{shorten(event.tag, 60)}' is not part of the format")

    def _scalar(self, event: Any) -> Any:
        """The scalar's value as the YAML 1.1 safe resolver types it; cached, as values recur."""
        tag, value = event.tag, event.value
        plain = event.implicit[0]
        if tag is None or tag == "!":
            if not plain:
                return value
            tag = self.loader.resolve(yaml.ScalarNode, value, (True, False))
        elif tag not in _SCALAR_TAGS:
            raise _Refused(_line(event), f"YAML tag '{shorten(tag, 60)}' is not part of the format")
        if tag == _STR or tag not in _SCALAR_TAGS:  # `=` and `<<` resolve to value/merge tags: text here
            result: Any = value
        else:
            node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
            try:
                result = self.loader.yaml_constructors[tag](self.loader, node)
            except (ValueError, OverflowError, TypeError, yaml.YAMLError):
                result = value  # e.g. 2024-02-30: kept as text, reported by the format's checks
        if plain and len(self.cache) < _CACHE_LIMIT and len(value) < 100:
            self.cache[value] = result
        return result


def _line(event: Any) -> int:
    return event.start_mark.line + 1 if event.start_mark else 0


_NO_KEY = object()
_BAD_KEY = object()
