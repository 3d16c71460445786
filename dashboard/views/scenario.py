"""Scenario page: from the chosen structure, a proposed structure that supersedes it, made of changes
(move a post to another manager, add, delete or retitle a post, change its pay, designate or remove
a statutory role, add or remove an accountability line). Click a post on the chart and choose its
new manager; forms for the rest. The statutory checks, the story and the cost against the base
re-run at once; the Compare page and the report show the scenario like any structure."""

import streamlit as st

from remit.dashboard import chart, downloads, overlays, state, widgets
from remit.dashboard.decider import decider, upload_overlay
from remit.diff import diff_sides
from remit.loader.model import BASES, ROLE_NAMES
from remit.loader.overlay import Overlay, Scenario
from remit.present.markup import md_escape
from remit.present.orgchart import chart_graph
from remit.present.story import story
from remit.present.tables import money
from remit.queries.side import Side
from remit.queries.snapshot import snapshot
from remit.review.decide import DecisionError, propose
from remit.review.live import changed, evaluate, file_of, side_by_side

st.title("Scenario")
chosen = st.session_state.get("chosen")
if chosen is None:
    st.info("Choose a council and a structure (or a date) in the sidebar.")
    st.stop()
data = state.base_dataset()
mine = overlays.get(chosen.structure)
if mine is not None and mine.scenario is not None:
    base_id = mine.structure  # the scenario itself was chosen in the sidebar
else:
    base_id = chosen.structure
    mine = next((o for o in overlays.active() if o.scenario and o.structure == base_id), None)
if base_id not in data.structures:
    st.warning(
        md_escape(f"{base_id} is not in the structure files this dashboard reads: start a scenario from one that is.")
    )
    st.stop()
base_file = file_of(data, base_id)
if mine is None:
    st.write(
        f"Start a scenario from **{md_escape(base_id)}**: a proposed structure that supersedes it, made of the changes you "
        "try. It stays in this browser session until you download it."
    )
    a, b = st.columns(2)
    new_id = a.text_input("Scenario id", value=f"{base_id}-scenario", key="scenario_new_id")
    label = b.text_input("Label", value=f"Scenario over {base_id}", key="scenario_new_label")
    if st.button("Start the scenario", key="scenario_start", type="primary"):
        if new_id in data.structures or new_id == base_id:
            st.error(md_escape(f"'{new_id}' is already a structure: choose another id."))
        else:
            from remit.loader.schema import id_problem

            why = id_problem(new_id)
            if why:
                st.error(md_escape(f"The scenario id {why}."))
            else:
                overlays.put(Overlay(base_id, scenario=Scenario(new_id, label)), [])
                st.rerun()
    upload_overlay(base_id, base_file, key="scenario")
    st.stop()

scenario: Overlay = mine
target = scenario.target
base = evaluate(base_file, Overlay(base_id), chosen.as_of)
now = evaluate(base_file, mine, chosen.as_of)
st.subheader(md_escape(mine.scenario.label if mine.scenario else target))
st.caption(md_escape(f"{target} · proposed · supersedes {base_id} · {len(mine.changes)} change(s)"))
last = st.session_state.pop("scenario_last", None)
if last is not None:
    st.success(md_escape("Changed. " + ("; ".join(last) if last else "No rule's outcome changed.")))

as_of = chosen.as_of
st_now = now.structure
titles = {p.key: p.title for p in st_now.posts}
keys = sorted(titles, key=lambda k: (titles[k].lower(), k))
name, when = decider("scenario")


def record(op: str, values: dict) -> None:
    try:
        change, sources = propose(st_now, scenario, op, values, by=name, date=when)
    except DecisionError as exc:
        st.error(md_escape(str(exc)))
        return
    after = evaluate(base_file, scenario.with_change(change, sources), as_of)
    bad = [o for o in after.outcomes[-1:] if o.status != "applied"]
    if bad:
        st.error(md_escape(f"Not applied: {bad[0]}"))
        return
    overlays.add(scenario, change, sources, changed(now.summary, after.summary))
    st.session_state["scenario_last"] = changed(now.summary, after.summary)
    st.rerun()


snap_now = snapshot(now.backend, target)
graph = chart_graph(snap_now)
event = chart.take_event("scenario_chart")
if event and event.get("event") == "select" and event.get("key") in titles:
    st.session_state["scenario_post"] = event["key"]
if st.session_state.get("scenario_post") not in (None, *titles):
    st.session_state["scenario_post"] = None
st.markdown("**Click a post on the chart** (or choose it) and give it a new line manager.")
a, b, c = st.columns([2, 2, 1])
post = a.selectbox(
    "Post",
    [None, *keys],
    format_func=lambda k: "— choose a post —" if k is None else f"{titles[k]} ({k})",
    key="scenario_post",
)
manager = b.selectbox(
    "New line manager",
    [k for k in keys if k != post],
    format_func=lambda k: f"{titles[k]} ({k})",
    key="scenario_manager",
    disabled=post is None,
)
if c.button("Move", key="scenario_move", disabled=post is None or not name):
    record("line_manager", {"post": post, "to": manager})
chart.org_chart(graph, key="scenario_chart", view=f"scenario|{target}|{len(mine.changes)}", event=event, focus=post)
chart.chart_table(graph, "scenario_chart")

with st.expander("More changes: add, delete, retitle, pay, statutory roles, accountability lines"):
    tabs = st.tabs(["Add post", "Delete post", "Retitle", "Pay", "Statutory role", "Accountability line"])
    with tabs[0]:
        k = st.text_input("Key of the new post", key="scenario_add_key")
        t = st.text_input("Title", key="scenario_add_title")
        m = st.selectbox("Line manager", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_add_manager")
        g = st.text_input("Grade (optional)", key="scenario_add_grade")
        sal = st.number_input(
            "Salary (£ a year, 0 = not stated)", min_value=0.0, step=1000.0, key="scenario_add_salary"
        )
        if st.button("Add the post", key="scenario_add_go", disabled=not (k and t and name)):
            values = {"post": k.strip(), "title": t.strip(), "line_manager": m, "fte": 1.0}
            if g:
                values["grade"] = g
            if sal:
                values["salary"] = sal
            record("add_post", values)
    with tabs[1]:
        d = st.selectbox("Post to delete", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_del")
        if st.button("Delete the post", key="scenario_del_go", disabled=not name):
            record("delete_post", {"post": d})
    with tabs[2]:
        r = st.selectbox("Post", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_retitle_post")
        nt = st.text_input("New title", key="scenario_retitle_title")
        if st.button("Retitle", key="scenario_retitle_go", disabled=not (nt and name)):
            record("retitle", {"post": r, "title": nt.strip()})
    with tabs[3]:
        pp = st.selectbox("Post", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_pay_post")
        pg = st.text_input("Grade (leave empty to keep)", key="scenario_pay_grade")
        ps = st.number_input("Salary (£ a year, 0 = keep)", min_value=0.0, step=1000.0, key="scenario_pay_salary")
        pf = st.number_input("FTE (0 = keep)", min_value=0.0, max_value=5.0, step=0.1, key="scenario_pay_fte")
        values = (
            {"post": pp} | ({"grade": pg} if pg else {}) | ({"salary": ps} if ps else {}) | ({"fte": pf} if pf else {})
        )
        if st.button("Change pay", key="scenario_pay_go", disabled=len(values) < 2 or not name):
            record("pay", values)
    with tabs[4]:
        rp = st.selectbox("Post", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_role_post")
        role = st.selectbox("Role", list(ROLE_NAMES), format_func=lambda r: ROLE_NAMES[r], key="scenario_role")
        basis = st.selectbox(
            "Basis", [None, *BASES], format_func=lambda b: b or "not stated", key="scenario_role_basis"
        )
        x, y = st.columns(2)
        if x.button("Designate", key="scenario_role_go", disabled=not name):
            record("designate", {"post": rp, "role": role} | ({"basis": basis} if basis else {}))
        if y.button("Remove the designation", key="scenario_unrole_go", disabled=not name):
            record("undesignate", {"post": rp, "role": role})
    with tabs[5]:
        ap = st.selectbox("Post", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_acc_post")
        at = st.selectbox("Accountable to", keys, format_func=lambda x: f"{titles[x]} ({x})", key="scenario_acc_to")
        mech = st.text_input("Mechanisms (separated by ;)", key="scenario_acc_mech")
        x, y = st.columns(2)
        if x.button("Add the line", key="scenario_acc_go", disabled=not name or ap == at):
            mechanisms = [m.strip() for m in mech.split(";") if m.strip()]
            record("accountable_to", {"post": ap, "to": at} | ({"mechanisms": mechanisms} if mechanisms else {}))
        if y.button("Remove the line", key="scenario_unacc_go", disabled=not name):
            record("remove_accountable_to", {"post": ap, "to": at})
if not name:
    st.caption("Give your name above to make changes: every change records who made it and when.")

if mine.changes:
    st.markdown("### Your changes")
    widgets.table(
        overlays.decisions_rows(mine, overlays.visitor().effects.get(target, []), now.outcomes), key="scenario_changes"
    )
    left, right = st.columns(2)
    with left:
        overlays.download(mine, "scenario")
    if right.button("Undo the last change", key="scenario_undo"):
        overlays.undo(target)
        st.rerun()
for line in overlays.visitor().notices.get(target, []):
    st.info(md_escape(line))
if st.button("Discard this scenario", key="scenario_discard"):
    overlays.drop(target)
    st.rerun()

st.markdown("### Statutory checks: base and scenario side by side")
widgets.table(
    side_by_side(base.summary, now.summary),
    columns=["rule", "before", "after", "changed", "reason_before", "reason_after"],
    key="scenario_findings",
)
sb, sa = snapshot(base.backend, base_id), snap_now
result = diff_sides(Side(sb, chosen.as_of), Side(sa, chosen.as_of))
told = story(result, sb, sa)
st.markdown("### What the scenario does")
st.markdown(f"**{md_escape(told.headline)}.**")
widgets.table(
    [{"role": r.role, "before": r.before, "after": r.after, "changed": r.changed} for r in told.roles],
    key="scenario_roles",
)
widgets.table(
    [
        {"metric": c["metric"], "before": c["before"], "after": c["after"], "difference": c["difference"]}
        for c in told.cost
    ],
    key="scenario_cost",
)
salary = next((c for c in told.cost if c["metric"] == "salary"), None)
st.caption(
    f"Salary change: {money(salary['difference'], signed=True) if salary and salary['difference'] is not None else 'not stated'}"
)
downloads.report_buttons(target, chosen.as_of, base_id, key="scenario")
