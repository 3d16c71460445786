"""The organisation chart on a page: a Streamlit custom component that loads vis-network once
(a static asset of chart_component/, no build step) and talks both ways. The page sends nodes
placed by present.layout and the post to focus; the chart sends back what the reader did: a post
selected, a manager's "+N" / "−" toggled, expand all, collapse all, the layout switched. Which
branches are collapsed is kept per chart and per view in the session, so the layout stays a pure
Python function; the exports (SVG, PDF) draw the same state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from remit.present.chart_table import COLUMNS as TABLE_COLUMNS
from remit.present.chart_table import chart_rows
from remit.present.layout import all_collapsed, default_collapsed, reveal
from remit.present.orgchart import ChartGraph

from .chart_data import chart_args

_COMPONENT = components.declare_component(
    "remit_org_chart", path=str(Path(__file__).resolve().parent / "chart_component")
)


@dataclass
class ChartState:
    """One chart's view in one session: what is shown, which managers are collapsed, the layout."""

    view: str
    collapsed: set[str] = field(default_factory=set)
    focus: str | None = None
    rev: int = 0
    compact: bool | None = None  # None: the layout decides (present.layout.layout)


def take_event(key: str) -> dict[str, Any] | None:
    """The click the browser sent since the last run, once (call before drawing widgets it sets)."""
    event = st.session_state.get(key)
    seen = f"_{key}_seen"
    if isinstance(event, dict) and event.get("n") is not None and event.get("n") != st.session_state.get(seen):
        st.session_state[seen] = event["n"]
        return event
    return None


def state_of(key: str, graph: ChartGraph, view: str) -> ChartState:
    """The chart's state in this session (a new view starts at the default collapse)."""
    state = st.session_state.get(f"_{key}_state")
    if not isinstance(state, ChartState) or state.view != view:
        state = ChartState(view, default_collapsed(graph))
        st.session_state[f"_{key}_state"] = state
    return state


def apply_event(state: ChartState, graph: ChartGraph, event: dict[str, Any] | None, compact_now: bool) -> None:
    """What a reader's action on the chart does to its state."""
    if not event:
        return
    what = event.get("event")
    if what == "toggle" and event.get("key") in graph.posts:
        state.collapsed ^= {event["key"]}
    elif what == "expand_all":
        state.collapsed = set()
    elif what == "collapse_all":
        state.collapsed = all_collapsed(graph)
    elif what == "compact":
        state.compact = not compact_now


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
    paths: tuple[set[str], set[tuple[str, str, str]]] | None = None,
) -> dict[str, Any]:
    """Draw the chart; returns the arguments sent (tests read them). An event opens or closes
    branches or switches the layout; a newly focused post and the posts on its paths, and every
    post highlighted, have every branch above them opened."""
    state = state_of(key, graph, view)
    apply_event(state, graph, event, bool(st.session_state.get(f"_{key}_compact")))
    if focus and focus in graph.posts and focus != state.focus:  # newly chosen: it and its paths are drawn
        for k in ({focus} | (paths[0] if paths else set())) & set(graph.posts):
            state.collapsed = reveal(graph, state.collapsed, k)
    state.focus = focus
    marked = set(highlight)
    for k in marked & set(graph.posts):  # an answer's posts are drawn, not hidden in a branch
        state.collapsed = reveal(graph, state.collapsed, k)
    # One counter a chart for the session, never reset by a new view: tests wait for "newer than".
    state.rev = st.session_state[f"_{key}_rev"] = st.session_state.get(f"_{key}_rev", 0) + 1
    args = chart_args(
        graph,
        view=view,
        rev=state.rev,
        highlight=marked,
        changes=changes,
        collapsed=state.collapsed,
        focus=focus,
        height=height,
        paths=paths,
        compact=state.compact,
    )
    st.session_state[f"_{key}_compact"] = args["compact"]
    _COMPONENT(key=key, default=None, **args)
    return args


def chart_table(
    graph: ChartGraph, key: str, changes: dict[str, str] | None = None, tiers: dict[str, Any] | None = None
) -> None:
    """The accessible table beside a chart: every post (including collapsed ones) as text."""
    from .widgets import table

    columns = [c for c in TABLE_COLUMNS if c != "Change" or changes is not None]
    units = sum(1 for p in graph.posts.values() if p.kind == "unit")  # units with lines are drawn too
    what = f"{len(graph.posts) - units} posts" + (f" and {units} unit{'s' * (units != 1)}" if units else "")
    with st.expander(f"The chart as a table ({what})", expanded=False):
        table(chart_rows(graph, changes, tiers), columns, key=f"{key}_table")


def export_buttons(
    graph: ChartGraph,
    key: str,
    title: str,
    name: str,
    changes: dict[str, str] | None = None,
) -> None:
    """SVG of the chart as shown (its collapsed branches and layout), and a tiled multi-page PDF
    of every post on A4 or A3. Made only when clicked (Streamlit runs the callable then)."""
    state = st.session_state.get(f"_{key}_state")
    collapsed = set(state.collapsed) if isinstance(state, ChartState) else default_collapsed(graph)
    compact = state.compact if isinstance(state, ChartState) else None
    left, middle, right = st.columns([1, 1, 1])
    left.download_button(
        "Chart as shown (SVG)",
        _svg_maker(graph, collapsed, changes, compact, title),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        key=f"{key}_svg",
        on_click="ignore",
    )
    paper = middle.radio("Paper", ("A4", "A3"), horizontal=True, key=f"{key}_paper")
    right.download_button(
        f"Every post, tiled ({paper} PDF)",
        _pdf_maker(graph, changes, title, str(paper)),
        file_name=f"{name}-{str(paper).lower()}.pdf",
        mime="application/pdf",
        key=f"{key}_pdf",
        on_click="ignore",
    )


def _svg_maker(
    graph: ChartGraph, collapsed: set[str], changes: dict[str, str] | None, compact: bool | None, title: str
) -> Callable[[], bytes]:
    def make() -> bytes:
        from remit.present.drawing.svg import chart_svg
        from remit.present.layout import layout
        from remit.present.palette import extra_lines

        placed = layout(graph, collapsed, compact, extra_lines(graph, changes))
        return chart_svg(graph, collapsed, changes, placed, title).encode("utf-8")

    return make


def _pdf_maker(graph: ChartGraph, changes: dict[str, str] | None, title: str, paper: str) -> Callable[[], bytes]:
    def make() -> bytes:
        from remit.present.drawing.pdf import chart_pdf
        from remit.present.drawing.scene import chart_scene

        return chart_pdf(chart_scene(graph, (), changes), title, paper)

    return make
