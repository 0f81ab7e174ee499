"""Each figure's wording allows a documented range of values; ranges meet where figures agree."""

from __future__ import annotations

import math

import pytest

from generator.intervals import Interval, common, describe, interval
from generator.model import Figure

INF = math.inf


def figure(qualifier: str, value: float | None = None, **fields: object) -> Figure:
    return Figure.model_validate(
        {
            "measure": "deaths",
            "subject": "s",
            "qualifier": qualifier,
            "value": value,
            "as_given": "x",
            "unit": "people",
            "as_of": "2020-11-01",
            "sources": [{"source": "x", "excerpt": "y"}],
            **fields,
        }
    )


@pytest.mark.parametrize(
    "given, expected",
    [
        (figure("exact", 1166), Interval(1166, 1166)),
        (figure("at-least", 1000), Interval(1000, INF)),
        (figure("more-than", 1200), Interval(1200, INF, low_open=True)),
        (figure("up-to", 5000), Interval(0, 5000)),
        (figure("approximately", 1000), Interval(750, 1250)),
        (figure("range", 1000, value_high=2000), Interval(1000, 2000)),
        (figure("word", word="several"), Interval(2, 9)),
        (figure("word", word="tens"), Interval(10, 99)),
        (figure("word", word="dozens"), Interval(10, 99)),
        (figure("word", word="hundreds"), Interval(100, 999)),
        (figure("word", word="thousands"), Interval(1_000, 9_999)),
        (figure("word", word="tens-of-thousands"), Interval(10_000, 99_999)),
    ],
    ids=lambda v: v.as_given if isinstance(v, Figure) else None,
)
def test_each_qualifier_allows_its_documented_range(given: Figure, expected: Interval) -> None:
    assert interval(given) == expected


def test_an_undisclosed_figure_allows_no_range() -> None:
    assert interval(figure("not-disclosed")) is None


@pytest.mark.parametrize(
    "spans, expected",
    [
        ([Interval(1200, INF, low_open=True), Interval(0, 5000)], Interval(1200, 5000, low_open=True)),
        ([Interval(1000, INF, low_open=True), Interval(1200, INF, low_open=True)], Interval(1200, INF, low_open=True)),
        ([Interval(0, 1200), Interval(1200, INF)], Interval(1200, 1200)),  # touching closed ends meet
        ([Interval(0, 1200), Interval(1200, INF, low_open=True)], None),  # "up to 1,200" vs "more than 1,200"
        ([Interval(10, 10), Interval(15, 15)], None),
        ([Interval(100, 999), Interval(45, 45)], None),
        ([Interval(2, 9), Interval(5, 5), Interval(0, 7)], Interval(5, 5)),
        ([Interval(10, 10), Interval(15, 15), Interval(0, 20)], None),  # two of three already share nothing
        ([], None),
    ],
)
def test_common_is_the_range_every_figure_allows(spans: list[Interval], expected: Interval | None) -> None:
    assert common(spans) == expected
    assert common(list(reversed(spans))) == expected, "the order of the figures does not matter"


def test_an_empty_interval_cannot_be_made() -> None:
    with pytest.raises(AssertionError):
        Interval(5, 5, low_open=True)


@pytest.mark.parametrize(
    "span, whole, text",
    [
        (Interval(1200, 5000, low_open=True), True, "between 1,201 and 5,000"),
        (Interval(1200, INF, low_open=True), True, "more than 1,200"),
        (Interval(1000, INF), True, "at least 1,000"),
        (Interval(0, 5000), True, "at most 5,000"),
        (Interval(15, 15), False, "15"),
        (Interval(750, 1250), True, "between 750 and 1,250"),
        (Interval(0.75, 1.25), False, "between 0.75 and 1.25"),
        (Interval(937.5, 1062.5), True, "between 938 and 1,062"),
        (Interval(10, 20, low_open=True, high_open=True), False, "more than 10 and less than 20"),
        (Interval(10, 20, low_open=True, high_open=True), True, "between 11 and 19"),
        (Interval(10, 50, low_open=True), False, "more than 10 and at most 50"),  # "between" would take in 10
        (Interval(0, 5, low_open=True), True, "between 1 and 5"),
        (Interval(3, 3.5), True, "3"),
        (Interval(3.2, 3.5), True, "between 3.2 and 3.5"),  # no whole number inside
    ],
)
def test_ranges_read_as_words(span: Interval, whole: bool, text: str) -> None:
    assert describe(span, whole) == text
