"""schema.org structured data for each page, built from the same facts the page shows."""

from __future__ import annotations

import json
from typing import Any

from .model import Claim, Event, Fact, Organisation, Outlet, Person, Place, Source
from .resolve import FactBase
from .text import ASSESSMENT_LABELS

ASSESSMENT_WORDS = {k: v for k, v in ASSESSMENT_LABELS.items() if k != "unverified"}
"""Assessments that rate a rendering; an unverified one gets no ClaimReview."""


def for_fact(base: FactBase, fact: Fact, url: str | None) -> dict[str, Any] | None:
    """The JSON-LD of a fact's page, or None for kinds schema.org has no fitting type for."""
    builders = {
        "claim": _claim_reviews,
        "person": _person,
        "organisation": _organisation,
        "outlet": _outlet,
        "place": _place,
        "event": _event,
        "source": _news_article,
    }
    builder = builders.get(fact.kind)
    data = builder(base, fact) if builder else None
    if data is None:
        return None
    data = {"@context": "https://schema.org", **data}
    if url:
        # Each ClaimReview names the page that hosts it (search engines require it); a single node gets
        # the page's address unless it has its own (an article's).
        for node in data.get("@graph", [data]):
            node.setdefault("url", url)
    return data


def website(base: FactBase, site_url: str) -> dict[str, Any]:
    """The home page's description of the site."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": base.dataset.name,
        "description": base.dataset.description,
    }
    if site_url:
        data["url"] = site_url
    return data


def dataset(base: FactBase, site_url: str) -> dict[str, Any]:
    """The downloads page's description of the fact base as a data set."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": base.dataset.name,
        "description": base.dataset.description,
        "license": base.dataset.data_licence_url,
        "creator": {"@type": "Organization", "name": base.dataset.name},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": site_address(site_url, "data/facts.json"),
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": site_address(site_url, "data/figures.csv"),
            },
        ],
    }
    if base.dataset.released:
        data["dateModified"] = base.dataset.released.isoformat()
    return data


def site_address(site_url: str, path: str) -> str:
    """``path`` on the published site: absolute under ``site_url``, else from the site root."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"


def script_text(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it early."""
    return (
        json.dumps(data, ensure_ascii=False, sort_keys=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _named(base: FactBase, fact_id: str) -> dict[str, Any]:
    fact = base.facts[fact_id]
    kind = {"person": "Person", "place": "Place"}.get(fact.kind, "Organization")
    return {"@type": kind, "name": fact.heading}


def _article(base: FactBase, source: Source) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": source.heading,
        "url": source.url,
        "publisher": {"@type": "Organization", "name": base.outlet_of(source.id).name},
    }
    if source.published:
        article["datePublished"] = source.published.date.isoformat()
    return article


def _claim_reviews(base: FactBase, claim: Claim) -> dict[str, Any] | None:
    reviews = []
    for r in claim.renderings:
        if r.assessment not in ASSESSMENT_WORDS:
            continue
        reviews.append(
            {
                "@type": "ClaimReview",
                "claimReviewed": r.translation,
                "author": {"@type": "Organization", "name": base.dataset.name},
                "reviewRating": {"@type": "Rating", "alternateName": ASSESSMENT_WORDS[r.assessment]},
                "reviewBody": r.rationale or ASSESSMENT_WORDS[r.assessment],
                "itemReviewed": {
                    "@type": "Claim",
                    "author": _named(base, claim.claimant),
                    "datePublished": claim.date.date.isoformat(),
                    "appearance": _article(base, base.facts[r.source]),  # type: ignore[arg-type]
                },
            }
        )
    if not reviews:
        return None
    return {"@graph": reviews}


def _alternate_names(variants: list[Any], name: str) -> list[str]:
    return sorted({v.name for v in variants} - {name})


def _person(base: FactBase, person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": person.name}
    if names := _alternate_names(person.variants, person.name):
        data["alternateName"] = names
    if person.roles:
        data["jobTitle"] = [role.title for role in person.roles]
    return data


def _organisation(base: FactBase, org: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "NewsMediaOrganization" if org.type == "news-agency" else "Organization",
        "name": org.name,
    }
    if names := _alternate_names(org.variants, org.name):
        data["alternateName"] = names
    return data


def _outlet(base: FactBase, outlet: Outlet) -> dict[str, Any]:
    return {"@type": "NewsMediaOrganization", "name": outlet.name, "sameAs": outlet.site}


def _place(base: FactBase, place: Place) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Place", "name": place.name}
    if names := _alternate_names(place.names, place.name):
        data["alternateName"] = names
    if place.located_in:
        data["containedInPlace"] = _named(base, place.located_in)
    return data


def _event(base: FactBase, event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "name": event.summary, "startDate": event.date.date.isoformat()}
    if event.places:
        data["location"] = [_named(base, p) for p in event.places]
    if event.participants:
        data["performer"] = [_named(base, p) for p in event.participants]
    return data


def _news_article(base: FactBase, source: Source) -> dict[str, Any]:
    data = _article(base, source)
    data["inLanguage"] = source.language
    if source.byline:
        data["author"] = [{"@type": "Person", "name": name} for name in source.byline]
    return data
