"""Rows that several kinds of page list: claims, figures, events, names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..figures import SIDE_NAMES
from ..model import Claim, Event, Figure, NameVariant
from ..text import figure_value
from .claims import verdict
from .core import Context, Day, Link, Notes, language_name


@dataclass(frozen=True)
class ClaimRow:
    when: Day
    claimant: Link
    claim: Link
    verdict: Link
    outlets: str


@dataclass(frozen=True)
class FigureRow:
    figure: Link
    value: str
    claimant: Link | None
    """Empty when the outlet gives the figure in its own voice."""
    voice: str
    when: Day
    reported_by: tuple[tuple[str, tuple[int, ...]], ...]
    """Each outlet that reported it, with the footnotes of its words."""


@dataclass(frozen=True)
class EventRow:
    when: Day
    event: Link
    refs: tuple[int, ...]


@dataclass(frozen=True)
class NameRow:
    name: str
    used_by: str
    language: str
    cited: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class NameTable:
    rows: tuple[NameRow, ...]
    show_used_by: bool
    show_language: bool


def claim_rows(context: Context, claims: Iterable[Claim]) -> tuple[ClaimRow, ...]:
    ordered = sorted(claims, key=lambda c: (c.date.date, c.id), reverse=True)
    rows = []
    for claim in ordered:
        chosen = verdict(context, claim)
        rows.append(
            ClaimRow(
                when=context.day(claim.date),
                claimant=context.link(claim.claimant),
                claim=context.link(claim),
                verdict=Link(chosen.label, chosen.scale.target),
                outlets=", ".join(o.name for o in context.base.outlets_of(claim)),
            )
        )
    return tuple(rows)


def figure_rows(context: Context, figures: Iterable[Figure], notes: Notes) -> tuple[FigureRow, ...]:
    rows = []
    for f in sorted(figures, key=lambda f: (f.as_of.date, f.id)):
        rows.append(
            FigureRow(
                figure=context.link(f, f.subject),
                value=figure_value(f),
                claimant=context.link(f.claimant) if f.claimant else None,
                voice=own_voice(context, f),
                when=context.day(f.as_of),
                reported_by=outlets_citing(context, f.sources, notes),
            )
        )
    return tuple(rows)


def own_voice(context: Context, figure: Figure) -> str:
    """Who states an unattributed figure: the outlet itself."""
    outlets = dict.fromkeys(context.base.outlet_of(c.source).name for c in figure.sources)
    return f"{', '.join(outlets)} (own statement)"


def outlets_citing(context: Context, cited, notes: Notes) -> tuple[tuple[str, tuple[int, ...]], ...]:
    by_outlet: dict[str, list] = {}
    for c in cited:
        by_outlet.setdefault(context.base.outlet_of(c.source).name, []).append(c)
    return tuple((outlet, notes.cite(cs)) for outlet, cs in by_outlet.items())


def event_rows(context: Context, events: Iterable[Event], notes: Notes) -> tuple[EventRow, ...]:
    ordered = sorted(events, key=lambda e: (e.date.date, e.id))
    return tuple(EventRow(context.day(e.date), context.link(e), notes.cite(e.sources)) for e in ordered)


def name_table(context: Context, variants: list[NameVariant], notes: Notes) -> NameTable | None:
    if not variants:
        return None
    rows, seen = [], set()
    for v in variants:
        key = (v.name, v.used_by, v.language)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            NameRow(
                name=v.name,
                used_by=SIDE_NAMES[v.used_by] if v.used_by else "",
                language=language_name(v.language),
                cited=outlets_citing(context, v.sources, notes),
            )
        )
    return NameTable(tuple(rows), any(r.used_by for r in rows), any(r.language for r in rows))
