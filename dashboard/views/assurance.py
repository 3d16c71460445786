"""Assurance page: every statutory rule for the chosen structure, pass or flag, guidance, evidence."""
import streamlit as st

from remit.dashboard import downloads, state, widgets

st.title("Assurance")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
rules = state.questions("rule")
st.subheader(chosen.label)
st.caption(chosen.structure + (f" · as of {chosen.as_of}" if chosen.as_of else ""))
summary, results = [], []
for rule in rules:
    rows = state.answer(rule, {"structure": chosen.structure, "as_of": chosen.as_of})
    # A rule returns one row per thing it judges; it flags when any of them flags.
    outcome = "flag" if any(r.get("outcome") == "flag" for r in rows) else "pass" if rows else "nothing to judge"
    results.append((rule, rows, outcome))
    summary.append({"rule": rule.id, "title": rule.title, "outcome": outcome,
                    "findings flagged": sum(1 for r in rows if r.get("outcome") == "flag"), "findings": len(rows)})
flagged = sum(1 for s in summary if s["outcome"] == "flag")
st.metric("Rules flagged", f"{flagged} of {len(rules)}")
downloads.report_buttons(chosen.structure, chosen.as_of, None, key="assurance")
widgets.table(summary, key="assurance_summary")
for rule, rows, outcome in results:
    with st.expander(f"{outcome.upper()} · {rule.title} ({rule.id})", expanded=outcome == "flag"):
        st.write(rule.description)
        if rule.guidance:
            st.caption(f"Guidance: {rule.guidance}")
        if rows:
            widgets.table(rows, columns=list(rule.columns), key=f"assurance_{rule.id}")
        else:
            st.info("Nothing for this rule to judge in this structure.")
