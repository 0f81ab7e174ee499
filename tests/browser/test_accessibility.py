"""axe-core, run inside Chromium on every page of the built site with every rule it has but the AAA ones.

Any serious or critical violation fails. The site aims at WCAG 2.2 level AA: the three AAA rules (enhanced 7:1
contrast, identical links with the same purpose, meta refresh without exceptions) stay off, as they do in axe's
own defaults; everything else is on, including the best practices and the rules axe leaves off by default
(target size, deprecated checks).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import AXE, FOREIGN, SECTION_FOLDERS, THEME_MOUNTED, required

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# A page's section is the first folder of its address; pages outside these folders are grouped as "other pages".
SECTIONS = (*SECTION_FOLDERS, "other pages")

RULES = "axe.getRules().filter(rule => !rule.tags.includes('wcag2aaa')).map(rule => rule.ruleId)"

Violation = tuple[str, str, str]  # rule id, CSS target, impact


def addresses(site: Path) -> list[str]:
    """Every page of the built site, as its address relative to the site root."""
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def section(address: str) -> str:
    folder = address.split("/")[0]
    return folder if folder in SECTIONS else "other pages"


@pytest.fixture(scope="module")
def violations(browser, site_url: str, shipped_site: Path) -> dict[str, list[Violation]]:
    """Page address -> the serious and critical violations axe finds there; one browser tab visits every page."""
    source = required(AXE).read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(FOREIGN, lambda route: route.abort())
    context.add_init_script(source)  # axe is there on every page before the page's own scripts run
    page = context.new_page()
    found = {}
    for address in addresses(shipped_site):
        page.goto(site_url + address)
        page.wait_for_function(THEME_MOUNTED)  # axe sees the page as a reader does, with the theme's scripts done
        result = page.evaluate(
            f"axe.run(document, {{runOnly: {{type: 'rule', values: {RULES}}}," " resultTypes: ['violations']})"
        )
        found[address] = [
            (v["id"], " ".join(map(str, node["target"])), node.get("impact") or v["impact"])
            for v in result["violations"]
            for node in v["nodes"]
            if (node.get("impact") or v["impact"]) in ("serious", "critical")
        ]
    context.close()
    return found


def test_axe_checked_every_page(violations: dict[str, list[Violation]], shipped_site: Path) -> None:
    assert len(violations) > 100 and sorted(violations) == addresses(shipped_site)


@pytest.mark.parametrize("name", SECTIONS)
def test_no_serious_accessibility_violations(violations: dict[str, list[Violation]], name: str) -> None:
    pages = [address for address in violations if section(address) == name]
    assert pages, f"the site has no page in {name}"
    assert [
        f"{address}: {rule} at {target} ({impact})" for address in pages for rule, target, impact in violations[address]
    ] == []
