"""Every internal link and anchor on every page resolves, as LinkChecker crawling the served site finds."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.resolve import load_facts

from ..conftest import REPO
from .conftest import HERE, serving

pytestmark = pytest.mark.slow

CONFIG = HERE / "linkcheckerrc"


@dataclass(frozen=True)
class Checked:
    url: str
    parent: str
    result: str
    valid: bool
    warnings: tuple[str, ...]
    extern: bool

    def __str__(self) -> str:
        problem = "; ".join(self.warnings) or self.result
        return f"{self.parent} -> {self.url}: {problem}"


def linkcheck(site: Path, work: Path) -> tuple[str, list[Checked]]:
    """Serve ``site`` and crawl it from its root with LinkChecker; return (root URL, every URL it checked)."""
    linkchecker = Path(sys.executable).with_name("linkchecker")
    # LinkChecker drops root privileges to nobody after reading its config: give it a cwd it can enter.
    with serving(site, work / "linkcheck-server.log", for_linkchecker=True) as root:
        # A URL with a #fragment is fetched and its anchor checked, but not crawled again for links:
        # the same page without the fragment is (test_the_crawl_reaches_every_page makes sure).
        run = subprocess.run(
            [
                str(linkchecker),
                "--config",
                str(CONFIG),
                "--no-status",
                "--verbose",
                "--no-follow-url",
                "#",
                "--output",
                "xml/utf-8",
                root,
            ],
            cwd="/",
            capture_output=True,
            timeout=1800,
        )
    if run.returncode not in (0, 1):  # 1 means it found a problem, reported in the XML
        pytest.fail(f"linkchecker failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    checked = []
    for item in ET.fromstring(run.stdout).iter("urldata"):
        valid = item.find("valid")
        checked.append(
            Checked(
                url=item.findtext("realurl") or item.findtext("url") or "",
                parent=item.findtext("parent") or "",
                result=valid.get("result", "") if valid is not None else "",
                valid=valid is not None and valid.text == "1",
                warnings=tuple(w.text or "" for w in item.iter("warning")),
                extern=item.findtext("extern") == "1",
            )
        )
    return root, checked


@pytest.fixture(scope="module")
def crawl(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Checked]]:
    return linkcheck(shipped_site, tmp_path_factory.mktemp("linkcheck"))


def test_every_internal_link_and_anchor_resolves(crawl: tuple[str, list[Checked]]) -> None:
    _, checked = crawl
    broken = [str(c) for c in checked if not c.valid or c.warnings]
    assert broken == []


def test_the_crawl_reaches_every_page(crawl: tuple[str, list[Checked]], shipped_site: Path) -> None:
    # Also proves the crawl really happened: a reader can get to every page by following links from home.
    root, checked = crawl
    reached = {c.url.removeprefix(root) for c in checked if not c.extern and "#" not in c.url}
    pages = {p.relative_to(shipped_site).as_posix().removesuffix("index.html") for p in shipped_site.rglob("*.html")}
    pages.discard("404.html")  # served for missing pages, never linked
    base, _ = load_facts(REPO / "facts")
    pages -= {f"{f.folder}/{old}/" for f in base.facts.values() for old in f.former_ids}  # old addresses: redirects
    assert sorted(pages - reached) == []


def test_linkchecker_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    # The checker and its configuration catch what they are here for (a known trap: some tools skip anchors).
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>t</title><a href="page/">ok</a> <a href="page/#here">ok</a>'
        ' <a href="page/#not-here">bad anchor</a> <a href="gone/">bad link</a>'
    )
    (site / "page" / "index.html").write_text('<!doctype html><title>p</title><h1 id="here">Here</h1>')
    root, checked = linkcheck(site, tmp_path)
    problems = {c.url.removeprefix(root): c for c in checked if not c.valid or c.warnings}
    assert sorted(problems) == ["gone/", "page/#not-here"]
    assert not problems["gone/"].valid and "404" in problems["gone/"].result
    assert any("not-here" in w for w in problems["page/#not-here"].warnings)
