"""Stage 4: render every fact, day and index as a Markdown page with jinja2.

``render_site`` returns ``{path under docs/: markdown}`` and writes nothing, so
it can be tested and golden-compared without MkDocs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import exports, jsonld, text
from .chart import figures_chart
from .citation import PageCitation
from .conflicts import TYPE_TITLES, find_discrepancies, involvement
from .figures import SIDE_NAMES, casualty_groups, derived_sums, other_figure_rows
from .model import KINDS, Citation, Claim, Fact, FactDate, Figure, Outlet, Rendering, Source
from .resolve import FactBase
from .walk import references

TEMPLATES = Path(__file__).parent / "templates"
SECTIONS = {
    "people": ("People", "Everyone named in the articles, A to Z."),
    "organisations": ("Organisations", "Governments, ministries, armed forces, agencies and offices, A to Z."),
    "places": ("Places", "Places named in the articles, by kind, with the name each side uses on each page."),
    "outlets": ("Outlets", "The news outlets whose articles are recorded here."),
    "sources": ("Sources", "Every article recorded here, by outlet."),
    "claims": ("Claims", "Attributed statements by date, newest first."),
    "events": ("Events", "What happened, by date, newest first."),
    "figures": ("Figures", "Numbers as each source gives them, by what they measure."),
    "discrepancies": ("Discrepancies", "Where the sources disagree."),
}
"""Title and introduction of each section's index page."""


ASSESSMENT_STYLE = {
    "faithful": "success",
    "paraphrased": "info",
    "stronger": "warning",
    "weaker": "warning",
    "unverified": "note",
}
"""Material admonition type for each assessment of a rendering."""


class Footnotes:
    """Numbered citations of one page; the same source and excerpt share one number."""

    def __init__(self, base: FactBase) -> None:
        self._base = base
        self._numbers: dict[tuple[str, str], int] = {}

    def cite(self, citations: Citation | list[Citation]) -> Markup:
        """Footnote references for ``citations``, e.g. ``[^1][^2]``."""
        refs = []
        for citation in citations if isinstance(citations, list) else [citations]:
            key = (citation.source, text.escape_markdown(citation.excerpt))
            number = self._numbers.setdefault(key, len(self._numbers) + 1)
            refs.append(f"[^{number}]")
        return Markup("".join(refs))

    def __iter__(self):  # type: ignore[no-untyped-def]
        for (source_id, excerpt), number in self._numbers.items():
            yield number, self._base.facts[source_id], excerpt


def make_environment(base: FactBase) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # with finalize below, every printed value is escaped for Markdown
        finalize=text.escape_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    # Links are relative to the page being rendered: "../" from a section's pages, "" from the home page.
    @pass_context
    def link(context: Context, target: Fact | str, label: str | None = None) -> Markup:
        fact = base.facts[target] if isinstance(target, str) else target
        shown = text.escape_markdown(label if label is not None else fact.heading)
        return Markup(f"[{shown}]({context['root']}{fact.folder}/{fact.id}.md)")

    @pass_context
    def day_link(context: Context, value: FactDate | dt.date | None) -> Markup:
        if value is None:
            return Markup("unknown")
        day = value.date if isinstance(value, FactDate) else value
        shown = text.fact_date(value) if isinstance(value, FactDate) else text.long_date(day)
        return Markup(f"[{text.escape_markdown(shown)}]({context['root']}dates/{day.isoformat()}.md)")

    def url_link(label: str, url: str) -> Markup:
        return Markup(f"[{text.escape_markdown(label)}]({text.safe_url(url)})")

    def renderings_by_source(claim: Claim) -> list[tuple[Source, list[Rendering], list[Markup]]]:
        """The claim's renderings grouped by article, with words unique to each article marked."""
        grouped: dict[str, list[Rendering]] = {}
        for rendering in claim.renderings:
            grouped.setdefault(rendering.source, []).append(rendering)
        marked = text.highlight_unique({sid: [r.excerpt for r in rs] for sid, rs in grouped.items()})
        return [(base.facts[sid], rs, marked[sid]) for sid, rs in grouped.items()]  # type: ignore[misc]

    def same_outlet_twice(groups: list[tuple[Source, Any, Any]], source: Source) -> bool:
        return sum(1 for s, _, _ in groups if s.outlet == source.outlet) > 1

    def outlets_quoting(person_id: str) -> list[tuple[Outlet, int]]:
        counts: dict[str, int] = {}
        for claim in base.referring(person_id, "claim", "claimant"):
            for rendering in claim.renderings:  # type: ignore[attr-defined]
                outlet = base.outlet_of(rendering.source)
                counts[outlet.id] = counts.get(outlet.id, 0) + 1
        return sorted(((base.facts[o], n) for o, n in counts.items()), key=lambda p: (-p[1], p[0].heading))  # type: ignore[misc]

    env.globals.update(
        base=base,
        link=link,
        day_link=day_link,
        url_link=url_link,
        outlet_of=base.outlet_of,
        outlets_of=base.outlets_of,
        renderings_by_outlet=lambda outlet_id: base.renderings_by_outlet.get(outlet_id, []),
        renderings_by_source=renderings_by_source,
        same_outlet_twice=same_outlet_twice,
        outlets_quoting=outlets_quoting,
        assessment_style=ASSESSMENT_STYLE,
        assessment_label=text.ASSESSMENT_LABELS,
    )
    env.filters["list_of"] = lambda item: [item]
    env.globals.update(type_titles=TYPE_TITLES, side_names=SIDE_NAMES)
    env.tests["multiple_sources"] = lambda renderings: len({r.source for r in renderings}) > 1
    env.filters.update(
        quoted=text.quoted,
        front_matter=text.front_matter,
        front_matter_raw=text.front_matter_raw,
        raw_text=text.raw_text,
        fact_date=text.fact_date,
        long_date=text.long_date,
        number=text.number,
        figure_value=text.figure_value,
    )
    return env


def render_site(base: FactBase, site_url: str = "") -> dict[str, str]:
    """Every page and published file of the generated sections, keyed by its path under docs/.

    ``site_url`` (the published address, e.g. from $SITE_URL) makes permalinks and
    structured data absolute; without it they are relative to the site root.
    """
    env = make_environment(base)

    def render(template: str, **context: Any) -> str:
        context.setdefault("tags", [])
        context.setdefault("disputes", [])
        context.setdefault("cite", None)
        context.setdefault("jsonld", None)
        context.setdefault("root", "../")
        return env.get_template(template).render(notes=Footnotes(base), **context)

    register = find_discrepancies(base)
    pages = _fact_pages(base, render, involvement(register), site_url)
    for group in (groups := casualty_groups(base)):
        who = [(row[0], base.facts[row[0].claimant].heading if row[0].claimant else "unattributed") for row in group.rows]
        pages[f"figures/charts/{group.slug}.svg"] = figures_chart(group.title, who)
    pages["figures/index.md"] = render(
        "figures.md.j2",
        title="Figures side by side",
        groups=groups,
        others=other_figure_rows(base),
        derived=derived_sums(base),
    )
    pages["discrepancies/index.md"] = render("register.md.j2", title="Discrepancies", entries=register)
    for folder, (title, intro) in SECTIONS.items():
        if folder not in ("figures", "discrepancies"):  # those two have the pages above as their index
            facts = sorted(base.of_kind(KINDS[folder].kind), key=_sort_key)
            pages[f"{folder}/index.md"] = render(
                "section.md.j2", title=title, intro=intro, groups=_groups(base, folder, facts)
            )
    days = sorted(base.days)
    for i, day in enumerate(days):
        pages[f"dates/{day.isoformat()}.md"] = render(
            "date.md.j2",
            title=text.long_date(day),
            day=day,
            entries=base.days[day],
            previous=days[i - 1] if i > 0 else None,
            following=days[i + 1] if i + 1 < len(days) else None,
        )
    pages["dates/index.md"] = render("timeline.md.j2", title="Timeline", days=days)
    pages["index.md"] = render(
        "home.md.j2",
        register=register,
        title=base.dataset.name,
        days=days,
        root="",
        jsonld=jsonld.script_text(jsonld.website(base, site_url)),
    )
    pages["corrections/index.md"] = render(
        "corrections.md.j2", title="Corrections", corrections=exports.corrections(base)
    )
    pages["corrections/feed.xml"] = exports.atom_feed(base, site_url)
    pages["data/index.md"] = render(
        "data.md.j2",
        title="Data downloads",
        schemas=sorted(exports.schema_files()),
        jsonld=jsonld.script_text(jsonld.dataset(base, site_url)),
    )
    pages["data/facts.json"] = exports.facts_json(base)
    pages["data/figures.csv"] = exports.figures_csv(base)
    for name, schema in exports.schema_files().items():
        pages[f"data/schema/{name}"] = schema
    pages["robots.txt"] = exports.robots_txt(site_url)
    return pages


def _fact_pages(base: FactBase, render: Any, disputes: dict[str, list[Any]], site_url: str) -> dict[str, str]:
    """Each fact's page, its CSL-JSON citation, and redirects from the ids it had before."""
    pages = {}
    for fact in base.facts.values():
        cite = PageCitation(
            f"kfd-{fact.id}",
            _title(fact),
            f"{fact.folder}/{fact.id}/",
            site_url,
            last_updated(base, fact),
            base.dataset,
        )
        data = jsonld.for_fact(base, fact, cite.permalink if site_url else None)
        pages[f"{fact.folder}/{fact.id}.md"] = render(
            f"{fact.kind}.md.j2",
            fact=fact,
            title=cite.title,
            tags=_tags(base, fact),
            disputes=disputes.get(fact.id, []),
            cite=cite,
            jsonld=jsonld.script_text(data) if data else None,
        )
        pages[f"{fact.folder}/{fact.id}.csl.json"] = cite.csl_json()
        for former in fact.former_ids:
            pages[f"{fact.folder}/{former}/index.html"] = exports.redirect_page(f"../{fact.id}/")
    return pages


def last_updated(base: FactBase, fact: Fact) -> dt.date | None:
    """A fact's own date of change, its latest correction, or else the dataset's release."""
    dates = [d for d in (fact.updated, *(c.date for c in fact.corrections)) if d is not None]
    return max(dates) if dates else base.dataset.released


def _groups(base: FactBase, folder: str, facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    """Split a section's facts under headings: letters, dates, kinds or outlets."""

    def heading(fact: Fact) -> str:
        if folder in ("people", "organisations", "outlets"):
            letter = unicodedata.normalize("NFKD", fact.heading)[:1].upper()
            return letter if letter.isalpha() else "#"
        if folder in ("claims", "events"):
            return text.long_date(fact.date.date)  # type: ignore[attr-defined]
        if folder == "places":
            return fact.type.capitalize()  # type: ignore[attr-defined]
        if folder == "sources":
            return base.outlet_of(fact.id).name
        return f"{fact.measure.capitalize()}"  # type: ignore[attr-defined]

    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(heading(fact), []).append(fact)
    ordered = groups.items() if folder in ("claims", "events") else sorted(groups.items())
    return list(ordered)


def _tags(base: FactBase, fact: Fact) -> list[str]:
    """Names of the people, organisations, places and outlets a page involves: Material tags tie them together."""
    names = [fact.heading] if fact.kind in ("person", "organisation", "place", "outlet") else []
    for _, _, target in references(fact):
        other = base.facts.get(target)
        if other is not None and other.kind in ("person", "organisation", "place", "outlet"):
            names.append(other.heading)
        elif isinstance(other, Source):
            names.append(base.outlet_of(other.id).heading)
    return sorted(set(names), key=str.casefold)


def _title(fact: Fact) -> str:
    if isinstance(fact, Figure):
        return f"{fact.subject}: {text.figure_value(fact)}"
    return fact.heading


def _sort_key(fact: Fact) -> tuple[Any, ...]:
    """Sections list dated facts newest first and the rest alphabetically."""
    day = getattr(fact, "date", None) or getattr(fact, "as_of", None)
    if isinstance(fact, Source):
        day = fact.published
    if day is not None:
        return (-day.date.toordinal(), fact.heading.casefold())
    return (0, fact.heading.casefold())
