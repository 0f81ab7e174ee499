"""``python -m http.server`` plus a ``LinkChecker`` response header, for the link check only.

LinkChecker waits 0.1-0.6 s between two requests to one host unless the host answers with a
``LinkChecker`` header (its documented opt-in for a faster crawl); every anchor is its own request,
so on the plain server the crawl of the whole site takes about ten minutes instead of seconds.

Usage: python serve.py PORT DIRECTORY
"""

from __future__ import annotations

import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()


if __name__ == "__main__":
    port, directory = int(sys.argv[1]), sys.argv[2]
    http.server.test(HandlerClass=functools.partial(Handler, directory=directory),
                     ServerClass=http.server.ThreadingHTTPServer, port=port, bind="127.0.0.1")
