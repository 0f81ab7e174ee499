"""Stage 4b: put rendered pages into the MkDocs docs folder: all at once, or only what changed."""

from __future__ import annotations

import os
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
    targets = {relative: _inside(staging, relative) for relative in pages}  # every path checked before any write
    for scratch in (staging, retired):
        shutil.rmtree(scratch, ignore_errors=True)
    try:
        for relative, markdown in pages.items():
            targets[relative].parent.mkdir(parents=True, exist_ok=True)
            targets[relative].write_bytes(_encoded(markdown))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired.mkdir(parents=True)
    for name in GENERATED:
        if (docs / name).exists():
            (docs / name).rename(retired / name)
        if (staging / name).exists():
            (staging / name).rename(docs / name)
    shutil.rmtree(retired)
    shutil.rmtree(staging)


def update_pages(pages: dict[str, str | bytes], docs: Path) -> list[str]:
    """Make docs/ hold ``pages``, touching only the files that differ; returns the paths written or removed.

    A file whose bytes are already right keeps its modification time, so ``mkdocs serve --dirty``
    rebuilds only the pages that changed. Each file is written under a hidden name (MkDocs ignores
    dot-files) and renamed into place, so MkDocs never reads half a page. Generated files that
    ``pages`` no longer holds are removed, with the folders they leave empty; hand-written files are
    never touched. When docs/ holds no generated file yet, everything is swapped in at once as by
    :func:`write_pages`.
    """
    present = generated_files(docs)
    if not present:
        write_pages(pages, docs)
        return sorted(pages)
    changed = {}
    for relative, content in pages.items():
        target = _inside(docs, relative)
        data = _encoded(content)
        if relative not in present or target.stat().st_size != len(data) or target.read_bytes() != data:
            changed[relative] = data
    # Compared first, written after in one burst: MkDocs starts rebuilding at the first change it sees.
    touched = list(changed)
    for relative, data in changed.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.tmp")
        scratch.write_bytes(data)
        os.replace(scratch, target)
    for relative in sorted(present - pages.keys()):
        target = docs / relative
        target.unlink()
        touched.append(relative)
        for folder in target.parents:  # a removed fact's redirect or card folder is left empty
            if folder == docs or any(folder.iterdir()):
                break
            folder.rmdir()
    return touched


def generated_files(docs: Path) -> set[str]:
    """Every file in the generator's part of docs/ now, relative to docs; hidden scratch files excluded."""
    found = set()
    for name in GENERATED:
        top = docs / name
        if top.is_file():
            found.add(name)
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = [s for s in subfolders if not s.startswith(".")]
            found.update(Path(folder, n).relative_to(docs).as_posix() for n in names if not n.startswith("."))
    return found


def _inside(docs: Path, relative: str) -> Path:
    """``docs / relative``, refused unless it lies in one of the generator's folders: a hand-written page, a
    path climbing out with ``..`` or an absolute path is never written, whatever produced it."""
    parts = Path(relative).parts
    if Path(relative).is_absolute() or ".." in parts or not parts or parts[0] not in GENERATED:
        raise ValueError(f"refusing to write {relative}: not in a generated folder")
    return docs / relative


def _encoded(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content
