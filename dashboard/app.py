"""The Remit dashboard: `remit dashboard` runs this with `streamlit run`.

The pages (remit.extensions.PAGES) call the same library as the command line. Council and
structure are chosen in the sidebar here, in the entry script, so the choice survives moving
between pages.
"""

from __future__ import annotations

import importlib.util

import streamlit as st

from remit.dashboard import state, widgets
from remit.extensions import PAGES as PAGE_LIST
from remit.present.markup import md_escape
from remit.queries.backend import BackendError

st.set_page_config(page_title="Remit", layout="wide")  # no page_icon: a material icon favicon is fetched from Google
# Streamlit's date input draws its day / month / year segments 18 px wide; WCAG 2.2 (2.5.8) asks
# for 24 px targets. A style-only element takes no space on the page.
# Code blocks (the Ask page's Cypher): token colours that keep 4.5:1 on the block's grey.
st.html(
    "<style>[data-testid='stDateInput'] [role='spinbutton']{min-width:24px;min-height:24px;"
    "display:inline-flex;align-items:center;justify-content:center}"
    "[data-testid='stCode'] .token{color:#24292f !important}"
    "[data-testid='stCode'] .token.comment{color:#57606a !important}"
    "[data-testid='stCode'] .token.keyword{color:#a0111f !important}"
    "[data-testid='stCode'] .token.string{color:#0a3069 !important}"
    "[data-testid='stCode'] .token.class-name,[data-testid='stCode'] .token.function,"
    "[data-testid='stCode'] .token.relationship{color:#6639ba !important}"
    "[data-testid='stCode'] .token.number,[data-testid='stCode'] .token.operator,"
    "[data-testid='stCode'] .token.boolean{color:#0550ae !important}"
    "[data-testid='stCode'] .token.punctuation{color:#24292f !important}</style>"
)


def _script(module: str) -> str:
    """The file of a page's module, found without importing it (Streamlit runs it as a script)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, module
    return spec.origin


# The pages, in the order remit.extensions lists them; the first is the default.
PAGES = {
    p.title: st.Page(_script(p.module), title=p.title, url_path=p.url_path or None, default=not p.url_path)
    for p in PAGE_LIST
}
PICKS_STRUCTURE = {p.title for p in PAGE_LIST if p.picks_structure}
# Keep the sidebar choice while on a page that does not draw it (Compare, Load): Streamlit drops
# the state of widgets not drawn in a run unless it is written back.
for k in ("main_council", "main_mode", "main_structure", "main_date"):
    if k in st.session_state:
        st.session_state[k] = st.session_state[k]
# The Overview's links open a council's structure: ?council=C&structure=S picks it in the sidebar.
if "structure" in st.query_params and "council" in st.query_params:
    st.session_state.update(
        main_council=st.query_params["council"],
        main_mode=widgets.BY_STRUCTURE,
        main_structure=st.query_params["structure"],
    )
    st.query_params.clear()
page = st.navigation(list(PAGES.values()))
st.sidebar.caption(f"Remit · backend: **{state.backend_choice()}**")
state.private_view_choice()  # on Neo4j, after an upload this session alone sees: which data to show
state.backend_or_stop()
problem = state.server_problem()
if problem:  # one banner, on every page, while Neo4j is down; its address and error go to the log only
    st.warning(
        "**The database (Neo4j) is not answering.** What this page shows comes from answers cached before "
        "it stopped and may be out of date; anything not cached appears once it is back."
    )
try:
    if page.title in PICKS_STRUCTURE:
        st.session_state["chosen"] = widgets.pick_structure(st.sidebar, key="main")
    page.run()
except state.UNREACHABLE as exc:
    st.info(f"This page needs an answer that is not cached, and {md_escape(exc)}. Reload the page once it is back.")
except BackendError as exc:  # the server stopped one of our queries (its time or memory limit): say so, no traceback
    st.error(md_escape(exc))
