"""The facts this repository ships are valid and completely curated."""

from __future__ import annotations

from generator.coverage import uncovered
from generator.resolve import load_facts

from .conftest import REPO


def test_shipped_facts_pass_check() -> None:
    base, errors = load_facts(REPO / "facts")
    assert [str(e) for e in errors] == []
    assert base.texts, "no stored article texts"


def test_every_number_and_quotation_in_the_articles_is_curated() -> None:
    base, _ = load_facts(REPO / "facts")
    assert [str(e) for e in uncovered(base)] == []
