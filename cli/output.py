"""Print answers as a table, JSON or CSV (design.md's output contract)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from typing import Any

from remit.formats.spreadsheet import neutralise
from remit.present.tables import NO_ROWS, rows_for_people, text_table

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


def render(
    fmt: str,
    command: str,
    columns: list[str],
    rows: list[dict[str, Any]],
    titles: dict[str, str] | None = None,
    width: int | None = None,
    empty: str | None = None,
    **extra: Any,
) -> str:
    if fmt == "json":
        said = {"empty": empty} if empty and not rows else {}
        return json.dumps(
            {"command": command, **extra, **said, "columns": columns, "rows": rows},
            indent=2,
            default=str,
            ensure_ascii=False,
        )
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([neutralise(cell(r.get(c))) for c in columns])  # raw within raw_cells() (--raw-csv)
        return buf.getvalue().rstrip("\n")
    return table(columns, rows, width=width, titles=titles, empty=empty)


def table(
    columns: list[str],
    rows: list[dict[str, Any]],
    width: int | None = None,
    titles: dict[str, str] | None = None,
    empty: str | None = None,
) -> str:
    """Rows for people (queries.present: "not stated", £ amounts, dates, titles for keys), fitted
    to the terminal's width (or `width`, or $COLUMNS); an empty answer says why when it can."""
    heads, shown = rows_for_people(rows, columns, titles)
    total = width or shutil.get_terminal_size((120, 24)).columns
    return text_table(heads, [[r[h] for h in heads] for r in shown], total, empty=f"({empty})" if empty else NO_ROWS)
