"""Stage 5: lay out each page view as Markdown with its jinja2 template.

Templates only place values: every decision was made by the views. The environment
escapes every plain string it prints as Markdown text (:func:`generator.markup.text`);
the filters below are the only way to print a link, an external address, a quotation
or footnote references, each escaped for its own context.
"""

from __future__ import annotations

from pathlib import Path
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context as TemplateContext
from markupsafe import Markup

from . import citation, markup
from .views.core import External, Link, Page, Quoted, relative

TEMPLATES = Path(__file__).parent / "templates"
_OPENING_QUOTES = "\"“‘'«„"


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # with finalize below, every printed string is escaped for Markdown
        finalize=markup.text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        link=_link,
        href=_href,
        ext=_external,
        url=lambda value: markup.url(value),
        quoted=_quoted,
        refs=_refs,
        attr=markup.attribute,
        front_matter=markup.front_matter,
        front_matter_json=markup.front_matter_json,
        citation_html=_citation_html,
    )
    return env


@pass_context
def _link(context: TemplateContext, value: Link) -> Markup:
    """An internal link, relative to the page being rendered (MkDocs checks and rewrites .md links)."""
    if not isinstance(value, Link):
        raise TypeError(f"link expects a Link, not {type(value).__name__}")
    return Markup(f"[{markup.text(value.label)}]({markup.internal(relative(value.target, context['page'].path))})")


@pass_context
def _href(context: TemplateContext, target: str) -> Markup:
    return markup.internal(relative(target, context["page"].path))


def _external(value: External) -> Markup:
    if not isinstance(value, External):
        raise TypeError(f"ext expects an External link, not {type(value).__name__}")
    return Markup(f"[{markup.text(value.label)}]({markup.url(value.url)})")


def _quoted(value: Quoted) -> Markup:
    """Verified words in quotation marks and in their language, with their footnotes.

    Only a :class:`Quoted` can be printed this way, and a Quoted can only hold words that
    :mod:`generator.verify` found in a stored source: a template cannot quote anything else.
    """
    if not isinstance(value, Quoted):
        raise TypeError(f"only verified quotations can be quoted, not {type(value).__name__}")
    if value.marks:
        body = markup.guard_line_start(
            "".join(f"<mark>{markup.fragment(s.text)}</mark>" if s.marked else markup.fragment(s.text)
                    for s in value.marks)
        )
    else:
        body = str(markup.text(value.text))
    # Text that opens with its own quotation mark (a quoted sentence with its attribution) gets no second pair.
    opened = value.text[:1] in _OPENING_QUOTES
    inner = f'<span lang="{markup.attribute(value.language)}">{body}</span>'
    return Markup((inner if opened else f"“{inner}”") + str(_refs(value.refs)))


def _citation_html(parts: citation.Citation) -> Markup:
    """A citation as inline HTML inside Markdown: its text escaped for both, italics as <i>, the access date as
    a placeholder span that assets/cite.js fills. One line, so it stays inside its indented tab; &#10; keeps
    BibTeX's line breaks inside <pre>."""
    out = []
    for part in parts:
        if isinstance(part, citation.AccessDate):
            spec = citation.ACCESS_DATES[part.style]
            out.append(f'<span data-access-date="{markup.attribute(spec["template"])}">'
                       f'{markup.fragment(spec["placeholder"])}</span>')
        else:
            text = "&#10;".join(markup.fragment(line) for line in part.text.split("\n"))
            out.append(f"<i>{text}</i>" if part.italic else text)
    return Markup("".join(out))


def _refs(numbers: tuple[int, ...]) -> Markup:
    return Markup("".join(f"[^{int(n)}]" for n in numbers))


_ENV: Environment | None = None


def render_page(page: Page) -> str:
    """One page's Markdown."""
    global _ENV
    if _ENV is None:
        _ENV = make_environment()
    return _ENV.get_template(page.template).render(page=page)


def render_pages(pages: list[Page]) -> dict[str, str]:
    return {page.path: render_page(page) for page in pages}
