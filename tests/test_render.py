"""Pages rendered from the fixture facts, compared with reviewed golden files; fact text stays text.

After a deliberate change to a template or view, run ``make golden`` and review the diff.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from generator import markup
from generator.publish import site_files, site_info
from generator.resolve import load_facts
from generator.views.core import Context, Notes

from .conftest import FIXTURE_FACTS, REPO, TESTS

GOLDEN = TESTS / "golden"
SITE_URL = "https://facts.example/desk/"
ONE_PAGE_OF_EACH_KIND = [
    "people/example-minister.md",
    "organisations/example-agency.md",
    "places/example-city.md",
    "outlets/example-news.md",
    "sources/example-2020-11-01-report.md",
    "claims/example-all-is-well.md",
    "events/2020-11-01-example-remarks.md",
    "figures/example-deaths.md",
    "dates/2020-11-01.md",
    "dates/2020-11.md",
    "dates/index.md",
    "people/index.md",
    "claims/index.md",
    "figures/index.md",
    "figures/compared.md",
    "discrepancies/index.md",
    "verdicts/index.md",
    "index.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str | bytes]:
    base, errors = load_facts(FIXTURE_FACTS)
    assert errors == []
    return site_files(base, site_info(base, site_url=SITE_URL))


@pytest.mark.parametrize("page", ONE_PAGE_OF_EACH_KIND)
def test_page_matches_golden(pages: dict[str, str | bytes], page: str, update_golden: bool) -> None:
    golden = GOLDEN / page.replace("/", "__")
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")  # type: ignore[arg-type]
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_fact_and_day_has_a_page(pages: dict[str, str | bytes]) -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    expected = {f"{f.folder}/{f.id}.md" for f in base.facts.values()} | {f"dates/{d}.md" for d in base.days}
    assert expected <= set(pages)


def test_every_fact_page_cites_a_source(pages: dict[str, str | bytes]) -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    for fact in base.facts.values():
        if fact.kind in ("source", "outlet"):
            continue
        text = pages[f"{fact.folder}/{fact.id}.md"]
        assert '<li id="fn:1">' in text, f"{fact.folder}/{fact.id}.md cites nothing"  # type: ignore[operator]


def _markdown() -> markdown.Markdown:
    """Python-Markdown with the site's own extensions, as MkDocs configures them."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text += data


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[link](javascript:alert(1))",
    "![image](x.png)",
    "*not emphasis* and _this_ and **that** and `code`",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "+ not a list",
    "a | b | c",
    "{: .injected onclick=alert(1) }",
    '!!! danger "not an admonition"',
    '??? note "not a details block"',
    '=== "not a tab"',
    "--- not a rule",
    "> not a quote",
    "[^1]: not a footnote",
    "a [^1] reference",
    "```\nnot a fence\n```",
    "~~~ not a fence",
    "&lt;already an entity&gt; &amp; an ampersand",
    "line\nbreak\n\n!!! danger",
    "$\\foo$ and :smile: and ==mark== and ^^ins^^ and ~~del~~",
    "<!-- not a comment -->",
    "\\*backslash\\* \\\\",
]
"""Text a fact file may hold that Markdown, its extensions or HTML would read as structure."""

CONTEXTS = [
    "<p>{}</p>",
    "<table>\n<tbody>\n<tr><td>{}</td></tr>\n</tbody>\n</table>",
    '<blockquote>\n<p>“<span lang="id">{}</span>”</p>\n</blockquote>',
    "<ul>\n<li><strong>Label:</strong> {}</li>\n</ul>",
    "{}",
    "- {}",
    "| head | other |\n| --- | --- |\n| {} | x |",
    "## {}",
    '!!! note "title"\n\n    {}',
    "text[^1]\n\n[^1]: {}",
    "[{}](https://example.org/)",
]
"""Places a template puts fact text: HTML blocks (a paragraph, a table cell, a quotation, a list item), as
generated pages hold most of it, and Markdown (a paragraph, a list item, a table cell, a heading, an
admonition, a footnote, link text), as headings and hand-written pages do."""


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("context", CONTEXTS)
def test_fact_text_stays_text_in_every_context(payload: str, context: str) -> None:
    html = _markdown().convert(context.format(markup.text(payload)))
    parsed = _Elements()
    parsed.feed(html)
    allowed = {"p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "h2", "div", "sup", "a", "hr", "ol"}
    allowed |= {"blockquote", "span", "strong"}  # the HTML contexts' own elements
    assert set(parsed.tags) <= allowed, html
    assert " ".join(payload.split()) in " ".join(parsed.text.split()), html
    for name, value in parsed.attributes:
        assert not name.startswith("on"), html
        assert not (value or "").lower().startswith("javascript"), html


def test_urls_are_http_only() -> None:
    assert markup.url("https://example.org/a?x=(1)&y='z'") == "https://example.org/a?x=%281%29&y=%27z%27"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example/", "/relative"):
        with pytest.raises(ValueError):
            markup.url(bad)


def test_script_json_cannot_close_its_element() -> None:
    encoded = str(markup.script_json({"x": "</script><!-- \u2028"}))
    assert "<" not in encoded and ">" not in encoded and "\u2028" not in encoded


def test_footnotes_number_each_excerpt_once() -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    context = Context(base, site_info(base, site_url=SITE_URL))
    notes = Notes(context)
    figure = base.facts["example-deaths"].sources[0]  # type: ignore[attr-defined]
    role = base.facts["example-minister"].roles[0].sources[0]  # type: ignore[attr-defined]
    assert notes.cite(figure) == (1,)
    assert notes.cite([role, figure]) == (2, 1)
    assert [(n.number, n.record.target) for n in notes.freeze()] == [
        (1, "sources/example-2020-11-01-report.md"),
        (2, "sources/example-2020-11-01-report.md"),
    ]


def test_only_verified_quotations_can_be_quoted() -> None:
    from generator.render import make_environment

    env = make_environment()
    template = env.from_string("{{ value | quoted }}")
    with pytest.raises(TypeError):
        template.render(value="words never checked against a source", page=None)


def test_no_template_writes_quotation_marks_around_a_value() -> None:
    """Quotation marks come only from the ``quoted`` filter, never from a template's own text."""
    for path in (REPO / "generator" / "templates").glob("*.j2"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"[“”„«»]\s*\{\{|\}\}\s*[“”„«»]", source), path.name


def test_a_comparison_of_many_figures_is_cut_across_pages_of_bounded_size(tmp_path) -> None:
    # A hundred outlets repeating one toll must not make one page that grows with them.
    import shutil

    from generator.views.figures import ROWS_PER_PAGE

    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE_FACTS, facts)
    figure = (facts / "figures" / "example-deaths-followup.yaml").read_text(encoding="utf-8")
    copies = 2 * ROWS_PER_PAGE + 5
    for n in range(copies):
        (facts / "figures" / f"example-deaths-copy-{n}.yaml").write_text(figure, encoding="utf-8")
    base, errors = load_facts(facts)
    assert errors == []
    compared = {
        path: page
        for path, page in site_files(base, site_info(base, site_url=SITE_URL)).items()
        if re.fullmatch(r"figures/compared(-\d+)?\.md", path)
    }
    assert len(compared) >= 3
    rows = {path: re.findall(r'<tr><td>.*?href="[^"]*figures/([\w-]+)/"', page) for path, page in compared.items()}
    assert all(len(found) <= ROWS_PER_PAGE for found in rows.values()), {p: len(r) for p, r in rows.items()}
    shown = [figure_id for found in rows.values() for figure_id in found]
    assert sorted(f for f in shown if "-copy-" in f) == sorted(f"example-deaths-copy-{n}" for n in range(copies))
    assert any("(continued, part 2 of 3)" in page for page in compared.values())


def _copied(tmp_path, fact: str, copies: int):
    """The shipped facts with ``copies`` more copies of one fact file (as if that many outlets reported it)."""
    import shutil

    facts = tmp_path / "facts"
    shutil.copytree(REPO / "facts", facts)
    original = facts / fact
    for n in range(copies):
        original.with_name(f"{original.stem}-copy-{n}.yaml").write_text(
            original.read_text(encoding="utf-8"), encoding="utf-8"
        )
    base, errors = load_facts(facts)
    assert errors == []
    return site_files(base, site_info(base, site_url=SITE_URL))


def test_a_disagreement_of_many_figures_continues_on_further_pages(tmp_path) -> None:
    from generator.views.register import ROWS_PER_PAGE

    pages = _copied(tmp_path, "figures/kompas-2020-11-10-shusha-stepanakert-distance.yaml", 2 * ROWS_PER_PAGE)
    entry = {
        path: page
        for path, page in pages.items()
        if re.fullmatch(r"discrepancies/values-distance-shusha-stepanakert(-\d+)?\.md", path)
    }
    assert len(entry) == 3
    rows = {path: re.findall(r'<tr><td>.*?href="[^"]*figures/([\w-]+)/"', page) for path, page in entry.items()}
    assert all(0 < len(found) <= ROWS_PER_PAGE for found in rows.values())
    shown = sorted(f for found in rows.values() for f in found)
    assert len(shown) == len(set(shown)) == 2 * ROWS_PER_PAGE + 2  # every figure once, the two originals too
    assert "Involves" in entry["discrepancies/values-distance-shusha-stepanakert.md"]
    assert "(page 3 of 3)" in entry["discrepancies/values-distance-shusha-stepanakert-3.md"]
    # Each figure's page says why they cannot all be true once per pair of values, not once per pair of figures.
    why = re.search(r"no number satisfies ([^.]*)\.", pages["figures/kompas-2020-11-10-shusha-stepanakert-distance.md"])
    assert why and why[1] in ("10 km and 15 km", "15 km and 10 km")


def test_a_day_of_claims_cited_by_many_outlets_is_split_into_small_pages(tmp_path) -> None:
    from generator.views.core import PAGE_SIZE
    from generator.views.listings import PAGE_WEIGHT

    pages = _copied(tmp_path, "claims/aliyev-will-go-to-the-end-if-talks-fail.yaml", 60)
    day = {path: page for path, page in pages.items() if re.fullmatch(r"dates/2020-11-01(-\d+)?\.md", path)}
    claims = []
    for page in day.values():
        lines = re.findall(r"^<li>.*$", page, flags=re.M)
        notes = re.findall(r'<li id="fn:', page)
        assert len(lines) - len(notes) <= PAGE_SIZE
        assert len(lines) - len(notes) + 3 * len(notes) <= PAGE_WEIGHT
        claims += re.findall(r'href="[^"]*claims/(aliyev-will-go-to-the-end-if-talks-fail[\w-]*)/"', page)
    assert len(day) > 2
    assert sorted(claims) == sorted({*claims}) and len(claims) == 61  # each claim once, on one of the pages
