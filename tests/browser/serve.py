"""``python -m http.server`` on a listening socket the tests hand over, for the browser and the link check.

The tests bind and listen on a free port of 127.0.0.1 before starting this process and pass the socket's file
descriptor: the port cannot be taken by anyone else in between, and a request sent before this process is ready
waits in the socket's backlog instead of being refused, so nobody has to poll for the server to come up.

With ``--linkchecker`` every response carries a ``LinkChecker`` header: LinkChecker waits 0.1-0.6 s between two
requests to one host unless the host answers with it (its documented opt-in for a faster crawl); every anchor is
its own request, so on the plain server the crawl of the whole site takes about ten minutes instead of seconds.

DIRECTORY is served under PATH (the path of the site's published address, as on GitHub Pages); any other
path is not found.

Usage: python serve.py FD DIRECTORY PATH [--linkchecker]
"""

from __future__ import annotations

import functools
import http.server
import socket
import sys


class PublishedPathHandler(http.server.SimpleHTTPRequestHandler):
    """Files of ``directory`` under ``published_path`` only."""

    published_path = "/"

    def send_head(self):  # noqa: ANN201 - the standard library's own signature
        if not self.path.startswith(self.published_path):
            self.send_error(404, "outside the site's published path")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(self.published_path))


class LinkCheckerHandler(PublishedPathHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()


class InheritedSocketServer(http.server.ThreadingHTTPServer):
    """The standard threading server, on a socket that is already bound and listening."""

    def __init__(self, fd: int, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler, bind_and_activate=False)
        self.socket.close()
        self.socket = socket.socket(fileno=fd)
        self.server_address = self.socket.getsockname()
        self.server_name, self.server_port = self.server_address[:2]


if __name__ == "__main__":
    fd, directory, PublishedPathHandler.published_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    handler = LinkCheckerHandler if "--linkchecker" in sys.argv[4:] else PublishedPathHandler
    with InheritedSocketServer(fd, functools.partial(handler, directory=directory)) as server:
        server.serve_forever()
