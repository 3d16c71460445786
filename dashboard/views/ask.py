"""Ask page: a catalogue question with its parameters, the answer, its posts on the chart, its Cypher."""

import datetime as dt
import logging

import streamlit as st

from remit.dashboard import chart, details, state, widgets
from remit.present.chart_table import tier_map
from remit.present.markup import md_escape
from remit.present.orgchart import chart_graph
from remit.present.tables import column_label
from remit.queries.backend import BackendError
from remit.queries.readonly import Limits, QueryFailed, Refused, run_read_only

st.title("Ask")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
questions = state.questions("question")
if not questions:
    st.warning("No questions are available in this build (the question catalogue is empty).")
    st.stop()
by_id = {q.id: q for q in questions}
qid = st.selectbox("Question", list(by_id), format_func=lambda i: f"{by_id[i].title} ({i})", key="ask_question")
q = by_id[qid]
st.write(q.description)
snap = state.snapshot(chosen.structure)
params = {"structure": chosen.structure, "as_of": chosen.as_of}
missing = []
for p in q.params:
    if p.name in ("structure", "as_of"):
        continue
    label = column_label(p.name) + (" (optional)" if not p.required else "")
    wkey = f"ask_{q.id}_{p.name}"
    if p.kind == "post":
        keys, names = widgets.post_options(snap)
        value = st.selectbox(
            label,
            keys,
            format_func=lambda k: names[k],
            key=wkey,
            index=None if not p.required else 0,
            help=p.description,
        )
    elif p.kind == "function":
        fns = {n["key"]: n.get("name") or n["key"] for n in snap.shared.values() if n["_label"] == "Function"}
        value = st.selectbox(
            label,
            sorted(fns, key=lambda k: fns[k]),
            format_func=lambda k: fns[k],
            key=wkey,
            index=None,
            help=p.description,
            placeholder="Choose a function",
        )
    elif p.kind == "date":
        picked = st.date_input(label, value=None, key=wkey, help=p.description)
        value = picked.isoformat() if isinstance(picked, dt.date) else None
    else:
        value = st.text_input(label, key=wkey, help=p.description) or None
    if value is None and p.required:
        missing.append(p.name)
    params[p.name] = value
if missing:
    st.info("Choose " + ", ".join(missing) + " to answer this question.")
    st.stop()

rows = state.answer(q, params)
st.header(f"{q.title} — {md_escape(chosen.structure)}")
st.caption(f"{len(rows)} row(s)" + (f" · as of {chosen.as_of}" if chosen.as_of else ""))
frame = widgets.frame(rows, q.columns)  # raw values for the CSV; the table on the page is for people
titles = {k: p.get("title") or k for k, p in snap.posts().items()}
widgets.table(rows, q.columns, key="ask_answer", titles=titles, label=q.title)
st.download_button(
    "Download CSV",
    widgets.csv_bytes(frame),
    file_name=f"{q.id}-{chosen.structure}.csv",
    mime="text/csv",
    key="ask_csv",
)
marked = details.highlighted_posts(rows, set(snap.posts()))
if marked:
    st.caption(f"{len(marked)} post(s) of the answer highlighted on the chart")
graph = chart_graph(snap)
chart.org_chart(graph, key="ask_chart", view=chosen.structure, highlight=marked, event=chart.take_event("ask_chart"))
chart.chart_table(
    graph,
    "ask_chart",
    tiers=tier_map(state.answer("span-of-control", {"structure": chosen.structure, "as_of": chosen.as_of})),
)
with st.expander("Cypher", expanded=False):
    st.code(q.cypher, language="cypher")
    st.caption("Parameters: " + md_escape(", ".join(f"${k} = {v!r}" for k, v in params.items())))

if state.backend_choice() == "neo4j":
    st.header("Read-only Cypher")
    st.caption(
        "Neo4j's planner checks the text first: only reading the graph is allowed (no writes, LOAD CSV, "
        "SHOW, TERMINATE or administration commands), and no expressions that could grow or run without "
        "bound (regular expressions, reduce, range, replace, split, nested list comprehensions). It runs "
        "in a read transaction with a time limit, and stops at the row cap or 2 MB (a single larger row "
        "is refused). $structure and $as_of are the sidebar's choice."
    )
    text = st.text_area(
        "Cypher",
        value="MATCH (s:Structure)-[:HAS_POST]->(p:Post)\nWHERE s.id = $structure\n"
        "RETURN p.key AS post, p.title AS title ORDER BY title",
        key="ask_cypher",
        height=120,
    )
    cap = st.number_input("Row cap", 1, 5000, 500, key="ask_cap")
    if st.button("Run", key="ask_run"):
        try:
            result = run_read_only(
                state.backend(), text, {"structure": chosen.structure, "as_of": chosen.as_of}, Limits(rows=int(cap))
            )
        except Refused as exc:
            st.error(f"Refused: {md_escape(exc)}")
        except QueryFailed as exc:
            st.error(md_escape(exc))
        except BackendError as exc:
            logging.getLogger("remit.dashboard").warning("the Cypher box lost Neo4j: %s", exc)
            st.warning("The database (Neo4j) is not answering: the query was not run.")
        else:
            st.caption(result.note())
            widgets.table(result.rows, columns=result.columns, key="ask_cypher_result")
