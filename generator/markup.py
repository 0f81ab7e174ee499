"""Fact text into page source, one escaping function per output context.

Templates print values; the jinja2 environment passes every plain string through
:func:`text` (its ``finalize``), so fact text can only ever be text: HTML
special characters become entities, and every character that Markdown or one of
the enabled extensions (admonitions, tabs, attribute lists, footnotes, tables,
details) could read as syntax becomes a numeric character reference, which
Markdown shows literally. Values built by this module are :class:`Markup` and
pass through untouched. Other contexts have their own function: :func:`url` for
link targets, :func:`attribute` for HTML attribute values, :func:`script_json`
for JSON inside ``<script>``, :func:`front_matter` for the YAML front matter that
MkDocs prints unescaped.

Characters no page can show as text are shown as U+FFFD in every context a reader sees: control
characters (HTML forbids them, and MkDocs silently drops front matter holding one, so the page would
print its own front matter as Markdown) and the bidi embeddings, overrides and isolates, which would
reorder the page's own text after the value (a title's site name, the rest of a sentence). Structured
data keeps them, as JSON escapes.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# Characters Markdown or its extensions may read as syntax anywhere in a line.
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|#!^~$:"}
_INLINE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
# Control characters (but tab and line breaks), bidi embeddings, overrides and isolates, and noncharacters.
_UNSHOWABLE_RANGES = (
    (0x00, 0x08),
    (0x0B, 0x0C),
    (0x0E, 0x1F),
    (0x7F, 0x9F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFDD0, 0xFDEF),
    (0xFFFE, 0xFFFF),
)
_UNSHOWABLE = re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _UNSHOWABLE_RANGES) + "]")
_SHOWN_TABLE = {c: "\ufffd" for low, high in _UNSHOWABLE_RANGES for c in range(low, high + 1)}
_INLINE_TABLE = {**_SHOWN_TABLE, **str.maketrans({**_INLINE, "\n": " ", "\r": " "})}
# What may start a block when it opens a line: lists, rules, tabs (===), details (???), numbered lists.
_LINE_START = re.compile(r"^([-+=?.]|\d+(?=[.)]))")


def shown(value: str) -> str:
    """``value`` with every character a page cannot show as text replaced by U+FFFD."""
    return value.translate(_SHOWN_TABLE)


def text(value: object) -> Markup:
    """Fact text as inline Markdown: one line, shown exactly as written, never structure."""
    if isinstance(value, Markup):
        return value
    return Markup(guard_line_start(fragment(_ONE_LINE.sub(" ", str(value)))))


_ONE_LINE = re.compile(r"\s+")


def fragment(value: str) -> str:
    """A piece of one line of text, escaped but not trimmed (a run of words between marks)."""
    return value.translate(_INLINE_TABLE)


def guard_line_start(escaped: str) -> str:
    """Keep escaped text that opens a line from starting a list, a rule, a tab or a details block."""
    if not escaped or not (escaped[0] in "-+=?." or escaped[0].isdigit()):
        return escaped
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), escaped)


def url(value: str) -> Markup:
    """An external address for a link target: http(s) (or a mailto: we build), characters outside URL syntax
    percent-encoded. The schema already refuses other schemes in facts; this is the second lock, for any URL
    a template prints.
    """
    if not re.match(r"^(https?://|mailto:)[^\s]+$", value, flags=re.I):
        raise ValueError(f"refusing to link to {value!r}: not an absolute http(s) URL")
    # Parentheses, quotes and angle brackets would end a Markdown link or an attribute early.
    return Markup(quote(value, safe=":/?#@!$&*+,;=%~-._"))


def internal(path: str) -> Markup:
    """A link target inside the site, built by us from ids: only the characters ids and paths use."""
    if not re.match(r"^[a-z0-9./#_-]*$", path):
        raise ValueError(f"refusing an internal link with unexpected characters: {path!r}")
    return Markup(path)


def attribute(value: object) -> Markup:
    """A value for a double-quoted HTML attribute."""
    return Markup(html.escape(shown(" ".join(str(value).split())), quote=True))


# What could end the element or open a comment, end a line in JavaScript, or stop YAML reading the front matter.
_SCRIPT_UNSAFE = re.compile(f"[<>&\u2028\u2029\ufeff]|{_UNSHOWABLE.pattern}")


def script_json(data: Any) -> Markup:
    """JSON safe inside a <script> element: no character can close it or open a comment."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(_SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded))


def front_matter(value: str) -> Markup:
    """A YAML front-matter string that MkDocs prints raw into <title> and the navigation: HTML-escaped text."""
    return Markup(json.dumps(html.escape(shown(" ".join(value.split())), quote=True), ensure_ascii=False))


def front_matter_json(data: Any) -> Markup:
    """Structured data for the front matter, as a YAML string holding script-safe JSON."""
    return Markup(json.dumps(str(script_json(data)), ensure_ascii=False))
