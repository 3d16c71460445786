"""Overview page: every council's structure in force on a date, in one national table.

Sortable (click a column), filterable (type, region, name), downloadable as CSV, with counts by
type and by region; each row links to that council's structure on the Structure page.
"""

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from remit.dashboard import state, widgets
from remit.present.overview import COLUMNS, counts_by, national_table
from remit.present.tables import NOT_STATED, column_label, rows_for_people
from remit.queries.scope import Scope

st.title("Overview")
st.caption(
    "Every council's structure in force on the date: the latest existing or approved structure effective on "
    "or before it. Type and region come from the UK local authority register (mySociety, CC BY 4.0)."
)
when = st.date_input(
    "In force on",
    value=dt.date.today(),
    min_value=dt.date(1990, 1, 1),
    max_value=dt.date(2100, 12, 31),
    key="overview_date",
)


@st.cache_data(show_spinner="Answering for every council…", max_entries=20)
def _table(key: str, as_of: str) -> list[dict]:
    return national_table(state.backend(), Scope(as_of))


def _people(rows: list[dict[str, Any]]) -> pd.DataFrame:
    heads, shown = rows_for_people(rows)
    return pd.DataFrame(shown, columns=heads)


rows = _table(state.cache_key(), when.isoformat())
if not rows:
    st.info("No council has an existing or approved structure in force on this date.")
    st.stop()
left, middle, right = st.columns(3)
types = left.multiselect("Type", sorted({r["type"] for r in rows if r["type"]}), key="overview_type")
regions = middle.multiselect("Region", sorted({r["region"] for r in rows if r["region"]}), key="overview_region")
name = right.text_input("Council name contains", key="overview_name").strip().lower()
shown = [
    r
    for r in rows
    if (not types or r["type"] in types)
    and (not regions or r["region"] in regions)
    and (not name or name in (r["council_name"] or r["council"]).lower())
]
frame = pd.DataFrame(shown, columns=list(COLUMNS))
frame.insert(0, "open", [f"./?council={r['council']}&structure={r['structure']}" for r in shown])
st.metric("Councils", len(frame))
# For people: the council's name first (its id and register code stay in the download), headings
# in words, "not stated" where the documents say nothing.
people = frame.astype(object).where(frame.notna(), NOT_STATED)
order = ["council_name", "open"] + [c for c in COLUMNS if c not in ("council", "council_name", "code")]
config: dict[str, Any] = {c: st.column_config.Column(column_label(c)) for c in COLUMNS}
config["council_name"] = st.column_config.TextColumn("Council", pinned=True)
config["open"] = st.column_config.LinkColumn("Structure page", display_text="open")
config["dcs_combined"] = st.column_config.Column("DCS holds other roles or functions")
st.dataframe(
    people,
    hide_index=True,
    width="stretch",
    key="overview_table",
    column_order=order,
    column_config=config,
    alt="Every council's structure in force on the date",
)
st.download_button(
    "Download CSV",
    widgets.csv_bytes(frame.drop(columns=["open"])),
    file_name=f"remit-overview-{when.isoformat()}.csv",
    mime="text/csv",
    key="overview_csv",
)
by_type, by_region = st.columns(2)
by_type.header("By type")
by_type.dataframe(_people(counts_by(shown, "type")), hide_index=True, key="overview_by_type")
by_region.header("By region")
by_region.dataframe(_people(counts_by(shown, "region")), hide_index=True, key="overview_by_region")
