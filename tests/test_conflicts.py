"""Disagreements between sources are found from the facts, and figures are charted faithfully."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.chart import figures_chart
from generator.conflicts import find_discrepancies, involvement
from generator.figures import derived_sums, figure_rows
from generator.model import Figure
from generator.resolve import load_facts

from .conftest import FIXTURE_FACTS


def test_fixture_discrepancies_are_found() -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    assert [(e.type, e.anchor) for e in find_discrepancies(base)] == [
        ("values", "values-deaths-total-2020-11-01"),
        ("headline", "headline-example-2020-11-02-followup-example-all-is-well"),
        ("names", "names-example-agency"),
    ]


def test_register_entries_are_linked_from_every_fact_involved() -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    linked = involvement(find_discrepancies(base))
    assert [e.anchor for e in linked["example-deaths"]] == ["values-deaths-total-2020-11-01"]
    assert [e.anchor for e in linked["example-2020-11-02-followup"]] == [
        "values-deaths-total-2020-11-01",
        "headline-example-2020-11-02-followup-example-all-is-well",
    ]


def test_same_value_from_two_articles_is_one_row(tmp_path) -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    first = base.facts["example-deaths"]
    twin = first.model_copy(update={"sources": base.facts["example-deaths-followup"].sources})
    twin._id = "twin"
    assert [[f.id for f in row] for row in figure_rows([first, twin])] == [["example-deaths", "twin"]]
    different = base.facts["example-deaths-followup"]
    assert len(figure_rows([first, different])) == 2


def test_derived_sums_add_one_sides_military_and_civilian_deaths_beside_the_reported_totals(facts) -> None:
    for name, category, value, source in [
        ("soldiers", "military", 1200, "example-2020-11-01-report"),
        ("civilians", "civilian", 1300, "example-2020-11-02-followup"),
    ]:
        written = f"{value:,}".replace(",", ".")  # 1.200, as the Indonesian fixture texts write it
        (facts / f"figures/{name}.yaml").write_text(
            f"measure: deaths\ncategory: {category}\nside: armenia\nsubject: {name}\nqualifier: exact\n"
            f'value: {value}\nas_given: "{written}"\nunit: people\nas_of: 2020-11-01\nsources:\n'
            f"  - source: {source}\n    excerpt: lebih dari {written}\n",
            encoding="utf-8",
        )
    base, errors = load_facts(facts)
    assert errors == []
    [derived] = derived_sums(base)
    assert (derived.side, derived.total, [f.id for f in derived.parts]) == ("armenia", 2500, ["soldiers", "civilians"])
    assert [f.id for f in derived.reported_totals] == ["example-deaths", "example-deaths-followup"]
    assert {f.id for f in base.of_kind("figure")} >= {"soldiers", "civilians"}, "no figure is replaced by the sum"


def _figure(value: float, qualifier: str = "exact", day: str = "2020-11-01", high: float | None = None) -> Figure:
    return Figure.model_validate(
        {
            "measure": "deaths",
            "category": "total",
            "subject": "s",
            "qualifier": qualifier,
            "value": value,
            "value_high": high,
            "as_given": str(value),
            "unit": "people",
            "as_of": day,
            "sources": [{"source": "x", "excerpt": "y"}],
        }
    )


def test_chart_is_valid_svg_with_every_plotted_value() -> None:
    rows = [
        (_figure(1200, "more-than"), "Agency A"),
        (_figure(5000, "up-to", "2020-11-02"), "Russia"),
        (_figure(1000, "range", "2020-11-03", high=2000), "Agency B"),
    ]
    svg = figures_chart("Total deaths", rows)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for label in (
        "more than 1,200 people (Agency A)",
        "as many as 5,000 people (Russia)",
        "1,000 to 2,000 people (Agency B)",
        "Total deaths",
    ):
        assert label in texts
    assert figures_chart("Total deaths", rows) == svg, "two renderings of one chart must be byte-identical"
