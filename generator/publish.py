"""Everything the generator writes into docs/: the pages and the files published beside them.

``site_files`` returns ``{path under docs/: text or bytes}`` and writes nothing, so it can be
tested and golden-compared without MkDocs.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from . import exports, jsonld
from .card import share_card
from .chart import overview_png, overview_svg
from .citation import csl_json_text
from .render import render_pages
from .resolve import FactBase
from .views import build_pages
from .model import Source
from .views.core import Page, SiteInfo, build_id, cite_box, share

MKDOCS_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the two values the generator needs; other tags are ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if os.environ.get(v)), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_info(
    base: FactBase, config: Path = MKDOCS_CONFIG, site_url: str | None = None, build: str | None = None
) -> SiteInfo:
    """The site's address and tracker from mkdocs.yml (``site_url``, ``repo_url``); ``site_url`` overrides.

    ``build`` names the state of the facts in citations; by default a hash of the fact files.
    """
    settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) if config.exists() else {}
    url = (site_url or settings.get("site_url") or "").strip()
    if not re.match(r"^https?://", url):
        raise ValueError(f"site_url in {config} must be the absolute http(s) address the site is published at")
    return SiteInfo(
        name=base.dataset.name,
        url=url.rstrip("/") + "/",
        repo_url=settings.get("repo_url"),
        report_email=None,
        released=base.dataset.released,
        build=build or build_id(base),
    )


def site_files(
    base: FactBase, site: SiteInfo, render: Callable[[list[Page]], dict[str, str]] = render_pages
) -> dict[str, str | bytes]:
    """Every generated page and published file, keyed by its path under docs/.

    ``render`` turns the page views into Markdown (``generator watch`` passes one that reuses unchanged pages).
    """
    files: dict[str, str | bytes] = {}
    schemas = exports.schema_files()
    pages = [
        dataclasses.replace(_with_citation(base, site, p), share=share(site, p.path, p.title))
        for p in build_pages(base, site, sorted(schemas))
    ]
    files.update(render(pages))
    files.update(_images(pages, site))
    for page in pages:
        if page.citation is not None:
            files[page.citation.csl] = csl_json_text(page.citation.record)
    for fact in base.facts.values():
        for former in fact.former_ids:
            files[f"{fact.folder}/{former}/index.html"] = exports.redirect_page(
                site.address(f"{fact.folder}/{fact.id}.md")
            )
    files["corrections/feed.xml"] = exports.atom_feed(base, site.url)
    files["data/facts.json"] = exports.facts_json(base)
    files["data/figures.csv"] = exports.figures_csv(base)
    for name, schema in schemas.items():
        files[f"data/schema/{name}"] = schema
    files["robots.txt"] = exports.robots_txt(site.url)
    return files


CARD_TITLES = {
    "claim": "Who said what, and how each outlet rendered it",
    "person": "Everything they said, as the outlets reported it",
    "organisation": "Its statements, as the outlets reported them",
    "place": "Named differently by each side",
    "outlet": "How it reported the war",
    "source": "An article and every fact it supports",
    "event": "What happened, and who reported it",
    "figure": "A number as one source gave it",
    "discrepancy": "Where the sources disagree",
    "day": "A day of the war, as it was reported",
}


def _images(pages: list[Page], site: SiteInfo) -> dict[str, bytes | str]:
    """The casualty overview (once) and the share cards (one per kind of page and label)."""
    files: dict[str, bytes | str] = {}
    for page in pages:
        shown = getattr(page, "overview", None)
        if shown is not None and shown.wide not in files:
            files[shown.wide] = overview_svg(shown.bars, "wide", credit=shown.credit)
            files[shown.narrow] = overview_svg(shown.bars, "narrow", credit=shown.credit)
            files[shown.png] = overview_png(shown.bars, credit=shown.credit)
        if page.card not in files:
            title = CARD_TITLES.get(page.kind, "How Indonesian outlets reported the 2020 Nagorno-Karabakh war")
            files[page.card] = share_card(title, page.label, page.kind.capitalize(), site.name)
    return files


def _with_citation(base: FactBase, site: SiteInfo, page: Page) -> Page:
    """Fact pages get their citation and structured data; listings have neither."""
    fact_id = Path(page.path).stem
    fact = base.facts.get(fact_id)
    if fact is None or page.path != f"{fact.folder}/{fact.id}.md":
        if page.kind == "home":
            return dataclasses.replace(page, jsonld=jsonld.website(base, site.url))
        if page.path == "data/index.md":
            return dataclasses.replace(page, jsonld=jsonld.dataset(base, site.url))
        return page
    updated = max(
        [d for d in (fact.updated, *(c.date for c in fact.corrections)) if d] or [base.dataset.released], default=None
    )
    language = fact.language if isinstance(fact, Source) else "en"
    citation = cite_box(site, page.path, page.title, fact.added or base.dataset.released, updated, language)
    return dataclasses.replace(page, citation=citation, jsonld=jsonld.for_fact(base, fact, site.address(page.path)))
