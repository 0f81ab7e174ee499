"""Stage 2: the schema of the fact files, the one place it is defined.

Each kind of fact is a pydantic model; unknown fields are errors. Field
docstrings become the descriptions in the exported JSON Schema, so this module
is also the reference for curators. References to other facts are plain ids
annotated with :class:`Ref`; ``resolve`` checks them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PrivateAttr,
    Strict,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Ref:
    """Marks a string field as the id of a fact of one of ``kinds``."""

    kinds: tuple[str, ...]


def ref(*kinds: str) -> Any:
    return Annotated[str, Ref(kinds)]


@dataclass(frozen=True)
class Quoted:
    """Marks text a page shows in quotation marks, as a source's own words.

    ``within`` says where it must be found verbatim: ``text`` (the cited source's stored text),
    ``citation`` (the excerpt of the sibling ``citation``, or its source's text), ``sources`` (one of
    the sibling ``sources`` excerpts) or ``headline`` (the source's own text, else the text of
    ``headline_found_in``). ``verify`` checks every such field; pages can quote nothing else.
    """

    within: Literal["text", "citation", "sources", "headline"]


@dataclass(frozen=True)
class Prose:
    """Marks text written in our own words; anything it puts in double quotation marks must be a source's
    verbatim words (in a source the fact cites) or one of the fact's own translations."""


def quoted(within: Literal["text", "citation", "sources", "headline"]) -> Any:
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Quoted(within)]


Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Prose()]
"""Our own words (summaries, rationales, notes)."""
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\n\r]*$"), Prose()]
"""Our own words on one line (a figure's subject)."""


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\n\r]*$")]
"""Text on one line: titles and table cells, where a line break would end the element."""
ShortTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90, pattern=r"^[^\n\r]*$")
]
"""A title of at most 90 characters on one line."""

_HTTP_URL = TypeAdapter(HttpUrl)


def _http_url(value: str) -> str:
    """Accept an absolute http(s) URL, keeping it exactly as written."""
    if not re.match(r"^https?://", value, flags=re.I) or any(c.isspace() for c in value):
        raise ValueError("expected an absolute http:// or https:// URL without spaces")
    _HTTP_URL.validate_python(value)
    return value


Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_http_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
"""An absolute http or https URL; any other scheme (javascript:, data:, a relative path) is refused."""
Number = Annotated[float, Strict(), Field(ge=0)]
"""A number written as a YAML number: text such as "1.200" is refused, never read as 1.2."""
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
"""A BCP 47 language tag such as ``id`` (Indonesian) or ``en``."""
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Side = Literal["azerbaijan", "armenia", "nagorno-karabakh", "russia", "turkey", "both", "international", "other"]
Assessment = Literal["faithful", "paraphrased", "stronger", "weaker", "unverified"]
Qualifier = Literal["exact", "at-least", "more-than", "up-to", "approximately", "range", "word", "not-disclosed"]
VagueWord = Literal["several", "tens", "dozens", "hundreds", "thousands", "tens-of-thousands"]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Citation(Schema):
    """Where a statement comes from: a source and the exact words in it."""

    source: ref("source")
    """Id of the source (article) that carries it."""
    excerpt: quoted("text")
    """Verbatim passage from the source's stored text (whitespace may differ)."""
    translation: Text | None = None
    """Our English translation of the excerpt; required when the source is not in English."""
    note: Words | None = None
    """Curator's remark on this citation."""


Citations = Annotated[list[Citation], Field(min_length=1)]


class FactDate(Schema):
    """A calendar date, optionally with a time; write a plain ``2020-11-01`` when that is all."""

    date: dt.date
    """The day, YYYY-MM-DD."""
    time: dt.time | None = None
    """Local time of day, HH:MM, when the source gives it."""
    utc_offset: Annotated[str, StringConstraints(pattern=r"^[+-]\d\d:\d\d$")] | None = None
    """Offset of that local time from UTC, e.g. ``+07:00``."""
    zone: Line | None = None
    """The time zone as the source names it, e.g. ``WIB`` or ``local time``."""
    inferred: Words | None = None
    """Set when no source states the date outright: the reasoning that yields it."""
    cited: Citation | None = None
    """The words that give the day, when they are in another article than the one the fact rests on
    (a second report that dates the same meeting); the reasoning may then quote them."""
    no_later_than: bool = False
    """True when the date is only a bound: said or counted no later than this day (e.g. the report's
    publication date, for a statement the report does not date)."""

    @model_validator(mode="before")
    @classmethod
    def _plain_date(cls, value: Any) -> Any:
        return {"date": value} if isinstance(value, (str, dt.date)) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Editors should accept the plain-date shorthand as well as the mapping.
        return {"anyOf": [{"type": "string", "format": "date"}, handler(core_schema)]}


class NameVariant(Schema):
    """A name or spelling that a source uses for an entity."""

    name: Annotated[Line, Quoted("sources")]
    """The name exactly as written (in each cited excerpt)."""
    used_by: Side | None = None
    """The side that uses this name (for places named differently by each side)."""
    language: Language | None = None
    sources: list[Citation] = []
    """Where the name appears."""


class Correction(Schema):
    """A dated correction to a fact, shown on its page and in the site's corrections log."""

    date: dt.date
    text: Words
    """What was wrong and what changed, in our words."""


class Fact(Schema):
    """Fields shared by every kind. The id is the file name, not a field."""

    kind: ClassVar[str]
    folder: ClassVar[str]
    updated: dt.date | None = None
    """Last substantive change to this fact; the page's last-updated date (else the dataset's release date)."""
    corrections: list[Correction] = []
    """Corrections made after the fact was first published, oldest first."""
    former_ids: list[Annotated[str, StringConstraints(pattern=ID_PATTERN)]] = []
    """Ids this fact had before it was renamed; their old addresses redirect to the new page."""
    inferences: dict[str, Words] = {}
    """Values the sources do not state outright, by field path (``claimant``, ``setting.place``,
    ``renderings[2].form`` ...), each with the reasoning that yields it. Dates carry ``inferred`` instead."""
    added: dt.date | None = None
    """When the fact was first published on this site (else the dataset's release date)."""
    reviewed: dt.date | None = None
    """When a curator last checked the fact against its sources (else the dataset's release date)."""
    reviewed_by: Annotated[str, StringConstraints(pattern=ID_PATTERN)] | None = None
    """Id of the curator (``curators`` in facts/dataset.yaml) who last reviewed it; else the desk."""
    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    # Read from pydantic's private-attribute store directly: ``self._id`` goes through BaseModel.__getattr__,
    # and pages look ids up hundreds of thousands of times in a large fact base.
    @property
    def id(self) -> str:
        return self.__pydantic_private__["_id"]  # type: ignore[index]

    @property
    def path(self) -> str:
        return self.__pydantic_private__["_path"]  # type: ignore[index]

    @property
    def heading(self) -> str:
        """The fact's name as pages and links show it."""
        return getattr(self, "name", self._id)


class Outlet(Fact):
    """A news outlet (website, paper, broadcaster) that published articles."""

    kind = "outlet"
    folder = "outlets"
    name: Line
    type: Literal["news", "reference"] = "news"
    """``reference`` for an encyclopedia or gazetteer: its entries are cited as references, not news reports."""
    site: Url
    """Home page URL."""
    country: Line
    language: Language
    network: Line | None = None
    """Owner, group or network it belongs to, where known."""
    republishes: list[ref("outlet")] = []
    """Outlets whose articles it carries under a syndication or republication arrangement."""
    description: Words | None = None
    """What the outlet is, in our words."""


class StoredText(Schema):
    """The article text kept next to the source file, against which excerpts are checked."""

    file: Line
    """File name of the snapshot, relative to the source's YAML file."""
    sha256: Sha256
    """SHA-256 of the file's bytes; a change to the text must be deliberate."""
    scope: Literal["full", "partial"] = "full"
    """``partial`` when only a quoted part of the article is stored."""
    note: Words | None = None
    """How the text was prepared (what page chrome was removed)."""


class NotAFact(Schema):
    """A passage of the stored text deliberately left uncurated, for the coverage check."""

    text: quoted("text")
    """The passage, verbatim."""
    reason: Words


class ArchivedCopy(Schema):
    """A copy of an article kept by a web archive (Wayback Machine, archive.today)."""

    url: Url
    date: dt.date
    """When the archive took the copy."""


class Source(Fact):
    """One article (or other publication) that facts cite."""

    kind = "source"
    folder = "sources"
    outlet: ref("outlet")
    url: Url
    archive: list[ArchivedCopy] = []
    """Archived copies of the article, where one is known."""
    headline: Annotated[Line, Quoted("headline")] | None = None
    """The headline as published; empty only when it was not recorded."""
    headline_found_in: ref("source") | None = None
    """Another source whose stored text holds this headline verbatim, when this source's own text does not."""
    published: FactDate | None = None
    """Publication date and time with its zone, as the outlet gives it; empty when unknown."""
    byline: list[Line] = []
    """Authors as printed; empty when the article names none."""
    credits: list[ref("organisation", "outlet")] = []
    """Wires or outlets the article credits as its source (AFP, SINDOnews, ...)."""
    republished_from: ref("source") | None = None
    """The original article this one republishes."""
    language: Language
    retrieved: dt.date | None = None
    """When the stored text was taken; empty when not recorded."""
    text: StoredText | None = None
    """The stored article text; without it nothing can cite this source."""
    not_facts: list[NotAFact] = []
    """Passages the coverage check should skip, each with a reason."""
    notes: Words | None = None

    @property
    def heading(self) -> str:
        return self.headline or f"Untitled article ({self.id})"


class Role(Schema):
    """A position someone held, as the sources describe it."""

    title: Line
    """The role in English, e.g. ``President of Azerbaijan``."""
    organisation: ref("organisation") | None = None
    start: dt.date | None = None
    """First day in the role, when a source gives it."""
    end: dt.date | None = None
    """Last day in the role, when a source gives it."""
    sources: Citations


class Person(Fact):
    """Someone named in the sources."""

    kind = "person"
    folder = "people"
    name: Line
    """The name in its usual English spelling."""
    variants: list[NameVariant] = []
    """Other spellings and forms of the name used by sources."""
    roles: list[Role] = []
    description: Words | None = None


OrganisationKind = Literal[
    "government",
    "ministry",
    "military",
    "news-agency",
    "media",
    "ombudsman",
    "humanitarian",
    "international",
    "armed-group",
    "other",
]


class Organisation(Fact):
    """A ministry, army, news agency, office or other body named in the sources."""

    kind = "organisation"
    folder = "organisations"
    name: Line
    type: OrganisationKind
    side: Side | None = None
    parent: ref("organisation") | None = None
    variants: list[NameVariant] = []
    description: Words | None = None
    sources: list[Citation] = []
    """Where the sources name it."""


PlaceKind = Literal["country", "region", "district", "city", "town", "village", "territory", "other"]


class Place(Fact):
    """A place, with the name each side uses for it."""

    kind = "place"
    folder = "places"
    name: Line
    """The name used in this site's English text."""
    type: PlaceKind
    names: list[NameVariant] = []
    """Names and spellings, with the side that uses each."""
    located_in: ref("place") | None = None
    description: Words | None = None
    sources: list[Citation] = []


class Setting(Schema):
    """Where and how a statement was made."""

    type: Literal[
        "interview", "meeting", "statement", "press-release", "briefing", "letter", "social-media", "speech", "report"
    ]
    description: Words
    """In our words, e.g. ``Meeting with Turkey's foreign minister in Baku``."""
    place: ref("place") | None = None
    with_: list[ref("person", "organisation", "outlet")] = Field(default=[], alias="with")
    """Who else took part: the counterpart, the interviewing outlet."""


class Original(Schema):
    """The statement as first published, where a public original is known."""

    text: quoted("citation")
    language: Language
    citation: Citation
    """Where that original text is stored."""


class Rendering(Citation):
    """How one source carried a statement."""

    translation: Text
    """Our English translation of the excerpt."""
    form: Literal["direct-quote", "partial-quote", "paraphrase", "headline"]
    """``direct-quote``: a sentence given as the speaker's words; ``partial-quote``: quoted words inside the
    outlet's own sentence; ``paraphrase``: no quotation marks; ``headline``: the article's headline."""
    assessment: Assessment = "unverified"
    """How the rendering compares with the original."""
    rationale: Words | None = None
    """Why that assessment."""


class Claim(Fact):
    """An attributed statement: who said what, when and where, and how sources carried it."""

    kind = "claim"
    folder = "claims"
    title: Annotated[ShortTitle, Prose()] | None = None
    """A short title (at most 90 characters) for the page heading and citations; ``summary`` keeps the full
    statement."""
    claimant: ref("person", "organisation", "outlet")
    """Who made the statement; an outlet when the statement is the outlet's own."""
    date: FactDate
    setting: Setting
    reported_via: list[ref("organisation", "outlet")] = []
    """Agencies or outlets the sources say the statement came through."""
    summary: Words
    """What was claimed, in our words (English)."""
    original: Original | None = None
    renderings: Annotated[list[Rendering], Field(min_length=1)]
    related: list[ref("claim", "event", "figure")] = []

    @property
    def heading(self) -> str:
        return self.title or self.summary


class Event(Fact):
    """Something that happened on a given day."""

    kind = "event"
    folder = "events"
    date: FactDate
    summary: Words
    """What happened, in our words (English)."""
    participants: list[ref("person", "organisation")] = []
    places: list[ref("place")] = []
    sources: Citations

    @property
    def heading(self) -> str:
        return self.summary


class Figure(Fact):
    """A number as a source gives it: never summed, averaged or reconciled."""

    kind = "figure"
    folder = "figures"
    measure: Literal["deaths", "wounded", "captured", "count", "distance", "duration"]
    category: Literal["military", "civilian", "total", "unspecified"] = "unspecified"
    side: Side | None = None
    """Whose losses (or which side the count concerns); empty when the source does not say."""
    subject: Phrase
    """What is counted, in our words, e.g. ``Nagorno-Karabakh soldiers killed``."""
    qualifier: Qualifier
    value: Number | None = None
    """The number, without thousands separators (1200, not 1.200); empty only when the qualifier is
    ``word`` (e.g. "hundreds") or ``not-disclosed``."""
    word: VagueWord | None = None
    """With the qualifier ``word``: which vague amount the source uses; its interval is documented."""
    value_kind: Literal["amount", "ordinal"] = "amount"
    """``amount``: how many or how long; ``ordinal``: the n-th (entering the sixth week). Ordinals are never
    added up or compared as amounts."""
    value_high: Number | None = None
    """Upper bound when the qualifier is ``range``."""
    as_given: quoted("sources")
    """The figure as the source words it, e.g. ``Lebih dari 1.200``."""
    unit: Line
    """``people``, ``km``, ``days``, ``ceasefires`` ..."""
    claimant: ref("person", "organisation") | None = None
    """Who asserts it; empty when the outlet states it in its own voice."""
    reported_via: list[ref("organisation", "outlet")] = []
    """Agencies or outlets the sources say the figure came through."""
    as_of: FactDate
    since: FactDate | None = None
    """Start of the period counted, when given."""
    quantity: Annotated[str, StringConstraints(pattern=ID_PATTERN)] | None = None
    """Names what is measured, shared by every figure of the same quantity (e.g. ``deaths-total``).
    Figures of one quantity are compared: equal ones are shown once, differing ones are registered
    as a discrepancy (as of the same day; distances whatever the day)."""
    sources: Citations

    @model_validator(mode="after")
    def _value_matches_qualifier(self) -> Figure:
        numberless = self.qualifier in ("word", "not-disclosed")
        if not numberless and self.value is None:
            raise ValueError(f"a figure qualified {self.qualifier!r} needs a value")
        if numberless and self.value is not None:
            raise ValueError(f"a figure qualified {self.qualifier!r} has no value; leave value empty")
        if (self.qualifier == "word") != (self.word is not None):
            raise ValueError("word is given exactly when the qualifier is 'word'")
        if (self.qualifier == "range") != (self.value_high is not None):
            raise ValueError("value_high is given exactly when the qualifier is 'range'")
        return self

    def misread_value(self, language: str) -> str | None:
        """Why ``value`` is not a number that ``as_given`` writes in ``language``, or None.

        Catches ``value: 1.200`` (which YAML reads as 1.2) copied from an Indonesian
        article, where 1.200 means 1200.
        """
        written = re.findall(r"\d[\d.,]*\d|\d", self.as_given)
        if not written or self.value is None:
            return None
        thousands, decimal = (".", ",") if language.split("-")[0] in DOT_THOUSANDS else (",", ".")
        readings = {_read(number, thousands, decimal) for number in written}
        wanted = {self.value} | ({self.value_high} if self.value_high is not None else set())
        if wanted <= readings:
            return None
        return (
            f"{self.value:g} is not what as_given writes ({', '.join(written)}); in {language!r} text "
            f"{thousands!r} separates thousands and {decimal!r} marks decimals"
        )

    @property
    def heading(self) -> str:
        return f"{self.subject}: {self.as_given}"


DOT_THOUSANDS = {"id", "ms", "de", "nl", "tr", "az", "ru", "es", "it", "pt"}
"""Languages that write 1.200 for twelve hundred."""


def _read(number: str, thousands: str, decimal: str) -> float | None:
    try:
        return float(number.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        return None


class Discrepancy(Fact):
    """A disagreement between sources that the automatic checks cannot see, explained by a curator.

    Differing figures of one quantity, renderings assessed as differing, names with
    several spellings and headlines stronger than their statement are found
    automatically; record here what needs a human reading (dates that do not line up, ...).
    """

    kind = "discrepancy"
    folder = "discrepancies"
    type: Literal["values", "rendering", "names", "dates", "headline", "other"]
    summary: Words
    """The disagreement in one sentence, in our words."""
    explanation: Words
    """What each side says and why it matters, in our words."""
    involves: Annotated[
        list[ref("outlet", "source", "person", "organisation", "place", "claim", "event", "figure")],
        Field(min_length=1),
    ]
    """The facts on each side of the disagreement."""
    sources: Citations

    @property
    def heading(self) -> str:
        return self.summary


class Curator(Schema):
    """Someone who reviews facts for the desk."""

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    name: Line


class DatasetInfo(Schema):
    """``facts/dataset.yaml``: the fact base as a whole, for citations, downloads and licences."""

    name: Line = "Karabakh Fact Desk"
    """The site's name, used as the author and publisher in citations."""
    description: Text = "How Indonesian outlets reported the 2020 Nagorno-Karabakh war."
    released: dt.date | None = None
    """Date of this release; the last-updated date of facts that give none."""
    data_licence: Line = "CC BY 4.0"
    data_licence_url: Url = "https://creativecommons.org/licenses/by/4.0/"
    text_licence: Line = "CC BY 4.0"
    text_licence_url: Url = "https://creativecommons.org/licenses/by/4.0/"
    curators: list[Curator] = []
    """People who review facts; a fact's ``reviewed_by`` names one of them."""
    operator: Words | None = None
    """Who runs the desk."""
    funding: Words | None = None
    """How the desk is funded."""
    independence: Words | None = None
    """Its editorial independence: who can and cannot influence what it publishes."""
    contact: Words | None = None
    """How to reach the desk (an e-mail address or a form)."""
    corrections_policy: Words | None = None
    """How errors are reported, checked and corrected."""


KINDS: dict[str, type[Fact]] = {
    cls.folder: cls for cls in (Outlet, Source, Person, Organisation, Place, Claim, Event, Figure, Discrepancy)
}
"""Fact kinds by the facts/ folder that holds them."""
