from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.resolve import load_facts

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE_FACTS = TESTS / "fixtures" / "facts"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A private copy of the small fixture fact tree, free to break."""
    root = tmp_path / "facts"
    shutil.copytree(FIXTURE_FACTS, root)
    return root


def problems(root: Path) -> list[tuple[str, str, int, int]]:
    """``(code, file relative to root, line, col)`` for every problem in the tree."""
    _, errors = load_facts(root)
    return [
        (e.code, Path(os.path.abspath(e.path)).relative_to(os.path.abspath(root)).as_posix(), e.line, e.col)
        for e in errors
    ]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes, to prove nothing was modified."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per run from the shipped facts/ (its Markdown sits beside it in ``../docs``)."""
    from .sitebuild import build_site

    site, log = build_site(REPO / "facts", tmp_path_factory.mktemp("shipped"))
    assert "WARNING" not in log
    return site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per run from tests/fixtures/facts, whose fact text carries markup and a javascript: link."""
    from .sitebuild import build_site

    return build_site(FIXTURE_FACTS, tmp_path_factory.mktemp("fixture"))[0]
