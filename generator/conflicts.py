"""Stage 3b: find where the sources disagree, so the register can list every case.

Detection needs no judgement where the data carries it: figures of one thing
whose ranges cannot all be true (see ``intervals``), claims whose renderings
were assessed as differing, entities known under several names, headlines
stronger than the statement they report. Curators add the rest as
``discrepancies/`` facts. Figures that differ but can all be true ("more than
1,200", "as many as 5,000") are compared on the figures page, not registered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .intervals import WHOLE_MEASURES, Interval, common, describe, interval
from .model import Claim, Discrepancy, Figure, NameVariant, Rendering, Source
from .resolve import FactBase, normalise
from .text import figure_value, long_date

TIMELESS = ("distance",)
"""Measures that do not change with time: their figures are compared whatever their date."""


@dataclass
class Entry:
    """One disagreement: an anchor on the register page and the facts on each side."""

    anchor: str
    type: str
    title: str
    involves: list[str]
    figures: list[Figure] = field(default_factory=list)
    claim: Claim | None = None
    renderings: list[Rendering] = field(default_factory=list)
    names: list[NameVariant] = field(default_factory=list)
    note: Discrepancy | None = None
    comparison: Comparison | None = None
    """For a ``values`` entry: the figures compared, the pairs that contradict."""


TYPE_TITLES = {
    "values": "Different values for the same quantity",
    "rendering": "One statement, rendered differently",
    "headline": "Headlines stronger than the statement they report",
    "names": "Names and spellings that differ",
    "dates": "Dates that do not line up",
    "other": "Other disagreements",
}


def find_discrepancies(base: FactBase) -> list[Entry]:
    """Every disagreement in the fact base, grouped by type, each in a stable order."""
    entries = _differing_values(base) + _differing_renderings(base) + _stronger_headlines(base)
    entries += _several_names(base) + _curated(base)
    order = list(TYPE_TITLES)
    return sorted(entries, key=lambda e: (order.index(e.type), e.anchor))


def _differing_values(base: FactBase) -> list[Entry]:
    """Figures of one thing that cannot all be true; figures that merely differ are not listed."""
    entries = []
    for c in compare_figures(base):
        if c.verdict != "contradicting":
            continue
        shown = "; ".join(figure_value(f) for f in c.figures)
        subject = min((f.subject for f in c.figures), key=len)
        entries.append(
            Entry(
                c.anchor,
                "values",
                f"{subject}{c.when}: {shown}",
                [f.id for f in c.figures],
                figures=list(c.figures),
                comparison=c,
            )
        )
    return entries


Verdict = Literal["identical", "compatible", "contradicting", "possibly-older"]

RUNNING_TOTALS = ("deaths", "wounded", "captured")
"""Measures that count a total so far, which can only grow."""


@dataclass(frozen=True)
class Comparison:
    """Figures that measure the same thing, side by side, and whether they can all be true."""

    anchor: str
    figures: tuple[Figure, ...]
    """In date order, then by id; figures with no number (not disclosed) are left out."""
    verdict: Verdict
    """``identical``: the same range; ``compatible``: different, but some value satisfies all;
    ``contradicting``: no value satisfies all; ``possibly-older``: no value satisfies all, but the figures
    are running totals dated only "no later than" their report, so the lower ones may be older counts."""
    common: Interval | None
    """The range every figure allows (None when they contradict)."""
    contradicting: tuple[tuple[Figure, Figure], ...]
    """The pairs that cannot both be true: one for each pair of distinct ranges, its first figures."""
    day: dt.date | None
    """The day they are as of; None for measures that do not change (distances)."""
    bound: bool
    """True when the day is only a bound: figures reported, undated, no later than ``day``."""

    @property
    def when(self) -> str:
        """`` as of 1 November 2020``, `` as of no later than ...``, or nothing for timeless measures."""
        if self.day is None:
            return ""
        return f" as of {'no later than ' if self.bound else ''}{long_date(self.day)}"

    @property
    def common_text(self) -> str:
        """The shared range in words, e.g. ``between 1,201 and 5,000 people``; empty when there is none."""
        if self.common is None:
            return ""
        return f"{describe(self.common, self.figures[0].measure in WHOLE_MEASURES)} {self.figures[0].unit}"


def compare_figures(base: FactBase) -> list[Comparison]:
    """Every set of two or more figures that measure the same thing, compared by the ranges they allow.

    Figures measure the same thing when they share a ``quantity`` (and value kind and unit), or, without
    one, when they have the same measure, category, side, unit and start (``since``) and are amounts.
    They must also be as of the same day, except distances, which do not change. A day that is only a
    bound (``no_later_than``) is compared only with the same bound: "reported undated on 1 November"
    is not "counted on 1 November", but two such reports of one day are what a reader sets side by side.
    Ordinals (the sixth week) are never compared with amounts.
    """
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in base.of_kind("figure"):
        assert isinstance(f, Figure)
        if (key := _same_thing(f)) is not None and interval(f) is not None:
            groups[key].append(f)
    comparisons = [_compare(key, figures) for key, figures in groups.items() if len(figures) > 1]
    return sorted(comparisons, key=lambda c: c.anchor)


class _Key(NamedTuple):
    what: tuple[str, ...]
    """The quantity, or the measure, category, side, unit and start; this also names the anchor."""
    unit: str
    day: dt.date | None
    bound: bool


def _same_thing(f: Figure) -> _Key | None:
    if f.quantity:
        what: tuple[str, ...] = (f.quantity, "ordinal") if f.value_kind == "ordinal" else (f.quantity,)
    elif f.value_kind == "amount":
        since = f"since-{f.since.date.isoformat()}" if f.since else ""
        what = (f.measure, f.category, f.side or "unstated", f.unit, since)
    else:
        return None
    if f.measure in TIMELESS:
        return _Key(what, f.unit, None, False)
    return _Key(what, f.unit, f.as_of.date, f.as_of.no_later_than)


def _compare(key: _Key, figures: list[Figure]) -> Comparison:
    figures = sorted(figures, key=lambda f: (f.as_of.date, f.id))
    spans = [span for f in figures if (span := interval(f)) is not None]
    # Many reports repeat a few values: compare each distinct range once, named by its first figure.
    first: dict[Interval, Figure] = {}
    for f, span in zip(figures, spans):
        first.setdefault(span, f)
    distinct = list(first)
    pairs = tuple((first[a], first[b]) for i, a in enumerate(distinct) for b in distinct[i + 1 :] if not a.overlaps(b))
    # Intervals on a line that overlap pairwise share a common part, so the pairs decide the verdict.
    verdict: Verdict = "contradicting" if pairs else "identical" if len(set(spans)) == 1 else "compatible"
    if pairs and key.bound and figures[0].measure in RUNNING_TOTALS:
        # Each is dated only "no later than" its report: a lower count of a total that only grows may be older.
        verdict = "possibly-older"
    when = () if key.day is None else (("by-" if key.bound else "") + key.day.isoformat(),)
    anchor = "values-" + "-".join(_slug(part) for part in key.what + when if part)
    return Comparison(anchor, tuple(figures), verdict, common(spans), pairs, key.day, key.bound)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _differing_renderings(base: FactBase) -> list[Entry]:
    """Claims with a rendering stronger or weaker than the original, or paraphrased where others differ."""
    entries = []
    for claim in base.of_kind("claim"):
        assert isinstance(claim, Claim)
        several = len({r.source for r in claim.renderings}) > 1
        if any(
            not _is_headline(base, r)
            and (r.assessment in ("stronger", "weaker") or (r.assessment == "paraphrased" and several))
            for r in claim.renderings
        ):
            entries.append(
                Entry(
                    f"rendering-{claim.id}",
                    "rendering",
                    claim.summary,
                    [claim.id],
                    claim=claim,
                    renderings=claim.renderings,
                )
            )
    return entries


def _stronger_headlines(base: FactBase) -> list[Entry]:
    entries = []
    for claim in base.of_kind("claim"):
        assert isinstance(claim, Claim)
        for r in claim.renderings:
            if r.assessment == "stronger" and _is_headline(base, r):
                entries.append(
                    Entry(
                        f"headline-{r.source}-{claim.id}",
                        "headline",
                        base.facts[r.source].heading,
                        [r.source, claim.id],
                        claim=claim,
                        renderings=[r],
                    )
                )
    return entries


def _is_headline(base: FactBase, rendering: Rendering) -> bool:
    source = base.facts[rendering.source]
    return isinstance(source, Source) and normalise(rendering.excerpt) == normalise(source.headline or "")


def _several_names(base: FactBase) -> list[Entry]:
    """Entities the sources name in more than one way: in different articles, or per side."""
    entries = []
    for fact in base.facts.values():
        variants = [v for v in getattr(fact, "variants", []) or getattr(fact, "names", []) if v.sources]
        names = {v.name for v in variants}
        articles = {c.source for v in variants for c in v.sources}
        sides = {v.used_by for v in variants if v.used_by}
        if len(names) > 1 and (len(articles) > 1 or len(sides) > 1):
            entries.append(
                Entry(
                    f"names-{fact.id}",
                    "names",
                    f"{fact.heading}: " + ", ".join(sorted(names)),
                    [fact.id],
                    names=variants,
                )
            )
    return entries


def _curated(base: FactBase) -> list[Entry]:
    return [
        Entry(f.id, f.type, f.summary, list(f.involves), note=f)  # type: ignore[attr-defined]
        for f in base.of_kind("discrepancy")
    ]


def involvement(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Fact id -> the register entries that involve it, for the links on each page."""
    index: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for fact_id in dict.fromkeys(
            entry.involves + [c.source for c in entry.renderings] + [c.source for f in entry.figures for c in f.sources]
        ):
            index[fact_id].append(entry)
    return index
