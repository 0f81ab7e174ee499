"""The theme as a reader meets it (docs/assets/theme.css, theme.js, the palette in mkdocs.yml): what the
first screen shows, quotations and their translations, footnotes into content tabs, light and dark, paper.

Each scenario saves a screenshot into test-artifacts/screenshots/<scenario>.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import AXE, CLAIM_WITH_SEVERAL_OUTLETS, Reader, required

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FIRST_SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}

# The reference's middle point is the reference itself, not the fixed header drawn over it.
NOT_COVERED = """element => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (element === hit || element.contains(hit));
}"""


def claim_addresses(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "claims").glob("*/index.html"))


def verdict(page):
    return page.locator("article .admonition.verdict")


def test_the_verdict_comes_first_and_its_label_leads_to_its_row_on_the_scale(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    box = verdict(page)
    expect(box).to_have_count(1)
    assert page.locator("article h1").evaluate(
        "h1 => h1.nextElementSibling.matches('.admonition.verdict')"
    ), "the verdict box is not the first thing under the title"
    label = box.locator(".admonition-title").inner_text().strip()
    assert label
    reader.screenshot("verdict")
    box.get_by_role("link", name="How labels are given").click()
    expect(page).to_have_url(re.compile(r"/verdicts/#[a-z-]+$"))
    row = page.locator(":target").locator("xpath=ancestor-or-self::tr")  # a row of the scale's table
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text(label)
    expect(row).to_be_in_viewport()


@pytest.mark.parametrize("screen", FIRST_SCREENS)
def test_every_claim_shows_its_verdict_label_and_scale_link_on_the_first_screen(
    reader: Reader, site_url: str, shipped_site: Path, screen: str
) -> None:
    page = reader.page
    page.set_viewport_size(FIRST_SCREENS[screen])
    addresses = claim_addresses(shipped_site)
    assert len(addresses) > 10
    for address in addresses:
        page.goto(site_url + address)
        box = verdict(page)
        expect(box.locator(".admonition-title"), address).to_be_in_viewport(ratio=1)
        expect(box.get_by_role("link", name="How labels are given"), address).to_be_in_viewport(ratio=1)
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    reader.screenshot(f"claim-first-screen-{screen}")


def test_the_home_page_opens_on_the_casualty_overview(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.set_viewport_size(FIRST_SCREENS["desktop"])
    page.goto(site_url)
    chart = page.locator("figure.overview img")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), "the chart did not load"
    # The chart's title, legend and first panel with its first row take about 220 px at this width.
    top = chart.bounding_box()["y"]
    assert top + 220 <= FIRST_SCREENS["desktop"]["height"], f"the overview starts {top:.0f} px down the page"
    reader.screenshot("home-first-screen")


def test_the_overview_has_a_text_alternative_and_a_table_with_the_same_values(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url)
    alt = page.locator("figure.overview img").get_attribute("alt")
    assert alt and alt.startswith("Chart of the death tolls")
    page.locator("figure.overview").get_by_role("link", name="The figures as a table").click()
    expect(page).to_have_url(re.compile(r"/figures/#the-overview-as-a-table$"))
    table = page.locator("xpath=//*[@id='the-overview-as-a-table']/following::table[1]")
    expect(table).to_be_visible()
    headers = table.locator("thead th").all_inner_texts()
    values = table.locator(f"tbody td:nth-child({headers.index('Value') + 1})").all_inner_texts()
    assert len(values) > 3
    for value in values:
        assert value.strip() in alt, f"the chart's text alternative does not give {value!r}"


def test_indonesian_excerpts_are_marked_as_such_in_the_text_colour_with_a_translation(
    reader: Reader, site_url: str
) -> None:
    page = reader.page
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.reload()
        text_colour = page.locator("article").evaluate("a => getComputedStyle(a).color")
        quotes = page.locator(".tabbed-block blockquote")
        assert quotes.count() > 2
        for quote in quotes.all():
            excerpt = quote.locator('span[lang="id"]')
            expect(excerpt).to_have_count(1)
            assert excerpt.evaluate("e => getComputedStyle(e).color") == text_colour, f"a grey excerpt ({scheme})"
            translation = quote.locator("xpath=following-sibling::*[1]").locator(".translation")
            expect(translation).to_have_text(re.compile(r"^Our translation: \S"))
        reader.screenshot(f"excerpts-{scheme}")


def hidden_reference(page) -> str:
    """The id of a footnote reference inside a content tab that is not selected."""
    ids = page.evaluate("""[...document.querySelectorAll('.tabbed-block sup[id^="fnref"]')]
        .filter(sup => !sup.checkVisibility()).map(sup => sup.id)""")
    assert ids, "the scenario needs a footnote cited from a tab that is not selected"
    return ids[-1]


def expect_reference_shown(page, ref_id: str) -> None:
    reference = page.locator(f'[id="{ref_id}"]')
    tab = reference.locator("xpath=ancestor::div[contains(@class, 'tabbed-block')][1]")
    expect(tab).to_be_visible()
    expect(reference).to_be_in_viewport(ratio=1)
    page.wait_for_function(NOT_COVERED, arg=reference.element_handle())


def test_a_footnote_back_link_into_a_hidden_tab_opens_the_tab(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    ref_id = hidden_reference(page)
    expect(page.locator(f'[id="{ref_id}"]')).to_be_hidden()
    backref = page.locator(f'[id="{ref_id.replace("fnref", "fn")}"] a.footnote-backref')
    backref.scroll_into_view_if_needed()
    backref.click()
    expect(page).to_have_url(re.compile(re.escape("#" + ref_id) + "$"))
    expect_reference_shown(page, ref_id)
    reader.screenshot("footnote-back-into-tab")


def test_an_address_pointing_into_a_hidden_tab_opens_the_tab(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    ref_id = hidden_reference(page)
    page.goto(site_url + "people/ilham-aliyev/")
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS + "#" + ref_id)
    expect_reference_shown(page, ref_id)


def test_the_palette_follows_the_system_until_the_reader_chooses(reader: Reader, site_url: str) -> None:
    page = reader.page
    body = page.locator("body")
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="light")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.get_by_title("Switch to light mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(".md-nav").get_by_role("link", name="Claims", exact=True).first.click()  # instant navigation
    expect(page).to_have_url(re.compile(r"/claims/$"))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)  # a full page load, the system still light
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    reader.screenshot("claim-dark")
    page.get_by_title("Switch to system preference").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.parametrize("address", ["", CLAIM_WITH_SEVERAL_OUTLETS, "figures/"])
def test_the_dark_palette_keeps_text_contrast(reader: Reader, site_url: str, address: str) -> None:
    page = reader.page
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + address)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.add_script_tag(content=required(AXE).read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})")
    failing = [" ".join(map(str, node["target"])) for rule in result["violations"] for node in rule["nodes"]]
    assert failing == []


def test_adjacent_footnote_numbers_are_set_apart_without_a_comma(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "people/ilham-aliyev/")
    second = page.locator('sup[id^="fnref"] + sup[id^="fnref"]').first
    expect(second).to_be_visible()
    assert second.evaluate("s => getComputedStyle(s, '::before').content") in ("none", "normal")
    gap = second.evaluate(
        "s => s.getBoundingClientRect().left - s.previousElementSibling.getBoundingClientRect().right"
    )
    assert gap >= 3, f"adjacent footnote numbers are {gap:.1f} px apart"


def test_print_shows_every_rendering_the_address_and_full_urls_and_no_controls(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.emulate_media(color_scheme="dark")  # paper is white whatever the palette on screen
    page.goto(site_url + CLAIM_WITH_SEVERAL_OUTLETS)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    address = page.locator(".kfd-print-address")
    expect(address).to_be_hidden()  # on screen the address bar says it
    permanent = page.locator(".share-copy").get_attribute("data-url")
    renderings = page.locator(".tabbed-set").first.locator(".tabbed-block")
    assert renderings.count() > 1
    page.emulate_media(media="print")
    for block in renderings.all():
        expect(block).to_be_visible()
        expect(block.locator("blockquote").first).to_be_visible()
    for label in page.locator(".tabbed-set").first.locator(".tabbed-labels > label").all():
        expect(label).to_be_visible()  # each outlet's name heads its renderings
    assert page.locator("article").evaluate("a => getComputedStyle(a).color") == "rgba(0, 0, 0, 0.87)"
    expect(address).to_be_visible()
    expect(address).to_have_text(f"Permanent address: {permanent}")
    article_links = page.locator(".footnote a.kfd-external")
    assert article_links.count() > 0
    for link in article_links.all():
        shown = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert shown == f'" ({link.get_attribute("href")})"'
    backref = page.locator(".footnote a.footnote-backref").first
    assert backref.evaluate("a => getComputedStyle(a, '::after').content") in (
        "none",
        "normal",
    ), "an address printed for a link within the page"
    expect(verdict(page)).to_be_visible()
    expect(page.locator(".footnote li").last).to_be_visible()
    for hidden in ["nav.share", ".cite-copy", ".share-copy", ".md-header", ".md-sidebar--primary", ".md-footer"]:
        assert page.locator(hidden).count() > 0, f"the page has no {hidden} to hide"
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    reader.screenshot("print")
