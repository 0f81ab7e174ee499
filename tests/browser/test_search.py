"""The site's search as a reader uses it, in Chromium: what it finds, what it downloads, the keyboard, axe.

The queries and what each must find in its first three results are in tests/search_queries.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import material
import pytest
import yaml
from playwright.sync_api import expect

from generator.search import UNFOLDED, variants

from ..conftest import REPO
from .conftest import AXE, CLAIM_WITH_SEVERAL_OUTLETS, FOREIGN, WAIT_MS, Reader, required

pytestmark = [pytest.mark.slow, pytest.mark.browser]

QUERIES = yaml.safe_load((REPO / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
KINDS = {
    "claim",
    "person",
    "organisation",
    "place",
    "outlet",
    "article",
    "event",
    "figure",
    "day",
    "discrepancy",
    "comparison",
    "page",
}


def open_search(page):
    """Open the search dialog with its header button; return the dialog."""
    page.get_by_role("button", name="Search", exact=True).click()
    dialog = page.get_by_role("dialog", name="Search the site")
    expect(dialog).to_be_visible()
    return dialog


def search(page, query: str):
    """Type ``query`` into the open search dialog and wait for its results; return the dialog."""
    dialog = page.get_by_role("dialog", name="Search the site")
    box = dialog.get_by_role("searchbox")
    box.fill("")
    box.press_sequentially(query, delay=20 if len(query) < 20 else 0)  # a long query as if pasted, key by key
    status = re.compile(r"(results? for|No results for) “" + re.escape(query) + "”")
    expect(dialog.get_by_role("status")).to_have_text(status)
    return dialog


def article(site: Path, address: str) -> lxml.html.HtmlElement:
    """The article of the built page at ``address`` (relative to the site root)."""
    document = lxml.html.parse(str(site / address / "index.html")).getroot()
    return next(document.iter("article"))


@pytest.fixture(scope="module")
def searcher(browser, site_url: str) -> Iterator[Reader]:
    """One tab with the search dialog open, in which a reader searches again and again (opening the site
    afresh for each of the many queries would cost Pagefind's start-up each time)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    reader = Reader(page)
    context.route(FOREIGN, lambda route: (reader.foreign_requests.append(route.request.url), route.abort()))
    page.on("pageerror", lambda error: reader.errors.append(str(error)))
    page.goto(site_url)
    open_search(page)
    yield reader
    context.close()
    assert reader.errors == [], "uncaught script errors in the page"
    assert reader.foreign_requests == [], "the page tried to load from another host"


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_a_query_finds_what_it_should_in_the_first_three_results(
    searcher: Reader, site_url: str, shipped_site: Path, case: dict
) -> None:
    dialog = search(searcher.page, case["query"])
    first = [link.evaluate("a => a.href") for link in dialog.locator(".kfd-search__link").all()[:3]]
    if "page" in case:
        assert site_url + case["page"] in first
    addresses = [url.removeprefix(site_url) for url in first]
    if "each_holds" in case:
        assert len(addresses) == 3
        for address in addresses:
            assert case["each_holds"].casefold() in article(shipped_site, address).text_content().casefold(), address
    if "verdict" in case:
        claims = [address for address in addresses if address.startswith("claims/")]
        assert claims, addresses
        for address in claims:
            label = article(shipped_site, address).cssselect(".admonition.verdict > .admonition-title")
            assert [element.text_content() for element in label] == [case["verdict"]], address


def plain(name: str) -> str:
    """``name`` without diacritics, as a reader without an Azerbaijani keyboard types it."""
    decomposed = unicodedata.normalize("NFKD", name.translate(UNFOLDED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_the_queries_cover_each_sides_name_for_each_place_and_each_claims_title() -> None:
    asked = {(case["query"], case.get("page")) for case in QUERIES}
    wanted = set()
    for path in sorted((REPO / "facts" / "places").rglob("*.yaml")):
        for name in yaml.safe_load(path.read_text(encoding="utf-8")).get("names", []):
            if name.get("used_by"):
                wanted |= {(name["name"], f"places/{path.stem}/"), (plain(name["name"]), f"places/{path.stem}/")}
    for path in sorted((REPO / "facts" / "claims").rglob("*.yaml")):
        title = yaml.safe_load(path.read_text(encoding="utf-8")).get("title")
        if title:
            wanted.add((title, f"claims/{path.stem}/"))
    assert len(wanted) > 50
    assert sorted(wanted - asked) == []


@pytest.mark.parametrize(
    ("query", "listing"),
    [
        ("What happened in November 2020, day by day", "dates/2020-11/"),
        ("Every figure, by measure", "figures/all/"),
        ("Register entries: names and spellings that differ", "discrepancies/type-names/"),
    ],
)
def test_pages_that_only_list_others_are_not_results(
    reader: Reader, site_url: str, shipped_site: Path, query: str, listing: str
) -> None:
    # Each query is the listing's own introduction: were the listing indexed, it would come first.
    assert query in article(shipped_site, listing).text_content()
    page = reader.page
    page.goto(site_url)
    open_search(page)
    dialog = search(page, query)
    shown = [link.evaluate("a => a.href") for link in dialog.locator(".kfd-search__link").all()]
    assert site_url + listing not in shown


def test_results_show_the_kind_of_page_and_a_snippet(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url)
    open_search(page)
    dialog = search(page, "Shushi")
    results = dialog.locator(".kfd-search__result")
    assert results.count() > 1
    for result in results.all():
        assert result.locator(".kfd-search__kind").inner_text().lower() in KINDS
        expect(result.get_by_role("link")).to_have_count(1)
        expect(result.locator(".kfd-search__excerpt")).not_to_be_empty()
    place = results.filter(has=page.locator('a[href$="/places/shusha/"]'))
    expect(place.locator(".kfd-search__kind")).to_have_text(re.compile("^place$", re.I))
    expect(dialog.locator(".kfd-search__excerpt mark", has_text=re.compile("^Shushi$")).first).to_be_visible()
    reader.screenshot("search-results")


@pytest.mark.parametrize("query", ["Permanent link", "Last updated", "BibTeX", "Report an error", "corrections log"])
def test_the_cite_and_record_boxes_are_not_indexed(reader: Reader, site_url: str, query: str) -> None:
    # Every entity page has a cite box and a record box with these words: only the hand-written pages that
    # explain citing and reviewing may match.
    page = reader.page
    page.goto(site_url)
    open_search(page)
    dialog = search(page, query)
    kinds = {kind.lower() for kind in dialog.locator(".kfd-search__kind").all_inner_texts()}
    assert kinds <= {"page"}


def test_nothing_of_the_index_loads_before_the_reader_types(reader: Reader, site_url: str, shipped_site: Path) -> None:
    page = reader.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    page.wait_for_load_state("networkidle")
    open_search(page)
    assert [url for url in fetched if "/pagefind/" in url] == []
    search(page, "Baku")
    page.wait_for_load_state("networkidle")
    fragments = [url for url in fetched if url.endswith(".pf_fragment")]
    assert 0 < len(fragments) < len(list((shipped_site / "pagefind" / "fragment").iterdir()))
    assert any(url.endswith(".pf_index") for url in fetched)


def test_the_keyboard_alone_opens_search_and_a_result(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "people/")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Search the site")
    box = dialog.get_by_role("searchbox")
    expect(box).to_be_focused()
    search(page, "Bayramov")
    first = dialog.locator(".kfd-search__link").first
    address = first.evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(address)
    expect(dialog).to_be_hidden()
    opener = page.get_by_role("button", name="Search", exact=True)
    opener.focus()
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()


@pytest.mark.parametrize("address", ["", CLAIM_WITH_SEVERAL_OUTLETS])
@pytest.mark.parametrize("width", [1280, 400])
def test_axe_finds_no_serious_violation_with_search_open_or_closed(
    browser, site_url: str, address: str, width: int
) -> None:
    # Every axe rule (best practices included), unlike test_accessibility.py's WCAG selection.
    source = required(AXE).read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + address)
    page.add_script_tag(content=source)

    def serious() -> list[tuple[str, str]]:
        result = page.evaluate("axe.run(document)")
        return [
            (v["id"], " ".join(map(str, node["target"])))
            for v in result["violations"]
            for node in v["nodes"]
            if (node.get("impact") or v["impact"]) in ("serious", "critical")
        ]

    closed = serious()
    open_search(page)
    search(page, "Aliyev")
    expect(page.locator(".kfd-search__result").first).to_be_visible()
    opened = serious()
    context.close()
    assert (closed, opened) == ([], [])


def test_the_header_is_the_themes_but_for_search() -> None:
    # overrides/partials/header.html copies Material's header to swap its search: a theme upgrade must not drift.
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (REPO / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    search_block = re.compile(
        r'\n *\{% if "material/search" in config\.plugins %\}.*?\{% endif %\}\n *\{% endif %\}', re.S
    )
    assert search_block.search(theirs), "Material's header no longer has the search block this override replaces"
    expected = search_block.sub('\n    {% include "partials/search.html" %}', theirs)
    strip_comment = re.compile(r"^\{#-.*?-#\}\n", re.S)
    assert strip_comment.sub("", ours) == strip_comment.sub("", expected)


def test_letters_without_a_decomposition_are_indexed_plain_too() -> None:
    # Pagefind folds Ş and ö itself, but not ə or ı: "Xankendi" must find a page that writes "Xankəndi".
    assert {"Xankendi", "Bakirköy"} <= set(variants("Xankəndi, Bakırköy"))
