"""Check that every `quote` in a structure file occurs verbatim in its source document.

Used while transcribing seed files, before the full validator (`remit validate`) is at hand.
Whitespace is collapsed on both sides; `...` in a quote joins fragments that must appear in order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

DOCS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def found(quote: str, doc: str) -> bool:
    pos = 0
    for frag in [norm(f) for f in quote.split("...") if norm(f)]:
        i = doc.find(frag, pos)
        if i < 0:
            return False
        pos = i + len(frag)
    return True


def walk(node, path="$"):
    if isinstance(node, dict):
        if "quote" in node:
            yield path, node.get("source"), node["quote"]
        for k, v in node.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}[{i}]")


def main(paths: list[str]) -> int:
    bad = 0
    for p in paths:
        data = yaml.safe_load(Path(p).read_text(encoding="utf-8"))
        files = {s["id"]: s["file"] for s in data.get("sources", [])}
        docs = {sid: norm((DOCS / f).read_text(encoding="utf-8")) for sid, f in files.items()}
        for path, src, quote in walk(data):
            if src not in docs:
                print(f"{p}: {path}: unknown source {src!r}")
                bad += 1
            elif not isinstance(quote, str) or not found(quote, docs[src]):
                print(f"{p}: {path}: quote not found in {files[src]}: {quote!r}")
                bad += 1
    print(f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
