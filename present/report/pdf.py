"""The report as an A4 PDF with fpdf2 (pure Python, no system libraries): the same sections as
the HTML, the chart embedded as the same SVG."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from remit.loader.text import visible

from . import Report
from .sections import Section, Table, sections, subtitle

# The PDF core fonts speak Latin-1: typographic marks outside it get their plain equivalents.
PLAIN = str.maketrans(
    {
        "\u2212": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2192": "->",
        "\u2026": "...",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00b7": "-",
        "\u2022": "-",
    }
)
PAGE_W, PAGE_H = 186, 255  # usable mm on A4 with our margins
LONG = 250  # rows: above this a table is set one line a row (fpdf2's wrapping table takes ~6 ms a cell)


def plain(text: str) -> str:
    """Text as the PDF's core fonts can set it: control characters from a file shown as their escapes
    (a NUL or ESC in a title is written \\u0000 / \\u001b, never put raw into the PDF: issue 25, finding 8),
    then what Latin-1 lacks replaced."""
    return visible(text).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    title_text = ""  # the report's title, in every page's footer

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, plain(f"{self.title_text} - page {self.page_no()}"), align="C")


def _svg(pdf: FPDF, svg: str) -> None:
    import re

    m = re.search(r'width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"', svg)
    w, h = (float(m.group(1)), float(m.group(2))) if m else (800.0, 600.0)
    scale = min(PAGE_W / w, PAGE_H / h)
    if pdf.get_y() + h * scale > PAGE_H + 20:
        pdf.add_page()
    pdf.image(io.BytesIO(plain(svg).encode("latin-1")), w=w * scale, h=h * scale)


def _section(pdf: FPDF, s: Section) -> None:
    pdf.set_font("Helvetica", "B", 13 if s.level == 2 else 11)
    if pdf.get_y() > PAGE_H - 10:
        pdf.add_page()
    pdf.ln(3)
    pdf.multi_cell(0, 6, plain(s.heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for p in s.paragraphs:
        pdf.multi_cell(0, 4.5, plain(p), new_x="LMARGIN", new_y="NEXT")
    for b in s.bullets:
        pdf.multi_cell(0, 4.5, plain(f"- {b}"), new_x="LMARGIN", new_y="NEXT")
    if s.svg:
        _svg(pdf, s.svg)
    if s.table and len(s.table.rows) > LONG:
        _long_table(pdf, s.table)
    elif s.table and s.table.rows:
        pdf.set_font("Helvetica", size=7)
        widths = tuple(s.table.widths) if s.table.widths else None
        with pdf.table(
            col_widths=widths,
            line_height=3.4,
            headings_style=FontFace(emphasis="BOLD", fill_color=230),
            text_align="LEFT",
            first_row_as_headings=True,
        ) as t:
            t.row([plain(h) for h in s.table.headings])
            for row in s.table.rows:
                t.row([plain(c) for c in row])
        pdf.set_font("Helvetica", size=9)


def _long_table(pdf: FPDF, table: Table) -> None:
    """A council-sized table, one line a row, each value cut to its column (the HTML has it whole)."""
    rel = table.widths or [1.0] * len(table.headings)
    widths = [PAGE_W * w / sum(rel) for w in rel]
    pdf.set_font("Helvetica", size=6.5)
    per_mm = 1 / (6.5 * 0.5 * 0.3528)  # characters per mm at this size, roughly

    def line(cells: list[str], style: str = "") -> None:
        pdf.set_font("Helvetica", style, 6.5)
        for text, w in zip(cells, widths):
            room = max(int(w * per_mm) - 1, 3)
            text = plain(text)
            pdf.cell(w, 3.4, text if len(text) <= room else text[: room - 3] + "...", border=1)
        pdf.ln(3.4)

    line(table.headings, "B")
    for row in table.rows:
        if pdf.get_y() > PAGE_H + 5:
            pdf.add_page()
            line(table.headings, "B")
        line(row)
    pdf.set_font("Helvetica", size=9)


def render_pdf(report: Report) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.title_text = report.title
    pdf.set_title(plain(report.title))
    pdf.set_creator("remit report")
    pdf.set_margins(12, 15, 12)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, plain(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.multi_cell(0, 5, plain(subtitle(report)), new_x="LMARGIN", new_y="NEXT")
    for s in sections(report):
        _section(pdf, s)
    return bytes(pdf.output())
