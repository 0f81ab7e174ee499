"""After the MkDocs build: index the built site for search with Pagefind (python -m generator.search SITE).

Reads the built HTML, so it depends on the theme's page frame (the ``<article>``), on Markdown's
output (footnotes, tables), on the pages' schema.org data and on the site's addresses, never on the
generator's templates. What a reader reads is indexed: headings, verdicts, summaries, excerpts and
their translations, names. Citation back-matter, the record and cite boxes, code blocks (the
citations), table headers and navigation are not. Pages that only link to other pages (section
indexes and their later pages, months of the timeline, the register's overview and its lists by
type, every figure by measure, tags, the home page) are left out: what they say is on the pages
they list, and they grow with the site.

A page that is a person, organisation, place or outlet ranks first for each of its names: they are
indexed in a field of their own that weighs more than any title, so the page of Shusha comes before
the register entry, the reference entry and the claims whose titles name Shusha. Register entries
set other pages side by side, so their words weigh half as much as a page's own.

Pagefind writes ``SITE/pagefind/``: a chunked index of which the browser loads only the pieces a
query needs. Pagefind folds combining diacritics (Ş -> S) and strips punctuation from numbers
(5.000, 5,000 -> 5000) by itself. This module adds, to what is indexed and not to the served
page, what it cannot derive: the names of a page's person, organisation or place, letters
without a decomposition (ə, ı), other ways of writing each date (1 November 2020, 1/11/2020,
2020-11-01), the roots of Indonesian words, and the page's kind from its address.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from html import escape
from pathlib import Path

import lxml.html
import snowballstemmer
from lxml.cssselect import CSSSelector

BUNDLE = "pagefind"
"""Folder of the search bundle inside the site."""

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces, which the site does not use (assets/search.js is its own)."""

KINDS = {
    "people": "person",
    "organisations": "organisation",
    "places": "place",
    "outlets": "outlet",
    "sources": "article",
    "claims": "claim",
    "events": "event",
    "figures": "figure",
    "dates": "day",
    "discrepancies": "discrepancy",
}
"""First folder of an entity page's address -> the kind of page a result shows."""

LISTINGS = {
    "dates": re.compile(r"\d{4}-\d{2}(-\d)?"),  # a month of the timeline (a day is YYYY-MM-DD, two digits)
    "discrepancies": re.compile(r"type-[a-z]+(-\d+)?"),  # the register's entries of one type
    "figures": re.compile(r"all(-\d+)?"),  # every figure, by measure
}
"""Pages inside a kind's folder that only list that kind's pages (a later page of a list ends in -2, -3...)."""

LATER_INDEX_PAGE = re.compile(r"index-\d+")

OTHER_KINDS = {("figures", "compared"): "comparison"}
"""Pages inside a kind's folder that are not one of its facts, by their first folder and name before any -2."""

NAMED = frozenset({"person", "organisation", "place", "outlet"})
"""Kinds of page that are what they name: their names weigh more than any title."""

WEIGHTS = {"discrepancy": 0.5}
"""Weight of the words of each kind of page (1 unless given): a register entry repeats the names and
words of the pages it sets side by side, so those pages come first."""

UNLISTED = ("tags", "search", BUNDLE)
"""Top-level folders with nothing to index besides the section indexes."""

BOILERPLATE = CSSSelector(
    ", ".join(
        [
            ".footnote",  # citation back-matter
            "sup[id^='fnref']",  # footnote numbers
            ".headerlink",  # the ¶ after each heading
            "thead",  # table headers
            "pre",  # code blocks: the site's only ones are citations
            "nav",  # tags and page links
            "script",
            "style",
            "[hidden]",
            ".report-error",  # the report link under listings, days and hand-written pages
        ]
    )
)

ADDRESS = re.compile(r"\s*https?://")

VERDICT = CSSSelector(".admonition.verdict > .admonition-title")
"""The label a claim page opens with ("Rendered stronger than said"): it weighs like the page's title, so the
label finds the claims so labelled before the pages that list them with their labels."""

TITLE_WEIGHT = 7
"""Pagefind's weight of an ``<h1>``."""

SKIPPED_SECTIONS = {"cite-this-page", "about-this-record"}
"""Ids of ``<h2>`` whose whole section is boilerplate, the same on every page but for its dates (the cite box,
the record box: when the page was published and reviewed, where to report an error)."""

CHUNK_SIZE = 4_000
"""Word locations per index chunk (Pagefind's default is 20,000): a query loads one or two chunks a word,
so smaller chunks cost less per word of a query; benchmarks/README.md has the measurements."""

MAX_TEXT = 30_000
"""Characters of text indexed per page at most: keeps every fragment a query downloads small."""

UNFOLDED = str.maketrans(
    {
        "ə": "e",
        "Ə": "E",
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
    }
)
"""Letters Unicode does not decompose, so Pagefind's own diacritic folding leaves them (Xankəndi)."""

BLOCKS = ("p", "li", "td", "h1", "h2", "h3", "h4", "dd")
WORD = re.compile(r"[^\W\d_]+")
WORD_OR_NUMBER = re.compile(r"[^\W_]+")
FUNCTION_WORDS = frozenset(
    "yang dan dari untuk dengan itu ini akan tidak dalam pada bahwa juga oleh telah sudah atau karena tersebut "
    "adalah kami mereka sebagai bisa jika hingga sampai para lebih masih serta antara namun menurut katanya".split()
)
"""Words common in Indonesian and absent from English: a passage holding one is Indonesian."""
STEMMER = snowballstemmer.stemmer("indonesian")
root = functools.lru_cache(maxsize=1 << 16)(STEMMER.stemWord)
"""A word's Snowball root, remembered: the same words recur on page after page."""

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTH_NUMBER = {name.lower(): number for names in (MONTHS, BULAN) for number, name in enumerate(names, 1)}
DATE_IN_WORDS = re.compile(
    r"\b(\d{1,2}) (" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\.? (\d{4})\b", re.IGNORECASE
)
DATE_IN_FIGURES = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # day first, as Indonesian outlets write it
DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def index_site(site_dir: Path) -> int:
    """Write the Pagefind bundle into ``site_dir/pagefind/``; return the number of pages indexed.

    The prepared pages go to a scratch folder that Pagefind's command line indexes (its Python API
    answers ten requests a second, too slow for a large site).
    """
    count = 0
    found = list(pages(site_dir))
    with tempfile.TemporaryDirectory() as scratch, ProcessPoolExecutor() as pool:
        for (_, url, _), record in zip(found, pool.map(_prepare_file, found, chunksize=64)):
            if record is not None:
                target = Path(scratch, url.strip("/"), "index.html")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(record, encoding="utf-8")
                count += 1
        shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                scratch,
                "--output-path",
                str(site_dir / BUNDLE),
                "--force-language",
                "en",
                "--silent",
            ],
            check=True,
            env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)},
        )
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return count


def pages(site_dir: Path) -> Iterator[tuple[Path, str, str]]:
    """(file, address relative to the site root, kind) of every page worth a search result, in a stable order."""
    for path in sorted(site_dir.glob("*/**/index.html")):
        parts = path.relative_to(site_dir).parts[:-1]
        kind = page_kind(parts)
        if kind is not None:
            yield path, "/" + "/".join(parts) + "/", kind


def page_kind(parts: tuple[str, ...]) -> str | None:
    """The kind of page at the address of folders ``parts``, or None if it is not indexed."""
    folder, name = parts[0], parts[-1]
    if folder in UNLISTED:
        return None
    if folder not in KINDS:
        return "page" if len(parts) == 1 else None  # a hand-written page (methodology, cite, verdicts...)
    if len(parts) != 2 or LATER_INDEX_PAGE.fullmatch(name):
        return None  # the section index (or a later page of it), or a page in a folder of its own
    if folder in LISTINGS and LISTINGS[folder].fullmatch(name):
        return None
    return OTHER_KINDS.get((folder, re.sub(r"-\d+$", "", name)), KINDS[folder])


def _prepare_file(page: tuple[Path, str, str]) -> str | None:
    return prepare(page[0].read_text(encoding="utf-8"), page[2])


def prepare(html: str, kind: str) -> str | None:
    """The page as Pagefind should index it: its article without boilerplate, plus what only search needs."""
    document = lxml.html.document_fromstring(html)
    article = next(document.iter("article"), None)
    if article is None:
        return None
    names = own_names(document) if kind in NAMED else []
    for element in BOILERPLATE(article):
        element.drop_tree()
    for link in [a for a in article.iter("a") if ADDRESS.match(a.text_content())]:
        link.drop_tree()  # an address spelled out holds no words a reader looks for
    _drop_sections(article)
    _cap(article, MAX_TEXT)
    heading = next(article.iter("h1"), None)
    title = " ".join(heading.text_content().split()) if heading is not None else ""
    body = " ".join(article.text_content().split())
    stems = indonesian_stems(article)
    extra = "".join(
        f'<div data-pagefind-meta="{field}:{escape(" ".join(forms))}"></div>'
        for field, forms in (
            ("names", names + variants(" ".join(names))),
            ("whole_names", whole_names(names)),
            ("title_also", variants(title)),
            ("also", variants(body) + stems),
        )
        if forms
    )
    for label in VERDICT(article):
        label.set("data-pagefind-weight", str(TITLE_WEIGHT))
    if kind in WEIGHTS:
        article.set("data-pagefind-weight", str(WEIGHTS[kind]))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f'<div data-pagefind-meta="kind:{escape(kind)}"></div>{extra}'
        f"<main data-pagefind-body>{lxml.html.tostring(article, encoding='unicode')}</main>"
        "</body></html>"
    )


def own_names(document: lxml.html.HtmlElement) -> list[str]:
    """The names of the person, organisation, outlet or place a page is, from its schema.org data: its name
    and every other name the sources use for it (the JSON-LD's ``name`` and ``alternateName``)."""
    names: list[str] = []
    for script in document.iter("script"):
        if script.get("type") == "application/ld+json":
            try:
                data = json.loads(script.text or "")
            except ValueError:
                continue
            if not isinstance(data, dict):
                continue
            for found in (data.get("name"), data.get("alternateName")):
                if isinstance(found, str):
                    names.append(found)
                elif isinstance(found, list):
                    names += [name for name in found if isinstance(name, str)]
    return list(dict.fromkeys(names))


def whole_names(names: list[str]) -> list[str]:
    """Each name of one word ("Karabakh", "Nagorno-Karabakh", "Kompas.com") as Pagefind reads it typed whole:
    lowercase, without its punctuation (Pagefind splits a word at capitals), and with and without the letters
    Unicode does not decompose. A query of that one word then finds the page so named before the pages
    whose names hold it as part of several words ("Nagorno-Karabakh armed forces"). A name of several words is
    typed as several words, which this field cannot match."""
    found: dict[str, None] = {}
    for name in names:
        if len(name.split()) == 1:
            whole = "".join(WORD_OR_NUMBER.findall(name.lower()))
            found.update(dict.fromkeys(form for form in (whole, whole.translate(UNFOLDED)) if form))
    return list(found)


def variants(text: str) -> list[str]:
    """Other ways of writing the words and dates of ``text`` that Pagefind would not match on its own."""
    found: dict[str, None] = {}
    for word in WORD.findall(text):
        folded = word.translate(UNFOLDED)
        if folded != word:
            found[folded] = None
    for day in dates(text):
        for form in date_forms(day):
            found[form] = None
    return list(found)


def indonesian_stems(article: lxml.html.HtmlElement) -> list[str]:
    """The roots of the words of the article's Indonesian passages, so that "perang" finds "berperang".

    The index is English (the site's language: its stemming serves the English queries); the
    roots come from the Snowball algorithm that Pagefind itself would use for Indonesian.
    """
    found: dict[str, None] = {}
    for block in article.iter(*BLOCKS):
        words = [word.lower() for word in WORD.findall(block.text_content())]
        if FUNCTION_WORDS.isdisjoint(words):
            continue  # not Indonesian
        for word in words:
            stem = root(word)
            if stem != word and len(stem) > 2:
                found[stem] = None
    return list(found)


def dates(text: str) -> Iterator[date]:
    """Every valid date ``text`` writes as 1 November 2020, 1/11/2020 or 2020-11-01."""
    for match in DATE_IN_WORDS.finditer(text):
        yield from _date(int(match[3]), MONTH_NUMBER[match[2].lower()], int(match[1]))
    for match in DATE_IN_FIGURES.finditer(text):
        yield from _date(int(match[3]), int(match[2]), int(match[1]))
    for match in DATE_ISO.finditer(text):
        yield from _date(int(match[1]), int(match[2]), int(match[3]))


def _date(year: int, month: int, day: int) -> Iterator[date]:
    try:
        yield date(year, month, day)
    except ValueError:
        pass


def date_forms(day: date) -> list[str]:
    """The ways a journalist types a date, in English and Indonesian."""
    return [
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02}/{day.month:02}/{day.year}",
        f"{day.day} {MONTHS[day.month - 1]} {day.year}",
        f"{day.day} {BULAN[day.month - 1]} {day.year}",
    ]


def _drop_sections(article: lxml.html.HtmlElement) -> None:
    """Remove each skipped ``<h2>`` with everything up to the next heading of its level or above."""
    for heading in article.findall("h2"):
        if heading.get("id") not in SKIPPED_SECTIONS:
            continue
        following = heading.getnext()
        while following is not None and following.tag not in ("h1", "h2"):
            after = following.getnext()
            following.drop_tree()
            following = after
        heading.drop_tree()


def _cap(element: lxml.html.HtmlElement, budget: int) -> int:
    """Keep the first ``budget`` characters of text below ``element``, dropping whole elements; return what is left."""
    budget -= len(element.text or "")
    for child in list(element):
        if budget <= 0:
            child.drop_tree()
            continue
        size = len(child.text_content())
        budget = budget - size if size <= budget else _cap(child, budget)
        budget -= len(child.tail or "")
    return budget


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m generator.search SITE_DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    count = index_site(Path(argv[0]))
    print(f"search: indexed {count} pages in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
