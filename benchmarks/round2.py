"""Round 2's figures, for the "round 2" column of RESULTS.md: read from benchmarks/RESULTS-round2.md
(the issue-13 table as it stood when issue 26 began, never rewritten), by measure."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROUND2 = Path(__file__).resolve().parent / "RESULTS-round2.md"

# Measures named differently now (today's name -> round 2's).
RENAMED = {
    "first load / neo4j-admin import (<= 1.3x)": "first load / neo4j-admin import (<= 4x)",
    "all councils: rule findings (every rule) (neo4j), first run on a date": (
        "all councils: rule findings (every rule) (neo4j), median"
    ),
    "neo4j-rust-ext: reload speed-up (off / on), every structure rewritten": "neo4j-rust-ext: reload speed-up (off / on)",
}
# Round 2's figure where its table had no line of its own (from its notes).
IN_WORDS = {
    "Neo4j reload, nothing changed / first load": "8.3 x (50 councils: 10.0 s, a first load 1.2 s; nothing skipped)",
    "Neo4j reload, every structure changed / first load": "8.3 x (50 councils: 10.0 s, a first load 1.2 s)",
}


@cache
def _figures() -> dict[str, str]:
    if not ROUND2.exists():
        return {}
    out = {}
    for line in ROUND2.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] not in ("measure", "") and not re.fullmatch(r"-+", cells[0]):
            out[cells[0]] = cells[1]
    return out


def figure(measure: str) -> str:
    """Round 2's figure for this measure ("" when round 2 did not measure it)."""
    return IN_WORDS.get(measure) or _figures().get(RENAMED.get(measure, measure), "")
