"""Everything the generator writes into docs/: the pages and the files published beside them.

``site_files`` returns ``{path under docs/: text or bytes}`` and writes nothing, so it can be
tested and golden-compared without MkDocs.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import yaml

from . import exports, jsonld
from .citation import PageCitation
from .render import render_pages
from .resolve import FactBase
from .views import build_pages
from .views.core import Page, SiteInfo, build_id, page_url

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


def site_info(base: FactBase, config: Path = MKDOCS_CONFIG, site_url: str | None = None) -> SiteInfo:
    """The site's address and tracker from mkdocs.yml (``site_url``, ``repo_url``); ``site_url`` overrides."""
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
        build=build_id(base),
    )


def site_files(base: FactBase, site: SiteInfo) -> dict[str, str | bytes]:
    """Every generated page and published file, keyed by its path under docs/."""
    files: dict[str, str | bytes] = {}
    schemas = exports.schema_files()
    pages = [_with_citation(base, site, p) for p in build_pages(base, site, None, sorted(schemas))]
    files.update(render_pages(pages))
    for page in pages:
        if isinstance(page.citation, PageCitation):
            files[page.path[: -len(".md")] + ".csl.json"] = page.citation.csl_json()
    for fact in base.facts.values():
        for former in fact.former_ids:
            files[f"{fact.folder}/{former}/index.html"] = exports.redirect_page(site.address(f"{fact.folder}/{fact.id}.md"))
    files["corrections/feed.xml"] = exports.atom_feed(base, site.url)
    files["data/facts.json"] = exports.facts_json(base)
    files["data/figures.csv"] = exports.figures_csv(base)
    for name, schema in schemas.items():
        files[f"data/schema/{name}"] = schema
    files["robots.txt"] = exports.robots_txt(site.url)
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
    updated = max([d for d in (fact.updated, *(c.date for c in fact.corrections)) if d] or [base.dataset.released],
                  default=None)
    citation = PageCitation(f"kfd-{fact.id}", page.title, page_url(page.path), site.url, updated, base.dataset)
    return dataclasses.replace(page, citation=citation, jsonld=jsonld.for_fact(base, fact, site.address(page.path)))
