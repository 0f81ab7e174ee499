"""Figures: the casualty overview, figures of one measure side by side, and each figure's own page.

Nothing here computes a number anyone gave: rows show figures as given, a comparison says
whether they can all be true, and the range they all allow is labelled as our inference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..chart import Bar
from ..conflicts import Comparison
from ..figures import SIDE_NAMES, derived_sums
from ..intervals import interval
from ..model import Figure
from ..text import figure_value, long_date, number
from .core import Context, Day, Link, Notes, Page, Quoted, paginate
from .lists import own_voice, outlets_citing

VERDICT_WORDS = {
    "identical": "Identical",
    "compatible": "Compatible",
    "contradicting": "Contradicting",
    "possibly-older": "Possibly counts of different days",
}
OVERVIEW_BARS = 40
"""At most this many claims in the overview: the latest figure per claimant, panel and kind of bound."""
ROWS_PER_PAGE = 60
"""Rows on one page of the comparisons: a row with its footnote is about 2 KB of HTML."""


@dataclass(frozen=True)
class DetailRow:
    figure: Link
    when: Day
    value: str
    as_given: Quoted
    claimant: Link | None
    voice: str
    reported_by: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class ComparisonView:
    anchor: str
    heading: str
    verdict: str
    """In words: Contradicting, Compatible, Identical, or Possibly counts of different days."""
    sentence: str
    rows: tuple[DetailRow, ...]
    entry: Link | None
    """The register entry, when the figures contradict."""


@dataclass(frozen=True)
class DerivedView:
    heading: str
    parts: tuple[tuple[Link, str], ...]
    total: str
    reported: tuple[Link, ...]


@dataclass(frozen=True, kw_only=True)
class FiguresPage(Page):
    intro: str
    overview: object | None
    bars: tuple[tuple[str, str, str, Link], ...]
    """The overview's data: panel, who and when, value, the figure."""
    compared: Link
    everything: Link
    derived: tuple[DerivedView, ...]


@dataclass(frozen=True, kw_only=True)
class ComparisonsPage(Page):
    intro: str
    comparisons: tuple[ComparisonView, ...]


@dataclass(frozen=True, kw_only=True)
class FigurePage(Page):
    lead: str
    as_given: tuple[Quoted, ...]
    value: str
    measure: str
    claimant: Link | None
    voice: str
    reported_via: tuple[Link, ...]
    when: Day
    since: Day | None
    comparison: str | None
    comparison_link: Link | None
    evidence: tuple[tuple[str, Link, Quoted], ...]
    inferences: tuple[tuple[str, str], ...]


def _who(context: Context, f: Figure) -> str:
    return context.fact(f.claimant).heading if f.claimant else own_voice(context, f)


def _panel(f: Figure) -> str:
    side = SIDE_NAMES[f.side]
    kind = {"military": "Military deaths", "civilian": "Civilian deaths"}.get(f.category, "Deaths")
    return f"{kind}: {side}" if f.side not in (None, "both") else f"{kind}, {side}"


def overview_bars(context: Context) -> list[tuple[Bar, Figure]]:
    """Death figures as intervals: each claimant's latest figures in each panel, newest first, at most OVERVIEW_BARS."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in context.base.of_kind("figure"):
        if isinstance(f, Figure) and f.measure == "deaths" and f.value_kind == "amount":
            groups.setdefault((_panel(f), f.claimant or f"own:{f.sources[0].source}"), []).append(f)
    latest = [f for fs in groups.values() for f in fs if f.as_of.date == max(g.as_of.date for g in fs)]
    chosen = sorted(latest, key=lambda f: (f.as_of.date, f.id), reverse=True)[:OVERVIEW_BARS]
    bars = []
    for f in sorted(chosen, key=lambda f: (_panel(f), f.as_of.date, f.id)):
        span = interval(f)
        when = f"{'no later than ' if f.as_of.no_later_than else ''}{f.as_of.date.day} {f.as_of.date:%b %Y}"
        bars.append(
            (
                Bar(
                    panel=_panel(f),
                    label=f"{_who(context, f)}, {when}",
                    value_text=figure_value(f),
                    low=span.low if span else None,
                    high=span.high if span and math.isfinite(span.high) else None,
                    low_open=span.low_open if span else False,
                    high_open=span.high_open if span else False,
                    not_disclosed=span is None,
                ),
                f,
            )
        )
    return bars


def _detail_row(context: Context, f: Figure, notes: Notes) -> DetailRow:
    return DetailRow(
        figure=context.link(f, figure_value(f)),
        when=context.day(f.as_of),
        value=figure_value(f),
        as_given=Quoted(context.quotation(f, "as_given"), notes.cite(f.sources)),
        claimant=context.link(f.claimant) if f.claimant else None,
        voice=own_voice(context, f),
        reported_by=outlets_citing(context, f.sources, notes),
    )


PAIRS_NAMED = 3
"""Contradicting pairs of values a sentence names; the table below it shows every figure."""


def _sentence(c: Comparison) -> str:
    if c.verdict == "contradicting":
        # Each pair of values once, and only the first few: many outlets repeating two values make one pair.
        pairs = list(dict.fromkeys(f"{figure_value(a)} and {figure_value(b)}" for a, b in c.contradicting))
        more = len(pairs) - PAIRS_NAMED
        named = "; ".join(pairs[:PAIRS_NAMED]) + (
            f"; and {more} more pair{'s' * (more > 1)} of values" if more > 0 else ""
        )
        return f"These figures cannot all be true: no number satisfies {named}."
    if c.verdict == "possibly-older":
        return (
            "These figures cannot all be true of the same day, but none of them is dated exactly: each was "
            "counted no later than the day of its report, and a running total only grows, so the lower ones may "
            "be older counts. They are not registered as contradicting."
        )
    if c.verdict == "identical":
        return "These figures agree: every source gives the same value."
    return (
        f"These figures differ but can all be true: together they allow {c.common_text}. "
        "That range is our inference, not a figure any source gave."
    )


@dataclass(frozen=True)
class _Table:
    """One table of the comparisons page: a comparison's rows, or a part of them."""

    comparison: Comparison
    figures: tuple[Figure, ...]
    part: int
    parts: int


def _tables(c: Comparison, untold: Sequence[Figure]) -> list[_Table]:
    """The comparison's figures, then the undisclosed ones of its measure, cut into tables of at most
    ``ROWS_PER_PAGE`` rows: no page grows with the number of figures one comparison holds."""
    figures = (*c.figures, *untold)
    cuts = range(0, len(figures), ROWS_PER_PAGE)
    return [_Table(c, figures[i : i + ROWS_PER_PAGE], n, len(cuts)) for n, i in enumerate(cuts, 1)]


def _comparison_view(context: Context, table: _Table, notes: Notes) -> ComparisonView:
    c = table.comparison
    subject = min((f.subject for f in c.figures), key=len)
    later = table.part > 1
    return ComparisonView(
        anchor=f"{c.anchor}-{table.part}" if later else c.anchor,
        heading=f"{subject}{c.when}" + (f" (continued, part {table.part} of {table.parts})" if later else ""),
        verdict=VERDICT_WORDS[c.verdict],
        sentence=_sentence(c),
        rows=tuple(_detail_row(context, f, notes) for f in table.figures),
        entry=context.entry_links.get(c.anchor),
    )


def figures_pages(context: Context, comparisons: list[Comparison], overview: object | None) -> list[Page]:
    notes = Notes(context)
    bars = tuple((bar.panel, bar.label, bar.value_text, context.link(f, "figure")) for bar, f in overview_bars(context))
    derived = []
    for d in derived_sums(context.base):
        derived.append(
            DerivedView(
                heading=f"{SIDE_NAMES[d.side]}, {long_date(d.day)}",  # type: ignore[arg-type]
                parts=tuple((context.link(f, figure_value(f)), f"{f.category}, {_who(context, f)}") for f in d.parts),
                total=f"{number(d.total)} {d.parts[0].unit}",
                reported=tuple(context.link(t, f"{figure_value(t)} ({_who(context, t)})") for t in d.reported_totals),
            )
        )
    index = FiguresPage(
        path="figures/index.md",
        template="figures.md.j2",
        title="Figures side by side",
        description="How many died, according to whom: every casualty figure with its claimant, date and "
        "qualifier, never summed or averaged.",
        kind="index",
        intro="",
        overview=overview,
        bars=bars,
        compared=Link("Figures of the same measure, compared", "figures/compared.md"),
        everything=Link("Every figure, by measure", "figures/all.md"),
        derived=tuple(derived),
        notes=notes.freeze(),
    )
    pages: list[Page] = [index]
    untold: dict[tuple[str, str, str], list[Figure]] = {}
    for f in context.base.of_kind("figure"):
        if isinstance(f, Figure) and f.qualifier == "not-disclosed":
            untold.setdefault((f.measure, f.category, f.side), []).append(f)
    tables = [
        table
        for c in comparisons
        for table in _tables(c, untold.get((c.figures[0].measure, c.figures[0].category, c.figures[0].side), []))
    ]
    for path, chunk, pager in paginate(
        tables, "figures/compared.md", ROWS_PER_PAGE, weights=[len(t.figures) for t in tables]
    ):
        page_notes = Notes(context)
        views = tuple(_comparison_view(context, t, page_notes) for t in chunk)
        pages.append(
            ComparisonsPage(
                path=path,
                template="compared.md.j2",
                title="Figures of the same measure, compared"
                + (f" (page {pager.number} of {pager.count})" if pager.count > 1 else ""),
                description="Figures that measure the same thing, side by side, and whether they can all be true.",
                kind="index",
                intro="",
                comparisons=views,
                notes=page_notes.freeze(),
                pager=pager if pager.count > 1 else None,
            )
        )
    return pages


def figure_page(context: Context, figure: Figure, comparisons: dict[str, Comparison]) -> FigurePage:
    notes = Notes(context)
    evidence = tuple(
        (context.base.outlet_of(c.source).name, context.link(c.source), notes.quote(c)) for c in figure.sources
    )
    who = _who(context, figure)
    when = context.day(figure.as_of)
    bound = "no later than " if figure.as_of.no_later_than else ""
    lead = f"{who} put it at {figure_value(figure)}, as of {bound}{when.text}."
    found = comparisons.get(figure.id)
    comparison = link = None
    if found is not None:
        comparison = _sentence(found)
        link = context.entry_links.get(found.anchor) or Link("The comparison", "figures/compared.md")
    return FigurePage(
        path=f"figures/{figure.id}.md",
        template="figure.md.j2",
        title=f"{figure.subject}: {figure_value(figure)}",
        description=f"{figure.subject}: {lead} Reported by {', '.join(dict.fromkeys(o for o, _, _ in evidence))}.",
        kind="figure",
        lead=lead,
        as_given=(Quoted(context.quotation(figure, "as_given"), notes.cite(figure.sources)),),
        value=figure_value(figure),
        measure=", ".join(
            p
            for p in (
                figure.measure,
                figure.category if figure.category != "unspecified" else "",
                SIDE_NAMES[figure.side] if figure.side else "",
                figure.value_kind if figure.value_kind == "ordinal" else "",
            )
            if p
        ),
        claimant=context.link(figure.claimant) if figure.claimant else None,
        voice=own_voice(context, figure),
        reported_via=tuple(context.link(r) for r in figure.reported_via),
        when=when,
        since=context.day(figure.since) if figure.since else None,
        comparison=comparison,
        comparison_link=link,
        evidence=evidence,
        inferences=tuple(figure.inferences.items()),
        notes=notes.freeze(),
        record=context.record(figure),
    )


def all_figures_pages(context: Context) -> list[Page]:
    """Every figure, grouped by measure, paginated."""
    from .listings import Item, listing

    items = []
    for f in sorted(context.base.of_kind("figure"), key=lambda f: (f.measure, f.category, f.as_of.date, f.id)):  # type: ignore[attr-defined]
        assert isinstance(f, Figure)
        items.append(
            Item(
                f.measure.capitalize(),
                context.link(f, f.subject),
                after=f": {figure_value(f)} ({_who(context, f)}, "
                f"{'no later than ' if f.as_of.no_later_than else ''}{long_date(f.as_of.date)})",
            )
        )
    return listing(
        "figures/all.md",
        "Every figure, by measure",
        "Every number the sources give, as given, with who gave it and as of when.",
        items,
    )  # type: ignore[return-value]
