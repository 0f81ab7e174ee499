"""Each curation rule reports its breach at the exact place, with its own code, and accepts what complies."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.resolve import load_facts
from generator.rules import check_curation

from .test_check import CLAIM, FIGURE, SOURCE, replace

FOLLOWUP = "figures/example-deaths-followup.yaml"
CURATION_CODES = {
    "missing-translation", "undated-statement", "ordinal-in-arithmetic", "unknown-inference",
    "inference-without-reasoning", "headline-form", "contradiction-overlaps", "unknown-curator", "quantity-mismatch",
}  # fmt: skip
DATASET = "dataset.yaml"
AS_OF = "as_of: 2020-11-01\n"


def breaches(root: Path) -> list[tuple[str, str, int, int]]:
    """``(code, file relative to root, line, col)`` for every breach of a curation rule, as ``check`` reports it."""
    base, errors = load_facts(root)
    assert [e for e in errors if e.code not in CURATION_CODES] == [], "the tree must otherwise load cleanly"
    assert sorted(errors) == check_curation(base), "load_facts reports the curation rules"
    return [
        (e.code, Path(os.path.abspath(e.path)).relative_to(os.path.abspath(root)).as_posix(), e.line, e.col)
        for e in errors
    ]


def as_of(reasoning: str, *extra: str) -> str:
    return "as_of:\n  date: 2020-11-01\n  inferred: '" + reasoning.replace("'", "''") + "'\n" + "".join(extra)


def discrepancy(root: Path, involves: str) -> None:
    (root / "discrepancies").mkdir(exist_ok=True)
    (root / "discrepancies/deaths-differ.yaml").write_text(
        "type: values\nsummary: The tolls differ.\nexplanation: One article gives more than the other.\n"
        f"involves: [{involves}]\nsources:\n  - source: example-2020-11-01-report\n"
        "    excerpt: lebih dari 1.200 orang tewas\n    translation: more than 1,200 people killed\n",
        encoding="utf-8",
    )


def figure(root: Path, name: str, fields: str) -> None:
    (root / f"figures/{name}.yaml").write_text(
        "category: total\nside: both\nsubject: People killed\nas_given: tewas\nunit: people\nas_of: 2020-11-01\n"
        + fields
        + "sources:\n  - source: example-2020-11-01-report\n    excerpt: orang tewas\n    translation: people killed\n",
        encoding="utf-8",
    )


def english_source(root: Path) -> None:
    text = b"In the city of Example, the minister spoke.\n"
    (root / "sources/example-wire.txt").write_bytes(text)
    (root / "sources/example-wire.yaml").write_text(
        "outlet: example-news\nurl: https://news.example/wire\nheadline: In the city of Example\nlanguage: en\n"
        f"text:\n  file: example-wire.txt\n  sha256: {hashlib.sha256(text).hexdigest()}\n",
        encoding="utf-8",
    )


def edit_stored_text(root: Path, old: str, new: str) -> None:
    """Edit the report's stored text, and its recorded checksum with it."""
    text_path = root / "sources/example-2020-11-01-report.txt"
    before = text_path.read_bytes()
    after = before.replace(old.encode(), new.encode(), 1)
    assert after != before, f"the stored text no longer contains {old!r}"
    text_path.write_bytes(after)
    replace(root, SOURCE, hashlib.sha256(before).hexdigest(), hashlib.sha256(after).hexdigest())


def test_fixture_tree_follows_every_rule(facts: Path) -> None:
    assert breaches(facts) == []


CASES = [
    # (what the curator did, how to do it to the tree, the expected breaches)
    (
        "an Indonesian excerpt without translation",
        lambda r: replace(r, FIGURE, "    translation: more than 1,200 people killed\n", ""),
        [("missing-translation", FIGURE, 14, 14)],
    ),
    (
        "an Indonesian name variant without translation",
        lambda r: replace(r, "places/example-city.yaml", "        translation: in the city of Contoh\n", ""),
        [("missing-translation", "places/example-city.yaml", 8, 18)],
    ),
    (
        "the report's publication date inferred as the day of the count",
        lambda r: replace(r, FIGURE, AS_OF, as_of("Reported on 1 November 2020 without a date.")),
        [("undated-statement", FIGURE, 12, 9)],
    ),
    (
        "a claim dated by its report, quoting no words of the source for the day",
        lambda r: replace(r, CLAIM, 'says "pada hari Minggu", and', "was published on Sunday, and"),
        [("undated-statement", CLAIM, 3, 9)],
    ),
    (
        "a claim dated by quoted words that name another day",
        lambda r: (
            replace(r, CLAIM, "  date: 2020-11-01", "  date: 2020-11-02")
            or replace(r, "sources/example-2020-11-01-report.yaml", "  date: 2020-11-01", "  date: 2020-11-02")
        ),
        [("undated-statement", CLAIM, 3, 9)],
    ),
    (
        "an ordinal sharing the quantity of amounts",
        lambda r: replace(r, FIGURE, "unit: people\n", "unit: people\nvalue_kind: ordinal\n"),
        [("ordinal-in-arithmetic", FIGURE, 9, 13), ("ordinal-in-arithmetic", FIGURE, 10, 11)],
    ),
    (
        "an ordinal count of the captured",
        lambda r: figure(r, "second-captured", "measure: captured\nqualifier: exact\nvalue: 2\nvalue_kind: ordinal\n"),
        [("ordinal-in-arithmetic", "figures/second-captured.yaml", 10, 13)],
    ),
    (
        "reasoning for a field the fact does not have",
        lambda r: replace(r, CLAIM, "summary:", "inferences:\n  setting.palce: Said in the city.\nsummary:"),
        [("unknown-inference", CLAIM, 11, 3)],
    ),
    (
        "reasoning for a rendering that does not exist",
        lambda r: replace(r, CLAIM, "summary:", "inferences:\n  renderings[2].form: A guess.\nsummary:"),
        [("unknown-inference", CLAIM, 11, 3)],
    ),
    (
        "reasoning for a date outside the date",
        lambda r: replace(r, CLAIM, "summary:", "inferences:\n  date: A guess.\nsummary:"),
        [("unknown-inference", CLAIM, 11, 3)],
    ),
    (
        "reasoning for a field about the record, not taken from the sources",
        lambda r: replace(r, CLAIM, "summary:", "inferences:\n  corrections: A guess.\nsummary:"),
        [("unknown-inference", CLAIM, 11, 3)],
    ),
    (
        "a bound without reasoning",
        lambda r: replace(r, FIGURE, AS_OF, "as_of:\n  date: 2020-11-01\n  no_later_than: true\n"),
        [("inference-without-reasoning", FIGURE, 13, 18)],
    ),
    (
        "the headline rendered as a paraphrase",
        lambda r: replace(r, CLAIM, "    form: headline", "    form: paraphrase"),
        [("headline-form", CLAIM, 22, 11)],
    ),
    (
        "a sentence of the text given as the headline",
        lambda r: replace(r, CLAIM, "    form: direct-quote", "    form: headline"),
        [("headline-form", CLAIM, 14, 14)],
    ),
    (
        "a values discrepancy between figures that can both be true",
        lambda r: discrepancy(r, "example-deaths, example-deaths-followup"),
        [("contradiction-overlaps", "discrepancies/deaths-differ.yaml", 1, 7)],
    ),
    (
        "a review by someone who is no curator",
        lambda r: replace(r, FIGURE, AS_OF, AS_OF + "reviewed_by: jane-doe\n"),
        [("unknown-curator", FIGURE, 12, 14)],
    ),
    (
        "figures of one quantity in different units",
        lambda r: replace(r, FOLLOWUP, "unit: people", "unit: soldiers"),
        [("quantity-mismatch", FOLLOWUP, 8, 7)],
    ),
]

EXERCISED = {code for _, _, expected in CASES for code, *_ in expected}
"""The curation codes these cases exercise (tests/test_check.py counts them as covered)."""


@pytest.mark.parametrize("what, breakage, expected", CASES, ids=[c[0] for c in CASES])
def test_each_breach_is_reported_at_its_place(facts: Path, what: str, breakage, expected) -> None:
    breakage(facts)
    assert breaches(facts) == expected


COMPLYING = [
    (
        "an English source needs no translation",
        lambda r: (
            english_source(r)
            or replace(
                r,
                "places/example-city.yaml",
                "names:\n",
                "names:\n  - name: Example\n    sources:\n"
                "      - source: example-wire\n        excerpt: In the city of Example\n",
            )
        ),
    ),
    (
        "a count reported undated, dated as a bound",
        lambda r: replace(
            r, FIGURE, AS_OF, as_of("Reported on 1 November 2020 without a date.", "  no_later_than: true\n")
        ),
    ),
    (
        "a date quoting the source's words for that day",
        lambda r: replace(r, FIGURE, AS_OF, as_of('The report of Sunday 1 November says "pada hari Minggu".')),
    ),
    (
        "a date quoting the source's words for that day in curly quotation marks",
        lambda r: replace(r, FIGURE, AS_OF, as_of("The report of Sunday 1 November says “pada hari Minggu”.")),
    ),
    (
        "a date quoting the source's words that give the day and month",
        lambda r: (
            edit_stored_text(r, "orang tewas.", "orang tewas hingga 1 November.")
            or replace(r, FIGURE, AS_OF, as_of('The report says "tewas hingga 1 November".'))
        ),
    ),
    (
        "an outlet's own statement, dated by its publication",
        lambda r: replace(
            r,
            CLAIM,
            "claimant: example-minister\ndate:\n  date: 2020-11-01\n",
            "claimant: example-news\ndate:\n  date: 2020-11-01\n",
        ),
    ),
    (
        "reasoning for a field left empty: no claimant, because the text names none",
        lambda r: replace(r, FIGURE, "claimant: example-agency\n", "inferences:\n  claimant: The text names no one.\n"),
    ),
    (
        "an ordinal of its own quantity",
        lambda r: figure(
            r, "week", "measure: duration\nqualifier: exact\nvalue: 6\nvalue_kind: ordinal\nquantity: week-of-war\n"
        ),
    ),
    (
        "reasoning for fields that have values",
        lambda r: replace(
            r, CLAIM, "summary:", "inferences:\n  setting.place: Said in the city.\n  renderings[1].form: x\nsummary:"
        ),
    ),
    (
        "a values discrepancy between figures that cannot both be true",
        lambda r: (
            discrepancy(r, "example-deaths, low")
            or figure(r, "low", "measure: deaths\nqualifier: up-to\nvalue: 900\nquantity: deaths-total\n")
        ),
    ),
    (
        "a review by a listed curator",
        lambda r: (
            replace(r, FIGURE, AS_OF, AS_OF + "reviewed_by: jane-doe\n")
            or (r / DATASET).write_text("curators:\n  - id: jane-doe\n    name: Jane Doe\n", encoding="utf-8")
        ),
    ),
    (
        "a headline found in another stored text",
        lambda r: (
            replace(r, SOURCE, 'headline: "Contoh Laporan: Menteri Berbicara"', "headline: Menteri Contoh Janji")
            or replace(r, SOURCE, "language: id", "language: id\nheadline_found_in: example-2020-11-02-followup")
        ),
    ),
]


@pytest.mark.parametrize("what, change", COMPLYING, ids=[c[0] for c in COMPLYING])
def test_what_complies_is_not_reported(facts: Path, what: str, change) -> None:
    change(facts)
    assert breaches(facts) == []


MESSAGES = {  # what the curator reads beside path:line:col, for each case above
    "an Indonesian excerpt without translation": [
        "the excerpt from example-2020-11-01-report (language 'id') has no translation; add "
        "'translation:' with its English translation",
    ],
    "an Indonesian name variant without translation": [
        "the excerpt from example-2020-11-01-report (language 'id') has no translation; add "
        "'translation:' with its English translation",
    ],
    "the report's publication date inferred as the day of the count": [
        "2020-11-01 is the publication date of example-2020-11-01-report, not a day the source gives for "
        "when this was counted; add 'no_later_than: true', or quote the source's words for the day in "
        "'inferred'",
    ],
    "a claim dated by its report, quoting no words of the source for the day": [
        "2020-11-01 is the publication date of example-2020-11-01-report, not a day the source gives for "
        "when this was said; add 'no_later_than: true', or quote the source's words for the day in "
        "'inferred'",
    ],
    "a claim dated by quoted words that name another day": [
        "2020-11-02 is the publication date of example-2020-11-01-report, not a day the source gives for "
        "when this was said; add 'no_later_than: true', or quote the source's words for the day in "
        "'inferred'",
    ],
    "an ordinal sharing the quantity of amounts": [
        "an ordinal (the n-th) is not a number of deaths, which are added up and compared; record how "
        "many the source says were deaths, or record the statement as a claim",
        "quantity 'deaths-total' is shared with amounts (example-deaths-followup); an ordinal is never "
        "compared with amounts: give it a quantity of its own",
    ],
    "an ordinal count of the captured": [
        "an ordinal (the n-th) is not a number of captured, which are added up and compared; record how "
        "many the source says were captured, or record the statement as a claim",
    ],
    "reasoning for a field the fact does not have": [
        "'palce' is not a field here; did you mean 'place'? (fields: description, place, type, with)",
    ],
    "reasoning for a rendering that does not exist": [
        "renderings has no item [2] (it has 2; the first is [0])",
    ],
    "reasoning for a date outside the date": [
        "date is a date; a date carries its reasoning in its own 'inferred:' field",
    ],
    "reasoning for a field about the record, not taken from the sources": [
        "'corrections' is not a field here (fields: claimant, date, original, related, renderings, "
        "reported_via, setting, summary, title)",
    ],
    "a bound without reasoning": [
        "a date that is only a bound is inferred; add 'inferred:' saying why it holds (e.g. the article "
        "of that day reports it without a date)",
    ],
    "the headline rendered as a paraphrase": [
        "the excerpt is the headline of example-2020-11-02-followup; set 'form: headline' (not " "'paraphrase')",
    ],
    "a sentence of the text given as the headline": [
        "form is 'headline' but the excerpt is not the headline of example-2020-11-01-report (its "
        "headline is 'Contoh Laporan: Menteri Berbicara'); quote the whole headline, or choose the form "
        "that fits",
    ],
    "a values discrepancy between figures that can both be true": [
        "the figures involved (example-deaths, example-deaths-followup) can all be true (any value more "
        "than 1,300 satisfies them); they differ in wording, not value: use type 'other', or involve the "
        "figures that contradict",
    ],
    "a review by someone who is no curator": [
        "no curator has the id 'jane-doe' (curators in dataset.yaml: none)",
    ],
    "figures of one quantity in different units": [
        "unit 'soldiers' differs from 'people' of example-deaths, which shares quantity 'deaths-total'; "
        "convert to the same unit, or give this figure its own quantity",
    ],
}


@pytest.mark.parametrize("what, breakage", [c[:2] for c in CASES], ids=[c[0] for c in CASES])
def test_each_breach_says_what_is_wrong_and_the_fix(facts: Path, what: str, breakage) -> None:
    breakage(facts)
    _, errors = load_facts(facts)
    assert [e.message for e in errors] == MESSAGES[what]


@pytest.mark.parametrize(
    "path, message",
    [
        ("setting.place[0]", "setting.place has no item [0] (it has 0; the first is [0])"),
        (
            "renderings[0].excerpt.x",
            "'renderings[0].excerpt' has no fields, so 'renderings[0].excerpt.x' names nothing",
        ),
    ],
)
def test_an_inference_path_is_named_as_written(facts: Path, path: str, message: str) -> None:
    replace(facts, CLAIM, "summary:", f"inferences:\n  {path}: A guess.\nsummary:")
    _, errors = load_facts(facts)
    assert [e.message for e in errors] == [message]


@pytest.mark.parametrize(
    "breakage, message",
    [
        (
            lambda r: (
                replace(r, FIGURE, AS_OF, AS_OF + "reviewed_by: jane-doe\n")
                or (r / DATASET).write_text(
                    "curators:\n  - id: jane-roe\n    name: Jane Roe\n  - id: ann-poe\n    name: Ann Poe\n",
                    encoding="utf-8",
                )
            ),
            "no curator has the id 'jane-doe'; did you mean 'jane-roe'? (curators in dataset.yaml: jane-roe, ann-poe)",
        ),
        (
            lambda r: replace(r, FOLLOWUP, "measure: deaths", "measure: wounded"),
            "measure 'wounded' differs from 'deaths' of example-deaths, which shares quantity 'deaths-total'; "
            "convert to the same measure, or give this figure its own quantity",
        ),
        (
            lambda r: (
                replace(r, SOURCE, 'headline: "Contoh Laporan: Menteri Berbicara"\n', "")
                or replace(r, CLAIM, "    form: direct-quote", "    form: headline")
            ),
            "form is 'headline' but the excerpt is not the headline of example-2020-11-01-report (it records no "
            "headline); quote the whole headline, or choose the form that fits",
        ),
    ],
    ids=["curators listed", "measure differs", "source without headline"],
)
def test_variants_of_a_breach_say_what_differs(facts: Path, breakage, message: str) -> None:
    breakage(facts)
    _, errors = load_facts(facts)
    assert [e.message for e in errors] == [message]


def test_a_breach_after_many_facts_that_comply_is_still_reported(tmp_path: Path) -> None:
    # The shipped facts hold claims and figures that each rule lets through for a reason of its own (an outlet's
    # own statement, a date given as a bound); a breach read after all of them is reported all the same.
    import shutil

    from .conftest import REPO

    facts = tmp_path / "facts"
    shutil.copytree(REPO / "facts", facts)
    figure = (facts / "figures" / "kompas-2020-11-01-deaths-hundreds.yaml").read_text(encoding="utf-8")
    assert "  no_later_than: true\n" in figure
    (facts / "figures" / "zz-undated-copy.yaml").write_text(
        figure.replace("  no_later_than: true\n", ""), encoding="utf-8"
    )
    _, errors = load_facts(facts)
    assert [(e.code, Path(e.path).name) for e in errors] == [("undated-statement", "zz-undated-copy.yaml")]
