"""Widgets several pages share: choosing a structure (by id or by council and date), a chart frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from remit.formats.spreadsheet import cell_for_people
from remit.present.markup import md_escape
from remit.present.tables import rows_for_people
from remit.queries.structures import UsageError, resolve_structure

from . import state

if TYPE_CHECKING:
    import pandas as pd

    from remit.queries.snapshot import Snapshot

BY_STRUCTURE, BY_DATE = "Structure", "Date"


@dataclass(frozen=True)
class Chosen:
    structure: str
    as_of: str | None  # set when the structure was picked by date: holdings are those in force then
    council: str
    label: str


def _label(row: dict[str, Any]) -> str:
    when = row.get("effective") or "no date"
    return f"{row['structure']} — {row.get('label') or ''} ({row['status']}, {when})"


def pick_structure(
    where: Any = None, key: str = "main", default: str | None = None, council: str | None = None
) -> Chosen | None:
    """Council, then a structure or a date. Returns None (with a message) when nothing fits."""
    where = where or st.sidebar
    rows = state.structures()
    if not rows:
        where.warning("No structures are loaded. Use the Load page to add structure files.")
        return None
    councils = sorted({r["council"] for r in rows})
    if council is None:
        council = where.selectbox("Council", councils, key=f"{key}_council")
    mine = [r for r in rows if r["council"] == council]
    mode = where.radio("Choose by", (BY_STRUCTURE, BY_DATE), horizontal=True, key=f"{key}_mode")
    if mode == BY_STRUCTURE:
        ids = [r["structure"] for r in mine]
        index = ids.index(default) if default in ids else 0
        by_id = {r["structure"]: r for r in mine}
        sid = where.selectbox(
            "Structure", ids, index=index, format_func=lambda s: _label(by_id[s]), key=f"{key}_structure"
        )
        return Chosen(sid, None, council, by_id[sid].get("label") or sid)
    dates = [r["effective_start"] for r in mine if r.get("effective_start")]
    start = dt.date.fromisoformat(max(dates)) if dates else dt.date.today()
    when = where.date_input(
        "In force on", value=start, min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31), key=f"{key}_date"
    )
    proposed = where.checkbox(
        "Include proposed structures",
        key=f"{key}_proposed",
        help="Use a proposed structure whose effective date has passed",
    )
    try:
        used = resolve_structure(state.backend(), council=council, as_of=when.isoformat(), include_proposed=proposed)
    except UsageError as exc:
        where.warning(md_escape(exc))
        return None
    sid, as_of = used.structure, used.as_of
    row = next(r for r in mine if r["structure"] == sid)
    where.caption(f"In force on {as_of}: **{md_escape(sid)}** ({md_escape(used.status)})")
    for note in used.notes:
        where.info(md_escape(note))
    return Chosen(sid, as_of, council, row.get("label") or sid)


def post_options(snap: Snapshot) -> tuple[list[str], dict[str, str]]:
    """Post keys sorted by title, and key -> 'Title (key)' for selectboxes."""
    posts = snap.posts()
    keys = sorted(posts, key=lambda k: ((posts[k].get("title") or k).lower(), k))
    return keys, {k: f"{posts[k].get('title') or k} ({k})" for k in keys}


def frame(rows: list[dict[str, Any]], columns: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Rows as a DataFrame Arrow can show: lists joined, and a column of mixed types as text."""
    import json

    import pandas as pd

    def cell(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return "; ".join(json.dumps(x, default=str) if isinstance(x, dict) else str(x) for x in v)
        if isinstance(v, dict):
            return json.dumps(v, default=str, ensure_ascii=False)
        return v

    df = pd.DataFrame([{k: cell(v) for k, v in r.items()} for r in rows], columns=list(columns) if columns else None)
    for c in df.columns:
        kinds = {type(v) for v in df[c] if v is not None and v == v}
        if len(kinds) > 1 and not kinds <= {int, float}:
            df[c] = [None if v is None or v != v else str(v) for v in df[c]]
    return df


def csv_bytes(df: Any) -> bytes:
    """A download's CSV, safe to open in a spreadsheet: a cell that begins with = + - @, a tab or a
    carriage return gets a leading ' (formats.spreadsheet; `remit ... --raw-csv` gives raw cells)."""
    return df.map(cell_for_people).to_csv(index=False).encode("utf-8")


def people_frame(
    rows: list[dict[str, Any]], columns: Sequence[str] | None = None, titles: dict[str, str] | None = None
) -> pd.DataFrame:
    """Rows for people (queries.present): headings in words, "not stated", £ amounts, dates,
    post titles for keys. Downloads keep the raw values (frame)."""
    import pandas as pd

    heads, shown = rows_for_people(rows, columns, titles)
    return pd.DataFrame(shown, columns=heads)


def table(
    rows: list[dict[str, Any]],
    columns: Sequence[str] | None = None,
    key: str | None = None,
    titles: dict[str, str] | None = None,
) -> None:
    st.dataframe(people_frame(rows, columns, titles), hide_index=True, width="stretch", key=key)
