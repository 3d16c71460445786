"""Assurance page: every rule for the chosen structure, the four outcomes apart (pass, flag, unknown,
n/a), each finding with its reason, missing fact, mitigations, inferences and the law it cites."""

import streamlit as st

from remit.dashboard import downloads, state, widgets
from remit.present.markup import md_escape
from remit.queries.assurance import FLAG, LABELS, NA, ORDER, PASS, UNKNOWN, summarise

# Unknown has its own colour: it is neither a pass nor a flag.
COLOURS = {FLAG: "red", UNKNOWN: "orange", PASS: "green", NA: "gray"}
FINDING_COLUMNS = ["rule", "reason", "missing", "mitigations", "inferred", "posts", "sources"]

st.title("Assurance")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
st.subheader(md_escape(chosen.label))
st.caption(md_escape(chosen.structure + (f" · as of {chosen.as_of}" if chosen.as_of else "")))
summary = summarise(chosen.structure, chosen.as_of, facts_of=state.rule_facts, periods_of=state.structure_periods)
counts = summary.counts()
for column, outcome in zip(st.columns(len(ORDER)), ORDER):
    column.markdown(f"**:{COLOURS[outcome]}[{LABELS[outcome]}]**")
    column.metric(f"rules: {outcome}", counts[outcome], label_visibility="collapsed")
downloads.report_buttons(chosen.structure, chosen.as_of, None, key="assurance")
widgets.table(
    [
        {"rule": r.rule.id, "title": r.rule.title, "outcome": r.outcome, "findings": len(r.findings)}
        for r in summary.results
    ],
    key="assurance_summary",
)
st.caption(
    "A finding marked in the 'inferred' column rests on an inference (with its reasoning), not on "
    "what a document says in so many words."
)
for outcome in ORDER:
    results = [r for r in summary.results if r.outcome == outcome]
    if not results:
        continue
    st.markdown(f"### :{COLOURS[outcome]}[{LABELS[outcome]}]")
    for result in results:
        rule = result.rule
        with st.expander(f"{outcome.upper()} · {rule.title} ({rule.id})", expanded=outcome == FLAG):
            st.write(rule.description)
            if rule.guidance:
                st.caption(f"Law and guidance: {rule.guidance}")
            widgets.table(result.findings, columns=FINDING_COLUMNS + ["outcome"], key=f"assurance_{rule.id}")
st.markdown("### Local tests of assurance")
reviews = state.answer("assurance-reviews", {"structure": chosen.structure})
if reviews:
    st.caption("Each criterion with its outcome and any condition, the reviewer, the date and the follow-up asked for.")
    widgets.table(reviews, key="assurance_reviews")
else:
    st.info("No local test of assurance is recorded for this structure.")
