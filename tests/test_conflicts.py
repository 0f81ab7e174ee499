"""Disagreements between sources are found from the facts, and figures are charted faithfully."""

from __future__ import annotations

import re

from pathlib import Path

import yaml

from generator.conflicts import compare_figures, find_discrepancies, involvement
from generator.figures import derived_sums, figure_rows
from generator.model import Figure
from generator.publish import site_files, site_info
from generator.resolve import load_facts

from .conftest import FIXTURE_FACTS


def test_fixture_discrepancies_are_found() -> None:
    base, _ = load_facts(FIXTURE_FACTS)
    assert [(e.type, e.anchor) for e in find_discrepancies(base)] == [
        ("headline", "headline-example-2020-11-02-followup-example-all-is-well"),
        ("names", "names-example-agency"),
    ]


def test_register_entries_are_linked_from_every_fact_involved(facts) -> None:
    add_figure(facts, "low", qualifier="up-to", value=900, quantity="deaths-total")
    base, errors = load_facts(facts)
    assert errors == []
    linked = involvement(find_discrepancies(base))
    assert [e.anchor for e in linked["example-deaths"]] == ["values-deaths-total-2020-11-01"]
    assert [e.anchor for e in linked["example-2020-11-02-followup"]] == [
        "values-deaths-total-2020-11-01",
        "headline-example-2020-11-02-followup-example-all-is-well",
    ]


def add_figure(root: Path, name: str, **fields: object) -> None:
    """A figure citing the fixture report; by default an exact death toll of both sides on 1 November."""
    data = {
        "measure": "deaths",
        "category": "total",
        "side": "both",
        "subject": name,
        "qualifier": "exact",
        "as_given": "tewas",
        "unit": "people",
        "as_of": "2020-11-01",
        **fields,
        "sources": [{"source": "example-2020-11-01-report", "excerpt": "orang tewas", "translation": "people killed"}],
    }
    (root / f"figures/{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def comparisons(root: Path) -> list[tuple[str, str, list[str], str]]:
    """``(anchor, verdict, figure ids, common range)`` of every comparison in the tree."""
    base, errors = load_facts(root)
    assert errors == []
    return [(c.anchor, c.verdict, [f.id for f in c.figures], c.common_text) for c in compare_figures(base)]


def test_figures_that_can_all_be_true_are_compatible_not_a_discrepancy(facts) -> None:
    add_figure(facts, "russia", qualifier="up-to", value=5000, quantity="deaths-total")
    assert comparisons(facts) == [
        (
            "values-deaths-total-2020-11-01",
            "compatible",
            ["example-deaths", "example-deaths-followup", "russia"],
            "between 1,301 and 5,000 people",
        )
    ]
    base, _ = load_facts(facts)
    assert [e.type for e in find_discrepancies(base)] == ["headline", "names"]


def test_figures_that_cannot_all_be_true_are_registered_with_the_pairs_that_clash(facts) -> None:
    add_figure(facts, "low", qualifier="up-to", value=1250, quantity="deaths-total")
    base, _ = load_facts(facts)
    [comparison] = compare_figures(base)
    assert comparison.verdict == "contradicting" and comparison.common is None
    assert [(a.id, b.id) for a, b in comparison.contradicting] == [("example-deaths-followup", "low")]
    [entry] = [e for e in find_discrepancies(base) if e.type == "values"]
    assert entry.involves == ["example-deaths", "example-deaths-followup", "low"]
    assert entry.title == (
        "low as of 1 November 2020: more than 1,200 people; more than 1,300 people; as many as 1,250 people"
    )


def test_the_register_page_sets_contradicting_figures_side_by_side(facts) -> None:
    add_figure(facts, "low", qualifier="up-to", value=900, quantity="deaths-total")
    base, _ = load_facts(facts)
    files = site_files(base, site_info(base, site_url="https://facts.example/"))
    listing = files["discrepancies/type-values.md"]
    assert "## Different values for the same quantity" in listing
    assert 'href="../../discrepancies/values-deaths-total-2020-11-01/"' in listing
    page = files["discrepancies/values-deaths-total-2020-11-01.md"]
    for figure, value in [("low", "as many as 900 people"), ("example-deaths", "more than 1,200 people")]:
        assert re.search(rf'<td><a href="\.\./\.\./figures/{figure}/">[^<]+</a></td><td>{value}</td>', page), figure


def test_the_same_range_twice_is_identical(facts) -> None:
    add_figure(facts, "again", qualifier="more-than", value=1300, quantity="deaths-total", as_of="2020-11-02")
    add_figure(facts, "again-too", qualifier="more-than", value=1300, quantity="deaths-total", as_of="2020-11-02")
    assert (
        "values-deaths-total-2020-11-02",
        "identical",
        ["again", "again-too"],
        "more than 1,300 people",
    ) in comparisons(facts)


def test_without_a_quantity_figures_of_the_same_measure_category_side_unit_start_and_day_are_compared(facts) -> None:
    for name, value in [("a", 45), ("b", 50)]:
        add_figure(facts, name, category="civilian", side="nagorno-karabakh", value=value, since="2020-09-27")
    add_figure(facts, "other-side", category="civilian", side="azerbaijan", value=91, since="2020-09-27")
    add_figure(facts, "other-start", category="civilian", side="nagorno-karabakh", value=2)
    add_figure(
        facts, "other-unit", category="civilian", side="nagorno-karabakh", value=2, unit="villages", since="2020-09-27"
    )
    add_figure(
        facts,
        "other-day",
        category="civilian",
        side="nagorno-karabakh",
        value=2,
        as_of="2020-11-02",
        since="2020-09-27",
    )
    assert comparisons(facts)[0] == (
        "values-deaths-civilian-nagorno-karabakh-people-since-2020-09-27-2020-11-01",
        "contradicting",
        ["a", "b"],
        "",
    )
    assert len(comparisons(facts)) == 2, "the fixture's own pair is the other comparison"


def test_a_bound_is_compared_only_with_bounds_of_the_same_day(facts) -> None:
    bound = {"date": "2020-11-01", "no_later_than": True, "inferred": "Reported undated on 1 November."}
    add_figure(facts, "undated-a", value=900, quantity="deaths-total", as_of=bound)
    add_figure(facts, "undated-b", value=950, quantity="deaths-total", as_of=bound)
    base, _ = load_facts(facts)
    found = {c.anchor: c for c in compare_figures(base)}
    assert [f.id for f in found["values-deaths-total-by-2020-11-01"].figures] == ["undated-a", "undated-b"]
    assert found["values-deaths-total-by-2020-11-01"].when == " as of no later than 1 November 2020"
    assert found["values-deaths-total-2020-11-01"].verdict == "compatible", "900 is not set against 'more than 1,200'"


def test_distances_are_compared_whatever_the_day(facts) -> None:
    for name, value, day in [("near", 10, "2020-11-09"), ("far", 15, "2020-11-01")]:
        add_figure(
            facts,
            name,
            measure="distance",
            category="unspecified",
            side=None,
            value=value,
            unit="km",
            quantity="distance-a-b",
            as_of=day,
        )
    assert ("values-distance-a-b", "contradicting", ["far", "near"], "") in comparisons(facts)


def test_ordinals_and_undisclosed_figures_are_not_compared_as_amounts(facts) -> None:
    add_figure(
        facts,
        "sixth",
        measure="duration",
        category="unspecified",
        side=None,
        value=6,
        unit="weeks",
        value_kind="ordinal",
    )
    add_figure(facts, "five-weeks", measure="duration", category="unspecified", side=None, value=5, unit="weeks")
    add_figure(facts, "hidden", qualifier="not-disclosed", quantity="deaths-total")
    assert comparisons(facts) == [
        (
            "values-deaths-total-2020-11-01",
            "compatible",
            ["example-deaths", "example-deaths-followup"],
            "more than 1,300 people",
        )
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
            f"  - source: {source}\n    excerpt: lebih dari {written}\n    translation: more than {value:,}\n",
            encoding="utf-8",
        )
    base, errors = load_facts(facts)
    assert errors == []
    [derived] = derived_sums(base)
    assert (derived.side, derived.total, [f.id for f in derived.parts]) == ("armenia", 2500, ["soldiers", "civilians"])
    assert [f.id for f in derived.reported_totals] == ["example-deaths", "example-deaths-followup"]
    assert {f.id for f in base.of_kind("figure")} >= {"soldiers", "civilians"}, "no figure is replaced by the sum"


def test_derived_sums_leave_out_ordinals_and_undisclosed_figures(facts) -> None:
    add_figure(facts, "soldiers", category="military", side="armenia", value=1000)
    add_figure(facts, "civilians", category="civilian", side="armenia", value=200)
    add_figure(facts, "second-soldier", category="military", side="armenia", value=2, value_kind="ordinal")
    add_figure(facts, "hidden-total", qualifier="not-disclosed")
    add_figure(facts, "ordinal-total", value=3, value_kind="ordinal")
    base, errors = load_facts(facts)
    # `check` refuses an ordinal death toll; the sums leave it out all the same.
    assert {(e.code, e.path.rsplit("/", 1)[-1]) for e in errors} == {
        ("ordinal-in-arithmetic", "second-soldier.yaml"),
        ("ordinal-in-arithmetic", "ordinal-total.yaml"),
    }
    [derived] = derived_sums(base)
    assert (derived.total, [f.id for f in derived.parts]) == (1200, ["soldiers", "civilians"])
    assert [f.id for f in derived.reported_totals] == ["example-deaths", "example-deaths-followup"]


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


def test_derived_sums_leave_out_counts_dated_only_as_bounds(facts) -> None:
    add_figure(facts, "soldiers", category="military", side="armenia", value=1000)
    add_figure(
        facts,
        "civilians",
        category="civilian",
        side="armenia",
        value=200,
        as_of={"date": "2020-11-01", "no_later_than": True, "inferred": "Reported undated on 1 November."},
    )
    base, errors = load_facts(facts)
    assert errors == []
    assert derived_sums(base) == [], "a count of some earlier day is not added to one of this day"
