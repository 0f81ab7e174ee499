"""Writing the generated pages into docs/: only into the generator's own folders, and all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.write import update_pages, write_pages

from .conftest import snapshot


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs folder with a hand-written page and one earlier build's generated page."""
    docs = tmp_path / "docs"
    (docs / "people").mkdir(parents=True)
    (docs / "methodology.md").write_text("# Methodology, written by hand\n", encoding="utf-8")
    (docs / "people" / "ilham-aliyev.md").write_text("# Ilham Aliyev, last good build\n", encoding="utf-8")
    return docs


@pytest.mark.parametrize("write", [write_pages, update_pages])
@pytest.mark.parametrize(
    "path",
    ["methodology.md", "assets/theme.css", "people/../methodology.md", "/tmp/elsewhere.md", "../outside.md", ""],
)
def test_a_page_outside_the_generated_folders_is_refused_and_nothing_is_written(docs: Path, write, path: str) -> None:
    before = snapshot(docs.parent)
    with pytest.raises(ValueError, match="refusing to write"):
        write({"people/new-person.md": "# New\n", path: "overwritten\n"}, docs)
    assert snapshot(docs.parent) == before


def test_a_full_write_replaces_the_generated_folders_and_keeps_the_hand_written_pages(docs: Path) -> None:
    write_pages({"people/new-person.md": "# New\n", "index.md": "# Home\n"}, docs)
    assert (docs / "people" / "new-person.md").read_text(encoding="utf-8") == "# New\n"
    assert not (docs / "people" / "ilham-aliyev.md").exists()  # a page no longer produced is gone
    assert (docs / "methodology.md").read_text(encoding="utf-8") == "# Methodology, written by hand\n"
    assert sorted(p.name for p in docs.iterdir()) == ["index.md", "methodology.md", "people"]  # no scratch left


def test_a_write_that_fails_midway_leaves_the_last_good_pages_and_no_scratch(docs: Path) -> None:
    before = snapshot(docs.parent)
    with pytest.raises(TypeError):
        write_pages({"people/new-person.md": "# New\n", "people/broken.md": None}, docs)  # type: ignore[dict-item]
    assert snapshot(docs.parent) == before


def test_a_scratch_folder_left_by_an_interrupted_run_does_not_reach_the_pages(docs: Path) -> None:
    stale = docs / ".generated.tmp" / "people" / "half-written.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# Half written\n", encoding="utf-8")
    write_pages({"people/new-person.md": "# New\n"}, docs)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == [
        "methodology.md",
        "people",
        "people/new-person.md",
    ]


def test_an_update_writes_a_page_in_folders_that_do_not_exist_yet(docs: Path) -> None:
    written = update_pages(
        {"people/ilham-aliyev.md": "# Ilham Aliyev, edited\n", "dates/2020-11/week/1.md": "x\n"}, docs
    )
    assert sorted(written) == ["dates/2020-11/week/1.md", "people/ilham-aliyev.md"]
    assert (docs / "dates" / "2020-11" / "week" / "1.md").read_text(encoding="utf-8") == "x\n"
