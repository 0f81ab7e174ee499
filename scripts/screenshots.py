"""Screenshots of a built site for a person to look at: python scripts/screenshots.py [SITE] [--out DIR].

Builds nothing: serves an already built site folder (default site/, from `make site`) on 127.0.0.1
and photographs a few pages in Chromium, 360 px (a phone) and 1280 px wide, in the light and the dark
palette, each as its first screen and as the whole page. Run on demand, not in CI.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"

PAGES = {
    "home": "",
    "claim": "claims/aliyev-will-go-to-the-end-if-talks-fail/",
    "figures": "figures/",
    "person": "people/ilham-aliyev/",
    "day": "dates/2020-11-01/",
}
SCREENS = {360: 740, 1280: 800}  # width -> height of the first screen
SCHEMES = ("light", "dark")  # the palette follows the system setting until the reader toggles it


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 until the block ends; yield the root URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def take(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with serving(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
        )
        for width, height in SCREENS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme, locale="en-GB", timezone_id="UTC"
                )
                # The site loads nothing from other hosts; a screenshot must not either.
                context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
                page = context.new_page()
                for name, address in PAGES.items():
                    page.goto(root + address)
                    page.wait_for_load_state("networkidle")
                    stem = out / f"{name}-{width}-{scheme}"
                    page.screenshot(path=f"{stem}.png", animations="disabled")
                    page.screenshot(path=f"{stem}-full.png", animations="disabled", full_page=True)
                    saved += [Path(f"{stem}.png"), Path(f"{stem}-full.png")]
                context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site", help="a built site (default: site/)")
    parser.add_argument("--out", type=Path, default=REPO / "test-artifacts" / "screenshots" / "manual")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        parser.error(f"{args.site} holds no built site: run `make site` first")
    for path in take(args.site, args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
