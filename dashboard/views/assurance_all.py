"""All-councils assurance: every rule over every council's structure in force on a date (what
`remit check --all` gives), counted by rule, with each flag and unknown listed beside its council.

The findings come from queries.national_rules, as on the Overview: the same verdicts, made once per
structure content and date and kept (queries.digest_cache), so a second page on the same date, or
a date asked before, does not judge again.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from remit.dashboard import state
from remit.queries.assurance import FLAG, LABELS, NA, ORDER, PASS, UNKNOWN
from remit.queries.national_rules import national_findings
from remit.queries.scope import Scope

COLUMNS = ["council_name", "rule", "outcome", "reason", "missing", "mitigations", "inferred", "posts", "sources"]

st.title("Assurance, all councils")
st.caption(
    "Every assurance rule for every council's structure in force on the date (the latest existing or approved "
    "structure effective on or before it). Unknown means the documents do not state what the rule needs; "
    "n/a means the rule does not apply to that kind of council."
)
when = st.date_input(
    "In force on",
    value=dt.date.today(),
    min_value=dt.date(1990, 1, 1),
    max_value=dt.date(2100, 12, 31),
    key="assurance_all_date",
)


@st.cache_data(show_spinner="Judging every rule for every council…", max_entries=20)
def _findings(key: str, as_of: str) -> list[dict]:
    return national_findings(state.backend(), Scope(as_of), include_pass=True)


rows = _findings(state.cache_key(), when.isoformat())
if not rows:
    st.info("No council has an existing or approved structure in force on this date.")
    st.stop()
councils = {r["council"] for r in rows}
st.metric("Councils", len(councils))
st.caption(f"Structures in force on {when.isoformat()}.")

# Per rule: how many councils each outcome.
counts: dict[str, dict[str, int]] = {}
for r in rows:
    c = counts.setdefault(r["rule"], dict.fromkeys(ORDER, 0))
    c[r["outcome"]] += 1
st.subheader("By rule")
st.dataframe(
    pd.DataFrame(
        [{"rule": rule, **{LABELS[o]: n[o] for o in ORDER}} for rule, n in sorted(counts.items())],
    ),
    hide_index=True,
    width="stretch",
    key="assurance_all_by_rule",
)

left, middle, right = st.columns(3)
outcomes = left.multiselect("Outcome", [FLAG, UNKNOWN, PASS, NA], default=[FLAG, UNKNOWN], key="assurance_all_outcome")
chosen_rules = middle.multiselect("Rule", sorted(counts), key="assurance_all_rule")
name = right.text_input("Council name contains", key="assurance_all_name").strip().lower()
shown = [
    r
    for r in rows
    if r["outcome"] in outcomes
    and (not chosen_rules or r["rule"] in chosen_rules)
    and (not name or name in (r["council_name"] or r["council"]).lower())
]
st.subheader(f"Findings ({len(shown):,})")
frame = pd.DataFrame(
    [{c: "; ".join(r[c]) if isinstance(r[c], list) else r[c] for c in COLUMNS} for r in shown], columns=COLUMNS
)
frame.insert(0, "open", [f"./assurance?council={r['council']}&structure={r['structure']}" for r in shown])
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    key="assurance_all_table",
    column_config={"open": st.column_config.LinkColumn("assurance page", display_text="open")},
)
st.download_button(
    "Download CSV",
    frame.drop(columns=["open"]).to_csv(index=False).encode("utf-8"),
    file_name=f"remit-assurance-all-{when.isoformat()}.csv",
    mime="text/csv",
    key="assurance_all_csv",
)
