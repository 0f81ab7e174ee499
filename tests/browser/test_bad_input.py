"""Broken fact trees, end to end: the real `make site` refuses them, says where and why, and breaks nothing.

A scratch copy of the repository (everything but facts/, tests/ and what builds or installs create) gets one
good `make site` from tests/fixtures/facts; then each broken copy of that tree goes through the same target
with FACTS pointing at it. The copy reuses the Python environment running these tests: the Makefile's
VENV is pointed at it and its install stamp is marked up to date (-o), so no case creates a venv.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.write import GENERATED

from ..conftest import FIXTURE_FACTS, REPO, snapshot

pytestmark = pytest.mark.slow

PERSON = "people/example-minister.yaml"
CLAIM = "claims/example-all-is-well.yaml"
FIGURE = "figures/example-deaths.yaml"
SOURCE = "sources/example-2020-11-01-report.yaml"
SNAPSHOT = "sources/example-2020-11-01-report.txt"

# Top-level entries of the repository the copy leaves out: the facts (each case brings its own), the tests,
# and what builds, installs and git make.
NOT_COPIED = {
    ".git",
    ".venv",
    ".pytest_cache",
    "site",
    ".site.tmp",
    ".site.old",
    "facts",
    "tests",
    "test-artifacts",
    "node_modules",
}


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def breakage(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture {relative} no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return breakage


def write(relative: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / relative).write_bytes(data)


def change_snapshot(root: Path) -> None:
    path = root / SNAPSHOT
    text = path.read_text(encoding="utf-8")
    assert "1.200" in text
    path.write_text(text.replace("1.200", "1.300"), encoding="utf-8")


CASES = {
    # case: (how to break a copy of the fixture tree, file the problem is reported in, code)
    "broken-yaml": (replace(PERSON, "name: Example Minister", "name: [Example Minister"), PERSON, "yaml-syntax"),
    "not-utf8": (write("places/bad.yaml", b"name: Caf\xe9\ntype: city\n"), "places/bad.yaml", "not-utf8"),
    "empty-file": (write("places/empty.yaml", b""), "places/empty.yaml", "empty-file"),
    "unknown-field": (
        replace(PERSON, "name: Example Minister", "name: Example Minister\nnmae: X"),
        PERSON,
        "unknown-field",
    ),
    "wrong-type": (replace(FIGURE, "value: 1200", "value: many"), FIGURE, "wrong-type"),
    "impossible-date": (replace(FIGURE, "as_of: 2020-11-01", "as_of: 2020-02-30"), FIGURE, "invalid-date"),
    "duplicate-id": (
        write("places/example-minister.yaml", b"name: Somewhere\ntype: town\n"),
        "places/example-minister.yaml",
        "duplicate-id",
    ),
    "dangling-reference": (
        replace(CLAIM, "claimant: example-minister", "claimant: example-ministre"),
        CLAIM,
        "unknown-reference",
    ),
    "tampered-excerpt": (
        replace(FIGURE, "excerpt: lebih dari 1.200", "excerpt: lebih dari 1.300"),
        FIGURE,
        "excerpt-not-found",
    ),
    "changed-snapshot": (change_snapshot, SOURCE, "snapshot-changed"),
}


def make_site(repo: Path, facts: str) -> subprocess.CompletedProcess[str]:
    """The real `make site`, in ``repo``, on the fact tree ``facts`` (relative to ``repo``)."""
    venv = Path(sys.prefix)
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(repo),
            "site",
            f"FACTS={facts}",
            f"VENV={venv}",
            "-o",
            str(venv / ".installed-from-requirements"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def built_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch copy of the repository after a successful `make site` on the fixture facts."""
    repo = tmp_path_factory.mktemp("make") / "repo"

    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == REPO:
            return {n for n in names if n in NOT_COPIED}
        if Path(folder) == REPO / "docs":  # only the hand-written pages; the build renders the rest
            return {n for n in names if n in GENERATED or n.startswith(".")}
        return {n for n in names if n == "__pycache__"}

    shutil.copytree(REPO, repo, ignore=ignore)
    shutil.copytree(FIXTURE_FACTS, repo / "good")
    result = make_site(repo, "good")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo / "site" / "index.html").is_file()
    return repo


@pytest.mark.parametrize("case", CASES)
def test_make_site_refuses_a_broken_fact_tree(built_repo: Path, case: str) -> None:
    breakage, relative, code = CASES[case]
    facts = built_repo / "cases" / case
    shutil.copytree(built_repo / "good", facts)
    breakage(facts)
    facts_before = snapshot(facts)
    site_before, docs_before = snapshot(built_repo / "site"), snapshot(built_repo / "docs")

    result = make_site(built_repo, f"cases/{case}")

    assert result.returncode != 0
    location = re.escape(f"cases/{case}/{relative}")
    assert re.search(rf"^{location}:\d+:\d+: {re.escape(code)}: \S", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(facts) == facts_before, "the build changed a fact file"
    assert snapshot(built_repo / "site") == site_before, "the failed build touched the previous site/"
    assert snapshot(built_repo / "docs") == docs_before, "the failed build touched the rendered pages"
