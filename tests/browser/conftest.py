"""The built site as readers and real tools see it: one build per session, served over HTTP on 127.0.0.1.

Chromium, Java and the npm checkers are installed by ``tests/browser/install-tools.sh`` (``make test``
runs it); the Python packages (Playwright, LinkChecker) come from requirements-dev.txt.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.model import KINDS

from ..conftest import REPO

HERE = Path(__file__).parent
NODE_MODULES = HERE / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
WAIT_MS = 30_000  # how long an action or an expectation waits for its condition before it fails
INSTALL_HINT = "run `make browser-tools` (bash tests/browser/install-tools.sh) first"

SECTION_FOLDERS = (*KINDS, "dates")
"""The site's folders that each hold one kind of page: a kind of fact's, and the days'."""

CLAIM_WITH_SEVERAL_OUTLETS = "claims/aliyev-will-go-to-the-end-if-talks-fail/"
INJECTION_EVENT = (
    "events/2020-11-01-example-remarks/"  # in tests/fixtures/facts: its summary holds <script> and javascript:
)


def required(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: {INSTALL_HINT}", pytrace=False)
    return path


def published_path(site: Path) -> str:
    """The path the site is published under (``/fact-desk/`` for the shipped mkdocs.yml), from its sitemap.

    Pages that cannot use relative addresses (MkDocs's 404 page) name their styles and scripts under it.
    A few pages a test writes itself, without a sitemap, are served at the root."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return "/"
    match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    assert match, f"{sitemap} lists no page"
    return urllib.parse.urlsplit(match.group(1)).path


@contextlib.contextmanager
def serving(directory: Path, log: Path, *, for_linkchecker: bool = False, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on ``port`` (a free one if 0) of 127.0.0.1 until the block ends; yield the site's URL.

    As on GitHub Pages, the site is served under the path of its configured address, and nothing outside it.

    The port is bound and listening before the server process starts (``serve.py`` inherits the socket), so the
    URL answers as soon as it is yielded: a request waits in the backlog until the server accepts it. LinkChecker
    gets the header that lifts its per-host throttle.
    """
    with socket.create_server(("127.0.0.1", port)) as listening:
        path = published_path(directory)
        url = f"http://127.0.0.1:{listening.getsockname()[1]}{path}"
        command = [sys.executable, str(HERE / "serve.py"), str(listening.fileno()), str(directory), path]
        with log.open("wb") as out:
            server = subprocess.Popen(
                command + ["--linkchecker"] * for_linkchecker,
                stdout=out,
                stderr=subprocess.STDOUT,
                pass_fds=[listening.fileno()],
            )
    # Only the server holds the socket now: should it die, requests are refused rather than left waiting.
    try:
        yield url
    finally:
        stopped_early = server.poll()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if stopped_early is not None:
        pytest.fail(f"the server for {directory} stopped early ({stopped_early}): {log.read_text(errors='replace')}")


PAGE_KINDS = (
    "home",
    "person",
    "organisation",
    "place",
    "outlet",
    "source",
    "claim",
    "event",
    "figure",
    "date",
    "timeline",
    "section index",
)


def page_of_each_kind(site: Path) -> dict[str, str]:
    """One page of each kind the site has: kind -> address relative to the site root."""

    def first(folder: str) -> str:
        pages = sorted(p.parent for p in (site / folder).glob("*/index.html"))
        assert pages, f"the site has no page in {folder}/"
        return pages[0].relative_to(site).as_posix() + "/"

    pages = {
        "home": "",
        "person": first("people"),
        "organisation": first("organisations"),
        "place": first("places"),
        "outlet": first("outlets"),
        "source": first("sources"),
        "claim": CLAIM_WITH_SEVERAL_OUTLETS,  # the one with content tabs
        "event": first("events"),
        "figure": first("figures"),
        "date": first("dates"),
        "timeline": "dates/",
        "section index": "people/",
    }
    assert tuple(pages) == PAGE_KINDS
    return pages


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    with serving(shipped_site, shipped_site.parent / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site: Path) -> Iterator[str]:
    with serving(fixture_site, fixture_site.parent / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    required(CHROMIUM)
    from playwright.sync_api import expect, sync_playwright

    # Every wait is for a condition, never for a time; the bound only decides how long a failure takes to show,
    # and leaves room for search to build its index on a slow, busy CI machine.
    expect.set_options(timeout=WAIT_MS)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
        )
        yield chromium
        chromium.close()


# Material mounts its content tabs (turning each label into a link) one task after DOMContentLoaded, so possibly
# after the load event a navigation waits for; everything else it adds to the content is there by then.
THEME_MOUNTED = """() => [...document.querySelectorAll('[data-tabs] > .tabbed-labels')]
    .every(labels => labels.classList.contains('tabbed-labels--linked'))"""

FOREIGN = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")


@dataclass
class Reader:
    """One browser tab, with what went wrong in it: uncaught script errors, requests to other hosts."""

    page: object
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def screenshot(self, scenario: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{scenario}.png"
        self.page.screenshot(path=str(path), animations="disabled")
        return path


@pytest.fixture
def reader(browser) -> Iterator[Reader]:
    """A fresh browser context whose requests to any host but 127.0.0.1 are aborted.

    The site is meant to load nothing from third parties, so the test fails when one was attempted,
    and when a page threw an uncaught script error.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    reader = Reader(page)

    def abort(route) -> None:
        reader.foreign_requests.append(route.request.url)
        route.abort()

    context.route(FOREIGN, abort)
    page.on("pageerror", lambda error: reader.errors.append(str(error)))
    yield reader
    context.close()
    assert reader.errors == [], "uncaught script errors in the page"
    assert reader.foreign_requests == [], "the page tried to load from another host"
