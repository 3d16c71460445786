"""The organisation chart on a page: a Streamlit custom component that loads vis-network once
(a static asset of chart_component/, no build step) and talks both ways. The page sends nodes
placed by queries.layout and the post to focus; the chart sends back clicks: a post selected, or
a manager's "+N" / "−" marker toggled. Which branches are collapsed is kept per chart and per
view in the session, so the layout stays a pure Python function."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from remit.present.chart_table import COLUMNS as TABLE_COLUMNS
from remit.present.chart_table import chart_rows
from remit.present.layout import default_collapsed, reveal
from remit.present.orgchart import ChartGraph

from .chart_data import chart_args

_COMPONENT = components.declare_component(
    "remit_org_chart", path=str(Path(__file__).resolve().parent / "chart_component")
)


@dataclass
class ChartState:
    """One chart's view in one session: what is shown, which managers are collapsed."""

    view: str
    collapsed: set[str] = field(default_factory=set)
    focus: str | None = None
    rev: int = 0


def take_event(key: str) -> dict[str, Any] | None:
    """The click the browser sent since the last run, once (call before drawing widgets it sets)."""
    event = st.session_state.get(key)
    seen = f"_{key}_seen"
    if isinstance(event, dict) and event.get("n") is not None and event.get("n") != st.session_state.get(seen):
        st.session_state[seen] = event["n"]
        return event
    return None


def _state(key: str, graph: ChartGraph, view: str) -> ChartState:
    state = st.session_state.get(f"_{key}_state")
    if not isinstance(state, ChartState) or state.view != view:
        state = ChartState(view, default_collapsed(graph))
        st.session_state[f"_{key}_state"] = state
    return state


def open_all(key: str) -> None:
    """Every branch of the chart `key` opened at its next draw (the Structure page's "Show every post")."""
    state = st.session_state.get(f"_{key}_state")
    if isinstance(state, ChartState):
        state.collapsed = set()


def org_chart(
    graph: ChartGraph,
    *,
    key: str,
    view: str,
    event: dict[str, Any] | None = None,
    focus: str | None = None,
    highlight: Iterable[str] = (),
    changes: dict[str, str] | None = None,
    height: int | None = None,
) -> dict[str, Any]:
    """Draw the chart; returns the arguments sent (tests read them). A toggle event opens or
    closes a branch; a newly focused post has every branch above it opened."""
    state = _state(key, graph, view)
    if event and event.get("event") == "toggle" and event.get("key") in graph.posts:
        state.collapsed ^= {event["key"]}
    if focus and focus in graph.posts and focus != state.focus:
        state.collapsed = reveal(graph, state.collapsed, focus)
    state.focus = focus
    marked = set(highlight)
    for k in marked & set(graph.posts):  # an answer's posts are drawn, not hidden in a branch
        state.collapsed = reveal(graph, state.collapsed, k)
    state.rev += 1
    args = chart_args(
        graph,
        view=view,
        rev=state.rev,
        highlight=marked,
        changes=changes,
        collapsed=state.collapsed,
        focus=focus,
        height=height,
    )
    _COMPONENT(key=key, default=None, **args)
    return args


def chart_table(graph: ChartGraph, key: str, changes: dict[str, str] | None = None) -> None:
    """The accessible table beside a chart: every post (including collapsed ones) as text."""
    from .widgets import table

    columns = [c for c in TABLE_COLUMNS if c != "Change" or changes is not None]
    units = sum(1 for p in graph.posts.values() if p.kind == "unit")  # units with lines are drawn too
    what = f"{len(graph.posts) - units} posts" + (f" and {units} unit{'s' * (units != 1)}" if units else "")
    with st.expander(f"The chart as a table ({what})", expanded=False):
        table(chart_rows(graph, changes), columns, key=f"{key}_table")
