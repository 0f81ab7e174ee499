"""Stage 4: render every fact, day and index as a Markdown page with jinja2.

``render_site`` returns ``{path under docs/: markdown}`` and writes nothing, so
it can be tested and golden-compared without MkDocs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import text
from .model import KINDS, Citation, Fact, FactDate, Figure, Source
from .resolve import FactBase

TEMPLATES = Path(__file__).parent / "templates"
SECTION_TITLES = {
    "people": "People", "organisations": "Organisations", "places": "Places", "outlets": "Outlets",
    "sources": "Sources", "claims": "Claims", "events": "Events", "figures": "Figures",
}


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

    def link(target: Fact | str, label: str | None = None) -> Markup:
        fact = base.facts[target] if isinstance(target, str) else target
        shown = text.escape_markdown(label if label is not None else fact.title)
        return Markup(f"[{shown}](../{fact.folder}/{fact.id}.md)")

    def day_link(value: FactDate | dt.date | None) -> Markup:
        if value is None:
            return Markup("unknown")
        day = value.date if isinstance(value, FactDate) else value
        shown = text.fact_date(value) if isinstance(value, FactDate) else text.long_date(day)
        return Markup(f"[{text.escape_markdown(shown)}](../dates/{day.isoformat()}.md)")

    def url_link(label: str, url: str) -> Markup:
        return Markup(f"[{text.escape_markdown(label)}]({text.safe_url(url)})")

    env.globals.update(base=base, link=link, day_link=day_link, url_link=url_link, site_title=SECTION_TITLES)
    env.filters.update(
        front_matter=text.front_matter, fact_date=text.fact_date, long_date=text.long_date, number=text.number, figure_value=text.figure_value,
    )
    return env


def render_site(base: FactBase) -> dict[str, str]:
    """Every page of the generated sections, keyed by its path under docs/."""
    env = make_environment(base)
    pages: dict[str, str] = {}

    def render(template: str, **context: Any) -> str:
        return env.get_template(template).render(notes=Footnotes(base), **context)

    for fact in base.facts.values():
        pages[f"{fact.folder}/{fact.id}.md"] = render(f"{fact.kind}.md.j2", fact=fact, title=_title(fact))
    for folder in KINDS:
        facts = sorted(base.of_kind(KINDS[folder].kind), key=_sort_key)
        pages[f"{folder}/index.md"] = render("section.md.j2", folder=folder, title=SECTION_TITLES[folder], facts=facts)
    days = sorted(base.days)
    for i, day in enumerate(days):
        pages[f"dates/{day.isoformat()}.md"] = render(
            "date.md.j2", title=text.long_date(day), day=day, entries=base.days[day],
            previous=days[i - 1] if i > 0 else None, following=days[i + 1] if i + 1 < len(days) else None)
    pages["dates/index.md"] = render("timeline.md.j2", title="Timeline", days=days)
    return pages


def _title(fact: Fact) -> str:
    if isinstance(fact, Figure):
        return f"{fact.subject}: {text.figure_value(fact)}"
    return fact.title


def _sort_key(fact: Fact) -> tuple[Any, ...]:
    """Sections list dated facts newest first and the rest alphabetically."""
    day = getattr(fact, "date", None) or getattr(fact, "as_of", None)
    if isinstance(fact, Source):
        day = fact.published
    if day is not None:
        return (-day.date.toordinal(), fact.title.casefold())
    return (0, fact.title.casefold())
