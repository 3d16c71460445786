"""neo4j-rust-ext on and off, the same reload timed in alternating fresh processes.

The driver uses the extension's packer when `neo4j._rust` imports and falls back to its
pure-Python one otherwise; "off" runs block that one import, so both sides run the same driver
version on the same database, interleaved so a change in the machine's load hits both.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import importlib.abc, json, sys, time
if sys.argv[1] == "off":
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "neo4j._rust":
                raise ImportError("blocked for the benchmark")
    sys.meta_path.insert(0, Block())
import logging
logging.getLogger("neo4j").setLevel(logging.ERROR)
from remit.loader import read_files
from remit.loader.neo4j_store import connect, load_dataset
import importlib.util
data = read_files([sys.argv[2]])
with connect() as store:
    t = time.perf_counter()
    load_dataset(store, data, force=True)  # every structure written, none skipped by digest
    print(json.dumps({"seconds": time.perf_counter() - t, "rust": "neo4j._rust" in sys.modules}))
"""


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("neo4j._rust") is not None


def compare(data_dir: Path, rounds: int = 3) -> dict[str, float]:
    """Median reload seconds with the extension on and off (the database already holds the data;
    every structure is rewritten, as none would be written if skipped by digest)."""
    times: dict[str, list[float]] = {"on": [], "off": []}
    for _ in range(rounds):
        for side in ("off", "on"):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, side, str(data_dir)],
                env=os.environ,
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            assert result["rust"] == (side == "on"), result
            times[side].append(result["seconds"])
    return {side: statistics.median(v) for side, v in times.items()}


if __name__ == "__main__":
    print(compare(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3))
