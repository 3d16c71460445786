"""Assurance page: every rule for the chosen structure, the four outcomes apart (flag, unknown,
pass, n/a), each finding as a card read in full where it is shown: the rule's name and citation,
the reason, the missing fact, mitigations, inferred facts, posts and sources, in the same words as
`remit check` and the report (present.findings)."""

import streamlit as st

from remit.dashboard import downloads, state, widgets
from remit.present.findings import rule_cards
from remit.present.markup import md_escape
from remit.queries.assurance import FLAG, LABELS, NA, ORDER, PASS, UNKNOWN, summarise

# Unknown has its own colour: it is neither a pass nor a flag. The label says it in words too.
COLOURS = {FLAG: "red", UNKNOWN: "orange", PASS: "green", NA: "gray"}
ICONS = {FLAG: "\u26a0", UNKNOWN: "?", PASS: "\u2713", NA: "\u2013"}

st.title("Assurance")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
st.header(md_escape(chosen.label))
st.caption(md_escape(chosen.structure + (f" · as of {chosen.as_of}" if chosen.as_of else "")))
summary = summarise(chosen.structure, chosen.as_of, facts_of=state.rule_facts, periods_of=state.structure_periods)
counts = summary.counts()
# One line each, so the four counts stand level (the long label of unknown is in the caption).
SHORT = {FLAG: "Flag", UNKNOWN: "Unknown", PASS: "Pass", NA: "Not applicable"}
for column, outcome in zip(st.columns(len(ORDER)), ORDER):
    column.markdown(f"**:{COLOURS[outcome]}[{ICONS[outcome]} {SHORT[outcome]}]** rules")
    column.metric(f"rules: {outcome}", counts[outcome], label_visibility="collapsed")
downloads.report_buttons(chosen.structure, chosen.as_of, None, key="assurance")
with st.expander("Every rule and its outcome (a table)", expanded=False):
    widgets.table(
        [
            {"rule": r.rule.id, "title": r.rule.title, "outcome": r.outcome, "findings": len(r.findings)}
            for r in sorted(summary.results, key=lambda r: (ORDER.index(r.outcome), r.rule.id))
        ],
        key="assurance_summary",
        lead=("title", "outcome"),
        label="Rules and their outcomes",
    )
snap = state.snapshot(chosen.structure)
titles = {k: p.get("title") or k for k, p in snap.posts().items()}
docs = {r["source"]: r["title"] for r in state.answer("sources", {"structure": chosen.structure}) if r["title"]}
st.caption(
    "A finding that rests on an inference says so under “Inferred”, with the reasoning: it is not what a "
    "document says in so many words. Unknown means the documents do not state what the rule needs; it is "
    "never counted as a pass."
)
for outcome, cards in rule_cards(summary, titles, docs):
    n = sum(len(c.findings) for c in cards)
    st.subheader(f":{COLOURS[outcome]}[{ICONS[outcome]} {LABELS[outcome]}] ({n} finding{'s' * (n != 1)})")
    for card in cards:
        with st.container(border=True, key=f"finding_{outcome.replace('/', '')}_{card.rule}"):
            st.markdown(f"**{ICONS[outcome]} {outcome.upper()} · {card.title}** ({card.rule})")
            for finding in card.findings:
                for label, text in finding.lines():
                    st.text(f"{label}: {text}")
                if finding is not card.findings[-1]:
                    st.divider()
            if card.citation:
                st.text(f"Law and guidance: {card.citation}")
st.subheader("Local tests of assurance")
reviews = state.answer("assurance-reviews", {"structure": chosen.structure})
if reviews:
    st.caption("Each criterion with its outcome and any condition, the reviewer, the date and the follow-up asked for.")
    widgets.table(reviews, key="assurance_reviews", label="Local tests of assurance")
else:
    st.info("No local test of assurance is recorded for this structure.")
