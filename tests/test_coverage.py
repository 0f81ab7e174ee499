"""`generator coverage`: every number and quotation in a stored text that no fact cites is on the curator's list."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.coverage import uncovered
from generator.resolve import load_facts

from .conftest import FIXTURE_FACTS, REPO

SOURCE = "sources/example-2020-11-02-followup"
ADDED = 'Juru bicara menyebut "serangan balasan" dan 42 desa.\n'
"""A line no fact cites, with a quotation and a number: line 7 of the stored text once appended."""


def with_text(tmp_path: Path, extra: str, not_facts: str = "") -> Path:
    """The fixture facts with ``extra`` appended to one stored text (its hash updated) and ``not_facts`` added."""
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURE_FACTS, facts)
    text = facts / f"{SOURCE}.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    record = facts / f"{SOURCE}.yaml"
    old = hashlib.sha256((FIXTURE_FACTS / f"{SOURCE}.txt").read_bytes()).hexdigest()
    new = hashlib.sha256(text.read_bytes()).hexdigest()
    record.write_text(record.read_text(encoding="utf-8").replace(old, new) + not_facts, encoding="utf-8")
    return facts


def listed(facts: Path) -> list[str]:
    base, errors = load_facts(facts)
    assert errors == []
    return [str(e) for e in uncovered(base)]


def test_the_fixture_is_fully_covered() -> None:
    assert listed(FIXTURE_FACTS) == []


def test_an_uncited_number_and_quotation_are_listed_at_their_place(tmp_path: Path) -> None:
    facts = with_text(tmp_path, ADDED)
    path = f"{facts}/{SOURCE}.txt"
    assert listed(facts) == [
        f"{path}:7:22: uncovered-text: quotation '\"serangan balasan\"' is cited by no fact; cite it, or list it"
        " under not_facts with a reason",
        f"{path}:7:45: uncovered-text: number '42' is cited by no fact; cite it, or list it under not_facts with"
        " a reason",
    ]


def test_a_passage_listed_under_not_facts_is_covered(tmp_path: Path) -> None:
    facts = with_text(
        tmp_path, ADDED, "not_facts:\n  - text: dan 42 desa\n    reason: a count of villages, not of people\n"
    )
    found = listed(facts)
    assert len(found) == 1 and "quotation '\"serangan balasan\"'" in found[0]


def test_an_excerpt_covers_its_words_across_a_line_break(tmp_path: Path) -> None:
    # The stored text breaks the cited sentence over two lines; the excerpt writes it on one.
    facts = with_text(tmp_path, "")
    text = facts / f"{SOURCE}.txt"
    text.write_text(
        text.read_text(encoding="utf-8").replace("lebih dari 1.300 orang", "lebih dari\n1.300 orang"), encoding="utf-8"
    )
    record = facts / f"{SOURCE}.yaml"
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    record.write_text(
        "\n".join(
            line if not line.strip().startswith("sha256:") else f"  sha256: {digest}"
            for line in record.read_text(encoding="utf-8").splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    assert listed(facts) == []


@pytest.mark.parametrize(("extra", "status"), [("", 0), (ADDED, 1)])
def test_the_command_exits_with_one_when_something_is_uncovered(tmp_path: Path, extra: str, status: int) -> None:
    facts = with_text(tmp_path, extra)
    run = subprocess.run(
        [sys.executable, "-m", "generator", "coverage", str(facts)], cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == status, run.stdout + run.stderr
    assert (":7:45: uncovered-text: number '42'" in run.stdout + run.stderr) == bool(extra)


def add_source(facts: Path, source_id: str, text: str | None) -> None:
    """A source of the fixture's outlet, with ``text`` stored beside it (or no stored text)."""
    record = f"outlet: example-news\nurl: https://news.example/{source_id}\npublished: 2020-11-03\nlanguage: id\n"
    if text is not None:
        (facts / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        record += f"text:\n  file: {source_id}.txt\n  sha256: {hashlib.sha256(text.encode()).hexdigest()}\n"
    (facts / "sources" / f"{source_id}.yaml").write_text(record, encoding="utf-8")


def test_a_stored_text_nothing_cites_is_listed_whole_after_a_source_without_text(tmp_path: Path) -> None:
    facts = with_text(tmp_path, "")
    add_source(facts, "a-unstored", None)  # read first: it must not end the search
    add_source(facts, "z-uncited", "Pada 3 November, 12 orang tewas.\n")
    assert [line.split(": ", 2)[0].rsplit("/", 1)[1] for line in listed(facts)] == [
        "z-uncited.txt:1:6",
        "z-uncited.txt:1:18",
    ]


def test_a_long_quotation_is_shortened_in_its_message(tmp_path: Path) -> None:
    words = "kami akan terus berjuang sampai titik darah penghabisan demi tanah air kami"
    facts = with_text(tmp_path, f'Ia berkata "{words}".\n')
    (found,) = listed(facts)
    assert f"quotation '\"{words[:56]}...' is cited by no fact" in found
