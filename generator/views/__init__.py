"""Stage 4: the resolved facts as one frozen, typed value per page.

All page logic lives here: which facts a page shows, in which order, with which label. The
templates (``render``) only lay these values out, and the share cards, feed entries and
structured data read the same values.
"""

from __future__ import annotations

import dataclasses

from ..conflicts import compare_figures, find_discrepancies, involvement
from ..model import Claim, Discrepancy, Event, Figure, Organisation, Outlet, Person, Place, Source
from ..resolve import FactBase
from .claims import claim_page, verdict
from .core import Context, Link, Page, SiteInfo
from .differences import words_of
from .entities import organisation_page, outlet_page, person_page, place_page
from .figures import all_figures_pages, figure_page, figures_pages, overview_bars
from .listings import day_pages, register_pages, section_pages, timeline_pages
from .records import discrepancy_page, event_page, source_page
from .register import entry_pages
from .site import about_page, corrections_pages, data_page, home_page, kind_counts, overview, scale_page

__all__ = ["build_pages", "Context", "SiteInfo", "Page"]


def build_pages(base: FactBase, site: SiteInfo, schemas: list[str] = ()) -> list[Page]:  # type: ignore[assignment]
    """Every page of the generated sections, each a frozen view."""
    context = Context(base, site)
    entries = find_discrepancies(base)
    context.entries = involvement(entries)
    context.entry_links = {e.anchor: Link(e.title, f"discrepancies/{e.anchor}.md") for e in entries}
    names = (
        name
        for fact in base.facts.values()
        if isinstance(fact, (Person, Organisation, Place))
        for name in [fact.heading, *(v.name for v in getattr(fact, "variants", []) or getattr(fact, "names", []))]
    )
    context.name_words = frozenset(words_of(names, capitalised=True))
    comparisons = compare_figures(base)
    compared = {f.id: c for c in comparisons for f in c.figures}
    pages: list[Page] = []
    for fact in base.facts.values():
        if isinstance(fact, Claim):
            pages.append(claim_page(context, fact))
        elif isinstance(fact, Person):
            pages.append(person_page(context, fact))
        elif isinstance(fact, Organisation):
            pages.append(organisation_page(context, fact))
        elif isinstance(fact, Place):
            pages.append(place_page(context, fact))
        elif isinstance(fact, Outlet):
            pages.append(outlet_page(context, fact))
        elif isinstance(fact, Source):
            pages.append(source_page(context, fact))
        elif isinstance(fact, Event):
            pages.append(event_page(context, fact))
        elif isinstance(fact, Figure):
            pages.append(figure_page(context, fact, compared))
        elif isinstance(fact, Discrepancy):
            pages.append(discrepancy_page(context, fact))
    pages += [page for e in entries if e.note is None for page in entry_pages(context, e)]
    pages += register_pages(context, entries)
    pages += section_pages(context)
    pages += day_pages(context)
    pages += timeline_pages(context)
    chart = overview(context, [bar for bar, _ in overview_bars(context)])
    pages += figures_pages(context, comparisons, chart)
    pages += all_figures_pages(context)
    pages += corrections_pages(context)
    counts = kind_counts(context)
    verdicts: dict[str, int] = {}
    for claim in base.of_kind("claim"):
        key = verdict(context, claim).key  # type: ignore[arg-type]
        verdicts[key] = verdicts.get(key, 0) + 1
    pages += [
        home_page(context, entries, chart, counts),
        scale_page(context, verdicts),
        data_page(context, list(schemas)),
        about_page(context),
    ]
    return pages


def replace(page: Page, **changes: object) -> Page:
    return dataclasses.replace(page, **changes)
