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
    column: int | None = None  # CSV readers name the column too: FILE:LINE:COLUMN: message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}: {self.message}"


class Problems(list[Problem]):
    """The problems of one file, named by the label the user knows it by (an upload's own name).

    Readers of every format and the validator write to this plain list, so the validator needs
    no reader of a particular format."""

    def __init__(self, label: str):
        super().__init__()
        self.label = label

    def problem(self, line: int, message: str, column: int | None = None) -> None:
        self.append(Problem(self.label, line, message, column))


class InvalidStructureFiles(Exception):
    """Raised when any file has a problem; nothing from a file with a problem is loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
