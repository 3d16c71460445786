"""Compare page: the story of a restructure first (statutory roles before and after, posts created,
deleted and amended, lines added or lost, the cost change beside the document's own figures),
then one chart of both structures coloured by change, then the changes grouped by kind."""

import streamlit as st

from remit.dashboard import chart, downloads, state, widgets
from remit.present.chart_table import tier_map
from remit.present.markup import md_escape
from remit.present.orgchart import compare_graph
from remit.present.story import change_rows, grouped_changes, story
from remit.present.tables import money

st.title("Compare")
rows = state.structures()
councils = sorted({r["council"] for r in rows})
if not councils:
    st.warning("No structures are loaded. Use the Load page to add structure files.")
    st.stop()
council_names = {r["council"]: r.get("council_name") or r["council"] for r in rows}
council = st.selectbox("Council", councils, key="compare_council", format_func=lambda c: council_names[c])
mine = [r for r in rows if r["council"] == council]
if len(mine) < 2:
    st.info(f"{md_escape(council)} has only one structure loaded: there is nothing to compare.")
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
from remit.diff import DiffError  # noqa: E402

try:
    result = state.diff(before.structure, after.structure, (before.as_of, after.as_of))
except DiffError as exc:
    st.error(md_escape(exc))
    st.stop()

sb, sa = state.snapshot(before.structure), state.snapshot(after.structure)
told = story(result, sb, sa)
st.header("What the restructure does")
st.markdown(f"**{md_escape(told.headline)}.**")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Posts deleted", len(told.deleted))
c2.metric("Posts created", len(told.created))
c3.metric("Posts amended", len(told.amended))
salary = next((c for c in told.cost if c["metric"] == "salary"), None)
c4.metric("Salary change", money(salary["difference"], signed=True) if salary else "not stated")

st.subheader("Statutory roles before and after")
widgets.table(
    [{"role": r.role, "before": r.before, "after": r.after, "changed": r.changed} for r in told.roles],
    key="compare_roles",
)
cols = st.columns(3)
for col, heading, items in (
    (cols[0], "Posts deleted", told.deleted),
    (cols[1], "Posts created", told.created),
    (cols[2], "Posts amended", told.amended),
):
    col.markdown(f"**{heading} ({len(items)})**")
    col.markdown("\n".join(f"- {md_escape(t)}" for t in items) or "none")
if told.members_created or told.members_deleted:
    st.caption(
        "Member posts: "
        + md_escape(
            "; ".join([f"created {t}" for t in told.members_created] + [f"deleted {t}" for t in told.members_deleted])
        )
    )
if told.repaid:
    st.caption("Pay changed: " + md_escape("; ".join(told.repaid)))
cols = st.columns(2)
for col, heading, items in ((cols[0], "Lines added", told.lines_added), (cols[1], "Lines lost", told.lines_lost)):
    col.markdown(f"**{heading} ({len(items)})**")
    col.markdown("\n".join(f"- {md_escape(t)}" for t in items) or "none")
st.subheader("Cost")
widgets.table(
    [
        {
            "metric": c["metric"],
            "before": c["before"],
            "after": c["after"],
            "difference": c["difference"],
            "stated_change": c["stated_change"],
            "quote": c["quote"],
            "source": c["source"],
        }
        for c in told.cost
    ],
    key="compare_cost_story",
)
st.subheader("Assurance findings before and after")
from remit.queries.assurance import side_by_side, summarise  # noqa: E402

widgets.table(
    side_by_side(
        summarise(before.structure, before.as_of, facts_of=state.rule_facts),
        summarise(after.structure, after.as_of, facts_of=state.rule_facts),
    ),
    columns=["rule", "before", "after", "changed", "reason_before", "reason_after"],
    key="compare_findings",
)
downloads.report_buttons(after.structure, after.as_of, before.structure, key="compare")

st.header("Both structures in one chart")
st.caption(
    "Each changed post says how in its first line and in its border, as well as its colour: + created "
    "(green, thick border), x deleted (red, dashed), ~ amended (amber, dotted), > moved to another line "
    "manager (blue, long dashes); posts in both and unchanged are grey."
)
graph, changes = compare_graph(sb, sa, result.rows)
chart.org_chart(
    graph,
    key="compare_chart",
    view=f"{before.structure}>{after.structure}",
    changes=changes,
    event=chart.take_event("compare_chart"),
)
tiers = {
    **tier_map(state.answer("span-of-control", {"structure": before.structure, "as_of": before.as_of})),
    **tier_map(state.answer("span-of-control", {"structure": after.structure, "as_of": after.as_of})),
}
chart.chart_table(graph, "compare_chart", changes, tiers=tiers)
chart.export_buttons(
    graph,
    "compare_chart",
    f"{before.structure} to {after.structure}",
    f"chart-{before.structure}-to-{after.structure}",
    changes,
)

st.header("Changes")
titles = {k: p.get("title") or k for snap in (sb, sa) for k, p in snap.posts().items()}
for heading, group in grouped_changes(result.rows):
    with st.expander(f"{md_escape(heading)} ({len(group)})", expanded=heading != "Functions"):
        widgets.table(change_rows(group, titles), key=f"compare_changes_{heading}")
from remit.diff import COLUMNS  # noqa: E402

frame = widgets.frame(result.rows, COLUMNS)
st.download_button(
    "Download every change (CSV)",
    widgets.csv_bytes(frame),
    file_name=f"diff-{before.structure}-{after.structure}.csv",
    mime="text/csv",
    key="compare_csv",
)
cost = result.cost
with st.expander("Cost in detail (computed, stated and the gap between them)"):
    widgets.table(cost.get("metrics", []), cost.get("columns"), key="compare_cost")
    if cost.get("counts"):
        st.subheader("Counts the documents state")
        widgets.table(cost["counts"], key="compare_counts")
    if cost.get("posts"):
        st.subheader("Pay of each post")
        widgets.table(cost["posts"], key="compare_posts")
