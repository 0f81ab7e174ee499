"""The curator's loop (`make serve`): after an edit only the files that changed are written, pages that are gone
are removed, a broken edit writes nothing, and the pages end up as a full build of the same facts makes them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from generator import render
from generator.preview import PREVIEW_BUILD, Preview, stamp
from generator.publish import site_files, site_info
from generator.resolve import load_facts
from generator.write import generated_files

from .conftest import snapshot

HAND_WRITTEN = "# Methodology\n\nWritten by hand.\n"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def identities(docs: Path) -> dict[str, tuple[int, int]]:
    """(inode, modification time) of every generated file: a file written again gets a new inode."""
    return {p: ((s := os.stat(docs / p)).st_ino, s.st_mtime_ns) for p in generated_files(docs)}


def full_build(facts: Path) -> dict[str, bytes]:
    """What a fresh process rendering ``facts`` for a preview would write."""
    base, errors = load_facts(facts)
    assert not errors, errors
    files = site_files(base, site_info(base, build=PREVIEW_BUILD))
    return {path: text.encode("utf-8") if isinstance(text, str) else text for path, text in files.items()}


@pytest.fixture
def preview(facts: Path, tmp_path: Path) -> Preview:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "methodology.md").write_text(HAND_WRITTEN, encoding="utf-8")
    built = Preview(facts, docs)
    assert built.build() is not None
    return built


def test_an_edit_rewrites_its_page_and_leaves_unchanged_files_alone(preview: Preview, facts: Path) -> None:
    docs = preview.docs
    before = identities(docs)
    hand_written = os.stat(docs / "methodology.md")
    replace_in(facts / "people/example-minister.yaml", "name: Example Minister", "name: Renamed Minister")
    written = preview.build()
    assert written is not None
    assert "# Renamed Minister" in (docs / "people/example-minister.md").read_text(encoding="utf-8")
    after = identities(docs)
    assert after.keys() == before.keys()
    assert {p for p in before if after[p] != before[p]} == set(written)
    assert "people/example-minister.md" in written
    assert "figures/example-deaths-followup.md" not in written and "data/figures.csv" not in written
    assert len(written) < len(before) / 2
    assert os.stat(docs / "methodology.md").st_ino == hand_written.st_ino
    assert not [p for p in docs.rglob(".*")]  # no scratch file left behind


def test_a_removed_facts_page_disappears(preview: Preview, facts: Path) -> None:
    docs = preview.docs
    page = docs / "figures/example-deaths-followup.md"
    assert page.is_file() and "example-deaths-followup" in (docs / "figures/index.md").read_text(encoding="utf-8")
    (facts / "figures/example-deaths-followup.yaml").unlink()
    written = preview.build()
    assert written is not None and "figures/example-deaths-followup.md" in written
    assert not page.exists() and not page.with_suffix(".csl.json").exists()
    assert "example-deaths-followup" not in (docs / "figures/index.md").read_text(encoding="utf-8")
    assert (docs / "methodology.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_dropped_former_id_takes_its_redirect_folder_with_it(preview: Preview, facts: Path) -> None:
    redirect = preview.docs / "people/example-official/index.html"
    assert redirect.is_file()
    replace_in(facts / "people/example-minister.yaml", "former_ids: [example-official]\n", "")
    assert preview.build() is not None
    assert not redirect.parent.exists()


def test_a_broken_edit_writes_nothing_and_says_where(
    preview: Preview, facts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = snapshot(preview.docs)
    person = facts / "people/example-minister.yaml"
    replace_in(person, "name: Example Minister", "name: Renamed Minister")  # a good change in the same edit
    replace_in(person, "excerpt: Menteri Contoh mengatakan", "excerpt: Menteri Contoh tidak mengatakan")
    capsys.readouterr()
    assert preview.build() is None
    assert snapshot(preview.docs) == good
    reported = capsys.readouterr().err
    assert f"{person}:8:18: excerpt-not-found:" in reported, reported
    assert "nothing was written" in reported and "Traceback" not in reported
    replace_in(person, "excerpt: Menteri Contoh tidak mengatakan", "excerpt: Menteri Contoh mengatakan")
    assert preview.build() is not None
    assert "# Renamed Minister" in (preview.docs / "people/example-minister.md").read_text(encoding="utf-8")


def test_after_edits_the_pages_are_those_a_full_build_makes(preview: Preview, facts: Path) -> None:
    """What the preview keeps between builds (parsed files, rendered pages) never outlives a change."""
    docs = preview.docs
    edits = [
        ("people/example-minister.yaml", "name: Example Minister", "name: Renamed Minister"),
        ("figures/example-deaths.yaml", "qualifier: more-than", "qualifier: exact"),
        ("events/2020-11-01-example-remarks.yaml", "summary: The minister speaks", "summary: The minister talks"),
    ]
    for path, old, new in edits:
        replace_in(facts / path, old, new)
        assert preview.build() is not None
        assert {p: (docs / p).read_bytes() for p in generated_files(docs)} == full_build(facts), path


def test_serve_renders_then_runs_the_server_until_it_ends(facts: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    server = [sys.executable, "-c", f"import pathlib; assert pathlib.Path({str(docs)!r}, 'index.md').is_file()"]
    assert Preview(facts, docs).serve(server) == 0
    assert (docs / "people/example-minister.md").is_file()


def test_a_template_change_renders_every_page_again(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("{{ page.title }}\n", encoding="utf-8")
    built = Preview(facts, tmp_path / "docs", templates=templates)
    assert built.build() is not None
    rendered: list[str] = []
    original = render.render_pages
    monkeypatch.setattr(render, "render_pages", lambda pages: rendered.extend(p.path for p in pages) or original(pages))
    assert built.build() is not None
    assert rendered == []  # nothing changed: every page is kept
    (templates / "page.md.j2").write_text("{{ page.title }}!\n", encoding="utf-8")
    assert built.build() is not None
    assert "people/example-minister.md" in rendered and len(rendered) > 20


def test_the_watch_sees_an_edit_an_added_file_and_a_removed_one(facts: Path) -> None:
    before = stamp([facts])
    replace_in(facts / "people/example-minister.yaml", "name: Example Minister", "name: A Longer Name")
    edited = stamp([facts])
    assert edited != before and edited.keys() == before.keys()
    (facts / "figures/example-deaths-followup.yaml").unlink()
    assert stamp([facts]).keys() == edited.keys() - {str(facts / "figures/example-deaths-followup.yaml")}
