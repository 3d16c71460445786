"""Compare page: two structures of one council side by side, one merged chart coloured by change,
the change table and the cost summary (queries.diff)."""
import pandas as pd
import streamlit as st

from remit.dashboard import chart, state, widgets

st.title("Compare")
rows = state.structures()
councils = sorted({r["council"] for r in rows})
if not councils:
    st.warning("No structures are loaded. Use the Load page to add structure files.")
    st.stop()
council = st.selectbox("Council", councils, key="compare_council")
mine = [r for r in rows if r["council"] == council]
if len(mine) < 2:
    st.info(f"{council} has only one structure loaded: there is nothing to compare.")
    st.stop()
# Default to a restructure the data records: the latest structure that supersedes another.
pair = next(((r["supersedes"], r["structure"]) for r in reversed(mine) if r.get("supersedes")), None)
left, right = st.columns(2)
with left:
    st.markdown("**Before**")
    before = widgets.pick_structure(left, key="compare_before", council=council, default=pair[0] if pair else None)
with right:
    st.markdown("**After**")
    after = widgets.pick_structure(right, key="compare_after", council=council, default=pair[1] if pair else None)
if before is None or after is None:
    st.stop()
if before.structure == after.structure:
    st.warning("Choose two different structures (or two dates on which different structures were in force).")
    st.stop()
from remit.queries.diff import DiffError  # noqa: E402

try:
    result = state.diff(before.structure, after.structure, (before.as_of, after.as_of))
except DiffError as exc:
    st.error(str(exc))
    st.stop()

sb, sa = state.snapshot(before.structure), state.snapshot(after.structure)
c1, c2 = st.columns(2)
for col, snap, who in ((c1, sb, before), (c2, sa, after)):
    with col:
        st.subheader(who.structure)
        st.caption(who.label)
        graph = chart.chart_graph(snap)
        height = min(chart.chart_height(graph), 420)  # half width: the merged chart below is the big one
        widgets.show_chart(chart.render(graph, (), None, height), height + 40)

if result is not None:
    st.header("Changes")
    st.caption("Both structures in one chart: created green, deleted red, amended amber, moved (line manager "
               "changed) blue; posts in both and unchanged are grey.")
    merged = chart.merge(chart.chart_graph(sb), chart.chart_graph(sa))
    widgets.show_chart(chart.compare_chart(sb, sa, result.rows), chart.chart_height(merged))
    from remit.queries.diff import COLUMNS

    frame = widgets.frame(result.rows, COLUMNS)
    counts = frame["change"].value_counts() if len(frame) else pd.Series(dtype=int)
    st.caption(f"{len(frame)} change(s): " + ", ".join(f"{n} {c}" for c, n in counts.items()))
    st.dataframe(frame, hide_index=True, width="stretch", key="compare_changes")
    st.download_button("Download changes (CSV)", frame.to_csv(index=False).encode("utf-8"),
                       file_name=f"diff-{before.structure}-{after.structure}.csv", mime="text/csv", key="compare_csv")
    st.header("Cost")
    cost = result.cost
    widgets.table(cost.get("metrics", []), cost.get("columns"), key="compare_cost")
    if cost.get("counts"):
        st.subheader("Counts the documents state")
        widgets.table(cost["counts"], key="compare_counts")
    if cost.get("posts"):
        with st.expander("Pay of each post"):
            widgets.table(cost["posts"], key="compare_posts")
