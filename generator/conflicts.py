"""Stage 3b: find where the sources disagree, so the register can list every case.

Detection needs no judgement where the data carries it: figures sharing a
``quantity`` with different values, claims whose renderings were assessed as
differing, entities known under several names, headlines stronger than the
statement they report. Curators add the rest as ``discrepancies/`` facts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

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
    by_quantity: dict[tuple[str, object], list[Figure]] = defaultdict(list)
    for f in base.of_kind("figure"):
        assert isinstance(f, Figure)
        if f.quantity:
            period = None if f.measure in TIMELESS else f.as_of.date
            by_quantity[(f.quantity, period)].append(f)
    entries = []
    for (quantity, period), figures in sorted(by_quantity.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        values = {(f.qualifier, f.value, f.value_high, f.as_given if f.value is None else "") for f in figures}
        sources = {c.source for f in figures for c in f.sources}
        if len(values) > 1 and len(sources) > 1:
            figures = sorted(figures, key=lambda f: (f.as_of.date, f.id))
            when = f" as of {long_date(period)}" if period else ""
            shown = "; ".join(figure_value(f) for f in figures)
            subject = min((f.subject for f in figures), key=len)
            entries.append(
                Entry(
                    f"values-{quantity}" + (f"-{period.isoformat()}" if period else ""),
                    "values",
                    f"{subject}{when}: {shown}",
                    [f.id for f in figures],
                    figures=figures,
                )
            )
    return entries


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
                    f"names-{fact.id}", "names", f"{fact.heading}: " + ", ".join(sorted(names)), [fact.id], names=variants
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
