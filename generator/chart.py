"""The casualty overview: every claimed figure as an interval, drawn with matplotlib at build time.

One row per claim, grouped in panels that each have their own scale. The same
rows are laid out twice: ``wide`` (760 px) and ``narrow`` (stacked, large
text, for a 360 px screen), so a page can pick one with ``<picture>``.

Text stays text in the SVG (``svg.fonttype: none``) so it is readable,
searchable and testable, and it is plain text (``text.parse_math: False``: a
"$" is a dollar sign). Ids are salted and the date stamp dropped, so two builds
give the same bytes. Marks differ by shape, not only colour, and sit on a white
card so the image reads on light and dark pages alike.
"""

from __future__ import annotations

import bisect
import functools
import io
import math
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402
from PIL import Image  # noqa: E402


@dataclass(frozen=True)
class Bar:
    """One claimed figure, as one row of the overview."""

    panel: str
    """Which panel the row belongs to, e.g. "Civilian deaths: Azerbaijan"; panels keep their first-seen order."""
    label: str
    """Who claimed it and as of when, e.g. "Vladimir Putin, 22 Oct 2020"."""
    value_text: str
    """The figure in words, e.g. "more than 1,200", "as many as 5,000", "not disclosed"."""
    low: float | None
    """Lower bound; None when none is stated (drawn from 0)."""
    high: float | None
    """Upper bound; None when open-ended."""
    low_open: bool = False
    """The lower bound itself is excluded ("more than")."""
    high_open: bool = False
    """The upper bound itself is excluded ("fewer than")."""
    not_disclosed: bool = False
    """A party said it does not disclose the number: a labelled row without a bar."""


Kind = Literal["exact", "at-least", "more-than", "as-many-as", "fewer-than", "range", "not-disclosed", "no-number"]

LEGEND: dict[str, str] = {
    "exact": "exact",
    "at-least": "at least",
    "more-than": "more than",
    "as-many-as": "as many as",
    "range": "range",
    "not-disclosed": "not disclosed",
}
"""Legend entries, always shown in this order; "fewer than" is added only when a row uses it."""

DEFAULT_TITLE = "Deaths in the 2020 Nagorno-Karabakh war: who said how many"
NOTE = "One row per claim, as reported. Nothing is added up or averaged; each panel has its own scale."

INK = "#1d4e89"  # marks: dark blue, 8.6:1 on white
TEXT = "#1a1a1a"
MUTED = "#454545"  # secondary text, 9.7:1 on white
TRACK = "#eef1f5"
GRID = "#c9d0da"
BORDER = "#b9c0ca"
CARD = "#ffffff"


def mark_kind(bar: Bar) -> Kind:
    """Which mark draws the bar: decided from its bounds alone, never from its wording."""
    if bar.not_disclosed:
        return "not-disclosed"
    low = bar.low or 0.0
    if bar.high is None:
        if bar.low is None:
            return "no-number"
        return "more-than" if bar.low_open else "at-least"
    if low == bar.high:
        return "exact"
    if low == 0:
        return "fewer-than" if bar.high_open else "as-many-as"
    return "range"


@dataclass(frozen=True)
class _Style:
    width: float
    margin: float
    font: float
    small: float
    heading: float
    title: float
    stacked: bool
    label_width: float = 0  # wide only: the claimant column
    value_width: float = 0  # wide only: the value column
    nbins: int = 5


STYLES = {
    # The site's content column is 570-760 px wide beside the navigation, so "wide" is drawn for 760 px and shown
    # at 1:1 down to 3:4; "narrow" is drawn for a 360 px phone (328 px of column: 9:10).
    "wide": _Style(width=760, margin=22, font=15, small=13, heading=16.5, title=19, stacked=False, nbins=4),
    "narrow": _Style(width=360, margin=14, font=15, small=13, heading=16.5, title=18, stacked=True, nbins=3),
}

_MARK_SIZE = 9
_MIN_PLOT = 250  # narrowest scale in the wide layout
_LINE = 3.2
_BAND = 18  # height of a row's track
_text_path = TextToPath()


def _text_width(text: str, size: float, bold: bool = False) -> float:
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    return _text_path.get_text_width_height_descent(text, prop, ismath=False)[0]


def _fits(width: float, size: float, bold: bool = False) -> Callable[[str], bool]:
    """Whether a line of text fits ``width`` at ``size`` in DejaVu Sans."""
    longest = int(width / size * 5) + 2  # more characters than fit even if each were a fifth of the size wide
    return lambda line: len(line) <= longest and _text_width(line, size, bold) <= width


def plain(text: str) -> str:
    """``text`` without control characters and lone surrogates, which no font draws and XML cannot hold."""
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cs"))


_WORDS = re.compile(r"\d{1,2} [A-Z][a-z]{2,8} \d{4}|\S+")
"""Words to wrap at; a date such as "22 Oct 2020" stays on one line."""


def wrap(text: str, fits: Callable[[str], bool], max_lines: int = 3) -> list[str]:
    """``text`` in lines that each ``fits``, at most ``max_lines`` of them, the last ending in "…" if cut.

    A word too long for a line (an address) is broken after a "/" or "-" when one comes late enough, else
    wherever it overflows.
    """
    words = deque(_WORDS.findall(plain(text)))
    lines: list[str] = []
    line = ""
    while words and len(lines) <= max_lines:
        word = words.popleft()
        if fits(candidate := f"{line} {word}" if line else word):
            line = candidate
        elif line:
            lines.append(line)
            line = ""
            words.appendleft(word)
        else:
            cut = max(1, bisect.bisect_left(range(len(word) + 1), True, key=lambda i: not fits(word[:i])) - 1)
            cut = max((i + 1 for i, c in enumerate(word[:cut]) if c in "/-" and i > cut // 2), default=cut)
            lines.append(word[:cut])
            words.appendleft(word[cut:])
    if line or not lines:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and not fits(last + "…"):
            last = last[:-1].rstrip()
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines


Draw = Callable[[Axes], None]


class _Plan:
    """Everything to draw, positioned top-down in pixels before the figure (whose height it sets) exists."""

    def __init__(self, style: _Style) -> None:
        self.s = style
        self.y = style.margin
        self.on_canvas: list[Draw] = []
        self.panels: list[tuple[tuple[float, float, float, float], Draw]] = []

    def text(self, lines: list[str], x: float, y: float, size: float, color: str = TEXT, bold: bool = False) -> float:
        """Draws ``lines`` with their first line's top at ``y``; returns the height they take."""
        step = size * 1.3
        for i, line in enumerate(lines):
            baseline = y + size * 1.02 + i * step

            def draw(canvas: Axes, line: str = line, baseline: float = baseline) -> None:
                canvas.text(
                    x,
                    baseline,
                    line,
                    fontsize=size,
                    color=color,
                    va="baseline",
                    fontweight="bold" if bold else "normal",
                )

            self.on_canvas.append(draw)
        return len(lines) * step


def _draw_mark(
    ax: Axes,
    kind: str,
    low: float,
    high: float,
    y: float,
    start: float,
    end: float,
    low_open: bool = False,
    high_open: bool = False,
) -> None:
    """One mark on ``ax`` at height ``y``, on a scale running from ``start`` (zero) to ``end``.

    One grammar for every kind: a line spans the possible values, a bar cap ends it at a bound that is
    included, a hollow dot at one that is not, an arrowhead where it goes on, a diamond is an exact value.
    """
    if kind == "not-disclosed":
        ax.add_patch(
            Rectangle(
                (start, y - _BAND / 2 + 2),
                end - start,
                _BAND - 4,
                fill=False,
                edgecolor=MUTED,
                linestyle=(0, (3, 2)),
                linewidth=1.2,
                clip_on=False,
                zorder=3,
            )
        )
        return
    marker = {"color": INK, "clip_on": False, "zorder": 4, "linestyle": "none"}
    if kind == "exact":
        ax.plot([low], [y], marker="D", markersize=_MARK_SIZE, **marker)
        return
    if kind == "no-number":
        return
    if kind in ("at-least", "more-than"):
        high, high_open, low_open = end, False, kind == "more-than"
    elif kind in ("as-many-as", "fewer-than"):
        low, high_open = start, kind == "fewer-than"
    ax.plot([low, high], [y, y], color=INK, linewidth=_LINE, solid_capstyle="butt", clip_on=False, zorder=3)
    ends = [(high, high_open)] if kind in ("as-many-as", "fewer-than") else [(low, low_open), (high, high_open)]
    for x, is_open in ends:
        if kind in ("at-least", "more-than") and x == end:
            ax.plot([x], [y], marker=">", markersize=_MARK_SIZE, **marker)
        elif is_open:
            ax.plot([x], [y], marker="o", markersize=_MARK_SIZE, markerfacecolor=CARD, markeredgewidth=2, **marker)
        else:
            ax.plot([x], [y], marker="|", markersize=_MARK_SIZE + 6, markeredgewidth=_LINE, **marker)


def _bar_mark(ax: Axes, bar: Bar, y: float, end: float) -> None:
    low, high = bar.low or 0.0, bar.high if bar.high is not None else 0.0
    _draw_mark(ax, mark_kind(bar), low, high, y, 0.0, end, bar.low_open, bar.high_open)


def _scale(bars: Sequence[Bar], nbins: int) -> list[float]:
    """Integer ticks from 0 past the largest stated bound, with room for the arrow of an open-ended claim."""
    values = [v for b in bars if not b.not_disclosed for v in (b.low, b.high) if v is not None and math.isfinite(v)]
    open_ended = [b.low or 0.0 for b in bars if mark_kind(b) in ("at-least", "more-than")]
    top = max(max(values, default=1.0) * 1.06, max(open_ended, default=0.0) * 1.3, 1.0)
    ticks = [float(t) for t in MaxNLocator(nbins=nbins, integer=True, steps=[1, 2, 2.5, 5, 10]).tick_values(0, top)]
    ticks = [t for t in ticks if t >= 0]
    while ticks[-1] < top:  # the locator may stop short of the top
        ticks.append(ticks[-1] + (ticks[1] - ticks[0]))
    return ticks


def _panel(plan: _Plan, title: str, bars: list[Bar]) -> None:
    s = plan.s
    plan.y += plan.text(
        wrap(title, _fits(s.width - 2 * s.margin, s.heading, bold=True)), s.margin, plan.y, s.heading, bold=True
    )
    plan.y += 6
    ticks = _scale(bars, s.nbins)
    end = ticks[-1]
    x0 = s.margin + 6 if s.stacked else s.margin + s.label_width + 14 + s.value_width + 10
    x1 = s.width - s.margin - 18
    top = plan.y
    rows: list[tuple[Bar, float]] = []
    for bar in bars:
        if s.stacked:
            plan.y += plan.text(wrap(bar.label, _fits(s.width - 2 * s.margin, s.font)), s.margin, plan.y, s.font, MUTED)
            plan.y += plan.text(
                wrap(bar.value_text, _fits(s.width - 2 * s.margin, s.font, bold=True), max_lines=2),
                s.margin,
                plan.y,
                s.font,
                bold=True,
            )
            if mark_kind(bar) == "no-number":  # nothing to draw: the words say it all
                plan.y += 14
                continue
            plan.y += 4
            rows.append((bar, plan.y + _BAND / 2))
            plan.y += _BAND + 14
        else:
            label = plan.text(wrap(bar.label, _fits(s.label_width, s.font)), s.margin, plan.y + 4, s.font, MUTED)
            value = plan.text(
                wrap(bar.value_text, _fits(s.value_width, s.font, bold=True), max_lines=2),
                s.margin + s.label_width + 14,
                plan.y + 4,
                s.font,
                bold=True,
            )
            rows.append((bar, plan.y + 4 + s.font * 0.65))
            plan.y += max(label, value, _BAND) + 10
    bottom = plan.y - (10 if s.stacked else 4)
    numbered = any(mark_kind(b) not in ("not-disclosed", "no-number") for b in bars)

    def draw(ax: Axes) -> None:
        ax.set_xlim(0, end)
        ax.set_ylim(bottom, top)
        ax.patch.set_visible(False)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_visible(numbered)
        ax.spines["bottom"].set_color(GRID)
        ax.set_yticks([])
        ax.set_xticks(ticks if numbered else [])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{round(v):,}"))
        ax.tick_params(axis="x", colors=GRID, labelcolor=MUTED, labelsize=s.small, length=4)
        # All tracks as one path and all grid lines as another: a path per row would double the file size.
        tracked = [y for bar, y in rows if mark_kind(bar) != "no-number"]
        ax.plot(
            *_segments([(0, end)] * len(tracked), [(y, y) for y in tracked]),
            color=TRACK,
            linewidth=_BAND,
            solid_capstyle="butt",
            zorder=1,
        )
        if numbered:
            grid = [(t, t) for y in tracked for t in ticks[1:-1]]
            spans = [(y - _BAND / 2, y + _BAND / 2) for y in tracked for _ in ticks[1:-1]]
            ax.plot(*_segments(grid, spans), color=GRID, linewidth=0.8, zorder=2)
        for bar, y in rows:
            _bar_mark(ax, bar, y, end)

    plan.panels.append(((x0, top, x1, bottom), draw))
    plan.y = bottom + (s.small * 1.3 + 12 if numbered else 0) + 18


def _segments(xs: Sequence[tuple[float, float]], ys: Sequence[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Separate line segments as the x and y lists of one line, broken by NaN."""
    x_out: list[float] = []
    y_out: list[float] = []
    for (xa, xb), (ya, yb) in zip(xs, ys, strict=True):
        x_out += [xa, xb, math.nan]
        y_out += [ya, yb, math.nan]
    return x_out, y_out


def _legend(plan: _Plan, kinds: list[str]) -> None:
    s = plan.s
    x, line_height, gap = s.margin, s.font * 1.3 + 10, 28
    for kind in kinds:
        words = LEGEND.get(kind, "fewer than")
        width = 42 + _text_width(words, s.font)
        if x + width > s.width - s.margin:
            x, plan.y = s.margin, plan.y + line_height
        y = plan.y + line_height / 2

        def draw(canvas: Axes, kind: str = kind, left: float = x + 2, y: float = y) -> None:
            # Every sample fits the same 32 px, so the words line up after it.
            low, high = (left + 14,) * 2 if kind == "exact" else (left + 4, left + 28)
            _draw_mark(canvas, kind, low, high, y, left, left + (28 if kind in ("at-least", "more-than") else 32))

        plan.on_canvas.append(draw)
        plan.text([words], x + 42, y - s.font * 0.65, s.font)
        x += width + gap
    plan.y += line_height + 8


def _columns(bars: Sequence[Bar], style: _Style) -> _Style:
    """The wide layout's label and value columns, as narrow as the texts allow, so the scale gets the rest."""
    room = style.width - 2 * style.margin - _MIN_PLOT - 24 - 18
    value = max((_text_width(_one_line(b.value_text, 40), style.font, bold=True) for b in bars), default=0)
    label = max((_text_width(_one_line(b.label, 80), style.font) for b in bars), default=0)
    value = min(value + 2, 170)
    return replace(style, label_width=min(label + 2, room - value), value_width=value)


def _one_line(text: str, most: int) -> str:
    return " ".join(_WORDS.findall(plain(text[:most])))


def _plan(bars: Sequence[Bar], style: _Style, title: str, credit: str) -> _Plan:
    if not style.stacked:
        style = _columns(bars, style)
    plan = _Plan(style)
    inner = style.width - 2 * style.margin
    plan.y += plan.text(
        wrap(title, _fits(inner, style.title, bold=True), max_lines=4), style.margin, plan.y, style.title, bold=True
    )
    plan.y += 2 + plan.text(
        wrap(NOTE, _fits(inner, style.small), max_lines=4), style.margin, plan.y, style.small, MUTED
    )
    kinds = list(LEGEND)
    if any(mark_kind(b) == "fewer-than" for b in bars):
        kinds.insert(4, "fewer-than")
    _legend(plan, kinds)
    plan.y += 10
    panels: dict[str, list[Bar]] = {}
    for bar in bars:
        panels.setdefault(bar.panel, []).append(bar)
    for title_, rows in panels.items():
        _panel(plan, title_, rows)
    if not panels:
        plan.y += plan.text(["No figures yet."], style.margin, plan.y, style.font) + 18
    plan.y += plan.text(wrap(credit, _fits(inner, style.small), max_lines=3), style.margin, plan.y, style.small, MUTED)
    plan.y += style.margin - 6
    return plan


def _style() -> dict[str, object]:
    return {
        "svg.hashsalt": "karabakh-fact-desk",
        "svg.fonttype": "none",
        "text.parse_math": False,  # a "$" in a name is a dollar sign, not mathtext that matplotlib would parse
        "font.family": ["sans-serif"],
        "font.sans-serif": ["DejaVu Sans"],
        "path.simplify": False,
    }


def _render(bars: Sequence[Bar], layout: str, credit: str, title: str, fmt: str, dpi: float) -> bytes:
    if layout not in STYLES:
        raise ValueError(f"layout must be 'wide' or 'narrow', not {layout!r}")
    style = STYLES[layout]
    plan = _plan(bars, style, title, credit)
    width, height = style.width, math.ceil(plan.y)
    with plt.rc_context(_style()):
        fig = plt.figure(figsize=(width / 72, height / 72), dpi=72, facecolor=CARD)
        canvas = fig.add_axes((0, 0, 1, 1))
        canvas.set_xlim(0, width)
        canvas.set_ylim(height, 0)
        canvas.axis("off")
        canvas.add_patch(Rectangle((0.5, 0.5), width - 1, height - 1, fill=False, edgecolor=BORDER, linewidth=1))
        for draw in plan.on_canvas:
            draw(canvas)
        for (x0, top, x1, bottom), draw_panel in plan.panels:
            draw_panel(fig.add_axes((x0 / width, 1 - bottom / height, (x1 - x0) / width, (bottom - top) / height)))
        out = io.BytesIO()
        if fmt == "svg":
            fig.savefig(
                out,
                format="svg",
                metadata={"Title": plain(_clip(title)), "Date": None, "Creator": None, "Format": None, "Type": None},
            )
        else:
            fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
        plt.close(fig)
    return out.getvalue()


def describe(bars: Sequence[Bar]) -> str:
    """The overview in one sentence per panel, for the SVG's <desc>."""
    panels: dict[str, list[str]] = {}
    for bar in bars:
        panels.setdefault(_clip(bar.panel), []).append(f"{_clip(bar.label)}: {_clip(bar.value_text)}")
    return plain(" ".join(f"{panel}: {'; '.join(rows)}." for panel, rows in panels.items()) or "No figures yet.")


def _clip(text: str, most: int = 200) -> str:
    """At most ``most`` characters: the page's data table holds the rest."""
    return text if len(text) <= most else text[: most - 1] + "…"


def overview_svg(bars: Sequence[Bar], layout: str = "wide", *, credit: str, title: str = DEFAULT_TITLE) -> str:
    """The overview as SVG text, ``layout`` "wide" (760 px) or "narrow" (360 px, stacked)."""
    return _overview_svg(tuple(bars), layout, credit, title)


@functools.lru_cache(maxsize=4)  # generator watch draws the same overview again after most edits
def _overview_svg(bars: tuple[Bar, ...], layout: str, credit: str, title: str) -> str:
    svg = _render(bars, layout, credit, title, "svg", 72).decode("utf-8")
    # Size in CSS px rather than pt, so the image's natural width is the width it was designed for.
    svg = re.sub(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"', r'<svg\1 width="\2" height="\3"', svg, 1)
    desc = f"<desc>{escape(describe(bars))}</desc>"
    return _compact(svg.replace("</title>", "</title>\n" + desc, 1))


_TAG = re.compile(r"<[A-Za-z][^>]*>")
"""A start tag: attribute values and text content have their "<" and ">" escaped, so a match is always a tag."""


def _compact(svg: str) -> str:
    """Drops what matplotlib writes but a reader never sees (indentation, a group around each text, a zero
    rotation on it) and turns the inline style repeated on every text and mark into a class: half the bytes."""
    svg = re.sub(r"\n +<", "\n<", svg)
    svg = re.sub(r'<g id="text_\d+">\n(<text [^>]*>[^<]*</text>)\n</g>', r"\1", svg)
    classes: dict[str, str] = {}

    def tag(match: re.Match[str]) -> str:
        tag = re.sub(r' transform="rotate\(-0 [\d.-]+ [\d.-]+\)"', "", match.group(0))
        return re.sub(r' style="([^"]*)"', lambda s: f' class="{classes.setdefault(s[1], f"s{len(classes)}")}"', tag)

    svg = _TAG.sub(tag, svg)
    rules = "\n".join(f".{name}{{{style}}}" for style, name in classes.items())
    return svg.replace("</style>", f"\n{rules}</style>", 1)


def overview_png(
    bars: Sequence[Bar], layout: str = "wide", *, credit: str, title: str = DEFAULT_TITLE, scale: float = 2
) -> bytes:
    """The overview as a PNG, ``scale`` pixels per designed pixel (2: 1520 px wide for the wide layout).

    A chart has a few hundred colours at most (a handful, plus their antialiasing), so a 256-colour
    palette keeps it as drawn at less than half the size of full colour.
    """
    return _overview_png(tuple(bars), layout, credit, title, scale)


@functools.lru_cache(maxsize=4)  # generator watch draws the same overview again after most edits
def _overview_png(bars: tuple[Bar, ...], layout: str, credit: str, title: str, scale: float) -> bytes:
    drawn = Image.open(io.BytesIO(_render(bars, layout, credit, title, "png", 72 * scale))).convert("RGB")
    out = io.BytesIO()
    drawn.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()


# The chart per casualty group on the figures page, until the overview replaces it there.

MARKERS = {"exact": "o", "at-least": "^", "more-than": "^", "up-to": "v", "approximately": "D", "range": "s"}
"""Marker per qualifier: a lower bound points up, an upper bound points down."""
