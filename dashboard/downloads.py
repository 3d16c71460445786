"""Report download buttons (Structure, Assurance and Compare pages): the same report as
`remit report`, made only when the button is clicked (Streamlit runs the callable then)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from remit.present.report import build_report, render

from . import state

if TYPE_CHECKING:
    from remit.queries.backend import Backend


def _maker(backend: Backend, structure: str, as_of: str | None, compare: str | None, fmt: str) -> Callable[[], bytes]:
    # Runs on another thread, outside the page script: it takes the backend object, not the session.
    def make() -> bytes:
        return render(build_report(backend, structure, as_of, compare), fmt)

    return make


def report_buttons(structure: str, as_of: str | None, compare: str | None, key: str) -> None:
    backend = state.backend()
    name = f"report-{compare + '-to-' if compare else ''}{structure}"
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        "Download report (PDF)",
        _maker(backend, structure, as_of, compare, "pdf"),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        key=f"{key}_report_pdf",
    )
    right.download_button(
        "Download report (HTML)",
        _maker(backend, structure, as_of, compare, "html"),
        file_name=f"{name}.html",
        mime="text/html",
        key=f"{key}_report_html",
    )
