"""What a reader's browser downloads to search: python -m benchmarks.search_transfer SITE_DIR [QUERY ...].

Serves a built site on 127.0.0.1, opens a claim page in Chromium, and counts every response
the page fetches before the reader types (it should fetch no part of the search index), then,
for each query, every response fetched from the first keystroke until the results are shown.
Sizes are as GitHub Pages sends them: text gzip-compressed, Pagefind's own files (already
gzip-compressed) as they are.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from tests.browser.conftest import CHROMIUM, serving

QUERIES = ["go to the end", "Shushi", "5000", "1/11/2020", "berperang"]
PAGE = "claims/"  # any claim page: the first one in the folder


def transferred(body: bytes) -> int:
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    claim = sorted(p.parent for p in (args.site / PAGE).glob("*/index.html"))[0].relative_to(args.site)
    with serving(args.site, Path("/dev/null")) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for query in args.queries:
            page = browser.new_context().new_page()  # a fresh cache for each query
            fetched: list[tuple[str, int]] = []
            page.on(
                "requestfinished",
                lambda request: fetched.append((request.url.removeprefix(url), transferred(request.response().body()))),
            )
            page.goto(f"{url}{claim}/")
            page.wait_for_load_state("networkidle")
            loaded = list(fetched)
            fetched.clear()
            page.keyboard.press("/")
            page.keyboard.type(query, delay=100)  # a fast typist: the search runs once typing pauses
            expect(page.locator(".kfd-search__status")).to_contain_text("for “")
            page.wait_for_load_state("networkidle")
            index = [name for name, _ in loaded if "pagefind" in name]
            print(
                f"{query!r}: page {sum(s for _, s in loaded) / 1024:.0f} KiB ({len(loaded)} files, "
                f"{len(index)} of the index); query {sum(s for _, s in fetched) / 1024:.0f} KiB "
                f"({len(fetched)} files: "
                + ", ".join(
                    f"{kind} {sum(s for n, s in fetched if kind in n) / 1024:.0f}"
                    for kind in ("pagefind.js", "worker", "wasm", "pf_meta", "pf_index", "pf_fragment")
                )
                + ")"
            )
            page.context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
