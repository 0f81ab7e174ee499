"""Two builds from the same facts give the same bytes: a rebuild changes only what the facts changed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from ..conftest import REPO, snapshot
from ..sitebuild import build_site

pytestmark = pytest.mark.slow

# Files that legitimately embed the time of the build (MkDocs takes it from the clock unless
# SOURCE_DATE_EPOCH is set): compared with that time taken out rather than byte for byte.
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
BUILD_TIME = {
    "site/sitemap.xml": ("each <lastmod> is the build date", lambda data: LASTMOD.sub(b"<lastmod/>", data)),
    "site/sitemap.xml.gz": (
        "the gzip header records the build time as its mtime; the content has <lastmod> too",
        lambda data: LASTMOD.sub(b"<lastmod/>", gzip.decompress(data)),
    ),
}


def build(work: Path) -> dict[str, bytes]:
    """The rendered Markdown and the built site of a build in ``work``: relative path -> bytes."""
    return {f"{part}/{path}": data for part in ("docs", "site") for path, data in snapshot(work / part).items()}


def test_two_builds_from_the_same_facts_are_byte_identical(shipped_site: Path, tmp_path: Path) -> None:
    # The second build runs in another folder and another Python process (another hash seed), so paths
    # written into the output or the iteration order of a set would show up as a difference.
    first = build(shipped_site.parent)
    build_site(REPO / "facts", tmp_path)
    second = build(tmp_path)
    assert sorted(first) == sorted(second)
    assert set(BUILD_TIME) <= set(first), "a file named in BUILD_TIME is no longer built: update the list"
    differ = []
    for path in sorted(first):
        normalise = BUILD_TIME[path][1] if path in BUILD_TIME else (lambda data: data)
        if normalise(first[path]) != normalise(second[path]):
            differ.append(path)
    assert differ == []
