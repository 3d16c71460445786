"""Structure page: the chart of one structure with a post's details in a panel beside it, search
by role, title, holder or unit, and the evidence for every fact.

Clicking a post on the chart (or Enter on it from the keyboard) selects it here: its details open
beside the chart and its line and accountability paths to the top are highlighted on it. Choosing
a post (or searching for one) does the same and brings it into view."""

import streamlit as st

from remit.dashboard import chart, details, downloads, state, widgets
from remit.present import headcount
from remit.present.chart_table import tier_map
from remit.present.markup import md_escape
from remit.present.orgchart import chart_graph, paths_to_top, subtree

st.title("Structure")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
snap = state.snapshot(chosen.structure)
posts = snap.posts()
event = chart.take_event("structure_chart")
if event and event.get("event") == "select" and event.get("key") in posts:
    st.session_state["structure_post"] = event["key"]
    st.session_state["structure_search"] = ""
if st.session_state.get("structure_post") not in (None, *posts):
    st.session_state["structure_post"] = None  # another structure was chosen
st.header(md_escape(chosen.label))
st.caption(
    md_escape(
        f"{chosen.structure} · {snap.structure.get('status')} · effective "
        f"{snap.structure.get('effective') or 'not stated'} · {len(posts)} posts"
        + (f" · as of {chosen.as_of}" if chosen.as_of else "")
    )
)

keys, names = widgets.post_options(snap)
left, right = st.columns([1, 1])
query = left.text_input(
    "Search posts: a role (DCS, s151, monitoring officer), title, holder or unit",
    key="structure_search",
)
found = details.search_posts(snap, query)
if query and not found:
    left.warning(md_escape(f"No post matches '{query}'."))
current = st.session_state.get("structure_post")
options = [None] + found + ([current] if current and current not in found else [])
if query and found and current not in found:
    st.session_state["structure_post"] = found[0]  # the best match is chosen at once
selected = left.selectbox(
    "Post", options, format_func=lambda k: "— choose a post —" if k is None else names[k], key="structure_post"
)
graph = chart_graph(snap)
managers = set(graph.children())
root = right.selectbox(
    "Show only the branch under",
    [None] + [k for k in keys if k in managers],
    format_func=lambda k: "— whole structure —" if k is None else names[k],
    key="structure_root",
)
right.caption(
    "A big chart opens at the top three tiers: **+N** at a manager's lower-right corner shows its reports, "
    "**−** hides them. Click a post, or Tab into the chart and use the arrow keys and Enter: its details open "
    "beside the chart and its lines to the top are highlighted."
)

shown = subtree(graph, root) if root in graph.posts else graph
in_chart = sum(1 for p in shown.posts.values() if p.kind != "unit")  # units with lines are drawn too
st.caption(f"Chart: {in_chart} of {len(posts)} posts")
focus = selected if selected in shown.posts else None
tiers = tier_map(state.answer("span-of-control", {"structure": chosen.structure, "as_of": chosen.as_of}))
# The details panel is beside the chart while a post is chosen; until then the chart has the width
# (the same two columns either way, so the chart's frame is kept and only re-fitted).
chart_side, panel = st.columns([2, 1] if selected else [40, 1], gap="medium")
with chart_side:
    chart.org_chart(
        shown,
        key="structure_chart",
        view=f"{chosen.structure}|{root or ''}",
        event=event,
        focus=focus,
        paths=paths_to_top(shown, focus) if focus else None,
    )
    chart.chart_table(shown, "structure_chart", tiers=tiers)
    chart.export_buttons(shown, "structure_chart", chosen.label, f"chart-{chosen.structure}")
with panel:
    if selected:
        widgets.post_panel(snap, selected, tiers.get(selected))
downloads.report_buttons(chosen.structure, chosen.as_of, None, key="structure")
rolled = state.answer(headcount.QUESTION, {"structure": chosen.structure})
with st.expander("Headcount and cost below each post"):
    st.caption(md_escape(headcount.summary(rolled)))
    widgets.table(headcount.people_rows(rolled), key="structure_headcount")

if selected:
    st.subheader("Chains")
    rows = state.answer("chain", {"structure": chosen.structure, "post": selected, "as_of": chosen.as_of})
    if rows:
        widgets.table(rows, key="structure_chain", titles={k: p.get("title") or k for k, p in posts.items()})
    else:
        st.write("No chain stated.")
    st.subheader("Evidence for every fact")
    widgets.table(details.post_facts(snap, selected), key="structure_facts", label="Evidence")
