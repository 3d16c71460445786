"""Structure page: the chart of one structure, post search, and a post's details with evidence.

Clicking a post on the chart selects it here (details, chains and sources open); choosing a post
(or searching for one) focuses and zooms the chart on it."""

import streamlit as st

from remit.dashboard import chart, details, downloads, state, widgets
from remit.present.markup import md_escape
from remit.present.orgchart import chart_graph, subtree

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
st.subheader(md_escape(chosen.label))
st.caption(
    md_escape(
        f"{chosen.structure} · {snap.structure.get('status')} · effective "
        f"{snap.structure.get('effective') or 'not stated'} · {len(posts)} posts"
        + (f" · as of {chosen.as_of}" if chosen.as_of else "")
    )
)

keys, names = widgets.post_options(snap)
left, right = st.columns([1, 1])
query = left.text_input("Search posts (title, key or holder)", key="structure_search")
found = details.search_posts(snap, query)
if query and not found:
    left.warning(md_escape(f"No post matches '{query}'."))
current = st.session_state.get("structure_post")
options = [None] + found + ([current] if current and current not in found else [])
if query and found and current not in found:
    st.session_state["structure_post"] = found[0]  # the best match is focused at once
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
    "The chart opens at the top three tiers: click **+N** at the lower-right corner of a manager to show its reports, "
    "**−** to hide them; click a post to see its details."
)

shown = subtree(graph, root) if root in graph.posts else graph
in_chart = sum(1 for p in shown.posts.values() if p.kind != "unit")  # units with lines are drawn too
st.caption(f"Chart: {in_chart} of {len(posts)} posts")
chart.org_chart(
    shown,
    key="structure_chart",
    view=f"{chosen.structure}|{root or ''}",
    event=event,
    focus=selected if selected in shown.posts else None,
)
chart.chart_table(shown, "structure_chart")
downloads.report_buttons(chosen.structure, chosen.as_of, None, key="structure")

if selected:
    info = details.post_summary(snap, selected)
    st.header(md_escape(info["title"]))
    cols = st.columns(4)
    for i, field in enumerate(("holder", "grade", "salary", "total cost")):
        cols[i].markdown(f"**{field.capitalize()}**  \n{md_escape(info[field])}")
    st.markdown(
        f"**Unit:** {md_escape(info['unit'])}  \n**Statutory roles:** {md_escape(info['statutory roles'])}  \n"
        f"**Status:** {md_escape(info['status'])}  \n**Functions:** {md_escape(info['functions'])}"
    )
    if info["note"]:
        st.caption(f"Note: {md_escape(info['note'])}")
    st.subheader("Chains")
    rows = state.answer("chain", {"structure": chosen.structure, "post": selected, "as_of": chosen.as_of})
    if rows:
        widgets.table(rows, key="structure_chain", titles={k: p.get("title") or k for k, p in posts.items()})
    else:
        st.write("No chain stated.")
    st.subheader("Evidence for every fact")
    widgets.table(details.post_facts(snap, selected), key="structure_facts")
