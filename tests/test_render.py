"""Pages rendered from the fixture facts, compared with reviewed golden files.

After a deliberate change to a template, run ``make golden`` and review the diff.
"""

from __future__ import annotations

import pytest

from generator.render import Footnotes, render_site
from generator.resolve import load_facts
from generator.text import escape_markdown

from .conftest import FIXTURE_FACTS, TESTS

GOLDEN = TESTS / "golden"
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
    "dates/index.md",
    "people/index.md",
    "claims/index.md",
    "figures/index.md",
    "discrepancies/index.md",
    "index.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    base, errors = load_facts(FIXTURE_FACTS)
    assert errors == []
    return render_site(base)


@pytest.mark.parametrize("page", ONE_PAGE_OF_EACH_KIND)
def test_page_matches_golden(pages: dict[str, str], page: str, update_golden: bool) -> None:
    golden = GOLDEN / page.replace("/", "__")
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_fact_and_day_has_a_page(pages: dict[str, str]) -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    expected = {f"{f.folder}/{f.id}.md" for f in base.facts.values()} | {f"dates/{d}.md" for d in base.days}
    assert expected <= set(pages)


def test_every_entity_page_cites_a_source(pages: dict[str, str]) -> None:
    for path, markdown in pages.items():
        if not path.endswith(".md") or path.endswith("index.md") or path.startswith(("sources/", "outlets/")):
            continue
        assert "[^1]: " in markdown or "](../sources/" in markdown, f"{path} cites nothing"


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[link](javascript:x)", "\\[link\\](javascript:x)"),
        ("*not emphasis* and _this_", "\\*not emphasis\\* and \\_this\\_"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("a | b", "a \\| b"),
        ("{: .injected}", "\\{: .injected\\}"),
        ("line\nbreak", "line break"),
    ],
)
def test_fact_text_is_escaped(raw: str, shown: str) -> None:
    assert escape_markdown(raw) == shown


def test_footnotes_number_each_excerpt_once() -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    notes = Footnotes(base)
    figure = base.facts["example-deaths"].sources[0]
    role = base.facts["example-minister"].roles[0].sources[0]
    assert notes.cite(figure) == "[^1]"
    assert notes.cite([role, figure]) == "[^2][^1]"
    assert [(number, source.id) for number, source, _ in notes] == [
        (1, "example-2020-11-01-report"),
        (2, "example-2020-11-01-report"),
    ]
