"""Citations of a page in each style, checked against the style guides.

The golden files in ``golden/citations/`` were checked by hand against the rules cited beside each
record and test below; after a deliberate change run ``pytest tests/test_citation.py --update-golden``
and review the diff. Sources:

- APA 7 (Publication Manual, 7th ed.): 10.16, webpage on a website (a group author that is also
  the site is not repeated as the site name; sentence-case title in italics); 9.16, a retrieval date
  for a page meant to change, "Retrieved Month Day, Year, from URL" (p. 290); 9.17, "n.d." for no
  date; 6.17, sentence case; APA Style blog "Periods in reference list entries" (no period after a
  URL; a title's ? or ! takes the place of the period); APA Style blog "Using parentheses and
  brackets in APA Style references" (identifying details such as a version in parentheses after the
  title, not italic, as in "(Version 1.2)" of 10.10).
- MLA 9 (MLA Handbook, 9th ed.): the entry of a work whose author is also its publisher begins with
  the title, and a website whose title is essentially its publisher's name has no publisher (p. 165);
  page title in quotation marks, website in italics; the "version" core element ("version 1.3");
  day month year with Jan., Feb., Mar., Apr., May, June, July, Aug., Sept., Oct., Nov., Dec. (p. 295);
  http:// and https:// usually omitted (5.95, pp. 195-96); an access date, "Accessed 6 Dec. 2021.",
  last in the entry and advised for a work that may change (p. 211); titles capitalised with
  articles, prepositions, coordinating conjunctions and the to of infinitives lowercase in mid-title,
  subordinating conjunctions and words after hyphens capitalised; titles in other languages keep
  that language's capitalisation.
- Chicago 17 (The Chicago Manual of Style, 17th ed.): 14.206, page titles headline style in
  quotation marks, website titles roman; 14.207, notes and bibliography entries for websites (Google
  "Privacy Policy," last modified; Yale "About Yale: Yale Facts," accessed, whose bibliography entry
  does not repeat the owner that is also the author); 14.12 and 14.13, access and revision dates;
  8.159, headline style (prepositions lowercase whatever their length; to and as always; and, but,
  for, or, nor); 8.161, hyphenated compounds (Self-Sustaining, but Anti-inflammatory after a prefix
  that cannot stand alone); 8.154, iPhone keeps its lowercase initial; 6.9, periods and commas
  inside closing quotation marks; 13.28, quotation marks inside quotation marks become single (the
  Chicago Q&A on "Percival Everett's Philosophical Reply to 'Huckleberry Finn.'" shows both rules on
  a title); since the 16th edition a title's ? or ! keeps the comma the sentence needs after it
  ("Are You Sure?,"); titles in other languages are not put in English headline style (chapter 11).
- BibTeX: braces are counted without regard to backslashes (so \\{ cannot escape a brace);
  biblatex reads url verbatim (so % and # stay unescaped); bibtexparser 2 parses every entry.
- CSL-JSON: the CSL 1.0.2 input schema, csl-data.json from citation-style-language/schema at
  e3ce254, kept in ``fixtures/csl-data.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import urllib.parse

import bibtexparser
import jsonschema
import pytest
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator import citation
from generator.citation import (
    ACCESS_DATES,
    MLA_MONTHS,
    STYLES,
    AccessDate,
    CitationRecord,
    Segment,
    access_date_text,
    csl_json,
    csl_json_text,
    html,
    plain_text,
)

from .conftest import REPO, TESTS

GOLDEN = TESTS / "golden" / "citations"
CITE_JS = REPO / "docs" / "assets" / "cite.js"
ACCESSED = dt.date(2026, 12, 5)
VERSION = "2026-12-01, build 3f9a1c2e"


def record(slug: str, title: str, published: dt.date | None, updated: dt.date | None, **extra: str) -> CitationRecord:
    url = extra.pop("url", f"https://example.org/claims/{slug}/")
    return CitationRecord(f"kfd-{slug}", title, url, "Karabakh Fact Desk", published, updated, VERSION, **extra)


RECORDS = {
    # Published, then revised: APA and MLA date it by the revision (APA: the most recent date the
    # content changed); Chicago says "last modified" (14.207). "If" is a subordinating conjunction,
    # capitalised in MLA and Chicago 8.159; "to" and "the" stay lowercase.
    "plain": record(
        "aliyev-will-go-to-the-end-if-talks-fail",
        "Aliyev will go to the end if talks fail",
        dt.date(2026, 11, 20),
        dt.date(2026, 12, 1),
    ),
    # Never revised (updated == published): Chicago gives the publication date, not "last modified".
    # The ? replaces the period after the title (APA blog; MLA; Chicago), yet keeps the comma of a
    # Chicago note after it. MLA abbreviates September as Sept.
    "question": record(
        "will-russia-send-troops",
        "Will Russia send troops to help Armenia?",
        dt.date(2026, 9, 3),
        dt.date(2026, 9, 3),
    ),
    # A claim's summary ends in a period: it is the period after the title in MLA and a Chicago
    # bibliography entry (not doubled), and is dropped before APA's "(Version ...)" and the comma of
    # a Chicago note. Only a publication date: no "last modified". May is not abbreviated in MLA.
    "period": record(
        "fighting-still-going-on",
        "Armenia claims that fighting is still going on.",
        dt.date(2026, 5, 3),
        None,
    ),
    # Straight quotation marks become curly; inside MLA's and Chicago's quoted title they become
    # single (Chicago 13.28), and the closing period or comma goes inside both (Chicago 6.9; MLA).
    # "to", a preposition opening the quotation mid-title, stays lowercase.
    "quotation": record(
        "fight-to-the-end",
        'Aliyev says Azerbaijan will fight "to the end"',
        dt.date(2026, 6, 3),
        dt.date(2026, 7, 4),
    ),
    # BibTeX specials escaped in title and note, non-ASCII kept as UTF-8; the IRI is percent-encoded
    # in BibTeX's url only. "#Karabakh_war" has a capital, so MLA and Chicago leave it alone.
    "specials": record(
        "susa",
        r"Şuşa & Xankəndi: 100% of posts tagged #Karabakh_war cost ~$5 ^ {draft} \ Ağdam",
        dt.date(2026, 1, 15),
        dt.date(2026, 2, 28),
        url="https://example.org/places/şuşa/",
    ),
    # No date recorded: APA writes (n.d.) (9.17); MLA and Chicago leave the date out and rely on
    # the access date (MLA p. 211; Chicago 14.207); BibTeX has no year; CSL no "issued". "km" is a
    # unit and stays lowercase though it ends the title.
    "undated": record(
        "distance-shusha-stepanakert",
        "Distance from Shusha to Stepanakert: 10 km",
        None,
        None,
    ),
    # An article's Indonesian headline keeps its own capitals in MLA and Chicago (MLA; Chicago
    # chapter 11: titles in other languages are not put in English headline style).
    "indonesian": record(
        "negosiasi-karabakh-gagal",
        "Negosiasi Karabakh gagal, perjuangan Azerbaijan berlanjut sampai tetes darah penghabisan",
        dt.date(2020, 11, 1),
        dt.date(2026, 12, 1),
        language="id",
    ),
}


def golden_text(r: CitationRecord) -> str:
    """Every style of ``r`` as a reader copies it on ``ACCESSED``; italics shown as <i>."""
    sections = [f"{name}:\n{html(style(r), ACCESSED)}\n" for name, style in STYLES.items() if name != "bibtex"]
    sections.append(f"bibtex:\n{plain_text(citation.bibtex(r), ACCESSED)}\n")
    sections.append(f"csl-json:\n{csl_json_text(r, ACCESSED)}")
    return "\n".join(sections)


@pytest.mark.parametrize("name", RECORDS)
def test_citations_match_golden(name: str, update_golden: bool) -> None:
    golden = GOLDEN / f"{name}.txt"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(golden_text(RECORDS[name]), encoding="utf-8")
    assert golden_text(RECORDS[name]) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", RECORDS)
@pytest.mark.parametrize("style", STYLES)
def test_every_style_tells_which_version_was_cited(name: str, style: str) -> None:
    text = plain_text(STYLES[style](RECORDS[name]), ACCESSED)  # type: ignore[index]
    assert VERSION in text
    assert csl_json(RECORDS[name])["version"] == VERSION


@pytest.mark.parametrize("name", RECORDS)
@pytest.mark.parametrize("style", STYLES)
def test_no_doubled_punctuation(name: str, style: str) -> None:
    text = plain_text(STYLES[style](RECORDS[name]), ACCESSED)  # type: ignore[index]
    assert not re.search(r"[.?!][’”]?\.|\.[’”]?[?!]|,[’”]?,", text), text


@pytest.mark.parametrize(
    "style, expected",
    [
        ("apa", "Retrieved December 1, 2026, from"),  # APA 9.16
        ("mla", "Accessed 1 Dec. 2026."),  # MLA p. 211
        ("chicago-note", "accessed December 1, 2026,"),  # Chicago 14.207, note: lowercase, commas
        ("chicago-bibliography", "Accessed December 1, 2026."),  # Chicago 14.207, bibliography
        ("bibtex", "urldate = {2026-12-01}"),  # biblatex: ISO 8601 date
    ],
)
def test_access_date_as_each_style_writes_it(style: str, expected: str) -> None:
    assert access_date_text(style, dt.date(2026, 12, 1)) == expected  # type: ignore[arg-type]


def test_mla_abbreviates_months_as_the_handbook_lists_them() -> None:
    days = [access_date_text("mla", dt.date(2026, month, 9)) for month in range(1, 13)]
    assert [d.split()[2] for d in days] == [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    ]  # fmt: skip


def test_without_a_date_of_access_the_page_shows_a_placeholder_that_cite_js_fills() -> None:
    parts = citation.mla(RECORDS["plain"])
    assert plain_text(parts, None).endswith("/. Accessed [date].")
    assert html(parts, None).endswith(
        '/. <span data-access-date="Accessed {day} {mla_month} {year}.">Accessed [date].</span>'
    )
    assert "urldate = {YYYY-MM-DD}" in plain_text(citation.bibtex(RECORDS["plain"]), None)
    assert "accessed" not in csl_json(RECORDS["plain"])


def test_each_citation_has_one_access_date_of_its_own_style() -> None:
    for name, style in STYLES.items():
        assert [p for p in style(RECORDS["plain"]) if isinstance(p, AccessDate)] == [AccessDate(name)]


def test_html_escapes_the_title() -> None:
    parts = citation.apa(record("x", "Tags <script> & ‘quotes’", None, None))
    assert "<i>Tags &lt;script&gt; &amp; ‘quotes’</i>" in html(parts, ACCESSED)


@pytest.mark.parametrize(
    "title, mla, chicago",
    [
        # Proper nouns, acronyms and words with inner capitals are never lowered (Chicago 8.154).
        ("NATO and the OSCE discuss iPhone footage", "NATO and the OSCE Discuss iPhone Footage", None),
        # MLA lowercases so and yet as coordinating conjunctions; Chicago 8.159 only and, but, for, or, nor.
        ("Talks stall, so fighting resumes", "Talks Stall, so Fighting Resumes", "Talks Stall, So Fighting Resumes"),
        # Chicago 8.161: after a prefix that cannot stand alone the second element stays lowercase;
        # MLA capitalises principal words after hyphens. A word that can stand alone (self) is not a prefix.
        ("Anti-aircraft fire over a self-declared republic", "Anti-Aircraft Fire over a Self-Declared Republic",
         "Anti-aircraft Fire over a Self-Declared Republic"),
        # First and last words always capitalised, even a preposition used as an adverb at the end.
        ("Where the fighting broke out", "Where the Fighting Broke Out", None),
        # The first word of a subtitle after a colon is capitalised; parentheses are ignored.
        ("Deaths: more than 1,200 people (an estimate)", "Deaths: More than 1,200 People (an Estimate)", None),
    ],
)  # fmt: skip
def test_headline_style(title: str, mla: str, chicago: str | None) -> None:
    r = record("x", title, None, None)
    assert plain_text(citation.mla(r), None).startswith(f"“{mla}.”")
    assert plain_text(citation.chicago_bibliography(r), None).startswith(f"Karabakh Fact Desk. “{chicago or mla}.”")


def test_apa_keeps_the_title_as_written_but_capitalises_a_subtitle() -> None:
    # APA 6.17 sentence case: first word of title and subtitle, proper nouns as they are.
    r = record("x", "Deaths: more than 1,200 in Nagorno-Karabakh, says NATO", None, None)
    italic = [p.text for p in citation.apa(r) if isinstance(p, Segment) and p.italic]
    assert italic == ["Deaths: More than 1,200 in Nagorno-Karabakh, says NATO"]


@pytest.mark.parametrize(
    "title, mla, note",
    [
        # Only a sentence's closing period gives way to a comma; U.S. is an abbreviation.
        ("Talks with the U.S.", "“Talks with the U.S.”", "“Talks with the U.S.,”"),
        # A final ’ with no opening ‘ is an apostrophe: the period follows it.
        ("Shelling of the Armenians’", "“Shelling of the Armenians’.”", "“Shelling of the Armenians’,”"),
        # Straight single quotation marks, as in British headlines, close inside the title's marks.
        ("Aliyev vows fight 'to the end'", "“Aliyev Vows Fight 'to the End.'”", "“Aliyev Vows Fight 'to the End,'”"),
    ],
)
def test_period_and_comma_after_the_title(title: str, mla: str, note: str) -> None:
    r = record("x", title, None, None)
    assert plain_text(citation.mla(r), None).startswith(f"{mla} Karabakh Fact Desk,")
    assert plain_text(citation.chicago_note(r), None).startswith(f"{note} Karabakh Fact Desk,")


def test_a_record_without_a_usable_key_or_version_is_refused() -> None:
    with pytest.raises(ValueError, match="not a usable BibTeX key"):
        record("a b", "Title", None, None)
    with pytest.raises(ValueError, match="names the version"):
        CitationRecord("kfd-x", "Title", "https://example.org/x/", "Karabakh Fact Desk", None, None, " ")


# --- BibTeX and CSL-JSON read back by real parsers -----------------------------------------------


def _latex_to_text() -> LatexNodes2Text:
    """LaTeX's own meaning of the text commands the escaping uses (pylatexenc lacks two of them)."""
    db = get_default_latex_context_db()
    db.add_context_category(
        "text-symbols",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return LatexNodes2Text(latex_context=db)


@pytest.mark.parametrize("accessed", [ACCESSED, None])
@pytest.mark.parametrize("name", RECORDS)
def test_bibtex_parses_and_round_trips_title_and_url(name: str, accessed: dt.date | None) -> None:
    r = RECORDS[name]
    library = bibtexparser.parse_string(plain_text(citation.bibtex(r), accessed))
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    assert (entry.entry_type, entry.key) == ("misc", r.key)
    fields = {f.key: f.value for f in entry.fields}
    assert _latex_to_text().latex_to_text(fields["title"]) == citation._bare(citation._curly(r.title))
    assert _latex_to_text().latex_to_text(fields["author"]) == r.site_name
    assert urllib.parse.unquote(fields["url"]) == r.url  # verbatim: only unsafe characters percent-encoded
    assert fields["urldate"] == (accessed.isoformat() if accessed else "YYYY-MM-DD")
    assert ("year" in fields) == (r.date is not None)


@pytest.mark.parametrize(
    "url, expected",
    [
        # biblatex reads url verbatim, so an escaped \\% would become part of the address: % and # stay.
        ("https://example.org/a%20b/#top", "https://example.org/a%20b/#top"),
        # Non-ASCII, braces, backslashes and spaces are percent-encoded: the same address (RFC 3986, 3987).
        ("https://example.org/şuşa/{x}\\y z", "https://example.org/%C5%9Fu%C5%9Fa/%7Bx%7D%5Cy%20z"),
    ],
)
def test_bibtex_url_is_verbatim_but_safe(url: str, expected: str) -> None:
    entry = plain_text(citation.bibtex(record("x", "Title", None, None, url=url)), ACCESSED)
    assert bibtexparser.parse_string(entry).entries[0].fields_dict["url"].value == expected


@pytest.mark.parametrize("name", RECORDS)
def test_bibtex_braces_balance_the_way_bibtex_counts_them(name: str) -> None:
    entry = plain_text(citation.bibtex(RECORDS[name]), ACCESSED)
    depth = 0
    for c in entry:  # BibTeX ignores backslashes when matching braces
        depth += {"{": 1, "}": -1}.get(c, 0)
        assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize("accessed", [ACCESSED, None])
@pytest.mark.parametrize("name", RECORDS)
def test_csl_json_is_valid_against_the_csl_schema(name: str, accessed: dt.date | None) -> None:
    schema = json.loads((TESTS / "fixtures" / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads(csl_json_text(RECORDS[name], accessed))
    jsonschema.validate(items, schema)
    assert items[0]["type"] == "webpage" and items[0]["author"] == [{"literal": "Karabakh Fact Desk"}]
    assert ("accessed" in items[0]) == (accessed is not None)


# --- cite.js writes the same dates ----------------------------------------------------------------


def node(script: str) -> str:
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("node is missing: run `make browser-tools` (bash tests/browser/install-tools.sh)", pytrace=False)
    done = subprocess.run([executable, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


DAYS = [dt.date(2026, month, day) for month in range(1, 13) for day in (1, 9, 10)] + [dt.date(2028, 2, 29)]


def test_cite_js_writes_each_style_s_access_date_as_python_does() -> None:
    templates = {style: date["template"] for style, date in ACCESS_DATES.items()}
    script = f"""
        const cite = require({json.dumps(str(CITE_JS))});
        const templates = {json.dumps(templates)};
        const days = {json.dumps([[d.year, d.month, d.day] for d in DAYS])};
        const out = days.map(([y, m, d]) => Object.fromEntries(Object.entries(templates).map(
            ([style, t]) => [style, cite.fillAccessDate(t, new Date(y, m - 1, d))])));
        console.log(JSON.stringify({{out, mla: cite.MLA_MONTHS}}));
    """
    result = json.loads(node(script))
    assert result["mla"] == list(MLA_MONTHS)
    assert result["out"] == [{style: access_date_text(style, d) for style in ACCESS_DATES} for d in DAYS]


def test_cite_js_fills_every_placeholder_with_the_day_given() -> None:
    page = html(citation.apa(RECORDS["plain"]), None) + html(citation.chicago_note(RECORDS["plain"]), None)
    templates = re.findall(r'data-access-date="([^"]*)"', page)
    script = f"""
        const cite = require({json.dumps(str(CITE_JS))});
        const elements = {json.dumps(templates)}.map(t => ({{
            getAttribute: name => name === "data-access-date" ? t : null, textContent: "placeholder"}}));
        cite.fillAccessDates({{querySelectorAll: selector => elements}}, new Date(2026, 11, 5));
        console.log(JSON.stringify(elements.map(e => e.textContent)));
    """
    assert json.loads(node(script)) == ["Retrieved December 5, 2026, from", "accessed December 5, 2026,"]


def test_golden_files_are_only_those_of_the_records() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(RECORDS)
