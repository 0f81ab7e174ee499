"""Each kind of curator mistake is reported once, at its exact place, with a stable code."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator.errors import CODES
from generator.resolve import load_facts

from .conftest import problems

PERSON = "people/example-minister.yaml"
CLAIM = "claims/example-all-is-well.yaml"
FIGURE = "figures/example-deaths.yaml"
SOURCE = "sources/example-2020-11-01-report.yaml"


def replace(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_tree_is_valid(facts: Path) -> None:
    assert problems(facts) == []


CASES = [
    # (what the curator did, how to do it to the tree, the one expected (code, file, line, col))
    (
        "broken YAML",
        lambda r: replace(r, PERSON, "name: Example Minister", "name: [Example Minister"),
        ("yaml-syntax", PERSON, 2, 12),
    ),
    (
        "non-UTF-8 file",
        lambda r: (r / "places/bad.yaml").write_bytes(b"name: Caf\xe9\ntype: city\n"),
        ("not-utf8", "places/bad.yaml", 1, 10),
    ),
    (
        "unsupported YAML tag",
        lambda r: (r / "places/tag.yaml").write_text("name: !!python/object:os.system x\n", encoding="utf-8"),
        ("yaml-syntax", "places/tag.yaml", 1, 7),
    ),
    (
        "unreadable file",
        lambda r: (r / "places/link.yaml").symlink_to(r / "places/nowhere.yaml"),
        ("unreadable-file", "places/link.yaml", 0, 0),
    ),
    (
        "empty file",
        lambda r: (r / "places/empty.yaml").write_text("", encoding="utf-8"),
        ("empty-file", "places/empty.yaml", 1, 1),
    ),
    (
        "a list at the top level",
        lambda r: (r / "places/list.yaml").write_text("- name: x\n", encoding="utf-8"),
        ("not-a-mapping", "places/list.yaml", 1, 1),
    ),
    (
        "unknown field",
        lambda r: replace(r, PERSON, "name: Example Minister", "name: Example Minister\nnmae: X"),
        ("unknown-field", PERSON, 2, 1),
    ),
    (
        "duplicate key",
        lambda r: replace(r, PERSON, "name: Example Minister", "name: Example Minister\nname: Y"),
        ("duplicate-key", PERSON, 2, 1),
    ),
    ("missing field", lambda r: replace(r, FIGURE, "unit: people\n", ""), ("missing-field", FIGURE, 1, 1)),
    ("wrong type", lambda r: replace(r, FIGURE, "value: 1200", "value: many"), ("wrong-type", FIGURE, 6, 8)),
    (
        "value outside the allowed set",
        lambda r: replace(r, FIGURE, "qualifier: more-than", "qualifier: morethan"),
        ("invalid-value", FIGURE, 5, 12),
    ),
    (
        "value misread from as_given",
        lambda r: replace(r, FIGURE, "value: 1200", "value: 1.200"),
        ("invalid-value", FIGURE, 6, 8),
    ),
    (
        "impossible date",
        lambda r: replace(r, FIGURE, "as_of: 2020-11-01", "as_of: 2020-02-30"),
        ("invalid-date", FIGURE, 11, 8),
    ),
    (
        "impossible date inside a mapping",
        lambda r: replace(r, CLAIM, "  date: 2020-11-01", "  date: 2020-13-01"),
        ("invalid-date", CLAIM, 3, 9),
    ),
    (
        "file name that is no id",
        lambda r: (r / "people/Jane Doe.yaml").write_text("name: Jane Doe\n", encoding="utf-8"),
        ("bad-id", "people/Jane Doe.yaml", 1, 1),
    ),
    (
        "duplicate id across kinds",
        lambda r: (r / "places/example-minister.yaml").write_text("name: Somewhere\ntype: town\n", encoding="utf-8"),
        ("duplicate-id", "places/example-minister.yaml", 1, 1),
    ),
    (
        "dangling reference",
        lambda r: replace(r, CLAIM, "claimant: example-minister", "claimant: example-ministre"),
        ("unknown-reference", CLAIM, 1, 11),
    ),
    (
        "reference to the wrong kind",
        lambda r: replace(r, CLAIM, "claimant: example-minister", "claimant: example-city"),
        ("unknown-reference", CLAIM, 1, 11),
    ),
    (
        "tampered excerpt",
        lambda r: replace(r, FIGURE, "orang tewas", "orang hilang"),
        ("excerpt-not-found", FIGURE, 14, 14),
    ),
    (
        "figure as given in words its excerpt does not have",
        lambda r: replace(r, FIGURE, "as_given: lebih dari 1.200 orang", "as_given: lebih dari 1.200 jiwa"),
        ("quotation-not-found", FIGURE, 7, 11),
    ),
    (
        "a headline said to be in a text that lacks it",
        lambda r: (
            replace(r, SOURCE, 'headline: "Contoh Laporan: Menteri Berbicara"', "headline: Menteri Berbicara Lagi")
            or replace(r, SOURCE, "language: id", "language: id\nheadline_found_in: example-2020-11-02-followup")
        ),
        ("quotation-not-found", SOURCE, 3, 11),
    ),
    (
        "our prose quoting words no source prints",
        lambda r: replace(
            r, CLAIM, "summary: The minister says all is going well.", 'summary: He says "all is great".'
        ),
        ("prose-quotation-not-found", CLAIM, 10, 10),
    ),
    (
        "a passage set aside as not a fact that the stored text lacks",
        lambda r: (r / SOURCE).write_text(
            (r / SOURCE).read_text(encoding="utf-8") + "not_facts:\n  - text: Tidak ada di teks\n    reason: Chrome.\n",
            encoding="utf-8",
        ),
        ("quotation-not-found", SOURCE, 16, 11),
    ),
    (
        "changed snapshot",
        lambda r: (r / "sources/example-2020-11-01-report.txt").write_text(
            (r / "sources/example-2020-11-01-report.txt").read_text(encoding="utf-8").replace("1.200", "1.300"),
            encoding="utf-8",
        ),
        ("snapshot-changed", SOURCE, 14, 11),
    ),
    (
        "missing snapshot",
        lambda r: (r / "sources/example-2020-11-01-report.txt").unlink(),
        ("snapshot-missing", SOURCE, 13, 9),
    ),
    (
        "citing a source with no stored text",
        lambda r: replace(r, SOURCE, "text:\n", "unused:\n"),
        ("unknown-field", SOURCE, 12, 1),
    ),
    ("unknown folder", lambda r: (r / "persons").mkdir(), ("unknown-kind", "persons", 0, 0)),
    (
        "YAML anchor and alias",
        lambda r: replace(r, PERSON, "name: Example Minister", "name: &who Example Minister\ndescription: *who"),
        ("yaml-alias", PERSON, 1, 7),
    ),
    (
        "alias that refers to itself",
        lambda r: (r / "places/loop.yaml").write_text("name: x\ntype: city\nnames: &a [*a]\n", encoding="utf-8"),
        ("yaml-alias", "places/loop.yaml", 3, 8),
    ),
    (
        "fact file over 1 MB",
        lambda r: (r / "places/huge.yaml").write_text("name: x\ntype: city\n" + "# padding\n" * 110_000),
        ("file-too-large", "places/huge.yaml", 1, 1),
    ),
    (
        "stored text over 5 MB",
        lambda r: (r / "sources/example-2020-11-01-report.txt").write_bytes(b"x" * 5_000_001),
        ("file-too-large", SOURCE, 13, 9),
    ),
]


@pytest.mark.parametrize("what, breakage, expected", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_at_its_place(facts: Path, what: str, breakage, expected) -> None:
    breakage(facts)
    assert problems(facts) == [expected]


def test_source_without_text_cannot_be_cited(facts: Path) -> None:
    text = (facts / SOURCE).read_text(encoding="utf-8")
    (facts / SOURCE).write_text(text[: text.index("text:")], encoding="utf-8")
    found = problems(facts)
    assert found and {code for code, *_ in found} == {"source-without-text"}
    assert ("source-without-text", FIGURE, 13, 13) in found


def test_every_problem_is_reported_in_one_pass(facts: Path) -> None:
    replace(facts, FIGURE, "value: 1200", "value: many")
    replace(facts, CLAIM, "claimant: example-minister", "claimant: nobody")
    (facts / "places/empty.yaml").write_text("", encoding="utf-8")
    assert [code for code, *_ in problems(facts)] == ["unknown-reference", "wrong-type", "empty-file"]


@pytest.mark.parametrize(
    "breakage, fragment",
    [
        (
            lambda r: replace(r, PERSON, "name: Example Minister", "name: Example Minister\nnmae: X"),
            "unknown field 'nmae'; did you mean 'name'?",
        ),
        (
            lambda r: replace(r, CLAIM, "claimant: example-minister", "claimant: example-ministre"),
            "no person, organisation or outlet has the id 'example-ministre'; did you mean 'example-minister'?",
        ),
        (lambda r: replace(r, FIGURE, "qualifier: more-than", "qualifier: morethan"), "did you mean 'more-than'?"),
        (lambda r: replace(r, FIGURE, "value: 1200", "value: many"), "'many'"),
        (
            lambda r: replace(r, FIGURE, "value: 1200", "value: 1.200"),
            "1.2 is not what as_given writes (1.200); in 'id' text '.' separates thousands and ',' marks decimals",
        ),
        (
            lambda r: replace(r, FIGURE, "value: 1200", 'value: "1.200"'),
            "'1.200' is text, not a number; write it as a YAML number without quotes or thousands separators",
        ),
        (
            lambda r: replace(r, FIGURE, "excerpt: lebih dari 1.200", "excerpt: lebih dari 1.300"),
            "matches up to 'lebih dari 1.', then has '300 orang tewas'",
        ),
        (  # a long excerpt: the 30 characters either side of where it stops matching
            lambda r: replace(
                r,
                FIGURE,
                "excerpt: lebih dari 1.200 orang tewas",
                "excerpt: Kantor berita Contoh mencatat lebih dari 1.300 orang tewas, dan ratusan lainnya luka-luka",
            ),
            "matches up to ' Contoh mencatat lebih dari 1.', then has '300 orang tewas, dan ratusan l'",
        ),
        (
            lambda r: replace(r, FIGURE, "excerpt: lebih dari 1.200", "excerpt: Kqzx lebih dari 1.200"),
            "matches up to 'K', then has 'qzx lebih dari 1.200 orang tew'",
        ),
        (
            lambda r: replace(r, FIGURE, "as_given: lebih dari 1.200 orang", "as_given: lebih dari 1.200 jiwa"),
            "as_given not found verbatim in any excerpt it cites: matches up to 'lebih dari 1.200 ', then has 'jiwa'",
        ),
        (  # not even the first letter: the excerpt's first 40 characters
            lambda r: replace(r, FIGURE, "excerpt: lebih dari", "excerpt: Zaman berubah, lebih dari"),
            "excerpt not found verbatim in example-2020-11-01-report: no part of 'Zaman berubah, lebih dari 1.200 "
            "orang te' matches",
        ),
        (
            lambda r: replace(
                r, CLAIM, "summary: The minister says all is going well.", 'summary: He says "all is great".'
            ),
            "“all is great” is in quotation marks but is not the words of any source this fact cites, nor one of its "
            "translations; quote the source exactly, or drop the quotation marks",
        ),
        (  # a long quotation is shortened to its first 57 characters in the message
            lambda r: replace(
                r,
                CLAIM,
                "summary: The minister says all is going well.",
                'summary: He says "all is great, and the war will be over before the rains come in December".',
            ),
            "“all is great, and the war will be over before the rains c...” is in quotation marks",
        ),
        (
            lambda r: (r / "people/Example Minister.yaml").write_text("name: x\n", encoding="utf-8"),
            "rename it to 'example-minister.yaml'",
        ),
    ],
)
def test_messages_quote_the_bad_value_and_hint_at_the_fix(facts: Path, breakage, fragment: str) -> None:
    breakage(facts)
    _, errors = load_facts(facts)
    assert any(fragment in e.message for e in errors), [e.message for e in errors]


def test_excerpts_match_across_line_breaks_and_spacing(facts: Path) -> None:
    replace(facts, FIGURE, "excerpt: lebih dari 1.200 orang tewas", 'excerpt: "lebih  dari\\n 1.200 orang tewas"')
    assert problems(facts) == []


def test_error_codes_are_all_exercised() -> None:
    from .test_rules import EXERCISED as RULES_EXERCISED  # the curation rules have their own cases

    commands = {"uncovered-text", "no-archived-copy"}  # reported by `generator coverage` and `generator archives`
    exercised = {c[2][0] for c in CASES} | {"source-without-text"} | commands | RULES_EXERCISED
    assert exercised == set(CODES)


def test_alias_bomb_is_refused_at_once(facts: Path) -> None:
    """A "billion laughs" document is refused at its first anchor, before anything is expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (facts / "places/bomb.yaml").write_text("name: x\ntype: city\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert problems(facts) == [("yaml-alias", "places/bomb.yaml", 3, 5)]


def test_no_mangled_fact_file_raises(facts: Path, tmp_path: Path) -> None:
    """Random edits (stray punctuation, deleted characters, bad bytes) give problems, never an exception."""
    rng = random.Random(20201101)
    files = sorted(p.relative_to(facts) for p in facts.rglob("*") if p.is_file())
    for round_ in range(200):
        tree = tmp_path / f"round-{round_}"
        shutil.copytree(facts, tree)
        target = tree / rng.choice(files)
        data = bytearray(target.read_bytes())
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[position] = rng.choice(b":-[]{}\"'\n #&*!|>%@`,0123456789\xff\t")
            else:
                del data[position]
        target.write_bytes(bytes(data))
        load_facts(tree)  # must return its problems, whatever the file now holds
        shutil.rmtree(tree)


@pytest.mark.parametrize(
    "change",
    [
        # A quotation may open with a capital where the source's words run mid-sentence.
        lambda r: replace(
            r, CLAIM, "summary: The minister says all is going well.", 'summary: He says "Semua berjalan baik".'
        ),
        # Words from either source the claim cites, not only the last one.
        lambda r: replace(
            r, CLAIM, "summary: The minister says all is going well.", 'summary: All is well "di kota Contoh".'
        ),
        # A dateline prints the name in capitals.
        lambda r: replace(
            r,
            "places/example-city.yaml",
            "names:\n",
            "names:\n  - name: Baku\n    sources:\n      - source: example-2020-11-01-report\n"
            "        excerpt: BAKU - Menteri Contoh\n        translation: BAKU - the Example Minister\n",
        ),
    ],
    ids=["capital-swapped", "first-of-two-sources", "name-in-capitals"],
)
def test_quotations_found_in_the_sources_are_accepted(facts: Path, change) -> None:
    change(facts)
    assert problems(facts) == []


def test_prose_quoting_a_source_without_text_is_reported_not_raised(facts: Path) -> None:
    text = (facts / SOURCE).read_text(encoding="utf-8")
    (facts / SOURCE).write_text(text[: text.index("text:")], encoding="utf-8")
    replace(facts, CLAIM, "summary: The minister says all is going well.", 'summary: He says "all is great".')
    codes = {code for code, *_ in problems(facts)}
    assert codes == {"source-without-text", "prose-quotation-not-found"}
