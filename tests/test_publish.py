"""What journalists cite and maintainers publish: citations, structured data, downloads, redirects."""

from __future__ import annotations

import csv
import datetime as dt
import html as htmllib
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import bibtexparser
import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag

from generator.citation import fill_access_date
from generator.model import Source
from generator.resolve import load_facts
from generator.schema import json_schemas

from .conftest import FIXTURE_FACTS, REPO, TESTS
from .sitebuild import build_site

pytestmark = pytest.mark.slow
SITE_URL = "https://facts.example/desk/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(FIXTURE_FACTS, tmp_path_factory.mktemp("published"), SITE_URL)[0]


def published_address() -> str:
    """The address in mkdocs.yml, which a plain `make site` (no SITE_URL) publishes under."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url: !ENV \[SITE_URL, "(https?://[^"]+/)"\]$', config, re.M)
    assert match, "mkdocs.yml names the address the site is published at"
    return match[1]


ADDRESS = published_address()
REPO_URL = re.search(r"^repo_url: (\S+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]  # type: ignore


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, "each page carries one JSON-LD block"
    return json.loads(blocks[0])  # strict: no trailing commas or comments


def visible_text(html: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


def test_citations_of_a_page_in_every_format(site: Path) -> None:
    html = visible_text(page(site, "people/example-minister"))
    link = "https://facts.example/desk/people/example-minister/"
    version = re.search(r"Version: (\S+, build \w+)", html).group(1)
    for expected in [
        f"Karabakh Fact Desk. (2026, November 21). Example Minister (Version {version}). Retrieved [date], from {link}",
        f"“Example Minister.” Karabakh Fact Desk, version {version}, 21 Nov. 2026, facts.example/desk/people/"
        "example-minister/. Accessed [date].",
        f"Karabakh Fact Desk. “Example Minister.” Version {version}. Last modified November 21, 2026. "
        f"Accessed [date]. {link}.",
        "@misc{kfd-people-example-minister,\n  author = {{Karabakh Fact Desk}},\n  title = {{Example} {Minister}},",
        f"  url = {{{link}}},\n  urldate = {{YYYY-MM-DD}}\n}}",
    ]:
        assert expected in html
    csl = json.loads((site / "people/example-minister.csl.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["title"], c["URL"], c["version"], c["issued"]) for c in csl] == [
        ("kfd-people-example-minister", "Example Minister", link, version, {"date-parts": [[2026, 11, 21]]})
    ]


def test_last_updated_comes_from_the_facts(site: Path) -> None:
    # The person was corrected on 21 November; the place gives no date, so the dataset's release applies.
    assert "<strong>Last updated:</strong> 21 November 2026" in page(site, "people/example-minister")
    assert "<strong>Last updated:</strong> not recorded" in page(site, "places/example-city")


@pytest.mark.parametrize(
    "path, kind, required",
    [
        ("", "WebSite", ["name", "url"]),
        ("people/example-minister", "Person", ["name", "alternateName", "jobTitle", "url"]),
        ("organisations/example-agency", "NewsMediaOrganization", ["name", "alternateName"]),
        ("places/example-city", "Place", ["name", "alternateName"]),
        ("events/2020-11-01-example-remarks", "Event", ["name", "startDate", "location"]),
        ("sources/example-2020-11-01-report", "NewsArticle", ["headline", "url", "publisher", "datePublished"]),
        ("data", "Dataset", ["name", "license", "distribution"]),
    ],
)
def test_structured_data_of_each_page_kind(site: Path, path: str, kind: str, required: list[str]) -> None:
    data = json_ld(page(site, path))
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    assert [p for p in required if not data.get(p)] == []


def test_claim_review_matches_the_page(site: Path) -> None:
    html = page(site, "claims/example-all-is-well")
    reviews = json_ld(html)["@graph"]
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "Faithful to the original",
        "Stronger than the original",
    ]
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert review["url"] == "https://facts.example/desk/claims/example-all-is-well/"  # the page hosting it
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["author"]["name"] == "Example Minister"
        assert review["itemReviewed"]["appearance"]["url"].startswith("https://news.example/")
        assert review["reviewRating"]["alternateName"] in html
        assert review["claimReviewed"] in html.replace("&quot;", '"')


def test_downloads_parse_validate_and_round_trip(site: Path) -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    facts = json.loads((site / "data/facts.json").read_text(encoding="utf-8"))
    schemas = json_schemas()
    for folder, records in facts.items():
        if folder == "dataset":
            jsonschema.validate(records, schemas["dataset"])
            continue
        assert sorted(r["id"] for r in records) == sorted(f.id for f in base.facts.values() if f.folder == folder)
        for record in records:
            jsonschema.validate({k: v for k, v in record.items() if k != "id"}, schemas[folder])
    rows = list(csv.DictReader(io.StringIO((site / "data/figures.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(f.id for f in base.of_kind("figure"))
    assert {r["value"] for r in rows} == {"1200", "1300"}
    published = json.loads((site / "data/schema/claims.schema.json").read_text(encoding="utf-8"))
    assert published == schemas["claims"]


def test_shipped_facts_download_completely(shipped_site: Path) -> None:
    shipped = shipped_site
    base, _ = load_facts(REPO / "facts")
    facts = json.loads((shipped / "data/facts.json").read_text(encoding="utf-8"))
    assert sum(len(v) for k, v in facts.items() if k != "dataset") == len(base.facts)
    # The stored article texts are only described (file, hash), never republished.
    assert {key for s in facts["sources"] for key in s.get("text", {})} <= {"file", "sha256", "scope", "note"}
    home, method = page(shipped, ""), page(shipped, "methodology")
    assert 'href="data/"' in home and 'href="../data/"' in method


def test_renamed_id_keeps_its_old_address(site: Path) -> None:
    old = (site / "people/example-official/index.html").read_text(encoding="utf-8")
    new = "https://facts.example/desk/people/example-minister/"
    assert f'<meta http-equiv="refresh" content="0; url={new}">' in old
    assert (site / "people/example-official/../example-minister/index.html").is_file()


def test_corrections_show_on_the_page_the_log_and_the_feed(site: Path) -> None:
    assert "The role's start date was given as 2018" in page(site, "people/example-minister")
    assert "The role's start date was given as 2018" in page(site, "corrections")
    feed = ET.fromstring((site / "corrections/feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{atom}link").get("href") == "https://facts.example/desk/people/example-minister/"


def test_publishing_files(site: Path) -> None:
    assert "Sitemap: https://facts.example/desk/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert "https://facts.example/desk/people/example-minister/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "404.html").is_file()
    home = page(site, "")
    assert (
        '<meta property="og:title" content="Karabakh Fact Desk">' in home
        and '<meta property="og:url" content="https://facts.example/desk/">' in home
    )
    assert 'rel="icon" href="assets/favicon.svg"' in home


THIRD_PARTY = re.compile(
    r"""(?:<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=["']|url\(\s*["']?|@import\s+["'])(https?:)?//"""
)


def test_pages_load_nothing_from_other_hosts(shipped_site: Path) -> None:
    shipped, own = shipped_site, ADDRESS.split("://", 1)[1]
    offenders = []
    for path in shipped.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            for match in THIRD_PARTY.finditer(text):
                context = text[match.start() : match.end() + 60]
                if own not in context:  # the site's own canonical address
                    offenders.append(f"{path.relative_to(shipped)}: {context}")
    assert offenders == []


# --- Link previews, permalinks and feeds of the site as a plain `make site` builds it -----------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def is_redirect(html: BeautifulSoup) -> bool:
    return html.find("meta", attrs={"http-equiv": "refresh"}) is not None


def pages_of(site: Path) -> dict[str, BeautifulSoup]:
    """Every page a reader can land on, by its address below the site root; not 404.html, not redirects."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        html = soup(path)
        if not is_redirect(html):
            pages[posixpath.join(path.parent.relative_to(site).as_posix(), "").lstrip("./")] = html
    return pages


@pytest.fixture(scope="module")
def shipped_pages(shipped_site: Path) -> dict[str, BeautifulSoup]:
    pages = pages_of(shipped_site)
    assert len(pages) > 150 and "" in pages and "people/ilham-aliyev/" in pages
    return pages


def head_value(html: BeautifulSoup, name: str) -> str | None:
    if name == "canonical":
        found = html.head.find("link", rel="canonical")
        return found["href"] if found else None
    found = html.head.find("meta", attrs={"property": name}) or html.head.find("meta", attrs={"name": name})
    return found["content"] if found else None


def on_site(site: Path, url: str) -> Path | None:
    """The file of the built site that an address under ADDRESS names, or None."""
    if not url.startswith(ADDRESS):
        return None
    path = site / urlsplit(url).path[len(urlsplit(ADDRESS).path) :]
    path = path / "index.html" if url.endswith("/") else path
    return path if path.is_file() else None


def test_every_page_head_has_absolute_link_preview_tags(shipped_site: Path, shipped_pages: dict) -> None:
    problems = []
    for address, html in shipped_pages.items():
        canonical = ADDRESS + address
        for name in ("canonical", "og:url"):
            if head_value(html, name) != canonical:
                problems.append(f"{address}: {name} is {head_value(html, name)!r}, not {canonical!r}")
        for name in ("og:image", "twitter:image"):
            image = head_value(html, name) or ""
            if on_site(shipped_site, image) is None:
                problems.append(f"{address}: {name} {image!r} is not a file of the site under {ADDRESS}")
        for name in ("og:title", "og:description", "twitter:title", "twitter:description"):
            if not (head_value(html, name) or "").strip():
                problems.append(f"{address}: no {name}")
    assert problems == []


def test_every_fact_page_describes_itself_in_its_own_words(shipped_pages: dict) -> None:
    by_description = defaultdict(list)
    for address, html in shipped_pages.items():
        if html.find(id="cite-this-page"):  # fact pages end with their cite box
            by_description[head_value(html, "og:description")].append(address)
    assert len(by_description) > 100
    assert {d: a for d, a in by_description.items() if len(a) > 1} == {}


def addresses_in(data: object) -> list[tuple[str, str]]:
    """Every (key, value) of the JSON-LD whose key holds an address."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "@id", "contentUrl", "sameAs", "license") and isinstance(value, str):
                found.append((key, value))
            found += addresses_in(value)
    elif isinstance(data, list):
        for item in data:
            found += addresses_in(item)
    return found


def test_structured_data_gives_absolute_addresses(shipped_site: Path, shipped_pages: dict) -> None:
    problems, own = [], 0
    for address, html in shipped_pages.items():
        for block in html.find_all("script", type="application/ld+json"):
            data = json.loads(block.string)
            for key, value in addresses_in(data):
                if not re.match(r"^https?://[^/]+", value):
                    problems.append(f"{address}: {key} {value!r} is not absolute")
            # The nodes that stand for this page name its permalink (an article's url is the article's own).
            nodes = data.get("@graph", [data])
            for node in nodes:
                if node["@type"] not in ("NewsArticle", "Dataset") and node.get("url") != ADDRESS + address:
                    problems.append(f"{address}: {node['@type']} url {node.get('url')!r}")
                own += 1
            for download in data.get("distribution", []):
                if on_site(shipped_site, download["contentUrl"]) is None:
                    problems.append(f"{address}: download {download['contentUrl']!r} is not in the site")
    assert own > 100 and problems == []


def test_sitemap_and_feed_link_absolute_addresses_of_real_pages(shipped_site: Path, shipped_pages: dict) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    sitemap = [e.text for e in ET.fromstring((shipped_site / "sitemap.xml").read_bytes()).findall(".//s:loc", ns)]
    assert sorted(sitemap) == sorted(ADDRESS + a for a in shipped_pages)
    feed = ET.fromstring((shipped_site / "corrections/feed.xml").read_bytes())
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    ids = [i.text for i in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert len(links) > 10 and [u for u in links if on_site(shipped_site, u) is None] == []
    assert [i for i in ids if not i.startswith(ADDRESS)] == []
    assert f"Sitemap: {ADDRESS}sitemap.xml" in (shipped_site / "robots.txt").read_text(encoding="utf-8")


def test_old_addresses_redirect_to_absolute_permalinks(shipped_site: Path) -> None:
    stubs = [p for p in shipped_site.rglob("index.html") if is_redirect(soup(p))]
    assert stubs, "the shipped facts rename at least one id"
    for stub in stubs:
        html = soup(stub)
        target = head_value(html, "canonical")
        assert html.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
        assert on_site(shipped_site, target) is not None, target


# --- The cite box, as a reader copies it ------------------------------------------------------------

ACCESSED = dt.date(2027, 9, 5)  # September: MLA's "Sept."; a one-digit day
FACT_FOLDERS = ["people", "organisations", "places", "outlets", "sources", "claims", "events", "figures",
                "discrepancies"]  # fmt: skip
DOUBLED = re.compile(r"[.?!][’”]?\.|\.[’”]?[?!]|,[’”]?,|[,;:]\s*[.,;:]|\s[.,;:]|\s{2}")


def copied(box: Tag, accessed: dt.date) -> str:
    """A style's citation as the copy button takes it, once cite.js has written the access date."""
    box = BeautifulSoup(str(box), "html.parser")
    for span in box.select("[data-access-date]"):
        span.string = fill_access_date(span["data-access-date"], accessed)
    return box.select_one(".cite-text").get_text()


def first_fact_page(pages: dict[str, BeautifulSoup], folder: str) -> tuple[str, BeautifulSoup]:
    return next((a, h) for a, h in pages.items() if a.startswith(folder + "/") and h.find(id="cite-this-page"))


@pytest.mark.parametrize("folder", FACT_FOLDERS)
def test_citations_paste_with_permalink_version_and_access_date(shipped_pages: dict, folder: str) -> None:
    address, html = first_fact_page(shipped_pages, folder)
    url, bare = ADDRESS + address, (ADDRESS + address).split("://", 1)[1]
    version = re.search(r"Version: (\d{4}-\d{2}-\d{2}, build [0-9a-f]{10})\n", html.get_text())[1]  # type: ignore
    boxes = {box["data-style"]: box for box in html.select(".cite[data-style]")}
    assert sorted(boxes) == ["apa", "bibtex", "chicago-bibliography", "chicago-note", "mla"]
    text = {style: copied(box, ACCESSED) for style, box in boxes.items()}
    assert text["apa"].endswith(f"(Version {version}). Retrieved September 5, 2027, from {url}")
    assert text["apa"].startswith("Karabakh Fact Desk. (")
    assert text["mla"].endswith(f", version {version}, " + text["mla"].split(f"version {version}, ")[1])
    assert text["mla"].endswith(f"{bare}. Accessed 5 Sept. 2027.")  # MLA 9 leaves out http(s)://
    assert f", version {version}, " in text["chicago-note"]
    assert text["chicago-note"].endswith(f"accessed September 5, 2027, {url}.")
    assert f" Version {version}. " in text["chicago-bibliography"]
    assert text["chicago-bibliography"].endswith(f"Accessed September 5, 2027. {url}.")
    for style in ("apa", "mla", "chicago-note", "chicago-bibliography"):
        assert not DOUBLED.search(text[style]), (style, text[style])
    # Word processors keep the italics of the copied HTML: APA's title, MLA's website.
    assert boxes["apa"].select(".cite-text i") and boxes["mla"].select_one(".cite-text i").get_text() == (
        "Karabakh Fact Desk"
    )
    library = bibtexparser.parse_string(text["bibtex"])
    assert library.failed_blocks == [] and len(library.entries) == 1
    fields = library.entries[0].fields_dict
    assert (fields["url"].value, fields["urldate"].value) == (url, "2027-09-05")
    assert version in fields["note"].value


@pytest.mark.parametrize("folder", FACT_FOLDERS)
def test_csl_json_of_each_page_validates(shipped_site: Path, shipped_pages: dict, folder: str) -> None:
    address, html = first_fact_page(shipped_pages, folder)
    link = html.find("a", string="CSL-JSON")["href"]
    target = on_site(shipped_site, urljoin(ADDRESS + address, link))
    assert target is not None, link
    items = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(items, json.loads((TESTS / "fixtures" / "csl-data.json").read_text(encoding="utf-8")))
    version = re.search(r"Version: (.+?)\n", html.get_text())[1]  # type: ignore[index]
    title = head_value(html, "og:title")
    assert [(i["URL"], i["version"], i["title"]) for i in items] == [
        (ADDRESS + address, version, title[:-1] if title.endswith(".") else title)  # CSL adds its own period
    ]


# --- Archived copies and reports of errors ----------------------------------------------------------


def archive_line(html: BeautifulSoup) -> Tag:
    [label] = [s for s in html.find_all("strong") if s.get_text() == "Archived copies:"]
    return label.parent


@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_every_source_page_shows_its_archived_copies_or_where_to_look(
    which: str, shipped_site: Path, site: Path
) -> None:
    root, facts = (shipped_site, REPO / "facts") if which == "shipped" else (site, FIXTURE_FACTS)
    base, _ = load_facts(facts)
    shown = 0
    for source in base.of_kind("source"):
        assert isinstance(source, Source)
        line = archive_line(soup(root / "sources" / source.id / "index.html"))
        links = [a["href"] for a in line.find_all("a")]
        if source.archive:
            assert links == [a.url for a in source.archive] and "none recorded" not in line.get_text()
            shown += 1
        else:
            assert "none recorded" in line.get_text()
            assert links == [f"https://web.archive.org/web/*/{source.url}"]
    assert shown == (0 if which == "shipped" else 1)  # the fixture's follow-up records a Wayback copy


def report_links(html: BeautifulSoup) -> list[str]:
    """The pages a report opened from this page names (from the pre-filled issue's body)."""
    named = []
    for a in html.find_all("a", href=True):
        if a["href"].startswith(REPO_URL + "/issues/new?"):
            body = parse_qs(urlsplit(a["href"]).query)["body"][0]
            named += re.findall(r"^Page: (\S+)$", body, re.M)
    return named


def test_every_page_has_a_report_link_naming_it(shipped_pages: dict) -> None:
    assert {a for a, html in shipped_pages.items() if report_links(html) != [ADDRESS + a]} == set()
