"""What a reader does on the site, in a real browser (Chromium driven by Playwright).

Each scenario saves a screenshot into test-artifacts/screenshots/<scenario>.png.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from ..conftest import FIXTURE_FACTS, REPO
from .conftest import CLAIM_WITH_SEVERAL_OUTLETS, INJECTION_EVENT, Reader

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FACTS = REPO / "facts"


def fact(kind: str, fact_id: str, root: Path = FACTS) -> dict:
    """A fact file as curators wrote it (ids are unique, subfolders allowed)."""
    [path] = (root / kind).rglob(f"{fact_id}.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(text.split())


def test_home_page(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url)
    expect(page).to_have_title(re.compile(r"^Karabakh Fact Desk"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Karabakh Fact Desk"))
    browse = page.locator("article table").filter(has=page.get_by_role("link", name="Timeline"))
    expect(browse).to_be_visible()
    for section in ["Timeline", "Claims", "People", "Places", "Outlets", "Sources"]:
        expect(browse.get_by_role("link", name=section, exact=True)).to_be_visible()
    reader.screenshot("home")


def test_home_page_title_names_the_site_once(reader: Reader, site_url: str) -> None:
    reader.page.goto(site_url)
    expect(reader.page).to_have_title("Karabakh Fact Desk")


@pytest.mark.parametrize(
    "scenario, query, title, address",
    [
        ("search-person-by-spelling", "Cavusoglu", "Mevlüt Çavuşoğlu", "people/mevlut-cavusoglu/"),
        ("search-place-by-other-side-name", "Shushi", "Shusha", "places/shusha/"),
    ],
)
def test_search_finds_a_name_by_another_spelling(
    reader: Reader, site_url: str, scenario: str, query: str, title: str, address: str
) -> None:
    page = reader.page
    page.goto(site_url)
    page.get_by_role("button", name="Search", exact=True).click()
    dialog = page.get_by_role("dialog", name="Search the site")
    dialog.get_by_role("searchbox").press_sequentially(query)
    result = dialog.get_by_role("link", name=title, exact=True)
    expect(result.first).to_be_visible()
    reader.screenshot(scenario)
    result.first.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + address) + r"(\?[^#]*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(f"^{title}"))


def outlet_excerpts(claim_id: str) -> dict[str, list[str]]:
    """Outlet name -> the excerpts of that outlet's renderings of the claim, from the fact files."""
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for rendering in fact("claims", claim_id)["renderings"]:
        outlet = fact("outlets", fact("sources", rendering["source"])["outlet"])["name"]
        by_outlet[outlet].append(words(rendering["excerpt"]))
    return dict(by_outlet)


def test_each_outlet_rendering_shows_in_its_tab(reader: Reader, site_url: str) -> None:
    page = reader.page
    expected = outlet_excerpts(CLAIM_WITH_SEVERAL_OUTLETS.split("/")[1])
    assert len(expected) > 1, "the scenario needs a claim carried by several outlets"
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    tabs = page.locator(".tabbed-set").filter(has=page.locator(".tabbed-labels label", has_text=next(iter(expected))))
    labels = tabs.locator(".tabbed-labels > label")
    blocks = tabs.locator(".tabbed-content > .tabbed-block")
    expect(labels).to_have_count(len(expected))
    outlets = labels.all_inner_texts()  # the page's own markup, complete once it has loaded
    assert sorted(outlets) == sorted(expected)
    expect(blocks).to_have_count(len(outlets))
    for index, outlet in enumerate(outlets):
        labels.nth(index).click()
        expect(blocks.nth(index)).to_be_visible()
        for other in range(len(outlets)):
            if other != index:
                expect(blocks.nth(other)).to_be_hidden()
        for excerpt in expected[outlet]:
            expect(blocks.nth(index)).to_contain_text(excerpt)
            expect(blocks.nth(index).locator("blockquote", has_text=excerpt[:60]).first).to_be_visible()
        tabs.evaluate("set => { set.scrollIntoView(); window.scrollBy(0, -80); }")  # below Material's fixed header
        reader.screenshot(f"claim-tab-{index + 1}")


def test_a_citation_footnote_leads_to_the_excerpt_and_the_article(reader: Reader, site_url: str) -> None:
    page = reader.page
    claim = fact("claims", CLAIM_WITH_SEVERAL_OUTLETS.split("/")[1])
    rendering = claim["renderings"][0]
    excerpt = words(rendering["excerpt"])
    article_url = fact("sources", rendering["source"])["url"]
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    quote = page.locator(".tabbed-block blockquote", has_text=excerpt[:60]).first
    expect(quote).to_be_visible()
    reference = quote.locator("sup a")
    number = reference.inner_text()
    reference.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + CLAIM_WITH_SEVERAL_OUTLETS + f"#fn:{number}") + "$"))
    note = page.locator(f'[id="fn:{number}"]')
    expect(note).to_be_in_viewport()
    # The note is the target, which the theme highlights (and shows its way back to the text).
    expect(page.locator(":target")).to_have_id(f"fn:{number}")
    expect(note).to_contain_text(excerpt)
    expect(note.locator(f'a[href="{article_url}"]')).to_be_visible()
    reader.screenshot("footnote")


def test_the_timeline_leads_from_month_to_day_to_day(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "dates/")
    page.locator("article").get_by_role("link", name="November 2020").click()
    expect(page).to_have_url(re.compile(r"/dates/2020-11/$"))
    days = page.locator("article h2 a:not(.headerlink)")
    first, second = days.nth(0).inner_text(), days.nth(1).inner_text()
    days.nth(0).click()
    expect(page).to_have_url(re.compile(r"/dates/2020-11-\d\d/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(f"^{first}"))
    following = page.locator("article").get_by_role("link", name=re.compile(r"→$"))
    expect(following).to_have_text(re.compile(f"^{second}"))
    following.click()
    expect(page).to_have_url(re.compile(r"/dates/2020-11-\d\d/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(f"^{second}"))
    reader.screenshot("timeline-next-day")


# Script elements the fact text could have planted: any holding exactly its alert, and any runnable one calling
# alert (a JSON-LD data block may quote the text, escaped, and never runs).
INJECTED_SCRIPTS = """[...document.scripts]
    .filter(s => s.textContent.trim() === 'alert("x")'
                 || (!s.type || /javascript|module/.test(s.type)) && s.textContent.includes('alert('))
    .map(s => s.outerHTML)"""


def test_markup_in_fact_text_shows_as_text(reader: Reader, fixture_site_url: str) -> None:
    page = reader.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    summary = fact("events", INJECTION_EVENT.split("/")[1], FIXTURE_FACTS)["summary"]
    assert '<script>alert("x")</script>' in summary and "javascript:" in summary
    page.goto(fixture_site_url + INJECTION_EVENT)  # returns once the page and its scripts have loaded
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape('<script>alert("x")</script>')))
    expect(page.locator("article").get_by_text("[a link](javascript:alert(1))").first).to_be_visible()
    expect(page).to_have_title(re.compile(re.escape('<script>alert("x")</script>')))
    assert page.evaluate(INJECTED_SCRIPTS) == []
    expect(page.locator('a[href^="javascript:"]')).to_have_count(0)
    reader.screenshot("markup-as-text")
    # Search renders result snippets as HTML: the same text must stay text there too.
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("dialog", name="Search the site").get_by_role("searchbox").press_sequentially("minister")
    snippet = page.locator(".kfd-search__result").filter(has_text='<script>alert("x")</script>').first
    expect(snippet).to_be_visible()
    assert page.evaluate(INJECTED_SCRIPTS) == []  # checked after the results are shown
    expect(page.locator('a[href^="javascript:"]')).to_have_count(0)
    reader.screenshot("markup-as-text-search")
    assert dialogs == []


def test_the_casualty_overview_comes_with_its_table(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "figures/")
    chart = page.locator("figure.overview img")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("alt", re.compile("more than 1,200 people"))
    expect(chart).to_have_js_property("complete", True)
    expect(chart).not_to_have_js_property("naturalWidth", 0)  # loaded, not a broken image
    table = page.locator("xpath=//*[@id='the-overview-as-a-table']/following::table[1]")
    expect(table).to_contain_text("more than 1,200 people")
    expect(table).to_contain_text("as many as 5,000 people")
    reader.screenshot("figures-overview-and-table")
    page.get_by_role("link", name="Figures of the same measure, compared").first.click()
    # The source's own formatting is kept, in the source's language.
    expect(page.locator('span[lang="id"]', has_text="Lebih dari 1.200 orang").first).to_be_visible()


def test_a_citation_is_copied_with_one_click(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "people/ilham-aliyev/")
    page.get_by_role("heading", name="Cite this page").scroll_into_view_if_needed()
    page.locator(".tabbed-labels label", has_text="MLA").first.click()
    text = page.locator('.cite[data-style="mla"] .cite-text')
    expect(text).to_be_visible()
    expect(text).to_contain_text("“Ilham Aliyev.” Karabakh Fact Desk, version ")
    expect(text).not_to_contain_text("[date]")  # the reader's access date is filled in
    button = page.locator('.cite[data-style="mla"] .cite-copy')
    expect(button).to_have_text("Copy MLA")
    button.click()
    expect(button).to_have_text("Copied")
    assert words(page.evaluate("navigator.clipboard.readText()")) == words(text.inner_text())
    reader.screenshot("copy-citation")
