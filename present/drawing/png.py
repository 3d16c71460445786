"""A chart Scene as a PNG, drawn with Pillow (already installed as fpdf2's image library, a
well-kept package with wheels everywhere), so `remit chart --out FILE.png` needs no browser. Text
is Liberation Sans (Helvetica's metrics, as the PDF) where the system has it, else Pillow's own
FreeType font, whose bold is the same face with a hairline stroke."""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from remit.present.layout import LINE_PX

from .scene import FONT_PX, MARKER, TEXT, Line, Scene

FONTS = Path("/usr/share/fonts/truetype/liberation")
MAX_SIDE = 16000  # px: Pillow copes, and image viewers still open it
MAX_PIXELS = 25_000_000  # a 2,000-post chart at about 1:1, drawn in seconds


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _dashed(
    draw: ImageDraw.ImageDraw,
    points: list[tuple[float, float]],
    fill: tuple[int, int, int],
    width: int,
    dashes: tuple[float, float],
) -> None:
    on, off = dashes
    drawing, left = True, on
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            if drawing and length:
                a, b = pos / length, (pos + step) / length
                draw.line(
                    [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)],
                    fill=fill,
                    width=width,
                )
            pos += step
            left -= step
            if left <= 0:
                drawing = not drawing
                left = on if drawing else off


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _fonts(size: int) -> tuple[Font, Font, int]:
    """(regular, bold, stroke for bold): Liberation Sans if installed, else Pillow's own font."""
    regular, bold = FONTS / "LiberationSans-Regular.ttf", FONTS / "LiberationSans-Bold.ttf"
    if regular.exists() and bold.exists():
        return ImageFont.truetype(str(regular), size), ImageFont.truetype(str(bold), size), 0
    font = ImageFont.load_default(size=size)
    return font, font, 1 if size >= 16 else 0


def scene_png(scene: Scene, scale: float = 1.5) -> bytes:
    """The whole chart at `scale` pixels per layout pixel (smaller if the image would be too big)."""
    left, top, right, bottom = scene.bounds
    w, h = right - left, bottom - top
    scale = min(scale, MAX_SIDE / w, MAX_SIDE / h, math.sqrt(MAX_PIXELS / (w * h)))
    image = Image.new("RGB", (max(1, int(w * scale)), max(1, int(h * scale))), "white")
    draw = ImageDraw.Draw(image)
    font, bold_font, stroke = _fonts(max(6, round(FONT_PX * scale)))
    small = _fonts(max(6, round(10 * scale)))[0]

    def at(x: float, y: float) -> tuple[float, float]:
        return (x - left) * scale, (y - top) * scale

    def line(ln: Line) -> None:
        pts = [at(x, y) for x, y in ln.points]
        width = max(1, round(ln.width * scale * 0.8))
        if ln.dashes:
            _dashed(draw, pts, _rgb(ln.color), width, (ln.dashes[0] * scale, ln.dashes[1] * scale))
        else:
            draw.line(pts, fill=_rgb(ln.color), width=width, joint="curve")
        if ln.arrow and len(pts) > 1:
            (x1, y1), (x2, y2) = pts[-2], pts[-1]
            a, size = math.atan2(y2 - y1, x2 - x1), 7 * scale
            draw.polygon(
                [
                    (x2, y2),
                    (x2 - size * math.cos(a - 0.45), y2 - size * math.sin(a - 0.45)),
                    (x2 - size * math.cos(a + 0.45), y2 - size * math.sin(a + 0.45)),
                ],
                fill=_rgb(ln.color),
            )

    for ln in scene.lines:
        line(ln)
    for b in scene.boxes:
        x0, y0 = at(b.left, b.top)
        x1, y1 = at(b.right, b.bottom)
        width = max(1, round(b.border_w * scale * 0.8))
        radius = round((10 if b.rounded else 2) * scale)
        draw.rounded_rectangle(
            (x0, y0, x1, y1),
            radius=radius,
            fill=_rgb(b.fill),
            outline=None if b.dashes else _rgb(b.border),
            width=width,
        )
        if b.dashes:
            corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            _dashed(draw, corners, _rgb(b.border), width, (b.dashes[0] * scale, b.dashes[1] * scale))
        first = y0 + ((b.h - len(b.lines) * LINE_PX) / 2 + LINE_PX / 2) * scale
        for i, text in enumerate(b.lines):
            bold = b.bold[0] <= i < b.bold[1]
            draw.text(
                ((x0 + x1) / 2, first + i * LINE_PX * scale),
                text,
                fill=_rgb(TEXT),
                font=bold_font if bold else font,
                anchor="mm",
                stroke_width=stroke if bold else 0,
                stroke_fill=_rgb(TEXT),
            )
    for ln in scene.lines:
        if ln.label:
            mx, my = at(*ln.points[len(ln.points) // 2])
            draw.text(
                (mx, my), ln.label, fill=(68, 68, 68), font=small, anchor="mm", stroke_width=2, stroke_fill="white"
            )
    for m in scene.markers:
        x, y = at(m.x, m.y)
        draw.rounded_rectangle(
            (x - 16 * scale, y - 8 * scale, x + 16 * scale, y + 8 * scale), radius=round(3 * scale), fill=_rgb(MARKER)
        )
        draw.text((x, y), m.text, fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
