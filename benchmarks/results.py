"""benchmarks/RESULTS.md is shared: each benchmark replaces only its own marked section."""

from __future__ import annotations

import os
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine_line() -> str:
    load = os.getloadavg()
    return (
        f"machine load average (1, 5, 15 min) at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"cpus: {os.cpu_count()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def record(name: str, heading: str, lines: list[str], path: Path = RESULTS) -> None:
    """Replace the section between <!-- name --> and <!-- /name --> (other sections are kept)."""
    begin, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    body = f"{begin}\n## {heading}\n\n" + "".join(f"- {line}\n" for line in lines) + end
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")
