"""The command line as a curator uses it: clear messages, exit codes, nothing lost."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from .conftest import REPO, snapshot


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_passes_on_valid_facts(facts: Path) -> None:
    result = run("check", str(facts), cwd=facts.parent)
    assert result.returncode == 0, result.stderr
    assert "all excerpts verified" in result.stderr


def test_check_prints_path_line_col_and_exits_1(facts: Path) -> None:
    (facts / "places/empty.yaml").write_text("", encoding="utf-8")
    (facts / "places/bad.yaml").write_bytes(b"name: \xff\n")
    result = run("check", "facts", cwd=facts.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "facts/places/bad.yaml:1:7: not-utf8: byte 0xff is not UTF-8; save the file as UTF-8",
        "facts/places/empty.yaml:1:1: empty-file: the file is empty; delete it or add the fact's fields",
    ]
    assert "Traceback" not in result.stderr


def test_build_writes_pages_and_never_touches_facts(facts: Path, tmp_path: Path) -> None:
    before = snapshot(facts)
    docs = tmp_path / "docs"
    (docs).mkdir()
    (docs / "methodology.md").write_text("# Hand-written\n", encoding="utf-8")
    result = run("build", str(facts), "--docs", str(docs), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\n# Example Minister\n" in (docs / "people/example-minister.md").read_text(encoding="utf-8")
    assert (docs / "methodology.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert "Karabakh Fact Desk" in (docs / "index.md").read_text(encoding="utf-8")
    assert snapshot(facts) == before


def test_failed_build_leaves_previous_pages(facts: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert run("build", str(facts), "--docs", str(docs), cwd=tmp_path).returncode == 0
    good = snapshot(docs)
    (facts / "people/example-minister.yaml").write_text("name: [broken\n", encoding="utf-8")
    before = snapshot(facts)
    result = run("build", str(facts), "--docs", str(docs), cwd=tmp_path)
    assert result.returncode == 1
    assert "yaml-syntax" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(docs) == good
    assert snapshot(facts) == before


def test_rebuild_removes_pages_of_deleted_facts(facts: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert run("build", str(facts), "--docs", str(docs), cwd=tmp_path).returncode == 0
    (facts / "figures/example-deaths.yaml").unlink()
    assert run("build", str(facts), "--docs", str(docs), cwd=tmp_path).returncode == 0
    assert not (docs / "figures/example-deaths.md").exists()
    assert not list(docs.glob(".generated*"))


def test_missing_facts_directory_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = run("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("nowhere:0:0: unknown-kind: no such facts directory")


def test_archives_lists_each_source_without_an_archived_copy(facts: Path) -> None:
    result = run("archives", "facts", cwd=facts.parent)
    assert result.returncode == 1
    # The follow-up records its copy in the Wayback Machine; the report records none.
    assert result.stderr.splitlines()[-2:] == [
        "facts/sources/example-2020-11-01-report.yaml:2:6: no-archived-copy: no archived copy is recorded; look for "
        "one at https://web.archive.org/web/*/https://news.example/2020/11/01/report and add it under archive: with "
        "its url and date",
        "1 of 2 sources have no archived copy recorded",
    ]
    report = facts / "sources/example-2020-11-01-report.yaml"
    report.write_text(
        report.read_text(encoding="utf-8") + "archive:\n  - url: https://archive.ph/AbCdE\n    date: 2020-11-03\n",
        encoding="utf-8",
    )
    result = run("archives", "facts", cwd=facts.parent)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "0 of 2 sources have no archived copy recorded"


def test_archives_reports_broken_facts_instead(facts: Path) -> None:
    (facts / "places/bad.yaml").write_text("name: [broken\n", encoding="utf-8")
    result = run("archives", "facts", cwd=facts.parent)
    assert result.returncode == 1
    assert "facts/places/bad.yaml:" in result.stderr and "no-archived-copy" not in result.stderr


@pytest.mark.slow
def test_watch_re_renders_when_a_fact_changes_and_survives_a_broken_one(facts: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert run("build", str(facts), "--docs", str(docs), cwd=tmp_path).returncode == 0
    page = docs / "people/example-minister.md"
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    watcher = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", str(facts), "--docs", str(docs)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    said = _Lines(watcher.stderr)
    try:
        person = facts / "people/example-minister.yaml"
        _save(person, person.read_text(encoding="utf-8").replace("Example Minister", "Renamed Minister", 1), tmp_path)
        # Each build ends with a line on stderr; the one at start may or may not have seen the edit.
        said.wait_for(
            lambda line: line.startswith("wrote ") and "# Renamed Minister" in page.read_text(encoding="utf-8")
        )
        good = page.read_text(encoding="utf-8")
        _save(person, "name: [broken\n", tmp_path)
        said.wait_for(lambda line: "nothing was written" in line)
        assert watcher.poll() is None, "the watcher must keep running after a bad edit"
        assert page.read_text(encoding="utf-8") == good
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
    stderr = "".join(said.all())
    assert "yaml-syntax" in stderr and "Traceback" not in stderr


def _save(path: Path, text: str, scratch: Path) -> None:
    """Replace a file in one step, as editors do, so the watcher never reads it half written."""
    draft = scratch / "draft"
    draft.write_text(text, encoding="utf-8")
    draft.replace(path)


class _Lines:
    """The lines a process writes to a pipe, read as they come, so a test can wait for the one it expects."""

    def __init__(self, stream: IO[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=lambda: [*map(self._queue.put, stream), self._queue.put("")])
        self._reader.start()

    def all(self) -> list[str]:
        """Every line, once the process has ended and closed the pipe."""
        self._reader.join(timeout=120)
        while not self._queue.empty():
            self.seen.append(self._queue.get())
        return self.seen

    def wait_for(self, matches: Callable[[str], bool]) -> None:
        """Return at the first new line that ``matches``; fail if the process ends or stays silent for two minutes."""
        while True:
            try:
                line = self._queue.get(timeout=120)
            except queue.Empty:
                pytest.fail("the watcher printed nothing for two minutes: " + "".join(self.seen))
            assert line, "the watcher stopped: " + "".join(self.seen)
            self.seen.append(line)
            if matches(line):
                return
