"""Print answers as a table, JSON or CSV (design.md's output contract)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMATS = ("table", "json", "csv")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render(fmt: str, command: str, columns: list[str], rows: list[dict[str, Any]], **extra: Any) -> str:
    if fmt == "json":
        return json.dumps({"command": command, **extra, "columns": columns, "rows": rows}, indent=2, default=str,
                          ensure_ascii=False)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([cell(r.get(c)) for c in columns])
        return buf.getvalue().rstrip("\n")
    return table(columns, rows)


def table(columns: list[str], rows: list[dict[str, Any]], width: int = 60) -> str:
    def clip(text: str) -> str:
        text = text.replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[clip(cell(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    if not rows:
        lines.append("(no rows)")
    return "\n".join(lines)
