"""What the Review and Scenario pages share: who is deciding and when, and loading an overlay file a
visitor kept (each of its changes reported against the base as it is now)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from remit.loader import InvalidStructureFiles
from remit.loader.overlay import read_overlay
from remit.present.markup import md_escape
from remit.review.live import effects, evaluate

from . import overlays

MAX_OVERLAY_BYTES = 5_000_000


def decider(key: str) -> tuple[str, str]:
    """The visitor's name and the decision's date (remembered across pages for the session)."""
    left, right = st.columns(2)
    name = left.text_input(
        "Your name (recorded with each decision)", value=st.session_state.get("_decider", ""), key=f"{key}_by"
    )
    st.session_state["_decider"] = name
    when = right.date_input("Date of the decision", value=dt.date.today(), key=f"{key}_date")
    return name, (when.isoformat() if isinstance(when, dt.date) else dt.date.today().isoformat())


def upload_overlay(target: str, base_file: Any, key: str) -> None:
    """Load a kept overlay file into this session: every change is reported (applied, no longer
    applies, conflicts), none dropped silently; a bad file is shown as FILE:LINE and changes nothing."""
    with st.expander("Load an overlay file you kept"):
        up = st.file_uploader("Overlay (YAML)", type=["yaml", "yml"], key=f"{key}_upload")
        if up is None or not st.button("Load it", key=f"{key}_upload_go"):
            return
        data = up.getvalue()
        if len(data) > MAX_OVERLAY_BYTES:  # refused whole, never cut short and read in part
            st.error(md_escape(f"{up.name} is {len(data):,} bytes; an overlay may have at most {MAX_OVERLAY_BYTES:,}."))
            return
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "overlay.yaml"
            path.write_bytes(data)
            overlay, problems = read_overlay(path, up.name)
        if overlay is None:
            st.error(f"{len(problems)} problem(s): nothing was loaded.")
            st.code("\n".join(str(p) for p in problems), language=None)
            return
        if overlay.structure not in {s.id for s in base_file.structures}:
            st.error(md_escape(f"{up.name} is an overlay of '{overlay.structure}', not of this structure."))
            return
        try:
            done = evaluate(base_file, overlay)
        except InvalidStructureFiles as exc:
            st.error(f"{len(exc.problems)} problem(s): nothing was loaded.")
            st.code("\n".join(map(str, exc.problems)), language=None)
            return
        overlays.put(overlay, effects(base_file, overlay))
        overlays.visitor().notices[overlay.target] = [f"{up.name}: {o}" for o in done.outcomes]
        st.session_state["_remit_loaded_target"] = target
        st.rerun()
