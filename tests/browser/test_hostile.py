"""The hostile fact tree (tests/fixtures/hostile/) built into a whole site and read in Chromium.

Every text field of that tree carries markup, Markdown and extension syntax, template syntax, entities,
bidi and control characters or very long words. The site is built once, the way `make site` builds it
(generator, then MkDocs), and every page is opened with listeners for dialogs, script errors and console
errors. No payload may become an element, an attribute, a link scheme or Markdown structure; each must
show, as written, where its fact puts it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from PIL import Image
from playwright.sync_api import expect

from ..conftest import TESTS
from ..sitebuild import build_site
from .conftest import INSTALL_HINT, SECTION_FOLDERS, VNU, WAIT_MS, Reader, required, serving
from .test_html import ERRORS, allowance

pytestmark = [pytest.mark.slow, pytest.mark.browser]

HOSTILE = TESTS / "fixtures" / "hostile"
SITE_URL = "https://hostile.example/"
SUFFIX = " - Karabakh Fact Desk"
HAND_WRITTEN = {"methodology/", "cite/"}
"""Pages written in docs/ by hand: their own emphasis and sub-headings are not fact text."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, log = build_site(HOSTILE, tmp_path_factory.mktemp("hostile"), SITE_URL)
    assert "WARNING" not in log, log
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site, hostile_site.parent / "server.log") as url:
        yield url


def fact(relative: str) -> dict:
    return yaml.safe_load((HOSTILE / relative).read_text(encoding="utf-8"))


def value(data: object, path: str) -> str:
    """``renderings.0.rationale`` of a fact's data."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]  # type: ignore[index]
    assert isinstance(data, str), path
    return data


_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """Fact text as a reader sees it: white space collapsed; control characters, which no page can hold, and
    bidi embeddings, overrides and isolates, which would reorder the page's own text after them, as U+FFFD."""
    return " ".join(_UNSHOWABLE.sub("\ufffd", text).split())


def words(text: str) -> str:
    return " ".join(text.split())


FACT_PAGES = [
    (f"{p.parent.name}/{p.stem}/", p.relative_to(HOSTILE).as_posix())
    for p in sorted(HOSTILE.rglob("*.yaml"))
    if p.parent != HOSTILE
]
"""(address, fact file) of every fact's page."""


def addresses(site: Path) -> list[str]:
    """Every page of the site, relative to its root; the redirects of former ids lead away and are left out."""
    former = {f"{path.split('/')[0]}/{old}/" for _, path in FACT_PAGES for old in fact(path).get("former_ids", [])}
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    return [("" if a == "./" else a) for a in pages if a not in former] + ["404.html"]


# What one page shows, collected in the page: anything a payload may have planted, and the article's text.
PROBE = r"""() => {
  const problems = [];
  const describe = el => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) problems.push('event handler attribute: ' + describe(el));
      if (/^(href|src|srcset|action|formaction|xlink:href|data|poster|background|ping)$/i.test(a.name)
          && /^\s*(javascript|vbscript|data|file):/i.test(a.value)) problems.push('link scheme: ' + describe(el));
    }
  }
  for (const s of document.scripts) {
    if (s.type === 'application/ld+json') continue;
    if (s.closest('article') || /alert\(|onerror|onload/.test(s.textContent)) problems.push('script: ' + describe(s));
  }
  const article = document.querySelector('article');
  for (const el of article.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!ALLOWED.includes(tag)) problems.push('element from fact text: ' + describe(el));
    if (tag === 'img' && !el.closest('figure.overview picture')) problems.push('image: ' + describe(el));
    if (tag === 'input' && !(el.type === 'radio' && el.parentElement.matches('.tabbed-set')))
      problems.push('input: ' + describe(el));
    if (tag === 'hr' && !el.parentElement.matches('.footnote')) problems.push('rule: ' + describe(el));
  }
  for (const el of document.querySelectorAll('[class*="planted" i]')) problems.push('attribute list: ' + describe(el));
  // Titles outside the article: the header's page title and the table of contents hold text in a span only.
  for (const el of document.querySelectorAll('.md-header__topic *, .md-nav--secondary .md-nav__link *')) {
    if (!el.matches('span.md-ellipsis')) problems.push('element in a title: ' + describe(el));
  }
  // Markdown syntax that became structure loses its marker: the element then starts with the word itself.
  const structure = 'h1, h2, h3, h4, h5, h6, li, td, th, blockquote, pre, code, dt, dd, abbr, strong, em, del, mark,'
    + ' summary, details, .admonition-title, .tabbed-labels > label, .footnote li p';
  for (const el of article.querySelectorAll(structure)) {
    if (/^\s*PLANTED/.test(el.textContent)) problems.push('structure from fact text: ' + describe(el));
  }
  for (const el of article.querySelectorAll('.admonition')) {
    const kind = [...el.classList].find(c => c !== 'admonition');
    if (!['verdict', 'success', 'info', 'warning', 'note', 'abstract'].includes(kind))
      problems.push('admonition from fact text: ' + describe(el));
  }
  const scripts = [...document.scripts].filter(s => s.type !== 'application/ld+json').map(s => s.src || 'inline');
  const meta = name => document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content');
  return {
    problems,
    text: article.textContent,
    h1: article.querySelector('h1')?.textContent ?? '',
    title: document.title,
    scripts,
    overview: document.querySelector('figure.overview img')?.getAttribute('alt') ?? null,
    og: {title: meta('og:title'), description: meta('og:description'), alt: meta('og:image:alt'),
         image: meta('og:image'), twitter: meta('twitter:title')},
    jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => s.textContent),
  };
}"""
ALLOWED_TAGS = [
    "a",
    "blockquote",
    "button",
    "code",
    "div",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "hr",
    "i",
    "img",
    "input",
    "label",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "source",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
]
"""Every element our templates and Material write into an article; fact text adds none."""


def strict_json(text: str) -> object:
    """JSON as a strict parser reads it: no NaN or Infinity, no key given twice."""

    def pairs(items: list[tuple[str, object]]) -> dict:
        keys = [k for k, _ in items]
        assert len(keys) == len(set(keys)), f"a key is given twice: {keys}"
        return dict(items)

    def constant(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


@pytest.fixture(scope="module")
def visited(hostile_site: Path, hostile_url: str, browser) -> dict[str, dict]:
    """Every page opened once in one tab: address -> what the probe found, plus dialogs and errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(WAIT_MS)
    foreign: list[str] = []
    context.route(
        re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: (foreign.append(route.request.url), route.abort())
    )
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: events.append(f"uncaught error: {error}"))
    page.on(
        "console",
        lambda message: events.append(f"console {message.type}: {message.text}")
        if message.type in ("error", "warning")
        else None,
    )
    probe = PROBE.replace("ALLOWED", json.dumps(ALLOWED_TAGS))
    found: dict[str, dict] = {}
    try:
        for address in addresses(hostile_site):
            events.clear()
            page.goto(hostile_url + address)  # after the load event: images (and any handler on them) are done
            expect(page.locator("article h1")).to_be_visible()
            result = page.evaluate(probe)
            result["events"] = list(events)
            found[address] = result
    finally:
        context.close()
    assert foreign == [], "a page tried to load from another host"
    return found


def test_every_page_is_visited(visited: dict[str, dict]) -> None:
    kinds = {a.split("/")[0] for a in visited}
    assert {*SECTION_FOLDERS, "corrections", "data", "about", ""} <= kinds
    assert len(visited) > 40


def test_no_page_opens_a_dialog_or_throws(visited: dict[str, dict]) -> None:
    assert {a: r["events"] for a, r in visited.items() if r["events"]} == {}


def test_no_payload_becomes_an_element_attribute_link_or_structure(visited: dict[str, dict]) -> None:
    problems = {
        a: [
            p
            for p in r["problems"]
            if not (a in HAND_WRITTEN and p.startswith(("element from fact text: <em>", "element from fact text: <h3")))
        ]
        for a, r in visited.items()
    }
    assert {a: p for a, p in problems.items() if p} == {}


def test_every_page_runs_the_themes_scripts_only(visited: dict[str, dict]) -> None:
    """The same scripts as the hand-written methodology page, which holds no fact text (JSON-LD blocks aside)."""
    theirs = visited["methodology/"]["scripts"]
    assert theirs and {a: r["scripts"] for a, r in visited.items() if r["scripts"] != theirs} == {}


def test_structured_data_parses_as_strict_json(visited: dict[str, dict]) -> None:
    for address, result in visited.items():
        assert len(result["jsonld"]) <= 1, address
        for block in result["jsonld"]:
            data = strict_json(block)
            assert isinstance(data, dict) and data["@context"] == "https://schema.org", address


# (page, fact file, field): the field's text must show on that page exactly as written.
PLACED = [
    ("", "dataset.yaml", "name"),
    ("about/", "dataset.yaml", "operator"),
    ("about/", "dataset.yaml", "funding"),
    ("about/", "dataset.yaml", "independence"),
    ("about/", "dataset.yaml", "contact"),
    ("about/", "dataset.yaml", "corrections_policy"),
    ("about/", "dataset.yaml", "curators.0.name"),
    ("data/", "dataset.yaml", "data_licence"),
    ("data/", "dataset.yaml", "text_licence"),
    ("outlets/hostile-news/", "outlets/hostile-news.yaml", "name"),
    ("outlets/hostile-news/", "outlets/hostile-news.yaml", "site"),
    ("outlets/hostile-news/", "outlets/hostile-news.yaml", "country"),
    ("outlets/hostile-news/", "outlets/hostile-news.yaml", "network"),
    ("outlets/hostile-news/", "outlets/hostile-news.yaml", "description"),
    ("outlets/hostile-wire/", "outlets/hostile-wire.yaml", "name"),
    ("outlets/hostile-wire/", "outlets/hostile-wire.yaml", "country"),
    ("outlets/hostile-wire/", "outlets/hostile-wire.yaml", "description"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "headline"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "url"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "published.zone"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "byline.0"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "byline.1"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "byline.2"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "text.note"),
    ("sources/hostile-2020-10-10-laporan/", "sources/hostile-2020-10-10-laporan.yaml", "notes"),
    ("sources/hostile-2020-10-11-wire/", "sources/hostile-2020-10-11-wire.yaml", "headline"),
    ("sources/hostile-2020-10-11-wire/", "sources/hostile-2020-10-11-wire.yaml", "notes"),
    ("sources/hostile-2020-10-12-unstored/", "sources/hostile-2020-10-12-unstored.yaml", "headline"),
    ("sources/hostile-2020-10-12-unstored/", "sources/hostile-2020-10-12-unstored.yaml", "url"),
    ("sources/hostile-2020-10-12-unstored/", "sources/hostile-2020-10-12-unstored.yaml", "published.inferred"),
    ("sources/hostile-2020-10-12-unstored/", "sources/hostile-2020-10-12-unstored.yaml", "notes"),
    ("people/hostile-person/", "people/hostile-person.yaml", "name"),
    ("people/hostile-person/", "people/hostile-person.yaml", "description"),
    ("people/hostile-person/", "people/hostile-person.yaml", "variants.0.name"),
    ("people/hostile-person/", "people/hostile-person.yaml", "variants.0.sources.0.excerpt"),
    ("people/hostile-person/", "people/hostile-person.yaml", "variants.0.sources.0.translation"),
    ("people/hostile-person/", "people/hostile-person.yaml", "roles.0.title"),
    ("people/hostile-person/", "people/hostile-person.yaml", "roles.0.sources.0.translation"),
    ("people/hostile-person/", "people/hostile-person.yaml", "corrections.0.text"),
    ("corrections/", "people/hostile-person.yaml", "corrections.0.text"),
    ("organisations/hostile-ministry/", "organisations/hostile-ministry.yaml", "name"),
    ("organisations/hostile-ministry/", "organisations/hostile-ministry.yaml", "description"),
    ("organisations/hostile-ministry/", "organisations/hostile-ministry.yaml", "variants.0.name"),
    ("organisations/hostile-ministry/", "organisations/hostile-ministry.yaml", "variants.1.name"),
    ("organisations/hostile-ministry/", "organisations/hostile-ministry.yaml", "sources.0.translation"),
    ("places/hostile-region/", "places/hostile-region.yaml", "name"),
    ("places/hostile-region/", "places/hostile-region.yaml", "description"),
    ("places/hostile-region/", "places/hostile-region.yaml", "sources.0.excerpt"),
    ("places/hostile-region/", "places/hostile-region.yaml", "sources.0.translation"),
    ("places/hostile-city/", "places/hostile-city.yaml", "name"),
    ("places/hostile-city/", "places/hostile-city.yaml", "names.1.name"),
    ("places/hostile-city/", "places/hostile-city.yaml", "description"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "title"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "summary"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "date.inferred"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "setting.description"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "original.text"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.0.excerpt"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.0.translation"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.0.rationale"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.1.excerpt"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.1.rationale"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.2.excerpt"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "renderings.2.rationale"),
    ("claims/hostile-claim/", "claims/hostile-claim.yaml", "inferences.setting\\.place"),
    ("claims/hostile-claim-by-ministry/", "claims/hostile-claim-by-ministry.yaml", "summary"),
    ("claims/hostile-claim-by-ministry/", "claims/hostile-claim-by-ministry.yaml", "setting.description"),
    ("claims/hostile-claim-by-ministry/", "claims/hostile-claim-by-ministry.yaml", "date.inferred"),
    ("claims/hostile-claim-by-ministry/", "claims/hostile-claim-by-ministry.yaml", "renderings.0.rationale"),
    ("events/hostile-event/", "events/hostile-event.yaml", "summary"),
    ("events/hostile-event/", "events/hostile-event.yaml", "date.zone"),
    ("events/hostile-event/", "events/hostile-event.yaml", "date.inferred"),
    ("events/hostile-event/", "events/hostile-event.yaml", "sources.0.excerpt"),
    ("events/hostile-event/", "events/hostile-event.yaml", "sources.0.translation"),
    ("events/hostile-event/", "events/hostile-event.yaml", "sources.1.excerpt"),
    ("events/hostile-event/", "events/hostile-event.yaml", "inferences.participants"),
    ("figures/hostile-deaths-more-than-1200/", "figures/hostile-deaths-more-than-1200.yaml", "subject"),
    ("figures/hostile-deaths-more-than-1200/", "figures/hostile-deaths-more-than-1200.yaml", "as_given"),
    ("figures/hostile-deaths-more-than-1200/", "figures/hostile-deaths-more-than-1200.yaml", "unit"),
    ("figures/hostile-deaths-more-than-1200/", "figures/hostile-deaths-more-than-1200.yaml", "inferences.claimant"),
    ("figures/hostile-deaths-900/", "figures/hostile-deaths-900.yaml", "subject"),
    ("figures/hostile-deaths-900/", "figures/hostile-deaths-900.yaml", "as_of.inferred"),
    ("figures/hostile-deaths-900/", "figures/hostile-deaths-900.yaml", "inferences.quantity"),
    ("figures/hostile-deaths-more-than-5000/", "figures/hostile-deaths-more-than-5000.yaml", "subject"),
    ("figures/hostile-deaths-more-than-5000/", "figures/hostile-deaths-more-than-5000.yaml", "as_of.inferred"),
    ("figures/compared/", "figures/hostile-deaths-900.yaml", "subject"),
    ("discrepancies/hostile-discrepancy/", "discrepancies/hostile-discrepancy.yaml", "summary"),
    ("discrepancies/hostile-discrepancy/", "discrepancies/hostile-discrepancy.yaml", "explanation"),
    ("dates/2020-10-10/", "events/hostile-event.yaml", "date.zone"),
    ("sources/", "outlets/hostile-wire.yaml", "name"),
]


def _field(relative: str, path: str) -> str:
    data = fact(relative)
    if path.startswith("inferences."):  # its keys hold dots
        return data["inferences"][path.removeprefix("inferences.").replace("\\.", ".")]
    return value(data, path)


@pytest.mark.parametrize("address, relative, path", PLACED, ids=[f"{a or 'home'}:{p}" for a, _, p in PLACED])
def test_each_payload_shows_as_written_where_its_fact_puts_it(
    visited: dict[str, dict], address: str, relative: str, path: str
) -> None:
    expected = shown(_field(relative, path))
    assert expected in words(visited[address]["text"])


def heading(relative: str) -> str:
    data = fact(relative)
    kind = relative.split("/")[0]
    if kind == "sources":
        return data.get("headline") or ""
    if kind in ("claims",):
        return data.get("title") or data["summary"]
    if kind in ("events", "discrepancies"):
        return data["summary"]
    if kind == "figures":
        return data["subject"]
    return data["name"]


@pytest.mark.parametrize("address, relative", FACT_PAGES, ids=[a for a, _ in FACT_PAGES])
def test_titles_printed_raw_by_mkdocs_stay_text(visited: dict[str, dict], address: str, relative: str) -> None:
    """<title>, og:title, twitter:title and og:image:alt come from front matter MkDocs prints unescaped."""
    result = visited[address]
    name = shown(heading(relative))
    assert name in words(result["h1"])
    assert result["title"].startswith(name) and result["title"].endswith(SUFFIX)
    for key in ("title", "alt", "twitter"):
        assert result["og"][key] + SUFFIX == result["title"], key
    assert result["og"]["description"]


def test_bidi_controls_cannot_reorder_the_pages_own_text(visited: dict[str, dict]) -> None:
    """An override opened in a name and never closed would reverse what follows it: the site's name in the
    title, the rest of a sentence. Such controls show as U+FFFD; structured data keeps them (JSON escapes)."""
    assert "\ufffd" in visited["places/hostile-region/"]["title"]
    for address, result in visited.items():
        for shown_text in (result["title"], result["text"], *result["og"].values()):
            assert not _BIDI.search(shown_text or ""), address


def test_structured_data_holds_the_facts_exactly(visited: dict[str, dict]) -> None:
    person = strict_json(visited["people/hostile-person/"]["jsonld"][0])
    assert person["name"] == fact("people/hostile-person.yaml")["name"]
    assert person["jobTitle"] == [fact("people/hostile-person.yaml")["roles"][0]["title"]]
    region = strict_json(visited["places/hostile-region/"]["jsonld"][0])
    assert region["name"] == fact("places/hostile-region.yaml")["name"]  # control characters kept, escaped
    article = strict_json(visited["sources/hostile-2020-10-10-laporan/"]["jsonld"][0])
    assert article["headline"] == fact("sources/hostile-2020-10-10-laporan.yaml")["headline"]
    assert article["url"] == fact("sources/hostile-2020-10-10-laporan.yaml")["url"]
    data = strict_json(visited["data/"]["jsonld"][0])
    assert data["license"] == fact("dataset.yaml")["data_licence_url"]


def test_the_overview_image_describes_itself_with_the_names_as_written(visited: dict[str, dict]) -> None:
    for address in ("", "figures/"):
        alt = visited[address]["overview"]
        for name in (fact("people/hostile-person.yaml")["name"], fact("organisations/hostile-ministry.yaml")["name"]):
            assert shown(name) in alt, address
        assert shown(fact("figures/hostile-deaths-900.yaml")["unit"]) in alt


def test_links_to_hostile_addresses_stay_http(reader: Reader, hostile_url: str) -> None:
    page = reader.page
    page.goto(hostile_url + "sources/hostile-2020-10-10-laporan/")
    source = fact("sources/hostile-2020-10-10-laporan.yaml")
    link = page.locator("article a", has_text=source["url"]).first
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href.startswith("https://news.example/") and not re.search(r"[\"'<>()\s]", href)
    assert unquote(href) == source["url"]
    archive = page.locator("article a", has_text="Archived copy of").first
    assert unquote(archive.get_attribute("href")) == source["archive"][0]["url"]
    reader.screenshot("hostile-source")


@pytest.mark.parametrize(
    "address", ["places/hostile-region/", "claims/hostile-claim-by-ministry/", "people/hostile-person/"]
)
def test_very_long_words_wrap_on_a_phone(reader: Reader, hostile_url: str, address: str) -> None:
    page = reader.page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(hostile_url + address)
    expect(page.locator("article h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    overflowing = page.evaluate("""() => [...document.querySelectorAll('article p, article li, article h1')]
        .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent.slice(0, 80))""")
    assert overflowing == []
    reader.screenshot(f"hostile-phone-{address.split('/')[1]}")


def test_search_results_show_payloads_as_text(reader: Reader, hostile_url: str) -> None:
    page = reader.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url)
    page.get_by_role("button", name="Search", exact=True).click()
    search = page.get_by_role("dialog", name="Search the site")
    search.get_by_role("searchbox").press_sequentially("onerror", delay=30)
    expect(search.get_by_role("status")).to_have_text(re.compile("results? for “onerror”"))
    result = search.locator(".kfd-search__result").filter(has_text="<img src=x onerror=alert(1)>").first
    expect(result).to_be_visible()
    reader.screenshot("hostile-search")
    planted = search.evaluate("""dialog => [...dialog.querySelectorAll('.kfd-search__results *')]
        .filter(el => !['li', 'p', 'span', 'a', 'mark'].includes(el.localName) || el.attributes.length > 2
                      || [...el.attributes].some(a => !['class', 'href'].includes(a.name)))
        .map(el => el.outerHTML.slice(0, 120))""")
    assert planted == []
    assert dialogs == []


def test_the_overview_draws_names_as_text(reader: Reader, hostile_url: str) -> None:
    """A name with ``$\\foo$`` is a label, not mathtext; markup in it stays text in the SVG."""
    page = reader.page
    for layout in ("wide", "narrow"):
        page.goto(hostile_url + f"figures/overview-{layout}.svg")
        found = page.evaluate("""() => ({
            texts: [...document.querySelectorAll('text')].map(t => t.textContent),
            desc: document.querySelector('desc').textContent,
            planted: [...document.querySelectorAll('*')].filter(el => el.localName === 'script'
                || el.localName === 'foreignObject' || [...el.attributes].some(a => /^on/i.test(a.name))).length,
        })""")
        assert found["planted"] == 0
        assert any("$\\foo$" in t for t in found["texts"]), found["texts"]
        assert shown(fact("organisations/hostile-ministry.yaml")["name"]) in words(found["desc"])
        assert shown(fact("people/hostile-person.yaml")["name"]) in words(found["desc"])


def test_share_cards_and_downloads_are_well_formed(hostile_site: Path, visited: dict[str, dict]) -> None:
    cards = {r["og"]["image"] for r in visited.values() if r["og"]["image"]}
    assert cards
    for card in cards:
        with Image.open(hostile_site / card.removeprefix(SITE_URL)) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
    feed = ET.parse(hostile_site / "corrections" / "feed.xml").getroot()
    summaries = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert summaries == [fact("people/hostile-person.yaml")["corrections"][0]["text"]]
    facts = strict_json((hostile_site / "data" / "facts.json").read_text(encoding="utf-8"))
    assert facts  # the whole fact base, with every payload, as JSON


def test_hostile_pages_are_valid_html(hostile_site: Path) -> None:
    """The Nu Html Checker on every page: fact text cannot make a page invalid either."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is missing: {INSTALL_HINT}", pytrace=False)
    pages = [
        hostile_site / a / "index.html" if a.endswith("/") or a == "" else hostile_site / a
        for a in addresses(hostile_site)
    ]
    run = subprocess.run(
        [java, "-jar", str(required(VNU)), "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    errors = [
        f"{Path(unquote(urlparse(m['url']).path)).relative_to(hostile_site)}:{m.get('lastLine')}: "
        f"{m['message']} [{m.get('extract', '').strip()}]"
        for m in json.loads(run.stderr)["messages"]
        if m["type"] in ERRORS and allowance(m) is None
    ]
    assert errors == []
