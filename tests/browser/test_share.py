"""Citing a page in a real browser: cite.js writes the reader's own date of access into every style,
on the first page opened and on the pages reached from it, and the copy button keeps the italics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from .conftest import FOREIGN, Reader

pytestmark = [pytest.mark.slow, pytest.mark.browser]

STYLES = {"apa": "APA", "mla": "MLA", "chicago-note": "Chicago (note)",
          "chicago-bibliography": "Chicago (bibliography)", "bibtex": "BibTeX"}  # fmt: skip
MLA_MONTHS = {5: "May", 6: "June", 7: "July", 9: "Sept."}  # MLA spells these out or abbreviates them so


def access_date(style: str, day: dt.date) -> str:
    """How each style writes the date of access (APA 9.16, MLA p. 211, Chicago 14.207, biblatex)."""
    month = day.strftime("%B")
    return {
        "apa": f"Retrieved {month} {day.day}, {day.year}, from",
        "mla": f"Accessed {day.day} {MLA_MONTHS.get(day.month, day.strftime('%b.'))} {day.year}.",
        "chicago-note": f"accessed {month} {day.day}, {day.year},",
        "chicago-bibliography": f"Accessed {month} {day.day}, {day.year}.",
        "bibtex": f"urldate = {{{day.isoformat()}}}",
    }[style]


def citations(reader: Reader) -> dict[str, str]:
    """Each style's citation as the page shows it, opening its tab first."""
    page, shown = reader.page, {}
    page.get_by_role("heading", name="Cite this page").scroll_into_view_if_needed()
    for style, label in STYLES.items():
        page.locator(".tabbed-labels label", has_text=label).first.click()
        text = page.locator(f'.cite[data-style="{style}"] .cite-text')
        expect(text).to_be_visible()
        expect(text).not_to_contain_text("[date]")
        expect(text).not_to_contain_text("YYYY")
        shown[style] = text.inner_text()
    return shown


def test_every_style_carries_today_as_the_date_of_access(reader: Reader, site_url: str) -> None:
    before = dt.datetime.now(dt.timezone.utc).date()  # the reader's browser runs in UTC
    reader.page.goto(site_url + "claims/aliyev-will-go-to-the-end-if-talks-fail/")
    shown = citations(reader)
    today = {before, dt.datetime.now(dt.timezone.utc).date()}  # a run across midnight may show either day
    for style, text in shown.items():
        assert any(access_date(style, day) in text for day in today), (style, text)
    reader.screenshot("cite-access-date-today")


@pytest.fixture
def reader_at_utc_plus_14(browser) -> Iterator[Reader]:  # type: ignore[no-untyped-def]
    """A reader as in conftest.py, whose clock is in Kiribati's Line Islands (UTC+14)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="Pacific/Kiritimati"
    )
    reader = Reader(context.new_page())
    context.route(FOREIGN, lambda route: (reader.foreign_requests.append(route.request.url), route.abort()))
    reader.page.on("pageerror", lambda error: reader.errors.append(str(error)))
    yield reader
    context.close()
    assert reader.errors == [] and reader.foreign_requests == []


def test_the_date_of_access_is_the_readers_own_day_on_every_page(reader_at_utc_plus_14: Reader, site_url: str) -> None:
    reader = reader_at_utc_plus_14
    page = reader.page
    # 12:30 UTC on 4 September is already 5 September at UTC+14: the reader's calendar decides.
    page.clock.set_fixed_time(dt.datetime(2027, 9, 4, 12, 30, tzinfo=dt.timezone.utc))
    page.goto(site_url + "people/ilham-aliyev/")
    shown = citations(reader)
    for style, text in shown.items():
        assert access_date(style, dt.date(2027, 9, 5)) in text, (style, text)
    # The next page a reader opens from this one is dated too. (Material swaps pages in without reloading
    # only under the published address, not on 127.0.0.1; cite.js fills each page that document$ announces.)
    claim = page.locator("article").get_by_role("link", name="Aliyev: Azerbaijan will go to the end if talks fail")
    claim.first.click()
    expect(page).to_have_url(site_url + "claims/aliyev-will-go-to-the-end-if-talks-fail/")
    shown = citations(reader)
    for style, text in shown.items():
        assert access_date(style, dt.date(2027, 9, 5)) in text, (style, text)


def test_a_copied_citation_keeps_its_italics(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "people/ilham-aliyev/")
    citations(reader)
    page.locator(".tabbed-labels label", has_text="APA").first.click()
    button = page.locator('.cite[data-style="apa"] .cite-copy')
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            const read = async (type) => item.types.includes(type) ? (await item.getType(type)).text() : null;
            return {plain: await read("text/plain"), html: await read("text/html")};
        }"""
    )
    shown = page.locator('.cite[data-style="apa"] .cite-text')
    assert copied["plain"] == shown.inner_text()
    assert "<i>Ilham Aliyev</i>" in copied["html"] and "[date]" not in copied["html"]
