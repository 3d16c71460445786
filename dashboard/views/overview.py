"""Overview page: every council's structure in force on a date, in one national table.

Sortable (click a column), filterable (type, region, name), downloadable as CSV, with counts by
type and by region; each row links to that council's structure on the Structure page.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from remit.dashboard import state, widgets
from remit.present.overview import COLUMNS, counts_by, national_table
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
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    key="overview_table",
    column_config={"open": st.column_config.LinkColumn("structure page", display_text="open")},
)
st.download_button(
    "Download CSV",
    widgets.csv_bytes(frame.drop(columns=["open"])),
    file_name=f"remit-overview-{when.isoformat()}.csv",
    mime="text/csv",
    key="overview_csv",
)
by_type, by_region = st.columns(2)
by_type.subheader("By type")
by_type.dataframe(pd.DataFrame(counts_by(shown, "type")), hide_index=True, key="overview_by_type")
by_region.subheader("By region")
by_region.dataframe(pd.DataFrame(counts_by(shown, "region")), hide_index=True, key="overview_by_region")
