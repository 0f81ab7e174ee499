"""Citations of one page in APA 7, MLA 9, Chicago 17 (note and bibliography), BibTeX and CSL-JSON.

Each style is a tuple of parts: text segments, some of them italic, and one ``AccessDate`` where the
reader's date of access goes. A page shows a placeholder there ("Accessed [date].") that
``docs/assets/cite.js`` replaces with today's date, filling the same template as ``access_date_text``.

Titles are written in sentence case with their proper nouns capitalised. APA keeps them so; MLA and
Chicago raise them to headline style, but never lower a capital, so names and acronyms survive. A
closing period is the title's sentence punctuation: it serves as the period a style puts after the
title and is dropped where the style puts something else there. Sources for each rule are in
``tests/test_citation.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Literal


Style = Literal["apa", "mla", "chicago-note", "chicago-bibliography", "bibtex"]


@dataclass(frozen=True)
class CitationRecord:
    """What a citation of one page needs."""

    key: str
    """BibTeX key and CSL id, e.g. ``kfd-ilham-aliyev``: letters, digits and ``-_:.`` only."""
    title: str
    """The page's title as the page shows it."""
    url: str
    """Absolute permalink."""
    site_name: str
    """The site, which is also the page's author and publisher (a group author)."""
    published: dt.date | None
    updated: dt.date | None
    version: str
    """The dataset release the page shows, e.g. ``2026-12-01, build 3f9a1c2e``."""
    language: str = "en"
    """Language of the title (BCP 47); only English titles are put in headline style."""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z0-9_:.-]+", self.key):
            raise ValueError(f"{self.key!r} is not a usable BibTeX key or CSL id")
        if not self.version.strip():
            raise ValueError("a citation names the version of the page it cites")

    @property
    def date(self) -> dt.date | None:
        """The latest date the page changed: APA, MLA, BibTeX and CSL cite that one."""
        return self.updated or self.published


@dataclass(frozen=True)
class Segment:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class AccessDate:
    """Where the reader's date of access goes, written the way ``style`` writes it."""

    style: Style


Part = Segment | AccessDate
Citation = tuple[Part, ...]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

ACCESS_DATES: dict[Style, dict[str, str]] = {
    "apa": {"template": "Retrieved {month} {day}, {year}, from", "placeholder": "Retrieved [date], from"},
    "mla": {"template": "Accessed {day} {mla_month} {year}.", "placeholder": "Accessed [date]."},
    "chicago-note": {"template": "accessed {month} {day}, {year},", "placeholder": "accessed [date],"},
    "chicago-bibliography": {"template": "Accessed {month} {day}, {year}.", "placeholder": "Accessed [date]."},
    "bibtex": {"template": "urldate = {{iso}}", "placeholder": "urldate = {YYYY-MM-DD}"},
}
"""How each style writes the date of access: a template of ``{year}``, ``{month}`` (from ``MONTHS``),
``{mla_month}`` (from ``MLA_MONTHS``), ``{day}`` and ``{iso}``, and the text shown until it is filled.
CSL-JSON has the date as ``"accessed": {"date-parts": [[year, month, day]]}``."""

_TOKEN = re.compile(r"\{(year|month|mla_month|day|iso)\}")


def fill_access_date(template: str, day: dt.date) -> str:
    values = {"year": str(day.year), "month": MONTHS[day.month - 1], "mla_month": MLA_MONTHS[day.month - 1],
              "day": str(day.day), "iso": day.isoformat()}  # fmt: skip
    return _TOKEN.sub(lambda m: values[m[1]], template)


def access_date_text(style: Style, day: dt.date) -> str:
    """E.g. ``Accessed 1 Dec. 2026.`` for MLA."""
    return fill_access_date(ACCESS_DATES[style]["template"], day)


def plain_text(parts: Iterable[Part], accessed: dt.date | None) -> str:
    """The citation as text; the placeholder stands for the access date when ``accessed`` is None."""
    return "".join(
        p.text if isinstance(p, Segment)
        else access_date_text(p.style, accessed) if accessed
        else ACCESS_DATES[p.style]["placeholder"]
        for p in parts
    )  # fmt: skip


def html(parts: Iterable[Part], accessed: dt.date | None) -> str:
    """Escaped HTML with ``<i>`` for italics. Without ``accessed``, the placeholder is a span whose
    ``data-access-date`` template cite.js fills."""
    out = []
    for p in parts:
        if isinstance(p, AccessDate) and accessed:
            out.append(escape(access_date_text(p.style, accessed), quote=False))
        elif isinstance(p, AccessDate):
            date = ACCESS_DATES[p.style]
            out.append(f'<span data-access-date="{escape(date["template"])}">{escape(date["placeholder"])}</span>')
        else:
            out.append(f"<i>{escape(p.text, quote=False)}</i>" if p.italic else escape(p.text, quote=False))
    return "".join(out)


def apa(r: CitationRecord) -> Citation:
    """APA 7 webpage on a website with a group author: the site is not repeated as the source."""
    when = f"{r.date.year}, {MONTHS[r.date.month - 1]} {r.date.day}" if r.date else "n.d."
    return _parts(
        f"{_end(r.site_name)} ({when}). ",
        Segment(_bare(_sentence_case(_curly(r.title))), italic=True),
        f" (Version {r.version}). ",
        AccessDate("apa"),
        f" {r.url}",
    )


def mla(r: CitationRecord) -> Citation:
    """MLA 9 page on a website whose author is its publisher: begins with the title."""
    when = f"{r.date.day} {MLA_MONTHS[r.date.month - 1]} {r.date.year}, " if r.date else ""
    url = re.sub(r"^https?://", "", r.url)
    return _parts(
        f"“{_with(_quoted(_headline(r, 'mla')), '.')}” ",
        Segment(r.site_name, italic=True),
        f", version {r.version}, {when}{url}. ",
        AccessDate("mla"),
    )


def chicago_note(r: CitationRecord) -> Citation:
    """Chicago 17 full note for a web page (14.206–14.207)."""
    when = _chicago_date(r)
    return _parts(
        f"“{_with(_quoted(_headline(r, 'chicago')), ',')}” {r.site_name}, version {r.version}, ",
        f"{when}, " if when else "",
        AccessDate("chicago-note"),
        f" {r.url}.",
    )


def chicago_bibliography(r: CitationRecord) -> Citation:
    """Chicago 17 bibliography entry for a web page whose owner is its author (14.207)."""
    when = _chicago_date(r)
    return _parts(
        f"{_end(r.site_name)} “{_with(_quoted(_headline(r, 'chicago')), '.')}” Version {r.version}. ",
        f"{when[0].upper()}{when[1:]}. " if when else "",
        AccessDate("chicago-bibliography"),
        f" {r.url}.",
    )


def bibtex(r: CitationRecord) -> Citation:
    """A ``@misc`` entry for BibTeX and biblatex."""
    fields = [
        ("author", "{{" + _latex(r.site_name) + "}}"),  # inner braces: a group, not "Desk, Karabakh Fact"
        ("title", "{" + " ".join(_bibtex_word(w) for w in _bare(_curly(r.title)).split()) + "}"),
    ]
    if r.date:
        fields += [("year", str(r.date.year)), ("month", MONTHS[r.date.month - 1][:3].lower())]
    fields += [("note", "{" + _latex(f"Version {r.version}") + "}"), ("url", "{" + _bibtex_url(r.url) + "}")]
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return _parts(f"@misc{{{r.key},\n{body}  ", AccessDate("bibtex"), "\n}")


def csl_json(r: CitationRecord, accessed: dt.date | None = None) -> dict[str, object]:
    """One CSL-JSON item (reference managers import a list of them); the title as written, since CSL
    processors set quotation marks and case themselves."""
    item: dict[str, object] = {
        "id": r.key,
        "type": "webpage",
        "title": _bare(r.title),
        "container-title": r.site_name,
        "author": [{"literal": r.site_name}],
        "URL": r.url,
        "version": r.version,
        "language": r.language,
    }
    if r.date:
        item["issued"] = {"date-parts": [[r.date.year, r.date.month, r.date.day]]}
    if accessed:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    return item


@lru_cache(maxsize=1 << 16)  # generator watch writes every page's record again after each edit
def csl_json_text(r: CitationRecord, accessed: dt.date | None = None) -> str:
    return json.dumps([csl_json(r, accessed)], ensure_ascii=False, indent=2) + "\n"


STYLES: dict[Style, Callable[[CitationRecord], Citation]] = {
    "apa": apa,
    "mla": mla,
    "chicago-note": chicago_note,
    "chicago-bibliography": chicago_bibliography,
    "bibtex": bibtex,
}


def _parts(*items: str | Part) -> Citation:
    """Segments from strings and parts, neighbours of the same kind merged and empty ones dropped."""
    out: list[Part] = []
    for item in items:
        part = Segment(item) if isinstance(item, str) else item
        if isinstance(part, Segment) and not part.text:
            continue
        last = out[-1] if out else None
        if isinstance(part, Segment) and isinstance(last, Segment) and last.italic == part.italic:
            out[-1] = Segment(last.text + part.text, part.italic)
        else:
            out.append(part)
    return tuple(out)


def _long_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _chicago_date(r: CitationRecord) -> str:
    """A revision is "last modified"; a page never revised gives its publication date (14.207)."""
    if r.updated and (r.published is None or r.updated > r.published):
        return f"last modified {_long_date(r.updated)}"
    return _long_date(r.published) if r.published else ""


def _end(text: str) -> str:
    """``text`` ended by a period, unless it already ends a sentence."""
    return text if text.endswith((".", "?", "!")) else text + "."


# --- Titles ---------------------------------------------------------------------------------------

_ABBREVIATION = re.compile(r"(?:\b\w\.){2,}|\b(?:etc|Inc|Ltd|Co|Corp|Jr|Sr|St|No|vs|Dept)\.")


def _split_end(title: str) -> tuple[str, str]:
    """``title`` and its closing quotation marks; a final ’ or ' is an apostrophe unless a single
    quotation mark was opened before it."""
    opens_single = "‘" in title or re.search(r"(?:^|\s)'", title) is not None
    body = title.rstrip('”"»' + ("’'" if opens_single else ""))
    return body, title[len(body) :]


def _ends_with_abbreviation(body: str) -> bool:
    match = None
    for match in _ABBREVIATION.finditer(body):
        pass
    return match is not None and match.end() == len(body)


def _with(title: str, mark: str) -> str:
    """``title`` followed by ``mark`` (``.`` or ``,``), inside its closing quotation marks, not doubled."""
    body, quotes = _split_end(title)
    if body.endswith(("?", "!")):
        return body + ("," if mark == "," else "") + quotes
    if body.endswith("."):
        keep = mark == "." or _ends_with_abbreviation(body)
        return (body if keep else body[:-1]) + ("," if mark == "," else "") + quotes
    return body + mark + quotes


def _bare(title: str) -> str:
    """``title`` without its closing sentence period (abbreviations keep theirs)."""
    body, quotes = _split_end(title)
    return body[:-1] + quotes if body.endswith(".") and not _ends_with_abbreviation(body) else title


def _curly(title: str) -> str:
    """Straight double quotation marks made curly: opening after a space or bracket, closing otherwise."""
    return re.sub(r'(^|[\s(\[{])"', "\\1“", title).replace('"', "”")


def _quoted(title: str) -> str:
    """A title set inside double quotation marks turns its own double marks into single ones."""
    return _curly(title).translate(str.maketrans("“”", "‘’"))


_ARTICLES = {"a", "an", "the"}
_PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "as", "at", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite", "during", "except", "for",
    "from", "in", "inside", "into", "like", "near", "of", "on", "onto", "outside", "over", "past", "per",
    "since", "than", "through", "throughout", "till", "to", "toward", "towards", "under", "until", "up", "upon",
    "versus", "via", "vs.", "with", "within", "without",
}  # fmt: skip
"""Lowercase in headline style. Left out: out, off and down, mostly adverbs in news titles ("breaks out")."""
_MINOR = {
    "mla": _ARTICLES | _PREPOSITIONS | {"and", "but", "for", "nor", "or", "so", "yet"},
    "chicago": _ARTICLES | _PREPOSITIONS | {"and", "but", "for", "nor", "or"},
}
_PREFIXES = {"anti", "co", "counter", "de", "inter", "intra", "mid", "multi", "non", "post", "pre", "pro", "re",
             "semi", "sub", "super", "trans", "un"}  # fmt: skip
_UNITS = {"km", "m", "cm", "mm", "kg", "ha", "mi"}
_WORD = re.compile(r"^([^\w]*)(.*?)([^\w.]*)$")


def _raise(word: str) -> str:
    """``word`` with a capital initial, unless it is a unit or already has a capital (iPhone, eBay)."""
    if not word[:1].isalpha() or word != word.lower() or word in _UNITS:
        return word
    return word[0].upper() + word[1:]


def _sentence_case(title: str) -> str:
    """Sentence case as written; only the first word of the title and of a subtitle is raised."""
    return re.sub(r"(^|: )([^\w]*)(\w+)", lambda m: m[1] + m[2] + _raise(m[3]), title)


def _headline(r: CitationRecord, style: str) -> str:
    """The title in MLA or Chicago headline style; titles in other languages keep their capitals."""
    title = _curly(r.title)
    if not r.language.lower().startswith("en"):
        return _sentence_case(title)
    tokens = title.split(" ")
    words = [i for i, t in enumerate(tokens) if any(c.isalpha() for c in t)]
    out = []
    for i, token in enumerate(tokens):
        lead, core, trail = _WORD.match(token).groups()  # type: ignore[union-attr]
        starts = i == (words[0] if words else -1) or (i > 0 and tokens[i - 1].endswith((":", "?", "!")))
        always = starts or i == (words[-1] if words else -1)
        pieces = core.split("-")
        first = _raise(pieces[0]) if always or pieces[0].lower() not in _MINOR[style] else pieces[0]
        rest = [
            p if p.lower() in _MINOR[style] or (style == "chicago" and pieces[0].lower() in _PREFIXES) else _raise(p)
            for p in pieces[1:]
        ]
        out.append(lead + "-".join([first, *rest]) + trail)
    return " ".join(out)


# --- BibTeX ---------------------------------------------------------------------------------------

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # not \{: BibTeX counts every brace, escaped or not, to find a field's end
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _latex(text: str) -> str:
    """``text`` safe in a braced BibTeX field and in LaTeX; other characters stay UTF-8."""
    return "".join(_LATEX.get(c, c) for c in text)


def _bibtex_word(token: str) -> str:
    """A word of a title; one with a capital is braced so that styles which change case leave it alone."""
    lead, core, trail = _WORD.match(token).groups()  # type: ignore[union-attr]
    latex = _latex(core)
    if core != core.lower():
        # A group opening with a command is a "special character" whose letters BibTeX may still recase.
        latex = "{{" + latex + "}}" if latex.startswith("\\") else "{" + latex + "}"
    return _latex(lead) + latex + _latex(trail)


def _bibtex_url(url: str) -> str:
    """The URL as biblatex reads it, verbatim: braces, backslashes, spaces and non-ASCII characters are
    percent-encoded (the same address), since they would break the entry; % and # stay as they are."""
    return urllib.parse.quote(url, safe="!#$%&'()*+,/:;<=>?@[]^`|")
