"""What every page view is made of: links, quotations with their footnotes, the record box, pagination.

Views are frozen values: a template lays them out and decides nothing. Every text a view
holds is plain text (the templates escape it for its context); the only text a template
puts in quotation marks is a :class:`Quoted`, which can only be made from a verified
:class:`~generator.verify.Quotation`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence, TypeVar
from urllib.parse import quote, urlencode

from .. import citation as styles
from ..conflicts import Entry
from ..model import Citation, Fact, FactDate, Source
from ..resolve import FactBase
from ..text import fact_date, long_date
from ..verify import Quotation, normalise
from .differences import Segment

LANGUAGE_NAMES = {
    "id": "Indonesian",
    "en": "English",
    "ru": "Russian",
    "az": "Azerbaijani",
    "hy": "Armenian",
    "tr": "Turkish",
    "ms": "Malay",
}


def language_name(tag: str | None) -> str:
    """``id`` -> ``Indonesian``; an unlisted tag is shown as it is."""
    if not tag:
        return ""
    return LANGUAGE_NAMES.get(tag.split("-")[0], tag)


@dataclass(frozen=True)
class Link:
    """A link to a page of the site; ``target`` is its path under docs/, with an optional #anchor."""

    label: str
    target: str


@dataclass(frozen=True)
class External:
    """A link to another site (the schema admits only http and https addresses)."""

    label: str
    url: str


@dataclass(frozen=True)
class Quoted:
    """Verified words as a page shows them: in quotation marks, in their language, with our translation."""

    words: Quotation
    refs: tuple[int, ...] = ()
    marks: tuple[Segment, ...] = ()
    """The words in segments, some marked as differing from other renderings; empty: shown plain."""

    @property
    def text(self) -> str:
        return self.words.text

    @property
    def language(self) -> str:
        return self.words.language

    @property
    def translation(self) -> str | None:
        return self.words.translation

    @property
    def needs_translation(self) -> bool:
        return not self.words.language.startswith("en")


@dataclass(frozen=True)
class Note:
    """One footnote: the article and the exact words a statement on the page rests on."""

    number: int
    outlet: str
    headline: Quoted | None
    """The headline, when it is verified; otherwise ``title`` is shown without quotation marks."""
    title: str
    url: str
    archive: External | None
    byline: str
    published: str
    record: Link
    excerpt: Quoted


@dataclass(frozen=True)
class Day:
    """A date as a page shows it: its text, the day page it links to, and whether it is inferred or a bound."""

    text: str
    link: Link | None
    inferred: str | None = None
    """The reasoning, when no source states the date outright."""
    no_later_than: bool = False


@dataclass(frozen=True)
class Pager:
    """Links between the pages of one long listing; a fixed window, so it stays small at any size."""

    number: int
    count: int
    previous: Link | None
    following: Link | None
    nearby: tuple[Link, ...]


@dataclass(frozen=True)
class Record:
    """The end of every fact page: who checked it and when, its corrections, and how to report an error."""

    added: str
    reviewed: str
    reviewer: str
    corrections: tuple[tuple[str, str], ...]
    disputes: tuple[Link, ...]
    report: External | None
    report_email: str | None


@dataclass(frozen=True)
class SiteInfo:
    """What pages need to know about the site as a whole."""

    name: str
    url: str
    """The published address, ending in '/'."""
    repo_url: str | None
    report_email: str | None
    released: dt.date | None
    build: str
    """A short hash of the fact files: tells two states of the same release apart."""

    @property
    def version(self) -> str:
        released = self.released.isoformat() if self.released else "unreleased"
        return f"{released}, build {self.build}"

    def address(self, path: str) -> str:
        """The absolute address of a docs path (``claims/x.md`` -> ``https://.../claims/x/``)."""
        return self.url + page_url(path)


def page_url(path: str) -> str:
    """The address below the site root that MkDocs gives a docs path (directory URLs)."""
    if path.endswith(".md"):
        stem = path[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"
    return path


def build_id(base: FactBase) -> str:
    """A hash of every fact file and stored text, so a citation names the exact state it cites."""
    digest = hashlib.sha256()
    for fact_id in sorted(base.documents):
        doc = base.documents[fact_id]
        digest.update(fact_id.encode())
        digest.update(doc.path.read_bytes())
        source = base.facts[fact_id]
        if isinstance(source, Source) and source.text is not None:
            digest.update(source.text.sha256.encode())
    return digest.hexdigest()[:10]


_excerpt_key = lru_cache(maxsize=1 << 16)(normalise)
"""An excerpt as citations are told apart, remembered: every page citing it asks again."""


class Notes:
    """Numbers the citations of one page; the same article and excerpt share a number."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._numbers: dict[tuple[str, str], int] = {}
        self._notes: list[Note] = []

    def cite(self, cited: Citation | Iterable[Citation]) -> tuple[int, ...]:
        numbers = []
        for citation in [cited] if isinstance(cited, Citation) else cited:
            key = (citation.source, _excerpt_key(citation.excerpt))
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self._notes.append(self._context.note(self._numbers[key], citation))
            numbers.append(self._numbers[key])
        return tuple(dict.fromkeys(numbers))

    def quote(self, citation: Citation) -> Quoted:
        """The citation's excerpt in quotation marks, with its footnote."""
        return Quoted(self._context.quotation(citation, "excerpt"), self.cite(citation))

    def freeze(self) -> tuple[Note, ...]:
        return tuple(self._notes)


@dataclass
class Context:
    """The resolved facts plus what is computed once for all pages: the register and its links, name words."""

    base: FactBase
    site: SiteInfo
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    """Fact id -> the register entries that involve it."""
    entry_links: dict[str, Link] = field(default_factory=dict)
    """Register entry anchor -> a link to it on its register page."""
    name_words: frozenset[str] = frozenset()
    """Every word of every name of a person, organisation or place (casefolded): names are meaningful words."""

    def fact(self, fact_id: str) -> Fact:
        return self.base.facts[fact_id]

    def link(self, target: Fact | str, label: str | None = None) -> Link:
        fact = self.base.facts[target] if isinstance(target, str) else target
        return Link(label if label is not None else fact.heading, f"{fact.folder}/{fact.id}.md")

    def quotation(self, owner: object, field_name: str) -> Quotation:
        """Words verified by :mod:`generator.verify`; asking for unverified words is a bug, not a fact error."""
        found = self.base.quotation(owner, field_name)
        if found is None:
            raise LookupError(f"{field_name} of {owner!r} was not verified")
        return found

    def day(self, value: FactDate | dt.date | None) -> Day:
        if value is None:
            return Day("unknown", None)
        if isinstance(value, dt.date):
            return Day(long_date(value), Link(long_date(value), day_path(value)))
        return Day(fact_date(value), Link(fact_date(value), day_path(value.date)), value.inferred, value.no_later_than)

    def note(self, number: int, citation: Citation) -> Note:
        source = self.base.facts[citation.source]
        assert isinstance(source, Source)
        headline = self.base.quotation(source, "headline")
        archive = source.archive[-1] if source.archive else None
        return Note(
            number=number,
            outlet=self.base.outlet_of(source.id).name,
            headline=Quoted(headline) if headline else None,
            title=source.heading,
            url=source.url,
            archive=External(f"archived {long_date(archive.date)}", archive.url) if archive else None,
            byline=", ".join(source.byline),
            published=fact_date(source.published),
            record=self.link(source, "source record"),
            excerpt=Quoted(self.quotation(citation, "excerpt")),
        )

    def record(self, fact: Fact) -> Record:
        data = self.base.dataset
        curators = {c.id: c.name for c in data.curators}
        added = fact.added or data.released
        reviewed = fact.reviewed or data.released
        return Record(
            added=long_date(added) if added else "not recorded",
            reviewed=long_date(reviewed) if reviewed else "not recorded",
            reviewer=curators.get(fact.reviewed_by or "", data.name),
            corrections=tuple((long_date(c.date), c.text) for c in fact.corrections),
            disputes=tuple(self.entry_links[e.anchor] for e in self.entries.get(fact.id, [])),
            report=self.report_link(fact),
            report_email=self.site.report_email,
        )

    def report_link(self, fact: Fact) -> External | None:
        """A pre-filled issue at the project's tracker naming the page."""
        if not self.site.repo_url:
            return None
        address = self.site.address(f"{fact.folder}/{fact.id}.md")
        query = urlencode(
            {
                "title": f"Error on {fact.folder}/{fact.id}",
                "body": f"Page: {address}\nFact id: {fact.id}\n\nWhat is wrong, and the source that shows it:\n",
            },
            quote_via=quote,
        )
        return External("Report an error on this page", f"{self.site.repo_url.rstrip('/')}/issues/new?{query}")


def day_path(day: dt.date) -> str:
    return f"dates/{day.isoformat()}.md"


T = TypeVar("T")
PAGE_SIZE = 50
"""Entries per page of a long listing: a listing page stays the same size however many facts there are."""


def paginate(
    items: Sequence[T], first_path: str, size: int = PAGE_SIZE, weights: Sequence[int] | None = None
) -> list[tuple[str, Sequence[T], Pager]]:
    """Split a listing into pages: ``first_path`` holds the first, ``<stem>-2.md`` and so on the rest.

    A page holds ``size`` items, or with ``weights`` (one per item) as many consecutive items as weigh at
    most ``size`` together (an item heavier than that alone on its page).
    """
    chunks: list[Sequence[T]] = []
    start = total = 0
    for i, weight in enumerate(weights if weights is not None else [1] * len(items)):
        if i > start and total + weight > size:
            chunks.append(items[start:i])
            start, total = i, 0
        total += weight
    if start < len(items) or not chunks:
        chunks.append(items[start:])
    stem = first_path[: -len(".md")]
    paths = [first_path] + [f"{stem}-{n}.md" for n in range(2, len(chunks) + 1)]
    pages = []
    for i, chunk in enumerate(chunks):
        window = range(max(0, i - 3), min(len(chunks), i + 4))
        pager = Pager(
            number=i + 1,
            count=len(chunks),
            previous=Link("Previous page", paths[i - 1]) if i > 0 else None,
            following=Link("Next page", paths[i + 1]) if i + 1 < len(chunks) else None,
            nearby=tuple(Link(str(j + 1), paths[j]) for j in window),
        )
        pages.append((paths[i], chunk, pager))
    return pages


def relative(target: str, page_path: str) -> str:
    """``target`` (a docs path, maybe with #anchor) as a link from the page at ``page_path``: up to the root,
    then down (MkDocs resolves and checks it; cheaper than a true relative path, which is computed per link)."""
    if target.startswith("#"):
        return target
    return "../" * page_path.count("/") + target


@dataclass(frozen=True)
class Share:
    """Plain links that share the page: nothing loads from the services before a reader clicks one."""

    url: str
    links: tuple[External, ...]


@lru_cache(maxsize=1 << 16)  # generator watch builds every page again after each edit
def share(site: SiteInfo, path: str, title: str) -> Share:
    address = site.address(path)
    text = f"{title} ({site.name})"
    q = lambda value: quote(value, safe="")  # noqa: E731
    return Share(
        address,
        (
            External("WhatsApp", f"https://wa.me/?text={q(text + ' ' + address)}"),
            External("Telegram", f"https://t.me/share/url?url={q(address)}&text={q(text)}"),
            External("X", f"https://x.com/intent/post?url={q(address)}&text={q(text)}"),
            External("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={q(address)}"),
            External("E-mail", f"mailto:?subject={q(text)}&body={q(address)}"),
        ),
    )


@dataclass(frozen=True)
class CiteStyle:
    key: str
    label: str
    parts: styles.Citation
    preformatted: bool
    """BibTeX keeps its line breaks."""


@dataclass(frozen=True)
class CiteBox:
    """Ready-to-copy citations of one page, all from one record."""

    record: styles.CitationRecord
    updated: str
    styles: tuple[CiteStyle, ...]
    csl: str
    """Docs path of the page's CSL-JSON file."""


CITE_STYLES = (
    ("apa", "APA"),
    ("mla", "MLA"),
    ("chicago-note", "Chicago (note)"),
    ("chicago-bibliography", "Chicago (bibliography)"),
    ("bibtex", "BibTeX"),
)


@lru_cache(maxsize=1 << 16)  # generator watch builds every page again after each edit
def cite_box(
    site: SiteInfo, path: str, title: str, published: dt.date | None, updated: dt.date | None, language: str = "en"
) -> CiteBox:
    key = "kfd-" + path[: -len(".md")].replace("/", "-")
    record = styles.CitationRecord(
        key, title, site.address(path), site.name, published, updated, site.version, language
    )
    return CiteBox(
        record=record,
        updated=long_date(updated) if updated else "not recorded",
        styles=tuple(
            CiteStyle(style, label, styles.STYLES[style](record), style == "bibtex")  # type: ignore[index]
            for style, label in CITE_STYLES
        ),
        csl=path[: -len(".md")] + ".csl.json",
    )


@dataclass(frozen=True, kw_only=True)
class Page:
    """What every page has; each kind of page adds its own fields."""

    path: str
    """Where the page goes under docs/."""
    template: str
    title: str
    description: str
    """One or two sentences for search engines and link previews: the page's own answer."""
    kind: str
    """``claim``, ``person``, ``day`` ...: named on share cards and in search results."""
    notes: tuple[Note, ...] = ()
    record: Record | None = None
    citation: CiteBox | None = None
    jsonld: dict | None = None
    label: str | None = None
    """The verdict or status shown on the page's share card."""
    pager: Pager | None = None
    share: Share | None = None

    @property
    def card(self) -> str:
        """The share card for link previews: one per kind of page and label, so their number stays small."""
        label = re.sub(r"[^a-z0-9]+", "-", (self.label or "").lower()).strip("-")
        return f"cards/{self.kind}{'-' + label if label else ''}.png"

    @property
    def meta_title(self) -> str | None:
        """The title for <title> and the navigation; the home page takes the site's name alone."""
        return None if self.kind == "home" else self.title
