"""Validation problems, reported together as `FILE:LINE: message`.

Users fix structure files by hand, so every problem names the file and line and all of them are
reported at once rather than one per run.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InvalidStructureFiles(Exception):
    """Raised when any file has a problem; nothing from a file with a problem is loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
