"""Read YAML keeping the line of every mapping and key, so problems can point at a line.

PyYAML's safe loader silently keeps the last of two duplicate keys; a duplicated
`line_manager` would then hide a second line manager, so duplicates are reported instead.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem


class LDict(dict):
    """A mapping that remembers where it and each of its keys stood in the file."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int = 0
    item_lines: list[int]


# libyaml's C parser is about ten times faster than the pure-Python one; the constructors below
# stay in Python either way, so behaviour (and line numbers) are the same.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    duplicate_problems: list[tuple[int, str]]


def _map(loader: _Loader, node: yaml.MappingNode):
    data = LDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            loader.duplicate_problems.append((key_node.start_mark.line + 1, "a mapping key must be a plain value"))
            continue
        key = str(key) if not isinstance(key, str) else key
        if key in data:
            loader.duplicate_problems.append(
                (key_node.start_mark.line + 1, f"duplicate key '{key}' (first at line {data.key_lines[key]})")
            )
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _seq(loader: _Loader, node: yaml.SequenceNode):
    data = LList()
    data.line = node.start_mark.line + 1
    data.item_lines = [n.start_mark.line + 1 for n in node.value]
    yield data
    data.extend(loader.construct_object(n, deep=True) for n in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _seq)


def read_yaml(path: Path, label: str) -> tuple[Any, list[Problem]]:
    """Return the document and the problems that make it unreadable (then the document is None)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(label, 0, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(label, line, "file is not UTF-8 text")]
    loader = _Loader(text)
    loader.duplicate_problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return None, [Problem(label, line, f"not valid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [Problem(label, 0, f"not valid YAML: {exc}")]
    finally:
        loader.dispose()
    problems = [Problem(label, line, msg) for line, msg in loader.duplicate_problems]
    return data, problems
