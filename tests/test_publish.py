"""What journalists cite and maintainers publish: citations, structured data, downloads, redirects."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from generator.resolve import load_facts
from generator.schema import json_schemas

from .conftest import FIXTURE_FACTS, REPO
from .sitebuild import build_site

pytestmark = pytest.mark.slow
SITE_URL = "https://facts.example/desk/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(FIXTURE_FACTS, tmp_path_factory.mktemp("published"), SITE_URL)[0]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(REPO / "facts", tmp_path_factory.mktemp("shipped-published"), SITE_URL)[0]


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


def test_shipped_facts_download_completely(shipped: Path) -> None:
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


def test_pages_load_nothing_from_other_hosts(shipped: Path) -> None:
    offenders = []
    for path in shipped.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            for match in THIRD_PARTY.finditer(text):
                context = text[match.start() : match.end() + 60]
                if "facts.example/desk/" not in context:  # the site's own canonical address
                    offenders.append(f"{path.relative_to(shipped)}: {context}")
    assert offenders == []
