"""Structure page: the chart of one structure, post search, and a post's details with evidence."""
import streamlit as st

from remit.dashboard import chart, details, state, widgets

st.title("Structure")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
snap = state.snapshot(chosen.structure)
st.subheader(chosen.label)
posts = snap.posts()
st.caption(f"{chosen.structure} · {snap.structure.get('status')} · effective {snap.structure.get('effective') or 'not stated'}"
           f" · {len(posts)} posts" + (f" · as of {chosen.as_of}" if chosen.as_of else ""))

keys, names = widgets.post_options(snap)
left, right = st.columns([1, 1])
query = left.text_input("Search posts (title, key or holder)", key="structure_search")
found = details.search_posts(snap, query)
if query and not found:
    left.warning(f"No post matches '{query}'.")
selected = left.selectbox("Post", [None] + found, format_func=lambda k: "— choose a post —" if k is None else names[k],
                          key="structure_post")
root = right.selectbox("Show only the subtree under", [None] + keys,
                       format_func=lambda k: "— whole structure —" if k is None else names[k], key="structure_root")
depth = right.slider("Tiers below shown (0 = all)", 0, 8, 0, key="structure_depth")

html = chart.structure_chart(snap, highlight={selected} if selected else (), root=root, depth=depth or None)
shown = chart.subtree(chart.chart_graph(snap), root, depth or None)
st.caption(f"Chart: {len(shown.posts)} of {len(posts)} posts")
widgets.show_chart(html, chart.chart_height(shown))

if selected:
    info = details.post_summary(snap, selected)
    st.header(f"{info['title']}")
    cols = st.columns(4)
    for i, field in enumerate(("holder", "grade", "salary", "total cost")):
        cols[i].markdown(f"**{field.capitalize()}**  \n{info[field]}")
    st.markdown(f"**Unit:** {info['unit']}  \n**Statutory roles:** {info['statutory roles']}  \n"
                f"**Status:** {info['status']}  \n**Functions:** {info['functions']}")
    if info["note"]:
        st.caption(f"Note: {info['note']}")
    st.subheader("Chains")
    rows = state.answer("chain", {"structure": chosen.structure, "post": selected, "as_of": chosen.as_of})
    if rows:
        widgets.table(rows, key="structure_chain")
    else:
        st.write("No chain stated.")
    st.subheader("Evidence for every fact")
    widgets.table(details.post_facts(snap, selected), key="structure_facts")
