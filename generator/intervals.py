"""Every figure as the range of values its wording allows, so figures can be compared honestly.

"More than 1,200" and "as many as 5,000" differ but can both be true: every
number in (1200, 5000] satisfies both. Two figures contradict only when no
number satisfies both. The ranges below are how the site reads each
qualifier; they are deliberately generous, so that a contradiction is only
reported when no fair reading of the words reconciles the figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Figure
from .text import number

APPROXIMATE_TOLERANCE = 0.25
""""About v" allows v ± 25 %: wide on purpose, since outlets round freely ("sekitar 1.000" for 1,166)."""

WORD_RANGES: dict[str, tuple[float, float]] = {
    "several": (2, 9),
    "tens": (10, 99),
    "dozens": (10, 99),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "tens-of-thousands": (10_000, 99_999),
}
"""The documented reading of each vague word ("beberapa" = several, "ratusan" = hundreds ...)."""

WHOLE_MEASURES = ("deaths", "wounded", "captured", "count")
"""Measures that count whole things: their ranges are described with whole-number bounds."""


@dataclass(frozen=True)
class Interval:
    """The values from ``low`` to ``high`` (``math.inf`` when unbounded); an open end excludes its bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        assert not self.is_empty(), f"empty interval {self}"

    def is_empty(self) -> bool:
        return self.low > self.high or (self.low == self.high and (self.low_open or self.high_open))

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def intersection(self, other: Interval) -> Interval | None:
        """The values both allow, or None when they share none."""
        # At equal bounds the open end is the stricter one.
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        if low > high or (low == high and (low_open or not high_closed)):
            return None
        return Interval(low, high, low_open, not high_closed)

    def overlaps(self, other: Interval) -> bool:
        return self.intersection(other) is not None


def interval(figure: Figure) -> Interval | None:
    """The values a figure's wording allows; None when it gives no number (``not-disclosed``)."""
    v, q = figure.value, figure.qualifier
    if q == "not-disclosed":
        return None
    if q == "word":
        assert figure.word is not None
        return Interval(*WORD_RANGES[figure.word])
    assert v is not None
    if q == "exact":
        return Interval(v, v)
    if q == "at-least":
        return Interval(v, math.inf)
    if q == "more-than":
        return Interval(v, math.inf, low_open=True)
    if q == "up-to":
        return Interval(0, v)
    if q == "approximately":
        return Interval(v * (1 - APPROXIMATE_TOLERANCE), v * (1 + APPROXIMATE_TOLERANCE))
    if q == "range":
        assert figure.value_high is not None
        return Interval(min(v, figure.value_high), max(v, figure.value_high))
    raise ValueError(f"no interval for qualifier {q!r}")


def common(intervals: list[Interval]) -> Interval | None:
    """The range every interval allows; None when they share no value (or there are none)."""
    if not intervals:
        return None
    shared: Interval | None = intervals[0]
    for other in intervals[1:]:
        shared = shared.intersection(other) if shared is not None else None
    return shared


def describe(span: Interval, whole: bool = False) -> str:
    """The range in words for a page: "between 1,201 and 5,000", "more than 1,200", "15".

    With ``whole`` (counts of people or things) an open bound becomes the next
    whole number inside it, and fractional bounds are rounded inwards.
    """
    low, high, low_open, high_open = span.low, span.high, span.low_open, span.high_open
    if whole and math.isfinite(high):
        high = math.ceil(high) - 1 if high_open and high == math.ceil(high) else math.floor(high)
        high_open = False
    # An unbounded range keeps "more than 1,200", and one from a closed 0 keeps "at most 5,000".
    if whole and math.isfinite(high) and (low, low_open) != (0, False):
        low = math.floor(low) + 1 if low_open and low == math.floor(low) else math.ceil(low)
        low_open = False
    if whole and (low > high):  # no whole number inside: describe the real range instead
        return describe(span)
    if low == high:
        return number(low)
    above = f"{'more than' if low_open else 'at least'} {number(low)}"
    below = f"{'less than' if high_open else 'at most'} {number(high)}"
    if math.isinf(high):
        return above
    if low == 0 and not low_open:
        return below
    if not low_open and not high_open:
        return f"between {number(low)} and {number(high)}"
    return f"{above} and {below}"
