"""The Nu Html Checker (vnu.jar, run with the system Java) on one page of each kind."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import INSTALL_HINT, PAGE_KINDS, VNU, page_of_each_kind, required

pytestmark = pytest.mark.slow

# Errors in markup the theme's own templates write on every page, not our pages: message and a pattern the
# offending markup matches -> why it is allowed. Anything else, above all in the article, fails.
ALLOWED = {
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle"[^>]*autocomplete="off"',
    ): "Material's hidden drawer and search toggles are checkboxes with autocomplete=off (to stop Firefox "
    "restoring their state); the attribute is harmless there and comes from the theme's base template",
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        r'<label class="md-nav__title" for="__toc">',
    ): "Material's table-of-contents partial labels a __toc toggle that its navigation renders only for pages "
    "listed in the nav; our entity pages are deliberately left out of the nav (mkdocs.yml keeps it bounded)",
}


ERRORS = ("error", "non-document-error")  # warnings and infos (e.g. "Trailing slash on void elements") pass


def allowance(message: dict) -> str | None:
    for (text, markup), reason in ALLOWED.items():
        if message["message"].startswith(text) and re.search(markup, message.get("extract", "")):
            return reason
    return None


@pytest.fixture(scope="module")
def messages(shipped_site: Path) -> dict[str, list[dict]]:
    """Kind -> the messages vnu gives on that kind's page."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is missing: {INSTALL_HINT}", pytrace=False)
    pages = {kind: shipped_site / address / "index.html" for kind, address in page_of_each_kind(shipped_site).items()}
    run = subprocess.run(
        [java, "-jar", str(required(VNU)), "--format", "json", "--exit-zero-always", *map(str, pages.values())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    found: dict[str, list[dict]] = {kind: [] for kind in pages}
    by_path = {path.resolve(): kind for kind, path in pages.items()}
    for message in json.loads(run.stderr)["messages"]:  # each names its file as a file: URL
        found[by_path[Path(unquote(urlparse(message["url"]).path)).resolve()]].append(message)
    return found


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_is_valid_html(messages: dict[str, list[dict]], kind: str) -> None:
    errors = [
        f"{m.get('lastLine')}:{m.get('firstColumn')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages[kind]
        if m["type"] in ERRORS and allowance(m) is None
    ]
    assert errors == []


def test_the_allow_list_is_still_needed(messages: dict[str, list[dict]]) -> None:
    used = {allowance(m) for found in messages.values() for m in found if m["type"] in ERRORS}
    assert sorted(set(ALLOWED.values()) - used) == []
