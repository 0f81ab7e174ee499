"""Pages of people, organisations, places and outlets: who or what it is, then what they said or carried."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..figures import SIDE_NAMES
from ..model import Fact, Organisation, Outlet, Person, Place, Source
from ..text import ASSESSMENT_LABELS, long_date
from .core import Context, Day, External, Link, Notes, Page, language_name
from .lists import ClaimRow, EventRow, FigureRow, NameTable, claim_rows, event_rows, figure_rows, name_table


@dataclass(frozen=True)
class RoleView:
    title: str
    organisation: Link | None
    period: str
    refs: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class EntityPage(Page):
    """A person, organisation or place: what it is, its names, then what it said, relayed or saw."""

    lead: str
    """Who or what it is and what is recorded of it, in a sentence or two built from the facts."""
    about: str | None = None
    roles: tuple[RoleView, ...] = ()
    names: NameTable | None = None
    claims: tuple[ClaimRow, ...] = ()
    claims_by_others: tuple[ClaimRow, ...] = ()
    relayed: tuple[ClaimRow, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    events: tuple[EventRow, ...] = ()
    members: tuple[Link, ...] = ()
    within: tuple[Link, ...] = ()
    credited_by: tuple[Link, ...] = ()
    quoted_by: tuple[tuple[Link, int], ...] = ()
    named_in: tuple[tuple[str, Link, tuple[int, ...]], ...] = ()
    """Articles that name it: outlet, article, footnotes of the words."""


@dataclass(frozen=True)
class ArticleRow:
    published: Day
    article: Link
    byline: str
    credits: tuple[Link, ...]


@dataclass(frozen=True)
class CarriedRow:
    claim: Link
    claimant: Link
    form: str
    assessment: str
    rationale: str | None
    refs: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class OutletPage(Page):
    lead: str
    site: External
    country: str
    language: str
    network: str
    republishes: tuple[Link, ...]
    republished_by: tuple[Link, ...]
    about: str | None
    articles: tuple[ArticleRow, ...]
    carried: tuple[CarriedRow, ...]


def _period(start, end) -> str:  # type: ignore[no-untyped-def]
    if start and end:
        return f"{long_date(start)} to {long_date(end)}"
    if start:
        return f"from {long_date(start)}"
    return f"until {long_date(end)}" if end else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _statements(claims: tuple[ClaimRow, ...], who: str) -> str:
    if not claims:
        return f"No statement by {who} is recorded here."
    outlets = {o for row in claims for o in row.outlets.split(", ")}
    return (
        f"{_plural(len(claims), 'statement')} by {who} recorded here, carried by "
        f"{_plural(len(outlets), 'outlet')}; the latest {claims[0].when.text}."
    )


def _named_in(context: Context, fact: Fact, notes: Notes) -> tuple[tuple[str, Link, tuple[int, ...]], ...]:
    cited = list(getattr(fact, "sources", []))
    by_source: dict[str, list] = {}
    for c in cited:
        by_source.setdefault(c.source, []).append(c)
    return tuple((context.base.outlet_of(sid).name, context.link(sid), notes.cite(cs)) for sid, cs in by_source.items())


def person_page(context: Context, person: Person) -> EntityPage:
    base = context.base
    notes = Notes(context)
    roles = tuple(
        RoleView(
            r.title,
            context.link(r.organisation) if r.organisation else None,
            _period(r.start, r.end),
            notes.cite(r.sources),
        )
        for r in person.roles
    )
    names = name_table(context, person.variants, notes)
    own = base.referring(person.id, "claim", "claimant")
    claims = claim_rows(context, own)  # type: ignore[arg-type]
    quoted_by = Counter(base.outlet_of(r.source).id for c in own for r in c.renderings)  # type: ignore[attr-defined]
    role_text = "; ".join(dict.fromkeys(r.title for r in person.roles)) or "No role is recorded"
    lead = f"{role_text}. {_statements(claims, person.name)}"
    return EntityPage(
        path=f"people/{person.id}.md",
        template="person.md.j2",
        title=person.name,
        description=lead,
        kind="person",
        lead=lead,
        about=person.description,
        roles=roles,
        names=names,
        claims=claims,
        claims_by_others=claim_rows(
            context,
            [c for c in base.referring(person.id, "claim") if c.claimant != person.id],  # type: ignore[attr-defined,misc]
        ),
        figures=figure_rows(context, base.referring(person.id, "figure", "claimant"), notes),  # type: ignore[arg-type]
        events=event_rows(context, base.referring(person.id, "event", "participants"), notes),  # type: ignore[arg-type]
        quoted_by=tuple(
            sorted(((context.link(o), n) for o, n in quoted_by.items()), key=lambda p: (-p[1], p[0].label))
        ),
        notes=notes.freeze(),
        record=context.record(person),
    )


def organisation_page(context: Context, org: Organisation) -> EntityPage:
    base = context.base
    notes = Notes(context)
    names = name_table(context, org.variants, notes)
    claims = claim_rows(context, base.referring(org.id, "claim", "claimant"))  # type: ignore[arg-type]
    kind = org.type.replace("-", " ")
    side = f", on the {SIDE_NAMES[org.side]} side" if org.side and org.side not in ("both", "other") else ""
    parent = f", part of {context.fact(org.parent).heading}" if org.parent else ""
    lead = f"{kind[0].upper()}{kind[1:]}{side}{parent}. {_statements(claims, org.name)}"
    return EntityPage(
        path=f"organisations/{org.id}.md",
        template="organisation.md.j2",
        title=org.name,
        description=lead,
        kind="organisation",
        lead=lead,
        about=org.description,
        names=names,
        claims=claims,
        relayed=claim_rows(context, base.referring(org.id, "claim", "reported_via")),  # type: ignore[arg-type]
        figures=figure_rows(context, base.referring(org.id, "figure", "claimant"), notes),  # type: ignore[arg-type]
        events=event_rows(context, base.referring(org.id, "event", "participants"), notes),  # type: ignore[arg-type]
        members=tuple(context.link(p) for p in base.referring(org.id, "person")),
        credited_by=tuple(
            context.link(s, f"{base.outlet_of(s.id).name}: {s.heading}")
            for s in base.referring(org.id, "source", "credits")
        ),
        named_in=_named_in(context, org, notes),
        notes=notes.freeze(),
        record=context.record(org),
    )


def place_page(context: Context, place: Place) -> EntityPage:
    base = context.base
    notes = Notes(context)
    names = name_table(context, place.names, notes)
    container = f" in {context.fact(place.located_in).heading}" if place.located_in else ""
    events = event_rows(context, base.referring(place.id, "event", "places"), notes)  # type: ignore[arg-type]
    claims = claim_rows(context, base.referring(place.id, "claim"))  # type: ignore[arg-type]
    sides = {row.used_by for row in (names.rows if names else ()) if row.used_by}
    naming = f" Named differently by {', '.join(sorted(sides))}." if len(sides) > 1 else ""
    lead = (
        f"{place.type.capitalize()}{container}.{naming} {_plural(len(events), 'event')} and "
        f"{_plural(len(claims), 'claim')} recorded here."
    )
    return EntityPage(
        path=f"places/{place.id}.md",
        template="place.md.j2",
        title=place.name,
        description=f"{place.name}: {lead}",
        kind="place",
        lead=lead,
        about=place.description,
        names=names,
        events=events,
        claims_by_others=claims,
        within=tuple(context.link(p) for p in base.referring(place.id, "place", "located_in")),
        named_in=_named_in(context, place, notes),
        notes=notes.freeze(),
        record=context.record(place),
    )


def outlet_page(context: Context, outlet: Outlet) -> OutletPage:
    base = context.base
    notes = Notes(context)
    articles = sorted(base.referring(outlet.id, "source", "outlet"), key=lambda s: s.id)
    carried = []
    for claim, r in base.renderings_by_outlet.get(outlet.id, []):
        carried.append(
            CarriedRow(
                context.link(claim),
                context.link(claim.claimant),
                r.form.replace("-", " "),
                ASSESSMENT_LABELS[r.assessment],
                r.rationale if r.assessment in ("stronger", "weaker") else None,
                notes.cite(r),
            )
        )
    differing = sum(1 for row in carried if row.rationale)
    kind = "Reference work" if outlet.type == "reference" else "News outlet"
    lead = (
        f"{kind} ({outlet.country}, in {language_name(outlet.language)}). {_plural(len(articles), 'article')} "
        f"recorded; {_plural(len(carried), 'rendering')} of claims, {differing} assessed as stronger or weaker "
        "than the original."
    )
    return OutletPage(
        path=f"outlets/{outlet.id}.md",
        template="outlet.md.j2",
        title=outlet.name,
        description=f"{outlet.name}: {lead}",
        kind="outlet",
        lead=lead,
        site=External(outlet.site, outlet.site),
        country=outlet.country,
        language=language_name(outlet.language),
        network=outlet.network or "not recorded",
        republishes=tuple(context.link(o) for o in outlet.republishes),
        republished_by=tuple(context.link(o) for o in base.referring(outlet.id, "outlet", "republishes")),
        about=outlet.description,
        articles=tuple(_article_row(context, s) for s in articles),  # type: ignore[arg-type]
        carried=tuple(carried),
        notes=notes.freeze(),
        record=context.record(outlet),
    )


def _article_row(context: Context, source: Source) -> ArticleRow:
    credits = [context.link(c) for c in source.credits]
    if source.republished_from:
        credits.append(context.link(source.republished_from))
    return ArticleRow(
        context.day(source.published), context.link(source), ", ".join(source.byline) or "none", tuple(credits)
    )
