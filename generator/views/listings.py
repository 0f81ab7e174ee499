"""Listing pages: section indexes, the timeline (months and days) and the discrepancy register.

Every listing is paginated (see :func:`~generator.views.core.paginate`), so no page grows
with the fact base.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import Sequence

from ..conflicts import TYPE_TITLES, Entry
from ..model import KINDS, Claim, Event, Fact, Figure, Source
from ..text import figure_value, long_date
from .core import PAGE_SIZE, Context, Link, Notes, Page, paginate

PAGE_WEIGHT = 6 * PAGE_SIZE
"""The most a listing page holds, in lines without footnotes (a footnote weighs three)."""


@dataclass(frozen=True)
class Item:
    """One line of a listing, under the heading ``group``."""

    group: str
    link: Link
    prefix: str = ""
    who: Link | None = None
    after: str = ""
    refs: tuple[int, ...] = ()
    group_link: Link | None = None
    """A link for the group heading (a day on a month page)."""


@dataclass(frozen=True)
class Group:
    heading: str
    link: Link | None
    items: tuple[Item, ...]


@dataclass(frozen=True, kw_only=True)
class ListingPage(Page):
    intro: str
    groups: tuple[Group, ...]
    around: tuple[Link, ...] = ()
    """Links shown above the list: previous and next day, the month, the timeline."""


SECTIONS = {
    "people": ("People", "Everyone named in the articles, A to Z."),
    "organisations": ("Organisations", "Governments, ministries, armed forces, agencies and offices, A to Z."),
    "places": ("Places", "Places named in the articles, by kind; each page gives the name each side uses."),
    "outlets": ("Outlets", "The news outlets and reference works whose articles are recorded here."),
    "sources": ("Sources", "Every article recorded here, by outlet."),
    "claims": ("Claims", "Attributed statements, newest first, each with its verdict."),
    "events": ("Events", "What happened, newest first."),
}
"""Title and introduction of each section's index page (figures and discrepancies have their own)."""


def _grouped(items: Sequence[Item]) -> tuple[Group, ...]:
    return tuple(
        Group(heading, chunk[0].group_link, tuple(chunk))
        for heading, chunk in ((h, list(g)) for h, g in groupby(items, key=lambda i: i.group))
    )


def listing(
    path: str, title: str, intro: str, items: Sequence[Item], *, kind: str = "index", around: tuple[Link, ...] = ()
) -> list[ListingPage]:
    """A listing split over as many pages as it needs: at most ``PAGE_SIZE`` lines a page, fewer when they
    cite, so that a day of claims cited by many outlets keeps its pages small. A footnote holds an excerpt and
    its translation, about three times the bytes of a line: a page holds at most the bytes of
    ``PAGE_WEIGHT`` lines (about 100 KB)."""
    pages = []
    weights = [max(PAGE_WEIGHT // PAGE_SIZE, 1 + 3 * len(item.refs)) for item in items]
    for page_path, chunk, pager in paginate(items, path, PAGE_WEIGHT, weights):
        shown = title if pager.number == 1 else f"{title} (page {pager.number} of {pager.count})"
        pages.append(
            ListingPage(
                path=page_path,
                template="listing.md.j2",
                title=shown,
                description=intro,
                kind=kind,
                intro=intro,
                groups=_grouped(chunk),
                around=around,
                pager=pager if pager.count > 1 else None,
            )
        )
    return pages


def section_pages(context: Context) -> list[ListingPage]:
    base = context.base
    pages = []
    for folder, (title, intro) in SECTIONS.items():
        facts = sorted(base.of_kind(KINDS[folder].kind), key=_sort_key)
        items = [_section_item(context, folder, f) for f in facts]
        if folder not in ("claims", "events", "sources"):
            items.sort(key=lambda i: (i.group == "#", i.group, i.link.label.casefold()))
        elif folder == "sources":
            items.sort(key=lambda i: i.group.casefold())
        pages += listing(f"{folder}/index.md", title, intro, items)
    return pages


def _section_item(context: Context, folder: str, fact: Fact) -> Item:
    base = context.base
    link = context.link(fact)
    if folder in ("people", "organisations", "outlets"):
        letter = unicodedata.normalize("NFKD", fact.heading)[:1].upper()
        return Item(letter if letter.isalpha() else "#", link)
    if isinstance(fact, Claim):
        return Item(
            f"{fact.date.date:%B %Y}", link, prefix=f"{long_date(fact.date.date)}: ", who=context.link(fact.claimant)
        )
    if isinstance(fact, Event):
        return Item(f"{fact.date.date:%B %Y}", link, prefix=f"{long_date(fact.date.date)}: ")
    if isinstance(fact, Source):
        when = f", {long_date(fact.published.date)}" if fact.published else ""
        return Item(base.outlet_of(fact.id).name, link, after=when)
    return Item(fact.type.capitalize(), link)  # type: ignore[attr-defined]


def _sort_key(fact: Fact) -> tuple:  # type: ignore[type-arg]
    """Dated facts newest first, the rest alphabetically."""
    day = getattr(fact, "date", None) or (fact.published if isinstance(fact, Source) else None)
    if day is not None:
        return (-day.date.toordinal(), fact.heading.casefold())
    return (0, fact.heading.casefold())


def day_pages(context: Context) -> list[ListingPage]:
    """One page per day, with every event, claim, article and figure of that day, one line each."""
    base = context.base
    days = sorted(base.days)
    pages = []
    for i, day in enumerate(days):
        notes = Notes(context)
        entries = base.days[day]
        items = [_event_item(context, e, notes) for e in _by_time(entries.get("event", []))]
        items += [
            Item(
                "Claims made",
                context.link(c),
                who=context.link(c.claimant),  # type: ignore[attr-defined]
                after=" (date inferred)" if c.date.inferred else "",  # type: ignore[attr-defined]
                refs=notes.cite(c.renderings),  # type: ignore[attr-defined]
            )
            for c in entries.get("claim", [])
        ]
        items += [_article_item(context, s) for s in entries.get("source", [])]  # type: ignore[arg-type]
        items += [_figure_item(context, f, notes) for f in entries.get("figure", [])]  # type: ignore[arg-type]
        around = []
        if i > 0:
            around.append(Link(f"← {long_date(days[i - 1])}", f"dates/{days[i - 1].isoformat()}.md"))
        if i + 1 < len(days):
            around.append(Link(f"{long_date(days[i + 1])} →", f"dates/{days[i + 1].isoformat()}.md"))
        around.append(Link(f"{day:%B %Y}", f"dates/{day:%Y-%m}.md"))
        summary = ", ".join(
            _count(len(entries.get(k, [])), label)
            for k, label in (("event", "event"), ("claim", "claim"), ("source", "article"), ("figure", "figure"))
            if entries.get(k)
        )
        for page in listing(
            f"dates/{day.isoformat()}.md",
            long_date(day),
            f"{long_date(day)}: {summary}.",
            items,
            kind="day",
            around=tuple(around),
        ):
            pages.append(_with_notes(page, notes))
    return pages


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _with_notes(page: ListingPage, notes: Notes) -> ListingPage:
    """Keep only the footnotes the page's own items cite (a long day is split over several pages)."""
    cited = {n for g in page.groups for item in g.items for n in item.refs}
    kept = tuple(n for n in notes.freeze() if n.number in cited)
    return ListingPage(**{**page.__dict__, "notes": kept})


def _by_time(events: list[Fact]) -> list[Event]:
    timed = sorted((e for e in events if e.date.time), key=lambda e: e.date.time)  # type: ignore[attr-defined]
    return timed + [e for e in events if not e.date.time]  # type: ignore[attr-defined,return-value]


def _event_item(context: Context, event: Event, notes: Notes) -> Item:
    prefix = ""
    if event.date.time:
        prefix = f"{event.date.time:%H:%M}{' ' + event.date.zone if event.date.zone else ''}: "
    return Item(
        "Events",
        context.link(event),
        prefix=prefix,
        after=" (date inferred)" if event.date.inferred else "",
        refs=notes.cite(event.sources),
    )


def _article_item(context: Context, source: Source) -> Item:
    published = source.published
    time = (
        f", {published.time:%H:%M}{' ' + published.zone if published.zone else ''}"
        if published and published.time
        else ""
    )
    return Item("Articles published", context.link(source), prefix=f"{context.base.outlet_of(source.id).name}{time}: ")


def _figure_item(context: Context, figure: Figure, notes: Notes) -> Item:
    who = context.link(figure.claimant) if figure.claimant else None
    bound = "no later than this day" if figure.as_of.no_later_than else ""
    after = f": {figure_value(figure)}" + (f" ({bound})" if bound else "")
    return Item(
        "Figures as of this day",
        context.link(figure, figure.subject),
        who=who,
        after=after,
        refs=notes.cite(figure.sources),
    )


def timeline_pages(context: Context) -> list[ListingPage]:
    """A page per month, one line per event under each day, and an index of the months."""
    base = context.base
    months: dict[str, list[dt.date]] = defaultdict(list)
    for day in sorted(base.days):
        months[f"{day:%Y-%m}"].append(day)
    pages: list[ListingPage] = []
    index_items = []
    keys = sorted(months)
    for i, month in enumerate(keys):
        first = months[month][0]
        items = []
        for day in months[month]:
            entries = base.days[day]
            day_link = Link(long_date(day), f"dates/{day.isoformat()}.md")
            events = _by_time(entries.get("event", []))
            for e in events:
                items.append(Item(long_date(day), context.link(e), group_link=day_link))
            others = [
                _count(len(entries[k]), label)
                for k, label in (("claim", "claim"), ("source", "article"), ("figure", "figure"))
                if entries.get(k)
            ]
            if others or not events:
                items.append(
                    Item(
                        long_date(day),
                        day_link,
                        prefix="Also: " if events else "",
                        after=f" ({', '.join(others)})" if others else "",
                        group_link=day_link,
                    )
                )
        around = []
        if i > 0:
            around.append(Link(f"← {dt.date.fromisoformat(keys[i - 1] + '-01'):%B %Y}", f"dates/{keys[i - 1]}.md"))
        if i + 1 < len(keys):
            around.append(Link(f"{dt.date.fromisoformat(keys[i + 1] + '-01'):%B %Y} →", f"dates/{keys[i + 1]}.md"))
        around.append(Link("Timeline", "dates/index.md"))
        pages += listing(
            f"dates/{month}.md",
            f"{first:%B %Y}",
            f"What happened in {first:%B %Y}, day by day.",
            items,
            kind="month",
            around=tuple(around),
        )
        count = sum(len(base.days[d].get("event", [])) for d in months[month])
        index_items.append(
            Item(
                f"{first:%Y}",
                Link(f"{first:%B %Y}", f"dates/{month}.md"),
                after=f": {len(months[month])} days, {count} events",
            )
        )
    pages += listing(
        "dates/index.md",
        "Timeline",
        "Every month in which something recorded here happened, was said, counted or published.",
        index_items,
        kind="timeline",
    )
    return pages


def register_pages(context: Context, entries: list[Entry]) -> list[ListingPage]:
    """The register's overview and one paginated listing per type of disagreement."""
    by_type: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_type[entry.type].append(entry)
    pages: list[ListingPage] = []
    overview = []
    for type_, title in TYPE_TITLES.items():
        listed = by_type.get(type_, [])
        if not listed:
            continue
        items = [Item(title, context.entry_links[e.anchor]) for e in listed]
        pages += listing(f"discrepancies/type-{type_}.md", title, f"Register entries: {title.lower()}.", items)
        overview += [
            Item(
                title,
                Link(f"All {len(listed)}", f"discrepancies/type-{type_}.md"),
                group_link=Link(title, f"discrepancies/type-{type_}.md"),
            )
        ]
        overview += items[:5]
    intro = (
        "Every place where the sources disagree: values that cannot all be true, statements rendered "
        "differently, headlines stronger than the statement, names spelled differently, dates that do not "
        "line up. Each entry sets the versions side by side; none is picked as the true one."
    )
    pages += listing("discrepancies/index.md", "Discrepancies", intro, overview)
    return pages
