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
    names = {r["council"]: r.get("council_name") or r["council"] for r in rows}
    councils = sorted(names)  # by id, as every page orders them; shown by name
    if council is None:
        council = where.selectbox("Council", councils, key=f"{key}_council", format_func=lambda c: names[c])
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
    """Post keys sorted by title, and key -> the name a selectbox shows: the title, with the key
    after it only where two posts share a title (names, not keys, for people)."""
    posts = snap.posts()
    keys = sorted(posts, key=lambda k: ((posts[k].get("title") or k).lower(), k))
    title = {k: posts[k].get("title") or k for k in keys}
    seen: dict[str, int] = {}
    for t in title.values():
        seen[t] = seen.get(t, 0) + 1
    return keys, {k: title[k] if seen[title[k]] == 1 else f"{title[k]} ({k})" for k in keys}


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


# Columns of prose, read in a row's details rather than squeezed into a cell.
PROSE = {
    "reason",
    "quote",
    "guidance",
    "description",
    "mitigations",
    "inferred",
    "detail",
    "note",
    "follow_up",
    "condition",
    "evidence",
    "Other lines",
    "stated or inferred",
}
LONG = 70  # characters: a column whose longest value is longer reads better in the details
# Columns that identify a row, shown first (the table's first column stays in view).
LEAD = ("title", "what", "role_name", "role", "name", "Post", "fact", "post", "rule", "council_name", "structure")


def _split(
    heads: list[str], cols: list[str], shown: list[dict[str, str]], lead: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """(grid columns in order, prose columns) by heading: identifying columns first, prose out."""
    by_col = dict(zip(cols, heads))
    prose = [
        by_col[c]
        for c in cols
        if c in PROSE or by_col[c] in PROSE or max((len(r[by_col[c]]) for r in shown), default=0) > LONG
    ]
    first = [by_col[c] for c in (lead or LEAD) if c in by_col and by_col[c] not in prose][: 1 if lead is None else None]
    grid = first + [h for h in heads if h not in first and h not in prose]
    if not grid:  # every column is prose: show them all
        grid, prose = heads, []
    return grid, prose


def table(
    rows: list[dict[str, Any]],
    columns: Sequence[str] | None = None,
    key: str | None = None,
    titles: dict[str, str] | None = None,
    lead: Sequence[str] | None = None,
    label: str | None = None,
) -> None:
    """A table for people: the identifying column first (it stays in view), short columns in the
    grid, prose (reasons, quotes, guidance: anything long) in the chosen row's details, every word
    of it. `lead` names the answering columns to put first. The frame keeps every column (its
    download and tests read it); only the grid's column order leaves prose out."""
    from remit.present.tables import rows_for_people

    heads, shown = rows_for_people(rows, columns, titles)
    cols = list(columns) if columns is not None else list(dict.fromkeys(k for r in rows for k in r))
    frame = people_frame(rows, columns, titles)
    grid, prose = _split(heads, cols, shown, lead)
    config = {grid[0]: st.column_config.TextColumn(grid[0], pinned=True)} if grid and len(grid) > 3 else {}
    name = label or "Table"
    if not prose or not rows or key is None:
        st.dataframe(
            frame, hide_index=True, width="stretch", key=key, column_order=grid + prose, column_config=config, alt=name
        )
        return
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_order=grid,
        column_config=config,
        on_select="rerun",
        selection_mode="single-row",
        alt=f"{name}: choose a row to read {', '.join(prose)} in full below",
    )
    picked = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    record(shown[picked[0]] if picked else None, heads, prose)


def record(row: dict[str, str] | None, heads: list[str], prose: list[str]) -> None:
    """A row in full, label and value (plain text: data never becomes markup)."""
    if row is None:
        st.caption("Choose a row (click its left edge) to read " + ", ".join(prose).lower() + " in full here.")
        return
    with st.container(border=True):
        for h in heads:
            st.text(f"{h}: {row[h]}")


def post_panel(snap: Snapshot, key: str, tier: int | None) -> None:
    """A post's details beside the chart: every value as plain text (data never becomes markup)."""
    from .details import post_summary

    info = post_summary(snap, key)
    st.subheader(md_escape(str(info["title"])))
    with st.container(border=True):
        for label, value in (
            ("Holder", info["holder"]),
            ("Statutory roles", info["statutory roles"]),
            ("Tier", "not stated" if tier is None else f"{tier} below the top post"),
            ("Unit", info["unit"]),
            ("Status", info["status"]),
            ("Grade", info["grade"]),
            ("Salary", info["salary"]),
            ("Total cost", info["total cost"]),
            ("Functions", info["functions"]),
        ):
            st.text(f"{label}: {value}")
        if info["note"]:
            st.text(f"Note: {info['note']}")
    st.caption(
        "Its line and accountability paths to the top are highlighted on the chart; its chains and the "
        "evidence for every fact are below."
    )
