"""The report as one printable A4 HTML page: no JavaScript, no external file (the chart is SVG)."""

from __future__ import annotations

from remit.present.markup import html_escape as escape

from . import Report
from .sections import Section, sections, subtitle

CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #111; max-width: 190mm; margin: auto; }
h1 { font-size: 17pt; margin-bottom: 2pt; } h2 { font-size: 13pt; margin-top: 16pt; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin-top: 10pt; } .sub { color: #444; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8.5pt; page-break-inside: auto; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; } tr { page-break-inside: avoid; }
.chart svg { width: 100%; height: auto; max-height: 250mm; }
"""


def _section(s: Section) -> str:
    tag = f"h{s.level}"
    out = [f"<section><{tag}>{escape(s.heading)}</{tag}>"]
    out += [f"<p>{escape(p)}</p>" for p in s.paragraphs]
    if s.bullets:
        out.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in s.bullets) + "</ul>")
    if s.svg:
        out.append(f'<div class="chart">{s.svg}</div>')
    if s.table:
        head = "".join(f"<th>{escape(h)}</th>" for h in s.table.headings)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in s.table.rows)
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


def render_html(report: Report) -> str:
    body = "\n".join(_section(s) for s in sections(report))
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(report.title)}</title>'
        f"<style>{CSS}</style></head><body>\n<h1>{escape(report.title)}</h1>\n"
        f'<p class="sub">{escape(subtitle(report))}</p>\n{body}\n</body></html>\n'
    )
