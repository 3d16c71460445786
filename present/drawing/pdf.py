"""A chart Scene as a multi-page vector PDF (fpdf2, drawn with its own lines and text: embedding
the SVG took 5 s a page for a big chart): an overview page with the tile grid, one page per tile at
a legible scale (text about 8 pt) labelled with its grid cell and its neighbours, and an index of
every post with the cell it is in. A4 or A3, landscape or portrait by the chart's shape.

Tiles are cut between layout columns, so no box is split sideways; a cut between rows moves up
to clear any box it would cross."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fpdf import FPDF

from remit.loader.text import visible
from remit.present.layout import COL_W, LINE_PX

from .scene import FONT_PX, MARKER, TEXT, Box, Line, Scene

PAPERS = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape, mm
K = 0.24  # mm per layout pixel on a tile page: 12 px text is 8.2 pt
MARGIN, HEAD, FOOT = 10.0, 14.0, 10.0  # mm
PT = 0.3528  # mm per point

# The PDF core fonts speak Latin-1: typographic marks outside it get their plain equivalents.
_PLAIN = str.maketrans(
    {
        "\u2212": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2192": "->",
        "\u2190": "<-",
        "\u2026": "...",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00b7": "-",
        "\u2022": "-",
    }
)


def plain(text: str) -> str:
    """Text as the PDF's core fonts can set it: control characters from a file shown as their escapes
    (a NUL or ESC in a title is written \\u0000 / \\u001b, never put raw into the PDF: issue 25, finding 8),
    then what Latin-1 lacks replaced."""
    return visible(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@dataclass
class Tile:
    row: int
    col: int
    x0: float  # layout px
    y0: float
    x1: float
    y1: float

    @property
    def cell(self) -> str:
        return f"{row_name(self.row)}{self.col + 1}"


def row_name(i: int) -> str:
    """A, B, ... Z, AA, AB ..."""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _orientation(scene: Scene, paper: str) -> tuple[str, float, float]:
    """'L' or 'P', and the page size (mm), whichever needs fewer tiles."""
    w, h = PAPERS[paper]
    left, top, right, bottom = scene.bounds
    cw, ch = right - left, bottom - top

    def pages(pw: float, ph: float) -> int:
        aw, ah = (pw - 2 * MARGIN) / K, (ph - HEAD - FOOT) / K
        return int(-(-cw // (max(1, int(aw // COL_W)) * COL_W)) * -(-ch // ah))

    return ("L", w, h) if pages(w, h) <= pages(h, w) else ("P", h, w)


def tiles(scene: Scene, page_w: float, page_h: float) -> list[Tile]:
    """The grid of tiles covering the chart; tiles with no box on them are left out."""
    left, top, right, bottom = scene.bounds
    aw, ah = (page_w - 2 * MARGIN) / K, (page_h - HEAD - FOOT) / K
    step = max(1, int(aw // COL_W)) * COL_W
    x0 = min(0.0, left)
    xs = []
    while x0 < right:
        xs.append((x0, x0 + step))
        x0 += step
    ys = []
    y0 = top
    while y0 < bottom:
        y1 = y0 + ah
        crossing = [b.top for b in scene.boxes if b.top < y1 < b.bottom]
        if crossing and min(crossing) - 4 > y0 + ah / 3:
            y1 = min(crossing) - 4
        ys.append((y0, y1))
        y0 = y1
    out = []
    for r, (ya, yb) in enumerate(ys):
        for c, (xa, xb) in enumerate(xs):
            if any(b.right > xa and b.left < xb and b.bottom > ya and b.top < yb for b in scene.boxes):
                out.append(Tile(r, c, xa, ya, xb, yb))
    return out


class _Painter:
    """Draws scene items onto the current page: layout px -> mm by (origin, scale). Text widths come
    from the core font's own metrics, and colours are set only when they change: fpdf2's per-call
    work dominated a 2,000-post chart."""

    def __init__(self, pdf: FPDF, ox: float, oy: float, x0: float, y0: float, scale: float, text: bool = True):
        self.pdf, self.ox, self.oy, self.x0, self.y0, self.s, self.text = pdf, ox, oy, x0, y0, scale, text
        self.state: dict[str, object] = {}

    def at(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + (x - self.x0) * self.s, self.oy + (y - self.y0) * self.s

    def _set(self, what: str, value: object) -> None:
        if self.state.get(what) == value:
            return
        self.state[what] = value
        pdf = self.pdf
        if what == "draw":
            pdf.set_draw_color(*_rgb(str(value)))
        elif what == "fill":
            pdf.set_fill_color(*_rgb(str(value)))
        elif what == "width":
            pdf.set_line_width(float(value))  # type: ignore[arg-type]
        elif what == "dash":
            if value:
                dash_gap: tuple[float, float] = value  # type: ignore[assignment]
                pdf.set_dash_pattern(dash=dash_gap[0], gap=dash_gap[1])
            else:
                pdf.set_dash_pattern()

    def line(self, line: Line) -> None:
        pdf = self.pdf
        self._set("draw", line.color)
        self._set("width", round(max(0.1, line.width * self.s * 0.6), 3))
        self._set("dash", (line.dashes[0] * self.s, line.dashes[1] * self.s) if line.dashes else None)
        pdf.polyline([self.at(x, y) for x, y in line.points])
        if line.arrow and len(line.points) > 1:
            import math

            (x1, y1), (x2, y2) = self.at(*line.points[-2]), self.at(*line.points[-1])
            a, size = math.atan2(y2 - y1, x2 - x1), 7 * self.s
            self._set("fill", line.color)
            self._set("dash", None)
            pdf.polygon(
                [
                    (x2, y2),
                    (x2 - size * math.cos(a - 0.45), y2 - size * math.sin(a - 0.45)),
                    (x2 - size * math.cos(a + 0.45), y2 - size * math.sin(a + 0.45)),
                ],
                style="F",
            )

    def label(self, line: Line) -> None:
        if not (line.label and self.text):
            return
        pdf = self.pdf
        mx, my = self.at(*line.points[len(line.points) // 2])
        size = 10 * self.s / PT
        w = text_width(line.label, "I", size)
        self._set("fill", "#ffffff")
        pdf.rect(mx - w / 2 - 0.5, my - 10 * self.s * 0.8, w + 1, 10 * self.s, style="F")
        pdf.set_font("Helvetica", "I", size)
        pdf.set_text_color(68, 68, 68)
        pdf.text(mx - w / 2, my, line.label)

    def box(self, b: Box) -> None:
        x, y = self.at(b.left, b.top)
        self._set("fill", b.fill)
        self._set("draw", b.border)
        self._set("width", round(max(0.1, b.border_w * self.s * 0.6), 3))
        self._set("dash", (b.dashes[0] * self.s, b.dashes[1] * self.s) if b.dashes else None)
        if b.rounded:
            self.pdf.rect(x, y, b.w * self.s, b.h * self.s, style="DF", round_corners=True, corner_radius=2)
        else:
            self.pdf.rect(x, y, b.w * self.s, b.h * self.s, style="DF")

    def box_text(self, boxes: list[Box]) -> None:
        """Every box's lines, centred, a font change only between regular and bold runs."""
        if not self.text:
            return
        pdf = self.pdf
        size = FONT_PX * self.s / PT
        runs: dict[str, list[tuple[float, float, str, float]]] = {"": [], "B": []}
        for b in boxes:
            x, y = self.at(b.left, b.top)
            w, h = b.w * self.s, b.h * self.s
            first = y + (h - len(b.lines) * LINE_PX * self.s) / 2 + LINE_PX * self.s * 0.5 + FONT_PX * self.s * 0.35
            for i, text in enumerate(b.lines):
                t = plain(text)
                style = "B" if b.bold[0] <= i < b.bold[1] else ""
                tw = text_width(t, style, size)
                fit = size if tw <= w - 1.5 else size * (w - 1.5) / tw  # a long word smaller, never cut
                runs[style].append((x + (w - tw * fit / size) / 2, first + i * LINE_PX * self.s, t, fit))
        pdf.set_text_color(*_rgb(TEXT))
        for style, items in runs.items():
            current = None
            for tx, ty, t, fit in items:
                if fit != current:
                    pdf.set_font("Helvetica", style, fit)
                    current = fit
                pdf.text(tx, ty, t)

    def marker(self, text: str, mx: float, my: float) -> None:
        pdf = self.pdf
        x, y = self.at(mx - 16, my - 8)
        self._set("fill", MARKER)
        pdf.rect(x, y, 32 * self.s, 16 * self.s, style="F")
        if self.text:
            size = FONT_PX * self.s / PT
            pdf.set_text_color(255, 255, 255)
            pdf.set_font("Helvetica", "B", size)
            pdf.text(x + (32 * self.s - text_width(text, "B", size)) / 2, y + 12 * self.s, text)

    def scene(self, scene: Scene, x0: float, y0: float, x1: float, y1: float, index: _Index | None = None) -> None:
        """Every item touching the rectangle (layout px)."""
        index = index or _Index(scene)
        lines = [
            ln for ln, (a, b, c, d) in zip(scene.lines, index.lines) if c >= x0 and a <= x1 and d >= y0 and b <= y1
        ]
        boxes = [
            bx for bx, (a, b, c, d) in zip(scene.boxes, index.boxes) if c >= x0 and a <= x1 and d >= y0 and b <= y1
        ]
        for ln in lines:
            self.line(ln)
        for bx in boxes:
            self.box(bx)
        self.box_text(boxes)
        for ln in lines:
            self.label(ln)
        for m in scene.markers:
            if x0 - 20 <= m.x <= x1 + 20 and y0 - 10 <= m.y <= y1 + 10:
                self.marker(m.text, m.x, m.y)


class _Index:
    """Bounding boxes of a scene's items, computed once for every tile's cull."""

    def __init__(self, scene: Scene):
        self.boxes = [(b.left, b.top, b.right, b.bottom) for b in scene.boxes]
        self.lines = [
            (
                min(p[0] for p in ln.points),
                min(p[1] for p in ln.points),
                max(p[0] for p in ln.points),
                max(p[1] for p in ln.points),
            )
            for ln in scene.lines
        ]


_WIDTHS: dict[str, Any] = {}


def text_width(text: str, style: str, size: float) -> float:
    """mm of `text` in Helvetica (core font metrics, as fpdf2's get_string_width, without its cost)."""
    if not _WIDTHS:
        probe = FPDF()
        for s in ("", "B", "I"):
            probe.set_font("Helvetica", s, 10)
            _WIDTHS[s] = probe.current_font.cw  # type: ignore[union-attr]
    cw = _WIDTHS[style]
    return sum(cw.get(c, 556) for c in text) * size / 1000 * PT


def _head(pdf: FPDF, left: str, right: str, page_w: float) -> None:
    """The page's title on the left, its place in the set on the right; a long title gets smaller
    type, then is shortened with "...", so the two never overlap."""
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 8)
    right = plain(right)
    room = page_w - 2 * MARGIN - (pdf.get_string_width(right) + 4 if right else 0)
    left = plain(left)
    size = 10.0
    pdf.set_font("Helvetica", "B", size)
    while pdf.get_string_width(left) > room and size > 7:
        size -= 0.5
        pdf.set_font("Helvetica", "B", size)
    if pdf.get_string_width(left) > room:
        while left and pdf.get_string_width(left + "...") > room:
            left = left[:-1]
        left = left.rstrip() + "..."
    pdf.text(MARGIN, MARGIN, left)
    pdf.set_font("Helvetica", "", 8)
    pdf.text(page_w - MARGIN - pdf.get_string_width(right), MARGIN, right)


def _foot(pdf: FPDF, text: str, page_h: float) -> None:
    pdf.set_text_color(60, 60, 60)
    pdf.set_font("Helvetica", "", 7.5)
    pdf.text(MARGIN, page_h - 5, plain(text))


def add_chart_pages(pdf: FPDF, scene: Scene, title: str, paper: str = "A4", note: str = "") -> int:
    """Append the chart's pages (overview, tiles, index) to `pdf`; returns how many were added."""
    orient, pw, ph = _orientation(scene, paper)
    grid = tiles(scene, pw, ph)
    start = pdf.page_no() + 1
    if len(grid) == 1:  # a chart that fits one page is that page: no overview or index needed
        _tile_page(pdf, scene, grid[0], set(), orient, paper, pw, ph, title, f"page {start}", _Index(scene))
        return 1
    total = 1 + len(grid)
    cell_of: dict[str, str] = {}
    for t in grid:
        for b in scene.boxes:
            if t.x0 <= b.x < t.x1 and t.y0 <= b.y < t.y1:
                cell_of.setdefault(b.key, t.cell)
    # Overview: the whole chart on one page, the tile grid over it.
    pdf.add_page(orientation=orient, format=paper)
    left, top, right, bottom = scene.bounds
    aw, ah = pw - 2 * MARGIN, ph - HEAD - FOOT - 14
    s = min(aw / (right - left), ah / (bottom - top), K)
    _head(pdf, f"{title}: overview", f"{len(scene.boxes)} boxes - {len(grid)} tile pages - {paper}", pw)
    pdf.set_font("Helvetica", "", 8)
    pdf.set_text_color(40, 40, 40)
    pdf.set_xy(MARGIN, MARGIN + 2)
    guide = (
        f"Each numbered cell below is one page that follows (pages {start + 1}-{start + len(grid)}); "
        "every post is listed with its cell in the index at the end."
    )
    pdf.multi_cell(aw, 3.5, plain(" ".join(x for x in (note, guide) if x)))
    oy = pdf.get_y() + 2
    index = _Index(scene)
    painter = _Painter(pdf, MARGIN, oy, left, top, s, text=s * FONT_PX >= 1.6)
    painter.scene(scene, left, top, right, bottom, index)
    pdf.set_draw_color(200, 0, 0)
    pdf.set_line_width(0.35)
    pdf.set_text_color(200, 0, 0)
    for t in grid:
        (x, y), (x2, y2) = painter.at(max(t.x0, left), max(t.y0, top)), painter.at(min(t.x1, right), min(t.y1, bottom))
        pdf.rect(x, y, x2 - x, y2 - y)
        pdf.set_font("Helvetica", "B", max(5.0, min(14.0, (x2 - x) / 3)))
        pdf.text(x + 1, y + max(2.5, min(6.0, (y2 - y) / 3)), t.cell)
    _foot(pdf, f"{title} - page {start} of the chart's {total} pages - overview", ph)
    # One page per tile.
    cells = {(t.row, t.col) for t in grid}
    for n, t in enumerate(grid):
        foot = f"page {start + 1 + n} - grid cell {t.cell} - overview on page {start}"
        _tile_page(pdf, scene, t, cells, orient, paper, pw, ph, title, foot, index)
    # The index: every post and the cell it is in.
    added = 1 + len(grid) + _index(pdf, scene, cell_of, title, paper)
    return added


def _tile_page(
    pdf: FPDF,
    scene: Scene,
    t: Tile,
    cells: set[tuple[int, int]],
    orient: str,
    paper: str,
    pw: float,
    ph: float,
    title: str,
    foot: str,
    index: _Index,
) -> None:
    pdf.add_page(orientation=orient, format=paper)
    near = [
        f"{word}: {row_name(r)}{c + 1}"
        for word, r, c in (
            ("left", t.row, t.col - 1),
            ("right", t.row, t.col + 1),
            ("up", t.row - 1, t.col),
            ("down", t.row + 1, t.col),
        )
        if (r, c) in cells
    ]
    _head(pdf, f"{title}: cell {t.cell}" if cells else title, "  ".join(near), pw)
    tw, th = (t.x1 - t.x0) * K, (t.y1 - t.y0) * K
    with pdf.rect_clip(MARGIN, HEAD, tw, th):
        _Painter(pdf, MARGIN, HEAD, t.x0, t.y0, K).scene(scene, t.x0, t.y0, t.x1, t.y1, index)
    pdf.set_draw_color(180, 180, 180)
    pdf.set_line_width(0.2)
    pdf.rect(MARGIN, HEAD, tw, th)
    _foot(pdf, foot, ph)


def _natural(text: str) -> list[object]:
    """Team Leader 9 before Team Leader 10."""
    import re

    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text)]


def _index(pdf: FPDF, scene: Scene, cell_of: dict[str, str], title: str, paper: str) -> int:
    pw, ph = PAPERS[paper][1], PAPERS[paper][0]  # portrait
    entries = sorted((" ".join(b.lines[b.bold[0] : b.bold[1]]), cell_of.get(b.key, "")) for b in scene.boxes if b.lines)
    cols, line_h = (3 if paper == "A3" else 2), 3.4
    per_col = int((ph - HEAD - FOOT - 6) // line_h)
    col_w = (pw - 2 * MARGIN) / cols
    pages = 0
    for i in range(0, len(entries), per_col * cols):
        pdf.add_page(orientation="P", format=paper)
        pages += 1
        _head(pdf, f"{title}: index of posts", "post - grid cell", pw)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "", 7.5)
        chunk = entries[i : i + per_col * cols]
        for j, (name, cell) in enumerate(chunk):
            x = MARGIN + (j // per_col) * col_w
            y = HEAD + 4 + (j % per_col) * line_h
            text, room = plain(name), col_w - 12
            tw = text_width(text, "", 7.5)
            if tw > room:  # a long title in smaller type, never cut
                pdf.set_font("Helvetica", "", 7.5 * room / tw)
            pdf.text(x, y, text)
            if tw > room:
                pdf.set_font("Helvetica", "", 7.5)
            pdf.text(x + col_w - 10, y, cell)
        _foot(pdf, f"{title} - index {pages}", ph)
    return pages


def chart_pdf(scene: Scene, title: str, paper: str = "A4", note: str = "") -> bytes:
    """A PDF of the chart alone (the page's button and `remit chart --out FILE.pdf`)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
    pdf = FPDF(unit="mm", format=paper)
    pdf.set_auto_page_break(False)
    pdf.set_title(plain(title))
    pdf.set_creator("remit chart")
    add_chart_pages(pdf, scene, title, paper, note)
    return bytes(pdf.output())
