"""A page for each disagreement the register finds, at a permanent address built from its anchor."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from ..conflicts import TYPE_TITLES, Entry
from ..model import Figure
from ..text import ASSESSMENT_LABELS
from .core import Context, Link, Notes, Page, Quoted, paginate
from .lists import FigureRow, NameTable, figure_rows, name_table


@dataclass(frozen=True)
class RenderingRow:
    outlet: str
    excerpt: Quoted
    translation: str
    assessment: str
    rationale: str | None


@dataclass(frozen=True, kw_only=True)
class EntryPage(Page):
    type_title: str
    lead: str
    involves: tuple[Link, ...]
    figures: tuple[FigureRow, ...] = ()
    names: NameTable | None = None
    claim: Link | None = None
    claimant: Link | None = None
    original: Quoted | None = None
    renderings: tuple[RenderingRow, ...] = ()


def entry_path(entry: Entry) -> str:
    """Curated discrepancies are facts with their own page; found ones get one named by their anchor."""
    return f"discrepancies/{entry.anchor}.md"


ROWS_PER_PAGE = 60
"""Figures on one page of an entry: an entry of hundreds of figures continues on further pages."""


def entry_pages(context: Context, entry: Entry) -> list[EntryPage]:
    """The entry's page; when it holds more than ``ROWS_PER_PAGE`` figures, the rest follow on pages
    ``<anchor>-2`` and on, so that no page grows with the number of figures one disagreement involves."""
    if len(entry.figures) <= ROWS_PER_PAGE:
        return [entry_page(context, entry)]
    pages = []
    ordered = sorted(entry.figures, key=lambda f: (f.as_of.date, f.id))  # as the table orders them
    for path, chunk, pager in paginate(ordered, entry_path(entry), ROWS_PER_PAGE):
        if pager.number == 1:
            pages.append(dataclasses.replace(entry_page(context, entry, chunk), pager=pager))
        else:
            notes = Notes(context)
            pages.append(
                dataclasses.replace(
                    entry_page(context, entry, ()),
                    path=path,
                    title=f"{entry.title} (page {pager.number} of {pager.count})",
                    involves=(),
                    figures=figure_rows(context, chunk, notes),
                    notes=notes.freeze(),
                    pager=pager,
                )
            )
    return pages


def entry_page(context: Context, entry: Entry, figures: Sequence[Figure] | None = None) -> EntryPage:
    """The entry's page, with ``figures`` (by default all of the entry's) in its table."""
    notes = Notes(context)
    lead = {
        "values": "Figures for the same measure that cannot all be true, side by side.",
        "rendering": "One statement, rendered differently by different outlets; each version with our assessment.",
        "headline": "A headline that says more than the statement it reports.",
        "names": "One entity, named or spelled differently by the sources or by each side.",
    }.get(entry.type, "Where the sources disagree.")
    original = None
    renderings = ()
    if entry.claim is not None and entry.claim.original is not None:
        original = Quoted(context.quotation(entry.claim.original, "text"), notes.cite(entry.claim.original.citation))
    if entry.renderings:
        renderings = tuple(
            RenderingRow(
                context.base.outlet_of(r.source).name,
                notes.quote(r),
                r.translation,
                ASSESSMENT_LABELS[r.assessment],
                r.rationale,
            )
            for r in entry.renderings
        )
    return EntryPage(
        path=entry_path(entry),
        template="entry.md.j2",
        title=entry.title,
        description=f"{TYPE_TITLES[entry.type]}: {entry.title}",
        kind="discrepancy",
        label="Sources disagree",
        type_title=TYPE_TITLES[entry.type],
        lead=lead,
        involves=tuple(context.link(i) for i in dict.fromkeys(entry.involves)),
        figures=figure_rows(context, entry.figures if figures is None else figures, notes),
        names=name_table(context, entry.names, notes) if entry.names else None,
        claim=context.link(entry.claim) if entry.claim else None,
        claimant=context.link(entry.claim.claimant) if entry.claim else None,
        original=original,
        renderings=renderings,
        notes=notes.freeze(),
    )
