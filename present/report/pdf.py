"""The report as an A4 PDF with fpdf2 (pure Python, no system libraries): the same sections as
the HTML; the chart drawn at a legible scale on landscape pages of its own, tiled with an overview
and an index when it does not fit one (present.drawing.pdf, as `remit chart` draws it)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from remit.present.drawing.pdf import add_chart_pages, plain

from . import Report
from .sections import Section, Table, sections, subtitle

PAGE_W, PAGE_H = 186, 255  # usable mm on A4 with our margins
LONG = 250  # rows: above this a table is set one line a row (fpdf2's wrapping table takes ~6 ms a cell)


class _Pdf(FPDF):
    title_text = ""  # the report's title, in every page's footer
    chart_pages = False  # the chart's pages carry their own page labels

    def footer(self) -> None:
        if self.chart_pages:
            return
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, plain(f"{self.title_text} - page {self.page_no()}"), align="C")


def _chart(pdf: _Pdf, s: Section) -> None:
    """The chart on pages of its own (the text before it stays on its page)."""
    assert s.scene is not None
    pdf.chart_pages = True
    pdf.set_auto_page_break(False)
    add_chart_pages(pdf, s.scene, plain(f"{pdf.title_text}: {s.heading.lower()}"), "A4")
    # The chart's last page is finished (its footer drawn) when the next page opens: open it while
    # the chart's own page labels are in force, so that page gets no second footer.
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page(orientation="P", format="A4")
    pdf.chart_pages = False


def _section(pdf: _Pdf, s: Section) -> None:
    pdf.set_font("Helvetica", "B", {2: 13, 3: 11}.get(s.level, 9.5))
    if pdf.get_y() > PAGE_H - 10:
        pdf.add_page()
    pdf.ln(3)
    pdf.multi_cell(0, 6, plain(s.heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    # Ragged right: justified lines with long ids and titles in them opened wide gaps between words.
    for p in s.paragraphs:
        pdf.multi_cell(0, 4.5, plain(p), new_x="LMARGIN", new_y="NEXT", align="L")
    for i, b in enumerate(s.bullets):
        if i and b.startswith("Reason: "):  # a finding card: each finding starts apart from the last
            pdf.ln(1.5)
        pdf.multi_cell(0, 4.5, plain(f"- {b}"), new_x="LMARGIN", new_y="NEXT", align="L")
    if s.scene is not None:
        _chart(pdf, s)
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
