"""Stage 4b: put rendered pages into the MkDocs docs folder, all at once or not at all."""

from __future__ import annotations

import shutil
from pathlib import Path

from .model import KINDS

GENERATED = (*KINDS, "dates", "corrections", "data", "verdicts", "about", "cards", "index.md", "robots.txt")
"""Folders (and the home page) of docs/ that belong to the generator; the rest of docs/ is hand-written."""


def write_pages(pages: dict[str, str | bytes], docs: Path) -> None:
    """Write ``pages`` (path relative to docs -> Markdown) and swap them in folder by folder.

    Pages are first written to a hidden staging folder (MkDocs ignores dot-folders);
    only when every page is written are the old generated folders replaced, so an
    interrupted run leaves the previous output in place.
    """
    staging = docs / ".generated.tmp"
    retired = docs / ".generated.old"
    for scratch in (staging, retired):
        shutil.rmtree(scratch, ignore_errors=True)
    for relative, markdown in pages.items():
        target = staging / relative
        if target.parts[len(staging.parts)] not in GENERATED:
            raise ValueError(f"refusing to write {relative}: not in a generated folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(markdown, bytes):
            target.write_bytes(markdown)
        else:
            target.write_text(markdown, encoding="utf-8")
    retired.mkdir(parents=True)
    for name in GENERATED:
        if (docs / name).exists():
            (docs / name).rename(retired / name)
        if (staging / name).exists():
            (staging / name).rename(docs / name)
    shutil.rmtree(retired)
    shutil.rmtree(staging)
