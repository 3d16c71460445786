"""A report for committee: one structure (and optionally what a restructure changes), A4 and
printable, as HTML or PDF. Built once (build_report) and rendered twice (html.render_html,
pdf.render_pdf), so the two say the same thing; shared by `remit report` and the dashboard."""

from __future__ import annotations

from .model import Report, ReportError, build_report

__all__ = ["Report", "ReportError", "build_report", "render"]


def render(report: Report, fmt: str) -> bytes:
    """'pdf' or 'html' bytes."""
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report).encode("utf-8")
    raise ReportError(f"unknown report format '{fmt}' (use .pdf or .html)")
