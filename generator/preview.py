"""The curator's loop: ``generator serve`` and ``generator watch`` rebuild the pages after every edit.

Each rebuild checks the whole fact base, as ``generator build`` does, and gives the same pages, but
keeps what an edit cannot have changed from the build before:

- a fact file whose modification time and size are unchanged is not read and validated again;
- a page whose view (the frozen value its template lays out) equals the last one is not rendered again;
- a file whose bytes are unchanged is not written again (:func:`generator.write.update_pages`), so
  ``mkdocs serve --dirty`` rebuilds only the pages that changed.

What is kept is dropped when a template changes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from .errors import report
from .model import Fact
from .publish import site_files, site_info
from . import render
from .resolve import Parsed, load_facts, parse_fact
from .views import Page
from .write import update_pages

PREVIEW_BUILD = "preview"
"""How citations name the build in a preview: a preview is no published state of the facts (a build
hash would change on every page with every edit)."""

TEMPLATES = Path(__file__).parent / "templates"
POLL_SECONDS = 0.5


def stamp(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under ``roots``."""
    found = {}
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except FileNotFoundError:  # removed while we looked
                    continue
                found[path] = (info.st_mtime_ns, info.st_size)
    return found


class Preview:
    """Renders ``facts`` into ``docs`` again and again, keeping what unchanged files and pages gave."""

    def __init__(self, facts: Path, docs: Path, site_url: str = "", templates: Path = TEMPLATES) -> None:
        self.facts = facts
        self.docs = docs
        self.site_url = site_url
        self.templates = templates
        self._parsed: dict[Path, tuple[tuple[int, int, type[Fact]], Parsed]] = {}
        self._rendered: dict[str, tuple[Page, str]] = {}
        self._templates: dict[str, tuple[int, int]] = {}
        self._seen: set[Path] = set()

    def _parse(self, path: Path, cls: type[Fact], fact_id: str) -> Parsed:
        self._seen.add(path)
        info = path.stat()
        key = (info.st_mtime_ns, info.st_size, cls)
        kept = self._parsed.get(path)
        if kept is not None and kept[0] == key:
            return kept[1]
        parsed = parse_fact(path, cls, fact_id)
        self._parsed[path] = (key, parsed)
        return parsed

    def _render(self, pages: list[Page]) -> dict[str, str]:
        kept = self._rendered
        changed = [p for p in pages if p.path not in kept or kept[p.path][0] != p]
        fresh = render.render_pages(changed)
        texts = {p.path: fresh[p.path] if p.path in fresh else kept[p.path][1] for p in pages}
        self._rendered = {p.path: (p, texts[p.path]) for p in pages}
        return texts

    def build(self) -> list[str] | None:
        """Check and render; write what changed. The paths written or removed, or None if the check failed
        (its problems are printed as ``path:line:col: code: message`` and nothing is written)."""
        templates = stamp([self.templates])
        if templates != self._templates:
            self._templates = templates
            self._rendered = {}
        self._seen = set()
        base, errors = load_facts(self.facts, parse=self._parse)
        self._parsed = {path: kept for path, kept in self._parsed.items() if path in self._seen}
        report(errors)
        if errors:
            return None
        files = site_files(base, site_info(base, site_url=self.site_url or None, build=PREVIEW_BUILD), self._render)
        touched = update_pages(files, self.docs)
        print(f"wrote {len(touched)} of {len(files)} files into {self.docs}", file=sys.stderr, flush=True)
        return touched

    def serve(self, server: list[str] | None = None) -> int:
        """Build now, start the ``server`` command (if any), then build again whenever a fact file or
        template changes; stop when the server ends or on Ctrl-C."""
        last = stamp([self.facts, self.templates])  # taken first: an edit made during the first build is not missed
        self.build()
        process = subprocess.Popen(server) if server else None
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the server is stopped too
        try:
            while process is None or process.poll() is None:
                time.sleep(POLL_SECONDS)
                current = stamp([self.facts, self.templates])
                if current != last:
                    last = current
                    self.build()
        except KeyboardInterrupt:
            return 0
        finally:
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait()
        return process.returncode
