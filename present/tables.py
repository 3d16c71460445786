"""Tables for people: titles instead of keys, "not stated" instead of None, money as £1,969,999,
dates as dates, column names in words. Shared by the dashboard's tables, the CLI's table output
and the report, so a committee reads the same thing everywhere. JSON and CSV output stay raw."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from remit.loader.text import visible

NOT_STATED = "not stated"
MINUS = "\u2212"
# Columns holding money, in any table (cost summaries use before/after/difference for every
# metric, so those are money only when the row's metric is).
MONEY_COLUMNS = {"salary", "salary_min", "salary_max", "on_costs", "total_cost", "pay", "cost"}
MONEY_METRICS = {"salary", "salary_min", "salary_max", "on_costs", "total_cost"}
METRIC_VALUE_COLUMNS = {
    "before",
    "after",
    "difference",
    "stated_before",
    "stated_after",
    "stated_change",
    "gap_before",
    "gap_after",
    "gap_change",
}
# Columns holding post keys, shown as the post's title.
POST_KEY_COLUMNS = {
    "post",
    "post_key",
    "key",
    "key_before",
    "key_after",
    "manager",
    "line_manager",
    "accountable_to",
    "reports_to",
    "holder_post",
}
# Columns that may hold post keys, function keys or `unit:KEY` subjects, shown by name in tables for
# people (issue 21: names where people expect names, never keys such as `unit:sandwell-childrens-trust`).
NAMED_POST_COLUMNS = POST_KEY_COLUMNS | {
    "dcs",
    "heads",
    "line_chain",
    "line_report_posts",
    "accountable_from",
    "posts",
    "subject_key",
}
FUNCTION_KEY_COLUMNS = {"function", "children_functions", "other_functions", "functions_kind_not_stated", "through"}
UNIT_PREFIX = "unit:"
COLUMN_WORDS = {
    "key_before": "Key before",
    "key_after": "Key after",
    "fte": "FTE",
    "on_costs": "On-costs",
    "salary_min": "Salary (lowest)",
    "salary_max": "Salary (highest)",
    "total_cost": "Total cost",
    "sources_before": "Sources (before)",
    "sources_after": "Sources (after)",
    "hops": "Head of Paid Service",
    "dcs": "DCS",
    "dass": "DASS",
    "lmcs": "LMCS",
    "s151": "S151",
    "mo": "MO",
    "dph": "DPH",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def money(value: Any, signed: bool = False) -> str:
    """£1,969,999; a negative sum with a real minus sign (−£101,186); + when asked for a change."""
    if value is None:
        return NOT_STATED
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    sign = MINUS if value < 0 else ("+" if signed and value > 0 else "")
    return f"{sign}£{abs(value):,.0f}"


def date(value: Any) -> str:
    """1 April 2015 (a date stays a date; other text is left alone)."""
    if value is None:
        return NOT_STATED
    if isinstance(value, dt.date):
        d = value
    elif isinstance(value, str) and ISO_DATE.match(value):
        try:
            d = dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        return str(value)
    return f"{d.day} {d.strftime('%B %Y')}"


def number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)


# Statutory roles' codes as people write them, wherever they appear in a column's name.
ROLE_WORDS = {
    "dcs": "DCS",
    "dass": "DASS",
    "hops": "HoPS",
    "mo": "MO",
    "dph": "DPH",
    "lmcs": "LMCS",
    "s151": "s151",
    "cfo": "CFO",
    "fte": "FTE",
}


def column_label(column: str) -> str:
    """'key_before' -> 'Key before'; a statutory role's code as people write it ('dcs_post' -> 'DCS post')."""
    if column in COLUMN_WORDS:
        return COLUMN_WORDS[column]
    words = [ROLE_WORDS.get(w.lower(), w) for w in column.replace("_", " ").split()]
    text = " ".join(words)
    return text if words and words[0] in ROLE_WORDS.values() else text[:1].upper() + text[1:]


def cell(value: Any, column: str = "", titles: Mapping[str, str] | None = None, money_row: bool = False) -> str:
    """One value as a person reads it."""
    if value is None or (isinstance(value, float) and value != value):
        return NOT_STATED
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple, set)):
        parts = [cell(v, column, titles, money_row) for v in value]
        return "; ".join(parts) if parts else "none"
    if isinstance(value, dict):
        return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (int, float)) and (column in MONEY_COLUMNS or money_row):
        return money(value, signed=column in ("difference", "stated_change", "gap_change"))
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.match(value)):
        return date(value)
    if column == "metric" and isinstance(value, str) and value in MONEY_METRICS | {"fte"}:
        return column_label(value)
    if titles and column in POST_KEY_COLUMNS and isinstance(value, str) and value in titles:
        return titles[value]
    return str(value)


def rows_for_people(
    rows: Iterable[Mapping[str, Any]], columns: Iterable[str] | None = None, titles: Mapping[str, str] | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """(headings, rows of text): every value formatted, headings in words, key columns as titles."""
    rows = list(rows)
    cols = list(columns) if columns is not None else list(dict.fromkeys(k for r in rows for k in r))
    heads = [column_label(c) for c in cols]
    out = []
    for r in rows:
        money_row = r.get("metric") in MONEY_METRICS
        out.append({h: cell(r.get(c), c, titles, money_row and c in METRIC_VALUE_COLUMNS) for h, c in zip(heads, cols)})
    return heads, out


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def fit_widths(
    headings: list[str], rows: list[list[str]], total: int, gap: int = 2, floor: int = 8, cap: int | None = None
) -> list[int]:
    """Column widths that fit `total` characters: no column narrower than its longest word (up to
    `cap`, so an id or a word can stand whole on its line), narrow columns keep their width, and
    the wide ones share what is left in proportion to their length (long values then wrap)."""
    cap = cap or max(floor, total // 3)
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headings)]
    floors = [
        min(natural[i], max(floor, min(cap, max([_longest_word(h)] + [_longest_word(r[i]) for r in rows]))))
        for i, h in enumerate(headings)
    ]
    budget = max(total - gap * (len(natural) - 1), sum(floors))
    if sum(natural) <= budget:
        return natural
    widths = list(floors)
    room = budget - sum(widths)
    want = [natural[i] - floors[i] for i in range(len(natural))]
    # Give the room out in proportion to what each column still wants, never past its natural width.
    while room > 0 and any(want):
        share = sum(want)
        given = 0
        for i in range(len(widths)):
            extra = min(want[i], max(1 if want[i] else 0, room * want[i] // share))
            extra = min(extra, room - given)
            widths[i] += extra
            want[i] -= extra
            given += extra
        room -= given
        if not given:
            break
    return widths


def clip(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


NO_ROWS = "(no rows)"


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most `width` characters, broken at spaces; only a word longer than the whole
    width is split (there is no other way to show it)."""
    import textwrap

    return textwrap.wrap(
        text.replace("\n", " "),
        width,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [""]


def records(headings: list[str], rows: list[list[str]], total: int, empty: str = NO_ROWS) -> str:
    """Too many columns for the width: each row as 'Heading: value' lines, one block per row, long
    values wrapped under themselves (nothing cut)."""
    pad = min(max(len(h) for h in headings) + 2, max(total // 3, 4))
    blocks = []
    for r in rows:
        lines = []
        for h, v in zip(headings, r):
            label = f"{h}:".ljust(pad)
            lines += _wrap(label + v, total, " " * pad)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else empty


PROSE_AT = 60  # characters: a column with longer values is read beneath its row when the table is too wide


def text_table(
    headings: list[str], rows: list[list[str]], total: int = 120, floor: int = 8, empty: str = NO_ROWS
) -> str:
    """A plain-text table no wider than `total` characters (a terminal's width), wrapping at word
    boundaries, nothing cut: headings wrap too; when the table is too wide, long prose columns
    (reasons, quotes) are written beneath each row, full width; and when even the rest cannot fit,
    each row is a block of 'Heading: value' lines (records). An empty table says why (`empty`:
    "none: ..." or "not known: ..."), where the question knows. Control characters from data are
    shown as their escapes (loader.text.visible) before widths are measured."""
    rows = [[visible(v) if isinstance(v, str) else v for v in r] for r in rows]
    gap = 2
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headings)]
    prose: list[int] = []
    if sum(natural) + gap * (len(headings) - 1) > total and len(headings) > 1:
        prose = [i for i, n in enumerate(natural) if n > PROSE_AT and any(" " in r[i] for r in rows)]
        if len(prose) == len(headings):
            prose = prose[1:]
    keep = [i for i in range(len(headings)) if i not in prose]
    heads = [headings[i] for i in keep]
    grid = [[r[i] for i in keep] for r in rows]
    widths = fit_widths(heads, grid, total, gap, floor)
    if sum(widths) + gap * (len(widths) - 1) > total:
        return records(headings, rows, total, empty)
    head_cells = [_wrap(h, w) for h, w in zip(heads, widths)]
    lines = [
        "  ".join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(head_cells, widths)).rstrip()
        for i in range(max(len(c) for c in head_cells))
    ]
    lines.append("  ".join("-" * w for w in widths))
    for n, r in enumerate(rows):
        cells = [_wrap(v, w) for v, w in zip(grid[n], widths)]
        for i in range(max(len(c) for c in cells)):
            lines.append("  ".join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths)).rstrip())
        for i in prose:
            lines += _wrap(f"    {headings[i]}: {r[i]}", total, "      ")
        if prose and n < len(rows) - 1:
            lines.append("")
    if not rows:
        lines.append(empty)
    return "\n".join(lines)


Names = Mapping[tuple[str, str, str], str]  # (structure, kind, key) -> name: queries.names.names_of


def with_names(
    rows: Iterable[Mapping[str, Any]], columns: Iterable[str], names: Names, structure: str | None = None
) -> list[dict[str, Any]]:
    """Rows whose post keys, function keys and `unit:KEY` subjects are replaced by names, for a table people
    read. A row's own `structure` (an answer over many) wins over `structure`. A `post` or `key` column
    is left alone when the row shows a title or name beside it; a function key likewise beside its name."""
    cols = list(columns)
    titled = "title" in cols or "name" in cols
    named_function = "function_name" in cols

    def show(kind: str, sid: str | None, value: Any) -> Any:
        if isinstance(value, list):
            return [show(kind, sid, v) for v in value]
        if not isinstance(value, str):
            return value
        if value.startswith(UNIT_PREFIX):
            return names.get((sid or "", "unit", value[len(UNIT_PREFIX) :]), value)
        return names.get((sid or "", kind, value), value)

    out = []
    for r in rows:
        sid = r.get("structure") or structure
        row = dict(r)
        for c in cols:
            if c in ("post", "key", "post_key") and titled:
                continue
            if c in NAMED_POST_COLUMNS:
                row[c] = show("post", sid, row.get(c))
            elif c in FUNCTION_KEY_COLUMNS and not (c == "function" and named_function):
                row[c] = show("function", sid, row.get(c))
        out.append(row)
    return out


def stale_note(stale: list[str], pruned: bool = False) -> str:
    """What a Neo4j load says of the loaded councils' structures the files no longer hold (the CLI
    and the Load page alike): removed, with --prune; otherwise still there, and how to remove them."""
    listed = ", ".join(stale[:10]) + (f" and {len(stale) - 10} more" if len(stale) > 10 else "")
    if pruned:
        return f"removed {len(stale)} structure(s) of these councils that no file holds any more: {listed}"
    return (
        f"The database still holds {len(stale)} structure(s) of these councils that the files do not: {listed}. "
        "They were loaded earlier and stay (a question by date may still find one in force); "
        "`remit load --prune` with the same files removes them."
    )
