"""The built site, from the shipped facts and from the fixture: complete, cited, safe."""

from __future__ import annotations

import re
from urllib.parse import urljoin
from math import inf
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.resolve import load_facts

from .conftest import REPO

pytestmark = pytest.mark.slow


def links_of(site: Path, page: str) -> set[str]:
    """Every internal address the page at ``page`` (e.g. ``dates/``) links to, resolved from the site root."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    base = "https://site.invalid/"
    return {
        urljoin(base + page, href).removeprefix(base).partition("#")[0]
        for href in re.findall(r'href="([^"]+)"', html)
        if urljoin(base + page, href).startswith(base)
    }


def test_every_shipped_fact_has_a_page_that_cites_a_source(shipped_site: Path) -> None:
    base, errors = load_facts(REPO / "facts")
    assert errors == []
    for fact in base.facts.values():
        html = (shipped_site / fact.folder / fact.id / "index.html").read_text(encoding="utf-8")
        if fact.kind == "source":  # an article's own page links to the article
            assert f'href="{fact.url}"' in html
        else:
            assert re.search(r'href="\.\./\.\./sources/[a-z0-9-]+/"', html), f"{fact.folder}/{fact.id} cites no source"


def test_every_day_has_a_page_linked_from_the_timeline(shipped_site: Path) -> None:
    base, _ = load_facts(REPO / "facts")
    for day in base.days:
        assert (shipped_site / "dates" / day.isoformat() / "index.html").is_file()
        assert f"dates/{day.isoformat()}/" in links_of(shipped_site, f"dates/{day:%Y-%m}/")
        assert f"dates/{day:%Y-%m}/" in links_of(shipped_site, "dates/")


def test_navigation_stays_small_as_pages_grow(shipped_site: Path) -> None:
    # The sidebar lists the sections only, so a page's size does not grow with the number of facts.
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="md-nav__link') < 40


def test_fact_text_cannot_inject_markup(fixture_site: Path) -> None:
    html = (fixture_site / "events/2020-11-01-example-remarks/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "[a link](javascript:alert(1))" in html


def test_titles_and_headings_from_fact_text_are_escaped(fixture_site: Path) -> None:
    event = (fixture_site / "events/2020-11-01-example-remarks/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", event, re.S).group(1)
    assert "&lt;script&gt;" in title and "<" not in title
    claim = (fixture_site / "claims/example-all-is-well/index.html").read_text(encoding="utf-8")
    assert "<Co>" not in claim and "Example News &amp; &lt;Co&gt;" in claim


def test_every_internal_link_resolves(shipped_site: Path) -> None:
    broken = []
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    root = urlsplit(re.search(r'<link rel="canonical" href="([^"]+)"', home)[1]).path  # type: ignore[index]
    for html_file in shipped_site.rglob("*.html"):
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', html_file.read_text(encoding="utf-8")):
            # 404.html is served at any depth, so MkDocs gives it links from the root of the published address.
            target = shipped_site / href.removeprefix(root) if href.startswith("/") else html_file.parent / href
            target = target.resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{html_file.relative_to(shipped_site)} -> {href}")
    assert broken == []


def test_every_disagreement_in_the_shipped_facts_has_its_register_page(shipped_site: Path) -> None:
    """An independent reading of the rules: each case found here must have its own page, listed by the register."""
    base, _ = load_facts(REPO / "facts")
    expected = set()
    figures = [f for f in base.of_kind("figure") if f.quantity and f.value_kind == "amount"]
    for f in figures:
        for g in figures:
            same_period = f.measure == "distance" or (f.as_of.date, f.as_of.no_later_than) == (
                g.as_of.date,
                g.as_of.no_later_than,
            )
            if f.quantity == g.quantity and same_period and _cannot_both_hold(f, g):
                bound = "by-" if f.as_of.no_later_than else ""
                suffix = "" if f.measure == "distance" else f"-{bound}{f.as_of.date.isoformat()}"
                expected.add(f"values-{f.quantity}{suffix}")
    for claim in base.of_kind("claim"):
        if any(r.assessment in ("stronger", "weaker") for r in claim.renderings):
            headlines = {r.source for r in claim.renderings if r.excerpt == base.facts[r.source].headline}
            if any(r.assessment in ("stronger", "weaker") and r.source not in headlines for r in claim.renderings):
                expected.add(f"rendering-{claim.id}")
            expected |= {
                f"headline-{s}-{claim.id}"
                for s in headlines
                if any(r.source == s and r.assessment == "stronger" for r in claim.renderings)
            }
    for place in base.of_kind("place"):
        if len({n.used_by for n in place.names if n.used_by}) > 1:
            expected.add(f"names-{place.id}")
    expected |= {d.id for d in base.of_kind("discrepancy")}
    assert expected, "the shipped facts are known to disagree"
    listed = set().union(
        *(
            links_of(shipped_site, p.parent.relative_to(shipped_site).as_posix() + "/")
            for p in (shipped_site / "discrepancies").glob("type-*/index.html")
        )
    )
    assert sorted(a for a in expected if not (shipped_site / "discrepancies" / a / "index.html").is_file()) == []
    assert sorted(a for a in expected if f"discrepancies/{a}/" not in listed) == []


def _cannot_both_hold(f, g) -> bool:
    """Plainly read: one figure's largest value is below the other's smallest (exact and bounded figures only)."""
    reading = {"exact": lambda v: (v, v), "at-least": lambda v: (v, inf), "up-to": lambda v: (0, v)}
    reading["more-than"] = lambda v: (v + 1e-9, inf)  # more than v excludes v itself
    if f.qualifier not in reading or g.qualifier not in reading:
        return False
    (f_low, f_high), (g_low, g_high) = reading[f.qualifier](f.value), reading[g.qualifier](g.value)
    return f_high < g_low or g_high < f_low


def test_pages_link_to_the_disagreements_they_involve(shipped_site: Path) -> None:
    claim = links_of(shipped_site, "claims/aliyev-will-go-to-the-end-if-talks-fail/")
    assert "discrepancies/rendering-aliyev-will-go-to-the-end-if-talks-fail/" in claim
    assert "discrepancies/names-shusha/" in links_of(shipped_site, "places/shusha/")
