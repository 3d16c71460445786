"""Review page: every open item of the chosen structure (inferred facts and unknowns a rule needs,
most useful first, with candidates), settled one by one: confirm or correct with a document, or
assert without one (kept inferred). Each decision shows what it changed; undo the last; download
the decisions as an overlay. The list's logic is the library's (remit.review)."""

import datetime as dt

import streamlit as st

from remit.dashboard import overlays, state, widgets
from remit.dashboard.decider import decider, upload_overlay
from remit.loader.overlay import Overlay
from remit.present.markup import md_escape
from remit.review.decide import Cited, DecisionError, settle
from remit.review.items import review_items
from remit.review.live import changed, evaluate, file_of, side_by_side

CONFIRM, CORRECT, ASSERT = "Confirm (with a document)", "Correct (with a document)", "Assert without a document"

st.title("Review")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
sid = chosen.structure
data = state.base_dataset()
overlay = overlays.get(sid) or Overlay(sid)
if overlay.structure not in data.structures:
    st.warning(md_escape(f"{sid} is not in the structure files this dashboard reads, so it cannot be reviewed here."))
    st.stop()
base_file = file_of(data, overlay.structure)
empty = Overlay(overlay.structure, scenario=overlay.scenario)
before = evaluate(base_file, empty, chosen.as_of)
now = evaluate(base_file, overlay, chosen.as_of)
items = review_items(now.file, now.structure, now.summary)
titles = {p.key: p.title for p in now.structure.posts}

st.subheader(md_escape(chosen.label))
inferred = sum(1 for it in items if it.state == "inferred")
c1, c2, c3 = st.columns(3)
c1.metric("Open items", len(items))
c2.metric("Inferred facts to confirm", inferred)
c3.metric("Your decisions", len(overlay.changes))
st.caption(
    "Your decisions are yours until you download them: they are kept in this browser session, never written "
    "to the shared data, and the Structure, Ask, Assurance and Compare pages answer with them."
)

last = st.session_state.pop("review_last", None)
if last is not None:
    st.success(md_escape("Recorded. " + ("; ".join(last) if last else "No rule's outcome changed.")))

if overlay.changes:
    st.markdown("### Your decisions")
    effects = overlays.visitor().effects.get(sid, [])
    widgets.table(overlays.decisions_rows(overlay, effects, now.outcomes), key="review_decisions")
    left, right = st.columns(2)
    with left:
        overlays.download(overlay, "review")
    if right.button("Undo the last decision", key="review_undo"):
        overlays.undo(sid)
        st.rerun()
    moved = [r for r in side_by_side(before.summary, now.summary) if r["changed"]]
    if moved:
        st.markdown("**Findings your decisions changed**")
        widgets.table(moved, columns=["rule", "before", "after", "reason_after"], key="review_moved")
for line in overlays.visitor().notices.get(sid, []):
    st.info(md_escape(line))

upload_overlay(sid, base_file, key="review")

st.markdown("### Open items")
if not items:
    st.info("Nothing is open: every fact the rules need is stated.")
    st.stop()
widgets.table([it.row(titles) for it in items], key="review_items")

st.markdown("### Settle an item")
by_id = {it.id: it for it in items}
pick = st.selectbox(
    "Item",
    list(by_id),
    format_func=lambda i: f"{by_id[i].question} — {by_id[i].settles_text}",
    key="review_item",
)
item = by_id[pick]
if item.reasoning:
    st.caption(
        f"Inferred now: {item.value_label or titles.get(item.value or '', item.value)} — by the rule: {item.reasoning}"
    )
how = st.radio(
    "Decision",
    (CONFIRM, CORRECT, ASSERT) if item.value else (CORRECT, ASSERT),
    horizontal=True,
    key="review_how",
)
options = list(
    dict.fromkeys(item.candidates + ([] if item.kind == "basis" else sorted(titles, key=lambda k: titles[k])))
)
value = None
if how != CONFIRM:
    if item.kind == "holder":
        value = st.text_input("Holder's name", key=f"review_value_name_{item.id}") or None
    else:
        value = st.selectbox(
            "Value (candidates first)",
            options,
            format_func=lambda k: f"{titles[k]} ({k})" if k in titles else k,
            key=f"review_value_{item.id}",  # one per item: another item's choice is never carried over
        )
name, when = decider("review")
cited = None
reasoning = None
if how in (CONFIRM, CORRECT):
    a, b = st.columns(2)
    title = a.text_input("Document title", key="review_doc_title")
    doc_date = b.date_input("Document date", value=None, key="review_doc_date")
    url = a.text_input("Document URL", key="review_doc_url")
    file = b.text_input("or document file name", key="review_doc_file")
    quote = a.text_area("Quote (the words the decision rests on)", key="review_doc_quote")
    page = b.text_input("or page", key="review_doc_page")
    cited = Cited(
        title,
        doc_date.isoformat() if isinstance(doc_date, dt.date) else None,
        url or None,
        file or None,
        quote or None,
        page or None,
    )
else:
    reasoning = st.text_area("Why (kept as your assertion, shown as inferred, never as stated)", key="review_reasoning")
if st.button("Record decision", key="review_record", type="primary"):
    try:
        change, sources = settle(
            item,
            now.structure,
            overlay,
            value=value,
            by=name,
            date=when,
            cited=cited,
            reasoning=reasoning,
            known_sources={s.id for s in now.file.sources},
        )
    except DecisionError as exc:
        st.error(md_escape(str(exc)))
        st.stop()
    after = evaluate(base_file, overlay.with_change(change, sources), chosen.as_of)
    effect = changed(now.summary, after.summary)
    overlays.add(overlay, change, sources, effect)
    st.session_state["review_last"] = effect
    st.rerun()
