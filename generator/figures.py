"""Stage 3c: figures arranged for comparison: merged rows, casualty groups, derived sums.

Nothing here changes a number: rows only gather identical figures, and a
derived sum is kept apart from the reported figures it sits beside.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .intervals import interval
from .model import Figure
from .resolve import FactBase


def figure_rows(figures: list[Figure]) -> list[list[Figure]]:
    """Figures merged into rows: the same value, claimant and day of one quantity is one row."""
    rows: dict[tuple[object, ...], list[Figure]] = {}
    for f in figures:
        key = (
            f.quantity or f.id,
            f.qualifier,
            f.value,
            f.value_high,
            f.as_given if f.value is None else None,
            f.claimant,
            f.as_of.date,
        )
        rows.setdefault(key, []).append(f)
    return list(rows.values())


@dataclass
class FigureGroup:
    """Casualty figures measuring one thing (e.g. civilian deaths on one side), merged into rows."""

    slug: str
    title: str
    rows: list[list[Figure]]


CATEGORY_ORDER = ("military", "civilian", "total", "unspecified")
SIDE_NAMES = {
    "nagorno-karabakh": "Nagorno-Karabakh",
    "azerbaijan": "Azerbaijan",
    "armenia": "Armenia",
    "both": "both sides",
    "russia": "Russia",
    "turkey": "Turkey",
    "international": "international",
    "other": "other",
    None: "side not stated",
}


def casualty_groups(base: FactBase) -> list[FigureGroup]:
    """Deaths and wounded by category and side, each group's rows in date order."""
    grouped: dict[tuple[str, str, str | None], list[Figure]] = {}
    for f in base.of_kind("figure"):
        if isinstance(f, Figure) and f.measure in ("deaths", "wounded"):
            grouped.setdefault((f.measure, f.category, f.side), []).append(f)
    result = []
    for (measure, category, side), figures in sorted(
        grouped.items(), key=lambda kv: (kv[0][0], CATEGORY_ORDER.index(kv[0][1]), SIDE_NAMES[kv[0][2]])
    ):
        rows = sorted(figure_rows(figures), key=lambda row: (row[0].as_of.date, row[0].id))
        label = "" if category == "unspecified" else f"{category.capitalize()} "
        title = f"{label}{measure if label else measure.capitalize()}: {SIDE_NAMES[side]}"
        result.append(FigureGroup(f"{measure}-{category}-{side or 'unstated'}", title, rows))
    return result


def other_figure_rows(base: FactBase) -> list[tuple[str, list[list[Figure]]]]:
    """Figures that are not casualties, by measure, merged into rows."""
    grouped: dict[str, list[Figure]] = {}
    for f in base.of_kind("figure"):
        if isinstance(f, Figure) and f.measure not in ("deaths", "wounded"):
            grouped.setdefault(f.measure, []).append(f)
    return [
        (measure.capitalize(), sorted(figure_rows(fs), key=lambda r: (r[0].quantity or r[0].id, r[0].as_of.date)))
        for measure, fs in sorted(grouped.items())
    ]


@dataclass
class DerivedSum:
    """Our arithmetic, shown as such: military plus civilian deaths one side reported for one day."""

    side: str
    day: object
    parts: list[Figure]
    reported_totals: list[Figure]

    @property
    def total(self) -> float:
        return sum(f.value or 0 for f in self.parts)


def derived_sums(base: FactBase) -> list[DerivedSum]:
    """Per side and day, the sum of exact military and civilian death figures, beside the reported totals.

    A part is an exact number as of that very day; ordinals and undisclosed figures are neither parts nor
    totals, and a figure dated only "no later than" a day is no part: two such counts may be of different days.
    """
    parts: dict[tuple[str, object], dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[object, list[Figure]] = defaultdict(list)
    for f in base.of_kind("figure"):
        # An ordinal (the second fighter) is no amount, and "not disclosed" has no number to add.
        if isinstance(f, Figure) and f.measure == "deaths" and f.value_kind == "amount" and interval(f) is not None:
            if f.side and f.category in ("military", "civilian") and not f.as_of.no_later_than:
                parts[(f.side, f.as_of.date)][f.category].append(f)
            elif f.category == "total":
                totals[f.as_of.date].append(f)
    sums = []
    for (side, day), by_category in sorted(parts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        pair = [by_category["military"], by_category["civilian"]]
        if all(len(p) == 1 and p[0].qualifier == "exact" for p in pair):
            sums.append(DerivedSum(side, day, [p[0] for p in pair], sorted(totals[day], key=lambda f: f.id)))
    return sums
