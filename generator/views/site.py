"""Site-wide pages: the home page, the verdict scale, corrections, downloads and who runs the desk."""

from __future__ import annotations

from dataclasses import dataclass

from ..chart import Bar
from ..conflicts import Entry
from ..model import KINDS
from ..text import long_date
from .claims import SCALE_PAGE, VERDICT_RULES
from .core import Context, External, Link, Page
from .lists import ClaimRow, claim_rows
from .listings import Item, ListingPage, listing


@dataclass(frozen=True)
class SectionRow:
    link: Link
    what: str
    count: str


@dataclass(frozen=True)
class Overview:
    """The casualty overview: its data (drawn by :mod:`generator.chart`), where the images go, its text
    alternative and the table that holds the same data."""

    bars: tuple[Bar, ...]
    wide: str
    narrow: str
    png: str
    alt: str
    table: Link
    credit: str


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    intro: str
    overview: Overview | None
    discrepancies: tuple[Link, ...]
    discrepancy_count: int
    sections: tuple[SectionRow, ...]
    latest: tuple[ClaimRow, ...]


@dataclass(frozen=True)
class ScaleRow:
    key: str
    label: str
    applies: str
    count: int


@dataclass(frozen=True, kw_only=True)
class ScalePage(Page):
    rules: tuple[ScaleRow, ...]


@dataclass(frozen=True, kw_only=True)
class DataPage(Page):
    schemas: tuple[str, ...]
    data_licence: External
    text_licence: External
    version: str


@dataclass(frozen=True, kw_only=True)
class AboutPage(Page):
    fields: tuple[tuple[str, str], ...]
    curators: tuple[str, ...]
    report: External | None
    contact: str | None


INTRO = (
    "How Indonesian news outlets reported the 2020 war over Nagorno-Karabakh: who said what and when, the "
    "figures each side put forward, and how each outlet rendered the same statement. Every quotation is checked "
    "word for word against a stored copy of its article, and where the sources disagree, their versions stand "
    "side by side."
)


def overview(context: Context, bars: list[Bar]) -> Overview | None:
    """The casualty overview of the home and figures pages, or None when no death toll is recorded."""
    if not bars:
        return None
    data = context.base.dataset
    described = "; ".join(f"{b.panel}: {b.label}, {b.value_text}" for b in bars)
    return Overview(
        bars=tuple(bars),
        wide="figures/overview-wide.svg",
        narrow="figures/overview-narrow.svg",
        png="figures/overview.png",
        alt=f"Chart of the death tolls each source gave, as ranges, one row per claim. {described}.",
        table=Link("The overview as a table", "figures/index.md#the-overview-as-a-table"),
        credit=f"{data.name}, data {data.data_licence}, {context.site.url}",
    )


def home_page(context: Context, entries: list[Entry], overview: Overview | None, counts: dict[str, int]) -> HomePage:
    base = context.base
    latest = sorted(base.of_kind("claim"), key=lambda c: (c.date.date, c.id), reverse=True)[:5]  # type: ignore[attr-defined]
    recent = [e for e in entries if e.type != "names"][:5]
    sections = (
        SectionRow(
            Link("Timeline", "dates/index.md"),
            "Day by day: events, statements, articles and figures",
            f"{len(base.days)} days",
        ),
        SectionRow(
            Link("Claims", "claims/index.md"),
            "Attributed statements, each outlet's rendering side by side",
            str(counts["claim"]),
        ),
        SectionRow(
            Link("Figures", "figures/index.md"),
            "Tolls and other numbers, who gave them and as of when",
            str(counts["figure"]),
        ),
        SectionRow(Link("Discrepancies", "discrepancies/index.md"), "Where the sources disagree", str(len(entries))),
        SectionRow(
            Link("People", "people/index.md"), "Who spoke, with their roles and every claim", str(counts["person"])
        ),
        SectionRow(
            Link("Organisations", "organisations/index.md"),
            "Governments, ministries, armed forces, agencies",
            str(counts["organisation"]),
        ),
        SectionRow(
            Link("Events", "events/index.md"), "What happened, with the articles that report it", str(counts["event"])
        ),
        SectionRow(Link("Places", "places/index.md"), "Places, with the name each side uses", str(counts["place"])),
        SectionRow(
            Link("Outlets", "outlets/index.md"), "Who published what, and who republished whom", str(counts["outlet"])
        ),
        SectionRow(
            Link("Sources", "sources/index.md"), "Every article, and every fact it supports", str(counts["source"])
        ),
    )
    return HomePage(
        path="index.md",
        template="home.md.j2",
        title=base.dataset.name,
        description=INTRO,
        kind="home",
        intro=INTRO,
        overview=overview,
        discrepancies=tuple(context.entry_links[e.anchor] for e in recent),
        discrepancy_count=len(entries),
        sections=sections,
        latest=claim_rows(context, latest),  # type: ignore[arg-type]
    )


def scale_page(context: Context, verdict_counts: dict[str, int]) -> ScalePage:
    return ScalePage(
        path=SCALE_PAGE,
        template="scale.md.j2",
        title="How claims are labelled",
        description="The rule behind each claim's label: derived from the facts, never typed by hand.",
        kind="index",
        rules=tuple(
            ScaleRow(r.key, r.label.format(n="N"), r.applies, verdict_counts.get(r.key, 0)) for r in VERDICT_RULES
        ),
    )


def corrections_pages(context: Context) -> list[ListingPage]:
    found = sorted(
        ((c.date, f, c.text) for f in context.base.facts.values() for c in f.corrections),
        key=lambda item: (item[0], item[1].id),
        reverse=True,
    )
    items = [
        Item(f"{day:%B %Y}", context.link(fact), prefix=f"{long_date(day)}: ", after=f": {text}")
        for day, fact, text in found
    ]
    intro = (
        "Every correction made to a fact after it was first published, newest first. Each corrected page lists "
        "its own corrections too. Follow changes with the Atom feed (corrections/feed.xml)."
    )
    return listing(
        "corrections/index.md", "Corrections", intro if items else "No corrections have been made yet.", items
    )


def data_page(context: Context, schemas: list[str]) -> DataPage:
    data = context.base.dataset
    return DataPage(
        path="data/index.md",
        template="data.md.j2",
        title="Data downloads",
        description="The facts behind this site, free to reuse: JSON, CSV and JSON Schemas.",
        kind="index",
        schemas=tuple(schemas),
        data_licence=External(data.data_licence, data.data_licence_url),
        text_licence=External(data.text_licence, data.text_licence_url),
        version=context.site.version,
    )


def about_page(context: Context) -> AboutPage:
    data = context.base.dataset
    stated = [
        ("Who runs it", data.operator),
        ("How it is funded", data.funding),
        ("Independence", data.independence),
        ("Contact", data.contact),
        ("Corrections policy", data.corrections_policy),
    ]
    return AboutPage(
        path="about/index.md",
        template="about.md.j2",
        title=f"About {data.name}",
        description=f"Who runs {data.name}, how it is funded and how to reach it.",
        kind="index",
        fields=tuple((label, value or "Not stated.") for label, value in stated),
        curators=tuple(c.name for c in data.curators),
        report=External("Report an error", f"{context.site.repo_url.rstrip('/')}/issues/new")
        if context.site.repo_url
        else None,
        contact=data.contact,
    )


def kind_counts(context: Context) -> dict[str, int]:
    return {cls.kind: len(context.base.of_kind(cls.kind)) for cls in KINDS.values()}
