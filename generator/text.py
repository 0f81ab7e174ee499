"""Turning fact values into safe Markdown text: escaping, dates, numbers, links.

Every value a template prints passes through :func:`escape_markdown` (the
environment's ``finalize``) unless it is already :class:`Markup` built by us, so
fact text can never inject HTML or Markdown syntax into a page.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from urllib.parse import quote

from markupsafe import Markup

from .model import FactDate, Figure

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+\.)")


def escape_markdown(value: object) -> Markup:
    """Fact text as literal Markdown: HTML-escaped, Markdown syntax neutralised, on one line."""
    if isinstance(value, Markup):
        return value
    return _guard_line_start(_escape_inline(" ".join(str(value).split())))


def _escape_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _guard_line_start(text: str) -> Markup:
    """Keep text that starts like a heading or list item from becoming one."""
    return Markup(
        _LINE_START.sub(lambda m: m.group(1) + "".join(c if c.isdigit() else "\\" + c for c in m.group(2)), text)
    )


def front_matter(value: str) -> Markup:
    """A YAML front-matter string for MkDocs' page title.

    MkDocs puts the title into ``<title>`` and the navigation without escaping it,
    so it is HTML-escaped here; JSON quoting makes it a valid YAML scalar.
    """
    return Markup(json.dumps(html.escape(" ".join(value.split())), ensure_ascii=False))


def front_matter_raw(value: str) -> Markup:
    """A YAML string holding ``value`` exactly (for JSON-LD, already safe inside <script>)."""
    return Markup(json.dumps(value, ensure_ascii=False))


def raw_text(value: str) -> Markup:
    """Text for a code block, which Markdown shows literally and HTML-escapes itself."""
    return Markup(value)


_OPENING_QUOTES = "\"“‘'«„"


def quoted(value: str) -> Markup:
    """An excerpt in quotation marks, unless it already opens with one of its own."""
    shown = escape_markdown(value)
    return shown if value.lstrip()[:1] in _OPENING_QUOTES else Markup(f"“{shown}”")


def safe_url(url: str) -> str:
    """A URL usable inside ``[text](...)``: only http(s), with unsafe characters percent-encoded."""
    if not re.match(r"^https?://", url):
        return "#"
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


@functools.lru_cache(maxsize=4096)  # a few hundred days, written on page after page
def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def fact_date(value: FactDate | None) -> str:
    """``1 November 2020, 21:23 WIB (UTC+07:00)``; inference is shown separately."""
    if value is None:
        return "unknown"
    text = long_date(value.date)
    if value.time is not None:
        text += f", {value.time:%H:%M}"
        if value.zone:
            text += f" {value.zone}"
        if value.utc_offset:
            text += f" (UTC{value.utc_offset})"
    return text


ASSESSMENT_LABELS = {
    "faithful": "Faithful to the original",
    "paraphrased": "Paraphrased",
    "stronger": "Stronger than the original",
    "weaker": "Weaker than the original",
    "unverified": "Unverified: no original on record",
}
"""How each assessment of a rendering reads on pages and in structured data."""

_QUALIFIER_WORDS = {
    "exact": "{v}",
    "at-least": "at least {v}",
    "more-than": "more than {v}",
    "up-to": "as many as {v}",
    "approximately": "about {v}",
    "range": "{v} to {h}",
}


_VAGUE = {
    "several": "several {unit}",
    "tens": "tens of {unit}",
    "dozens": "dozens of {unit}",
    "hundreds": "hundreds of {unit}",
    "thousands": "thousands of {unit}",
    "tens-of-thousands": "tens of thousands of {unit}",
}
"""A vague amount in words, as the source gives it; its interval is documented on the methodology page."""


def number(value: float) -> str:
    """A number for English readers: 1,166 or 2.5."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def figure_value(figure: Figure) -> str:
    """The figure with its qualifier in words, e.g. ``more than 1,200 people``."""
    if figure.qualifier == "not-disclosed":
        return "not disclosed"
    if figure.qualifier == "word" and figure.word:
        return _VAGUE[figure.word].format(unit=figure.unit)
    words = _QUALIFIER_WORDS[figure.qualifier].format(
        v=number(figure.value), h=number(figure.value_high) if figure.value_high is not None else ""
    )
    return f"{words} {_unit(figure.unit, figure.value if figure.value_high is None else figure.value_high)}"


def _unit(unit: str, value: float) -> str:
    """``people`` and other plural units, made singular for exactly one."""
    if value != 1:
        return unit
    return "person" if unit == "people" else unit[:-1] if unit.endswith("s") else unit


_WORD = re.compile(r"\w+", re.UNICODE)


def highlight_unique(excerpts: dict[str, list[str]]) -> dict[str, list[Markup]]:
    """Escape each group's excerpts, marking the words no other group uses.

    ``excerpts`` maps a group (a source) to its excerpts. Comparing word sets
    rather than aligning sentences keeps this honest across reordered clauses.
    """
    words = {key: {w.casefold() for text in texts for w in _WORD.findall(text)} for key, texts in excerpts.items()}
    marked: dict[str, list[Markup]] = {}
    for key, texts in excerpts.items():
        others = set().union(*(w for k, w in words.items() if k != key)) if len(words) > 1 else None
        marked[key] = [_mark_words(text, others) for text in texts]
    return marked


def _mark_words(text: str, others: set[str] | None) -> Markup:
    text = " ".join(text.split())
    if others is None:
        return escape_markdown(text)
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        word = _escape_inline(match.group())
        pieces.append(_escape_inline(text[last : match.start()]))
        pieces.append(word if match.group().casefold() in others else f"<mark>{word}</mark>")
        last = match.end()
    pieces.append(_escape_inline(text[last:]))
    return _guard_line_start("".join(pieces))
