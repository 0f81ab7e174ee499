"""Share cards: the 1200x630 PNG a link preview shows, drawn with Pillow at build time.

The fonts are the DejaVu Sans that matplotlib ships, so a build needs nothing
outside the project's dependencies and draws the same pixels everywhere; DejaVu
covers the Azerbaijani, Turkish, Armenian and typographic characters the facts
use. A palette of a few dozen colours keeps a card to a few tens of kilobytes.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

from .chart import INK, MUTED, TEXT, wrap

WIDTH, HEIGHT = 1200, 630
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
TITLE_SIZES = (80, 72, 64, 58, 52, 46)
"""Largest first: the title takes the largest size at which it fits whole."""

BACKGROUND = "#ffffff"
VERDICT_FILL = "#fdf0d2"  # pale amber, so the verdict stands apart from the title
VERDICT_TEXT = "#4d3300"  # 11:1 on the pale amber
RULE = "#d5d9df"

_LEFT, _RIGHT, _TOP, _BOTTOM = 84, 64, 56, 52  # margins; the left one holds the accent bar
_COLUMN = WIDTH - _LEFT - _RIGHT


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at ``size`` pixels."""
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _lines(text: str, face: ImageFont.FreeTypeFont, max_lines: int, width: int = _COLUMN) -> list[str]:
    return wrap(text, lambda line: len(line) <= width and face.getlength(line) <= width, max_lines)


@lru_cache(maxsize=256)  # generator watch makes the same cards again after every edit
def share_card(title: str, label: str | None, kind: str, site_name: str) -> bytes:
    """A PNG of 1200x630: the page ``kind`` ("Claim", "Person", …), its ``title``, the verdict ``label`` if any,
    and the ``site_name``. The title is wrapped to at most four lines and cut with "…" beyond them."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, HEIGHT), fill=INK)

    draw.text((_LEFT, _TOP), _lines(kind.upper(), font(30, bold=True), 1)[0], font=font(30, bold=True), fill=INK)

    site = font(30, bold=True)
    site_top = HEIGHT - _BOTTOM - 30
    draw.line((_LEFT, site_top - 26, WIDTH - _RIGHT, site_top - 26), fill=RULE, width=2)
    draw.text((_LEFT, site_top), _lines(site_name, site, 1)[0], font=site, fill=MUTED)

    bottom = site_top - 26 - 30  # where the title (or the verdict below it) must end
    if label:
        verdict = font(32, bold=True)
        lines = _lines(label, verdict, 2, _COLUMN - 40)
        height = 44 * len(lines) + 24
        top = bottom - height
        widest = max(verdict.getlength(line) for line in lines)
        draw.rounded_rectangle((_LEFT, top, _LEFT + widest + 40, bottom), radius=12, fill=VERDICT_FILL)
        for i, line in enumerate(lines):
            draw.text((_LEFT + 20, top + 12 + 44 * i), line, font=verdict, fill=VERDICT_TEXT)
        bottom = top - 30

    title_top = _TOP + 30 + 34
    for size in TITLE_SIZES:
        face, step = font(size, bold=True), round(size * 1.22)
        room = max(1, min(4, (bottom - title_top) // step))
        if len(_lines(title, face, room + 1)) <= room:  # fits whole
            break
    lines = _lines(title, face, room)
    for i, line in enumerate(lines):
        draw.text((_LEFT, title_top + step * i), line, font=face, fill=TEXT)

    out = io.BytesIO()
    # Antialiased text on three backgrounds needs a few dozen shades; 64 keep the edges smooth.
    image.quantize(64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()
