"""The casualty overview: every claim readable as text, each kind of mark explained, same bytes every build."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from generator.chart import LEGEND, Bar, mark_kind, overview_png, overview_svg

from .conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"
CREDIT = "Karabakh Fact Desk · data CC BY 4.0 · https://example.org/karabakh/figures/"
TOTAL = "Deaths, both sides (total)"
BARS = [
    Bar(TOTAL, "Kompas.com (own statement), no later than 1 Nov 2020", "more than 1,200", 1200, None, low_open=True),
    Bar(TOTAL, "Vladimir Putin, 22 Oct 2020", "as many as 5,000", None, 5000),
    Bar(TOTAL, "Example Agency, 3 Nov 2020", "between 2,000 and 3,000", 2000, 3000),
    Bar(TOTAL, "Example Agency, 4 Nov 2020", "at least 2,500", 2500, None),
    Bar("Civilian deaths: Azerbaijan", "Government of Azerbaijan, 10 Oct 2020", "1", 1, 1),
    Bar("Civilian deaths: Azerbaijan", "Hikmət Hacıyev, 11 Oct 2020", "2", 2, 2),
    Bar(
        "Military deaths: Azerbaijan",
        "Azerbaijan’s defence ministry, 1 Nov 2020",
        "not disclosed",
        None,
        None,
        not_disclosed=True,
    ),
]
LAYOUTS = ["wide", "narrow"]


def texts(svg: str) -> list[str]:
    """Every piece of text a reader sees, in document order."""
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def tick_labels(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [
        "".join(t.itertext())
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith("xtick_")
        for t in g.iter(f"{SVG}text")
    ]


@pytest.fixture(scope="module", params=LAYOUTS)
def drawn(request: pytest.FixtureRequest) -> tuple[str, str]:
    return request.param, overview_svg(BARS, request.param, credit=CREDIT)


def test_every_claim_its_panel_and_the_credit_are_text_in_the_svg(drawn: tuple[str, str]) -> None:
    _, svg = drawn
    shown = " ".join(texts(svg))  # a long label is wrapped over several lines, at spaces
    for bar in BARS:
        assert bar.label in shown
        assert bar.value_text in shown
        assert bar.panel in shown
    assert CREDIT in shown


def test_the_legend_names_each_kind_of_mark(drawn: tuple[str, str]) -> None:
    _, svg = drawn
    shown = texts(svg)
    for words in ("exact", "at least", "more than", "as many as", "range", "not disclosed"):
        assert words in shown
    assert "fewer than" not in shown, "no claim here is a strict upper bound"


def test_a_strict_upper_bound_adds_its_entry_to_the_legend() -> None:
    svg = overview_svg([Bar(TOTAL, "Someone, 1 Nov 2020", "fewer than 100", None, 100, high_open=True)], credit="c")
    assert "fewer than" in texts(svg)


@pytest.mark.parametrize(
    ("bar", "kind"),
    [
        (Bar(TOTAL, "a", "1,166", 1166, 1166), "exact"),
        (Bar(TOTAL, "a", "at least 549", 549, None), "at-least"),
        (Bar(TOTAL, "a", "more than 1,200", 1200, None, low_open=True), "more-than"),
        (Bar(TOTAL, "a", "as many as 5,000", None, 5000), "as-many-as"),
        (Bar(TOTAL, "a", "as many as 5,000", 0, 5000), "as-many-as"),
        (Bar(TOTAL, "a", "fewer than 100", None, 100, high_open=True), "fewer-than"),
        (Bar(TOTAL, "a", "2,000 to 3,000", 2000, 3000), "range"),
        (Bar(TOTAL, "a", "not disclosed", None, None, not_disclosed=True), "not-disclosed"),
        (Bar(TOTAL, "a", "hundreds", None, None), "no-number"),
    ],
)
def test_each_claim_gets_the_mark_its_bounds_call_for(bar: Bar, kind: str) -> None:
    assert mark_kind(bar) == kind
    assert kind in LEGEND or kind in ("fewer-than", "no-number")


def test_ticks_are_whole_people(drawn: tuple[str, str]) -> None:
    _, svg = drawn
    ticks = tick_labels(svg)
    assert "0" in ticks and "5,000" in ticks or "6,000" in ticks
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", t) for t in ticks), ticks
    assert "1" in ticks and "2" in ticks, "the civilian panel (values 1 and 2) has its own scale"


def test_title_and_description_tell_what_the_image_shows(drawn: tuple[str, str]) -> None:
    _, svg = drawn
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == "Deaths in the 2020 Nagorno-Karabakh war: who said how many"
    desc = root.findtext(f"{SVG}desc")
    for bar in BARS:
        assert f"{bar.label}: {bar.value_text}" in desc


def test_the_svg_is_sized_in_css_pixels_for_its_layout(drawn: tuple[str, str]) -> None:
    layout, svg = drawn
    root = ET.fromstring(svg)
    assert root.get("width") == {"wide": "760", "narrow": "360"}[layout]
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_the_svg_loads_nothing_and_carries_no_date(drawn: tuple[str, str]) -> None:
    _, svg = drawn
    assert not re.search(r"(?:href|src)=\"(?!#)", svg)
    assert re.findall(r"url\(([^)]*)\)", svg) and all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", svg))
    assert "<dc:date>" not in svg
    assert "<script" not in svg


@pytest.mark.parametrize(
    "hostile",
    [
        "$\\foo$",
        "<script>alert(1)</script>",
        "Ben & Jerry's “Ltd” --> <!--",
        "Şuşa ə ğ ı ç ü ö É ’ …",
        "x" * 5000,
        "word " * 2000,
        "tab\tnew\nline\x00nul\x1b",
    ],
)
def test_hostile_text_is_drawn_as_plain_text(hostile: str) -> None:
    bars = [Bar(hostile, hostile, hostile, 1, 2), Bar(hostile, "Agency, 1 Nov 2020", "3", 3, 3)]
    for layout in LAYOUTS:
        svg = overview_svg(bars, layout, credit=hostile, title=hostile)
        root = ET.fromstring(svg)  # well-formed XML
        assert not list(root.iter(f"{SVG}script"))
        shown = " ".join(texts(svg))
        if len(hostile) < 40:
            assert hostile.split()[0] in shown
        assert all(len(t) < 120 for t in texts(svg)), "long text is wrapped and cut, not drawn off the image"
        assert len(svg.encode()) < 40_000
    assert overview_png(bars, "narrow", credit=hostile, scale=1).startswith(b"\x89PNG")


def test_a_dollar_sign_is_not_mathtext() -> None:
    svg = overview_svg([Bar("P", "$\\foo$ and $x^2$, 1 Nov 2020", "$5", 5, 5)], "wide", credit="c")
    shown = texts(svg)
    assert "$\\foo$ and $x^2$, 1 Nov 2020" in shown and "$5" in shown


def test_forty_claims_stay_under_sixty_kilobytes() -> None:
    names = [
        "Nagorno-Karabakh Defence Army",
        "Government of Azerbaijan",
        "Kompas.com (own statement)",
        "Vladimir Putin",
    ]
    bars = [
        Bar(
            f"Panel {i % 6}",
            f"{names[i % 4]}, no later than {i % 28 + 1} Oct 2020",
            f"more than {i * 120 + 7:,}",
            i * 120 + 7,
            None if i % 3 else i * 240 + 7,
            low_open=True,
            not_disclosed=i % 7 == 0,
        )
        for i in range(40)
    ]
    for layout in LAYOUTS:
        size = len(overview_svg(bars, layout, credit=CREDIT).encode())
        assert size < 60_000, f"{layout}: {size} bytes"
    png = overview_png(bars, "wide", credit=CREDIT)
    assert len(png) < 400_000


def test_the_png_is_twice_the_layout_without_metadata() -> None:
    image = Image.open(io.BytesIO(overview_png(BARS, "narrow", credit=CREDIT)))
    assert image.format == "PNG" and image.mode == "P"
    assert image.width == 720
    assert not {"Software", "Creation Time", "date:create"} & set(image.info)


def test_same_claims_give_the_same_bytes() -> None:
    assert overview_svg(BARS, "wide", credit=CREDIT) == overview_svg(BARS, "wide", credit=CREDIT)
    assert overview_png(BARS, "narrow", credit=CREDIT) == overview_png(BARS, "narrow", credit=CREDIT)


def test_two_processes_give_the_same_bytes() -> None:
    """A fresh interpreter with another hash seed stands in for a second build."""
    script = (
        "import hashlib, sys; from tests.test_chart import BARS, CREDIT; from generator.chart import *; "
        "sys.stdout.write(hashlib.sha256(overview_svg(BARS, 'narrow', credit=CREDIT).encode()"
        " + overview_png(BARS, 'wide', credit=CREDIT, scale=1)).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_an_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="'wide' or 'narrow'"):
        overview_svg(BARS, "square", credit=CREDIT)


def test_without_claims_the_overview_says_so() -> None:
    svg = overview_svg([], "narrow", credit=CREDIT)
    assert "No figures yet." in texts(svg)
    assert ET.fromstring(svg).findtext(f"{SVG}desc") == "No figures yet."
