"""Pages of sources (articles), events and curated discrepancies."""

from __future__ import annotations

from dataclasses import dataclass

from ..conflicts import TYPE_TITLES
from ..model import Discrepancy, Event, Source
from ..text import long_date
from .core import Context, Day, External, Link, Notes, Page, Quoted, language_name
from .lists import ClaimRow, claim_rows


@dataclass(frozen=True)
class SupportRow:
    fact: Link
    kind: str
    excerpt: Quoted


@dataclass(frozen=True, kw_only=True)
class SourcePage(Page):
    lead: str
    headline: Quoted | None
    """The headline in quotation marks when a stored text prints it."""
    headline_unverified: str | None
    """The recorded headline when no stored text prints it: shown plainly, marked as not verified."""
    outlet: Link
    reference: bool
    published: Day
    byline: str
    address: External
    archives: tuple[External, ...]
    archive_lookup: External
    language: str
    credits: tuple[Link, ...]
    republishes: Link | None
    republished_as: tuple[Link, ...]
    stored: str
    retrieved: str
    text_note: str | None
    notes_text: str | None
    supports: tuple[SupportRow, ...]


@dataclass(frozen=True, kw_only=True)
class EventPage(Page):
    summary: str
    when: Day
    participants: tuple[Link, ...]
    places: tuple[Link, ...]
    claims: tuple[ClaimRow, ...]
    evidence: tuple[tuple[str, Link, Quoted], ...]
    """Each cited passage: the outlet, the article, the words."""
    inferences: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class DiscrepancyPage(Page):
    type_title: str
    summary: str
    explanation: str
    involves: tuple[Link, ...]
    entry: Link
    evidence: tuple[tuple[str, Link, Quoted], ...]


def wayback_lookup(url: str) -> External:
    """The Wayback Machine's list of its copies of ``url``: a lookup, not a copy."""
    return External("Look for archived copies (Wayback Machine)", f"https://web.archive.org/web/*/{url}")


def source_page(context: Context, source: Source) -> SourcePage:
    base = context.base
    notes = Notes(context)
    outlet = base.outlet_of(source.id)
    headline = base.quotation(source, "headline")
    supports = tuple(
        SupportRow(context.link(fact), fact.kind, notes.quote(citation))
        for fact, citation in base.cited_in.get(source.id, [])
    )
    if source.text is None:
        stored = "not stored, so nothing on this site quotes it"
    else:
        scope = "the whole article" if source.text.scope == "full" else "the quoted passage only"
        stored = f"{scope}, SHA-256 {source.text.sha256}"
    when = context.day(source.published)
    kind = "Reference entry" if outlet.type == "reference" else "Article"
    dated = f" on {when.text}" if source.published else ", date not recorded"
    lead = (
        f"{kind} published by {outlet.name}{dated}. "
        f"{len(supports)} statement{'s' if len(supports) != 1 else ''} on this site rest{'s' if len(supports) == 1 else ''} on its words."
    )
    return SourcePage(
        path=f"sources/{source.id}.md",
        template="source.md.j2",
        title=source.heading,
        description=f"{source.heading}{'' if source.heading.endswith(('.', '?', '!')) else '.'} {lead}",
        kind="source",
        lead=lead,
        headline=Quoted(headline) if headline else None,
        headline_unverified=source.headline if (headline is None and source.headline) else None,
        outlet=context.link(outlet),
        reference=outlet.type == "reference",
        published=when,
        byline=", ".join(source.byline) or "none given",
        address=External(source.url, source.url),
        archives=tuple(External(f"Archived copy of {long_date(a.date)}", a.url) for a in source.archive),
        archive_lookup=wayback_lookup(source.url),
        language=language_name(source.language),
        credits=tuple(context.link(c) for c in source.credits),
        republishes=context.link(source.republished_from) if source.republished_from else None,
        republished_as=tuple(context.link(s) for s in base.referring(source.id, "source", "republished_from")),
        stored=stored,
        retrieved=long_date(source.retrieved) if source.retrieved else "not recorded",
        text_note=source.text.note if source.text else None,
        notes_text=source.notes,
        supports=supports,
        notes=notes.freeze(),
        record=context.record(source),
    )


def _evidence(context: Context, cited, notes: Notes) -> tuple[tuple[str, Link, Quoted], ...]:  # type: ignore[no-untyped-def]
    return tuple((context.base.outlet_of(c.source).name, context.link(c.source), notes.quote(c)) for c in cited)


def event_page(context: Context, event: Event) -> EventPage:
    notes = Notes(context)
    evidence = _evidence(context, event.sources, notes)
    when = context.day(event.date)
    return EventPage(
        path=f"events/{event.id}.md",
        template="event.md.j2",
        title=event.summary,
        description=f"{when.text}: {event.summary}",
        kind="event",
        summary=event.summary,
        when=when,
        participants=tuple(context.link(p) for p in event.participants),
        places=tuple(context.link(p) for p in event.places),
        claims=claim_rows(context, context.base.referring(event.id, "claim", "related")),  # type: ignore[arg-type]
        evidence=evidence,
        inferences=tuple(event.inferences.items()),
        notes=notes.freeze(),
        record=context.record(event),
    )


def discrepancy_page(context: Context, note: Discrepancy) -> DiscrepancyPage:
    notes = Notes(context)
    evidence = _evidence(context, note.sources, notes)
    return DiscrepancyPage(
        path=f"discrepancies/{note.id}.md",
        template="discrepancy.md.j2",
        title=note.summary,
        description=note.summary,
        kind="discrepancy",
        label="Sources disagree",
        type_title=TYPE_TITLES[note.type],
        summary=note.summary,
        explanation=note.explanation,
        involves=tuple(context.link(i) for i in note.involves),
        entry=context.entry_links[note.id],
        evidence=evidence,
        notes=notes.freeze(),
        record=context.record(note),
    )
