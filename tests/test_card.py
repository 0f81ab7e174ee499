"""Share cards: the right size, small, the same bytes every build, every character drawn and nothing overlapping."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.card import BACKGROUND, HEIGHT, VERDICT_FILL, VERDICT_TEXT, WIDTH, font, share_card
from generator.chart import INK, MUTED, TEXT

from .conftest import REPO

LONG_TITLE = (
    "Putin says as many as 5,000 people have died on both sides, “nearly 2,000 on each side”, while Kompas.com "
    "reports that more than 1,200 died and Hikmət Hacıyev speaks of Şuşa … " * 3
)
FACT_CHARACTERS = "Ş ş ə ğ ı ç ü ö É ’ “ ” …"


def card(
    title: str = "Aliyev: Azerbaijan will take back the seven districts",
    label: str | None = "Outlets disagree",
    kind: str = "Claim",
) -> Image.Image:
    return Image.open(io.BytesIO(share_card(title, label, kind, "Karabakh Fact Desk")))


def test_a_card_is_a_small_1200_by_630_palette_png() -> None:
    data = share_card(LONG_TITLE, "Reported by one outlet only, original not found", "Claim", "Karabakh Fact Desk")
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("PNG", (WIDTH, HEIGHT), "P")
    assert (WIDTH, HEIGHT) == (1200, 630)
    assert len(data) < 40_000
    assert not image.info.keys() - {"dpi", "transparency"}, "no metadata that could differ between builds"


def test_same_input_gives_the_same_bytes() -> None:
    assert share_card(LONG_TITLE, "Outlets disagree", "Figure", "K") == share_card(
        LONG_TITLE, "Outlets disagree", "Figure", "K"
    )


def _notdef(face) -> tuple[tuple[int, int], bytes]:
    mask = face.getmask("\U0010fffd")  # a private-use character no font here has: drawn as the missing-glyph box
    return mask.size, bytes(mask)


def _fact_characters() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in (REPO / "facts").rglob("*.yaml"))
    return {c for c in text + FACT_CHARACTERS if c.isprintable() and not c.isspace()}


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_every_character_the_facts_use_has_a_glyph(bold: bool) -> None:
    face = font(40, bold)
    box = _notdef(face)
    missing = sorted(c for c in _fact_characters() if (face.getmask(c).size, bytes(face.getmask(c))) == box)
    assert missing == []
    assert (face.getmask("中").size, bytes(face.getmask("中"))) == box, "the check must see a missing glyph"


def _rows_with(image: Image.Image, colour: str, tolerance: int = 40) -> list[int]:
    """The rows holding pixels of about ``colour``."""
    target = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
    rgb = image.convert("RGB")
    return [
        y
        for y in range(rgb.height)
        if any(sum(abs(a - b) for a, b in zip(rgb.getpixel((x, y)), target)) <= tolerance for x in range(84, 1136, 3))
    ]


@pytest.mark.parametrize("title", [LONG_TITLE, LONG_TITLE[:90]], ids=["cut", "four-lines-at-the-largest-size"])
def test_the_title_ends_above_the_verdict_and_the_verdict_stays_on_the_card(title: str) -> None:
    image = card(title, "Reported by one outlet only, original not found " * 5)
    title_rows = [y for y in _rows_with(image, TEXT) if y > 100]
    verdict_rows = _rows_with(image, VERDICT_FILL, tolerance=12)
    assert title_rows and verdict_rows
    assert max(title_rows) < min(verdict_rows), "the title runs into the verdict"
    rgb = image.convert("RGB")
    right_edge = {rgb.getpixel((x, y)) for x in range(WIDTH - 60, WIDTH) for y in range(HEIGHT)}
    assert right_edge == {Image.new("RGB", (1, 1), BACKGROUND).getpixel((0, 0))}, "something reaches the margin"


def test_a_card_without_a_verdict_has_no_verdict_box() -> None:
    assert _rows_with(card(label=None), VERDICT_FILL, tolerance=12) == []


@pytest.mark.parametrize("hostile", ["$\\foo$", "<script>alert(1)</script>", "A & B", "x" * 5000, "\x00\x1b\ud800"])
def test_hostile_text_draws_a_card(hostile: str) -> None:
    image = card(hostile, hostile, hostile)
    assert image.size == (WIDTH, HEIGHT)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize(
    ("fg", "bg"), [(TEXT, BACKGROUND), (INK, BACKGROUND), (MUTED, BACKGROUND), (VERDICT_TEXT, VERDICT_FILL)]
)
def test_text_contrast_is_at_least_seven_to_one(fg: str, bg: str) -> None:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 7


def test_fonts_come_with_matplotlib() -> None:
    assert Path(font(20).path).is_relative_to(Path(__import__("matplotlib").get_data_path()))
