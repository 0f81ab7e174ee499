"""Stage 5: lay out each page view with its jinja2 template.

Templates only place values: every decision was made by the views. A page is Markdown only where
MkDocs needs it (the front matter and the headings, from which the table of contents is built); its
body is HTML in the exact form that Markdown's extensions and the theme produce (footnotes, content
tabs, admonitions, tables), so MkDocs stores it as it is instead of parsing it again: at a hundred
times the facts that is most of the build's time.

The environment escapes every plain string it prints (:func:`generator.markup.text`, valid in HTML and
in Markdown alike); the filters below are the only way to print a link, an address, a quotation or
footnote references, each escaped for its own context.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context as TemplateContext
from markupsafe import Markup

from . import citation, markup
from .views.core import Day, External, Link, Note, Page, Quoted, page_url, relative

TEMPLATES = Path(__file__).parent / "templates"
_OPENING_QUOTES = "\"“‘'«„"


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # with finalize below, every printed string is escaped
        finalize=markup.text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        link=_link,
        md_link=_md_link,
        href=_href,
        ext=_external,
        url=lambda value: markup.attribute(markup.url(value)),
        quoted=_quoted,
        refs=_refs,
        backrefs=_backrefs,
        attr=markup.attribute,
        front_matter=markup.front_matter,
        front_matter_json=markup.front_matter_json,
        citation_html=_citation_html,
        day=_day,
        translated=_translated,
        links=_links,
        cited=_cited,
    )
    return env


def href(target: str, page_path: str) -> str:
    """The address of ``target`` (a docs path, maybe with #anchor) seen from the page at ``page_path``,
    as MkDocs publishes both (directory URLs): links in the page's HTML are not rewritten by MkDocs."""
    path, _, anchor = target.partition("#")
    if not path:
        return f"#{anchor}"
    up = "../" * page_url(page_path).count("/")
    return up + page_url(path) + (f"#{anchor}" if anchor else "")


@pass_context
def _href(context: TemplateContext, target: str) -> Markup:
    return markup.attribute(markup.internal(href(target, context["page"].path)))


@pass_context
def _link(context: TemplateContext, value: Link) -> Markup:
    """An internal link as HTML, relative to the page being rendered."""
    if not isinstance(value, Link):
        raise TypeError(f"link expects a Link, not {type(value).__name__}")
    return Markup(f'<a href="{_href(context, value.target)}">{markup.text(value.label)}</a>')


@pass_context
def _md_link(context: TemplateContext, value: Link) -> Markup:
    """An internal link in Markdown (in a heading), which MkDocs checks and rewrites."""
    return Markup(f"[{markup.text(value.label)}]({markup.internal(relative(value.target, context['page'].path))})")


def _external(value: External) -> Markup:
    if not isinstance(value, External):
        raise TypeError(f"ext expects an External link, not {type(value).__name__}")
    return Markup(f'<a href="{markup.attribute(markup.url(value.url))}">{markup.text(value.label)}</a>')


@pass_context
def _quoted(context: TemplateContext, value: Quoted) -> Markup:
    """Verified words in quotation marks and in their language, with their footnotes.

    Only a :class:`Quoted` can be printed this way, and a Quoted can only hold words that
    :mod:`generator.verify` found in a stored source: a template cannot quote anything else.
    """
    if not isinstance(value, Quoted):
        raise TypeError(f"only verified quotations can be quoted, not {type(value).__name__}")
    if value.marks:
        body = markup.guard_line_start(
            "".join(
                f"<mark>{markup.fragment(s.text)}</mark>" if s.marked else markup.fragment(s.text) for s in value.marks
            )
        )
    else:
        body = str(markup.text(value.text))
    # Text that opens with its own quotation mark (a quoted sentence with its attribution) gets no second pair.
    opened = value.text[:1] in _OPENING_QUOTES
    inner = f'<span lang="{markup.attribute(value.language)}">{body}</span>'
    return Markup((inner if opened else f"“{inner}”") + str(_refs(context, value.refs)))


@pass_context
def _refs(context: TemplateContext, numbers: tuple[int, ...]) -> Markup:
    """Footnote references, as Markdown's footnotes write them: the n-th reference to note 3 is fnref<n>:3."""
    seen = context["footnote_refs"]
    out = []
    for number in numbers:
        seen[number] = seen.get(number, 0) + 1
        ident = f"fnref:{number}" if seen[number] == 1 else f"fnref{seen[number]}:{number}"
        out.append(f'<sup id="{ident}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>')
    return Markup("".join(out))


@pass_context
def _backrefs(context: TemplateContext, note: Note) -> Markup:
    """The links from a footnote back to each place that cites it (none when no place does)."""
    count = context["footnote_refs"].get(note.number, 0)
    return Markup(
        "".join(
            f'<a class="footnote-backref" href="#{"fnref" if n == 1 else f"fnref{n}"}:{note.number}" '
            f'title="Jump back to footnote {note.number} in the text">&#8617;</a>'
            for n in range(1, count + 1)
        )
    )


def _citation_html(parts: citation.Citation) -> Markup:
    """A citation as HTML: its text escaped, italics as <i>, the access date as a placeholder span that
    assets/cite.js fills. &#10; keeps BibTeX's line breaks inside a pre-wrapped element."""
    out = []
    for part in parts:
        if isinstance(part, citation.AccessDate):
            spec = citation.ACCESS_DATES[part.style]
            out.append(
                f'<span data-access-date="{markup.attribute(spec["template"])}">'
                f"{markup.fragment(spec['placeholder'])}</span>"
            )
        else:
            text = "&#10;".join(markup.fragment(line) for line in part.text.split("\n"))
            out.append(f"<i>{text}</i>" if part.italic else text)
    return Markup("".join(out))


# The pieces every page repeats many times, as filters: a jinja2 macro call costs several times more.


@pass_context
def _day(context: TemplateContext, d: Day) -> Markup:
    """A date linking to its day, marked when it is only a bound or inferred."""
    shown = _link(context, d.link) if d.link else markup.text(d.text)
    return Markup(f"{shown}{' (no later than)' if d.no_later_than else ''}{' (inferred)' if d.inferred else ''}")


@pass_context
def _translated(context: TemplateContext, q: Quoted) -> Markup:
    """Verified words with our English translation next to them, when they are not English."""
    shown = _quoted(context, q)
    if q.translation and q.needs_translation:
        return Markup(f'{shown} <span class="translation">Our translation: {markup.text(q.translation)}</span>')
    return shown


@pass_context
def _links(context: TemplateContext, items: tuple[Link, ...]) -> Markup:
    return Markup(", ".join(_link(context, item) for item in items))


@pass_context
def _cited(context: TemplateContext, pairs: tuple[tuple[str, tuple[int, ...]], ...]) -> Markup:
    """Outlets, each with the footnotes of its words."""
    return Markup(", ".join(f"{markup.text(outlet)}{_refs(context, refs)}" for outlet, refs in pairs))


_ENV: Environment | None = None


def render_page(page: Page) -> str:
    """One page's source for MkDocs."""
    global _ENV
    if _ENV is None:
        _ENV = make_environment()
    return _ENV.get_template(page.template).render(page=page, footnote_refs={})


PARALLEL_FROM = 400
"""Pages from which rendering is shared between the machine's cores (below it, starting workers costs more)."""

_PAGES: list[Page] = []


def _render_chunk(bounds: tuple[int, int]) -> list[str]:
    return [render_page(page) for page in _PAGES[bounds[0] : bounds[1]]]


def render_pages(pages: list[Page]) -> dict[str, str]:
    """Every page's source, rendered on all cores for a large site (forked workers read the views directly)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(pages) < PARALLEL_FROM or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {page.path: render_page(page) for page in pages}
    global _PAGES
    _PAGES = pages
    step = max(1, len(pages) // (cores * 8))
    chunks = [(i, min(i + step, len(pages))) for i in range(0, len(pages), step)]
    try:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            rendered = [text for chunk in pool.imap(_render_chunk, chunks) for text in chunk]
    finally:
        _PAGES = []
    return {page.path: text for page, text in zip(pages, rendered)}
