"""This visitor's overlays: their review decisions and scenarios, kept in their browser session.

Why in the session: a visitor's decisions are theirs until they download them; they are never
written into the shared database or into another visitor's view. While a visitor has overlays,
every page answers from a graph of their own (state.backend): the server's structure files (or,
with Neo4j, the files the server was started with) with the overlays laid over them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from remit.loader.model import Source
from remit.loader.overlay import Change, Overlay, dump

KEY = "_remit_overlays"


@dataclass
class Session:
    """Overlays by target structure (a reviewed structure's id or a scenario's), in the order made;
    for each, what every decision changed (rule: before → after), kept beside it for the page."""

    overlays: dict[str, Overlay] = field(default_factory=dict)
    effects: dict[str, list[list[str]]] = field(default_factory=dict)
    notices: dict[str, list[str]] = field(default_factory=dict)  # an uploaded overlay's outcomes


def visitor() -> Session:
    s = st.session_state.get(KEY)
    if not isinstance(s, Session):
        s = Session()
        st.session_state[KEY] = s
    return s


def active() -> list[Overlay]:
    return [o for o in visitor().overlays.values() if o.changes or o.scenario]


def fingerprint() -> str:
    """What the session's answers depend on besides the data: every overlay's text."""
    text = "\n".join(dump(o) for o in active())
    return hashlib.sha256(text.encode()).hexdigest()[:16] if text else ""


def get(target: str) -> Overlay | None:
    return visitor().overlays.get(target)


def put(overlay: Overlay, effects: list[list[str]] | None = None) -> None:
    s = visitor()
    s.overlays[overlay.target] = overlay
    if effects is not None:
        s.effects[overlay.target] = effects


def add(overlay: Overlay, change: Change, sources: list[Source], effect: list[str]) -> Overlay:
    new = overlay.with_change(change, sources)
    s = visitor()
    s.overlays[new.target] = new
    s.effects[new.target] = [*s.effects.get(new.target, []), effect]
    return new


def undo(target: str) -> None:
    s = visitor()
    o = s.overlays.get(target)
    if o is None or not o.changes:
        return
    s.overlays[target] = o.without_last()
    s.effects[target] = s.effects.get(target, [])[:-1]


def drop(target: str) -> None:
    s = visitor()
    s.overlays.pop(target, None)
    s.effects.pop(target, None)
    s.notices.pop(target, None)


def download(overlay: Overlay, key: str) -> None:
    """The overlay as a file to keep (and to load with `remit load --overlay` or `--overlay`)."""
    st.download_button(
        "Download your decisions (overlay YAML)",
        dump(overlay).encode("utf-8"),
        file_name=f"{overlay.target}-overlay.yaml",
        mime="application/x-yaml",
        key=f"{key}_download",
        disabled=not overlay.changes,
    )


def decisions_rows(overlay: Overlay, effects: list[list[str]], outcomes: list[Any]) -> list[dict[str, Any]]:
    """One row per decision: what, how it stands against the base, who, when, on what, what it changed."""
    rows = []
    for i, c in enumerate(overlay.changes):
        ev = c.evidence()
        rows.append(
            {
                "decision": c.decision or ("assert" if c.asserted else "confirm"),
                "change": c.describe(),
                "against the base": str(outcomes[i].status) + (f": {outcomes[i].detail}" if outcomes[i].detail else "")
                if i < len(outcomes)
                else "",
                "by": c.by,
                "date": c.on,
                "evidence": f"{ev.source}: {ev.quote}" if not ev.inferred else f"assertion: {ev.rule}",
                "what it changed": "; ".join(effects[i]) if i < len(effects) and effects[i] else "no rule's outcome",
            }
        )
    return rows
