"""Report download buttons (Structure, Assurance and Compare pages): the same report as
`remit report`, made only when the button is clicked (Streamlit runs the callable then)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from remit.loader.text import visible
from remit.present.report import build_report, render

from . import state

_log = logging.getLogger("remit.dashboard")

if TYPE_CHECKING:
    from remit.queries.backend import Backend


class ReportFailed(RuntimeError):
    """The report could not be made: the button shows Streamlit's download error, the log says why."""


def _maker(backend: Backend, structure: str, as_of: str | None, compare: str | None, fmt: str) -> Callable[[], bytes]:
    # Runs on another thread, outside the page script: it takes the backend object, not the session.
    # A failure must not pass silently (issue 25, finding 8: the PDF button "did nothing"): it is logged
    # with its cause, and raised, so the button shows its error under it ("Failed to generate file").
    def make() -> bytes:
        try:
            return render(build_report(backend, structure, as_of, compare), fmt)
        except Exception as exc:
            _log.exception("the %s report on %s could not be made", fmt.upper(), visible(structure))
            raise ReportFailed(f"the {fmt.upper()} report could not be made") from exc

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
