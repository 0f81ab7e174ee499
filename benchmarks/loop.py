"""The curator's loop: from saving a fact file to seeing its page change in `make serve`.

    python -m benchmarks.loop [--factor K] [--edits N]

Makes the fact base of benchmarks.scale at factor K, runs what `make serve` runs (`python -m generator
serve`: the generator renders, starts `mkdocs serve --dirty` on 127.0.0.1 and re-renders on every change),
then N times rewrites one event's summary and times, from the moment the file is written:
  - Markdown: the generator has rendered the new summary into docs/;
  - page: the served page shows it. MkDocs' server holds every page request while a rebuild is under
    way, so this is when the curator's browser, reloaded by MkDocs, shows the change;
and counts the MkDocs rebuilds in between and the files the generator wrote.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from generator.sitebuild import REPO, scratch_docs

from .scale import machine, synthesise

EVENT = "2020-09-27-war-begins"  # a shipped event whose page shows its summary
TIMEOUT = 600  # seconds to wait for any one thing before giving up


class Process:
    """A child process whose output lines are kept with the time each arrived."""

    def __init__(self, command: list[str], env: dict[str, str], echo: bool) -> None:
        self.lines: list[tuple[float, str]] = []
        self.echo = echo
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))
            if self.echo:
                print(f"{self.lines[-1][0]:10.2f} {line.rstrip()}", file=sys.stderr, flush=True)

    def wait_for(self, pattern: str, since: float = 0.0) -> float:
        """The arrival time of the first line after ``since`` matching ``pattern``."""
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            for arrived, line in list(self.lines):
                if arrived >= since and re.search(pattern, line):
                    return arrived
            if self.process.poll() is not None:
                sys.exit("a process ended early:\n" + "\n".join(line for _, line in self.lines[-30:]))
            time.sleep(0.02)
        sys.exit(f"no line matching {pattern!r} within {TIMEOUT} s")

    def settle(self, quiet: float = 3.0) -> None:
        """Wait until the last line is ``idle`` and nothing has been printed for ``quiet`` seconds."""
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            arrived, line = self.lines[-1]
            if re.search(r"Reloading browsers|Serving on", line) and time.perf_counter() - arrived >= quiet:
                return
            time.sleep(0.1)
        sys.exit(f"still busy after {TIMEOUT} s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def poll(check, since: float) -> float:
    """Seconds from ``since`` until ``check()`` is true, checking every 20 ms."""
    deadline = time.perf_counter() + TIMEOUT
    while time.perf_counter() < deadline:
        if check():
            return time.perf_counter() - since
        time.sleep(0.02)
    sys.exit(f"gave up after {TIMEOUT} s")


def read(path: Path) -> str:
    try:  # the watcher swaps whole folders: for a moment the file is not there
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # held while MkDocs rebuilds
            return response.read().decode("utf-8")
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--echo", action="store_true", help="print what the watcher and MkDocs say, with the time")
    args = parser.parse_args()
    print(machine(), flush=True)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        facts = work / "facts"
        synthesise(args.factor, facts)
        docs, config = scratch_docs(work)
        port = free_port()
        started = time.perf_counter()
        serve = Process(
            [sys.executable, "-m", "generator", "serve", str(facts), "--docs", str(docs)]
            + ["--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            env,
            args.echo,
        )
        try:
            rendered_at = serve.wait_for(r"^wrote \d+ of \d+ files")
            served_at = serve.wait_for(r"Serving on")
            print(
                f"K = {args.factor}: first render {rendered_at - started:.1f} s, "
                f"first build by mkdocs serve {served_at - rendered_at:.1f} s",
                flush=True,
            )
            fact = facts / "events" / f"{EVENT}-0.yaml"
            markdown = docs / "events" / f"{EVENT}-0.md"
            root = next(m[1] for _, line in serve.lines if (m := re.search(r"Serving on (\S+)", line)))
            url = f"{root.rstrip('/')}/events/{EVENT}-0/"  # under the path of site_url, as MkDocs serves it
            assert (
                "Fighting breaks out" in fact.read_text(encoding="utf-8") and markdown.is_file()
            ), "pick another event"
            assert fetch(url), f"{url} is not served"
            rows = []
            for edit in range(args.edits):
                serve.settle()
                marker = f"Loop benchmark edit {edit} {time.time_ns()}"
                text = re.sub(r"^summary: .*$", f"summary: {marker}.", fact.read_text(encoding="utf-8"), flags=re.M)
                fact.write_text(text, encoding="utf-8")
                saved = time.perf_counter()
                if args.echo:
                    print(f"{saved:10.2f} saved {fact.name}", file=sys.stderr, flush=True)
                rendered = poll(lambda marker=marker: marker in read(markdown), saved)
                served = poll(lambda marker=marker: marker in fetch(url), saved)
                builds = sum(
                    1
                    for at, line in list(serve.lines)
                    if saved <= at <= saved + served and "Building documentation" in line
                )
                written = next(
                    (
                        m[1]
                        for at, line in list(serve.lines)
                        if at >= saved and (m := re.match(r"^wrote (\d+ of \d+)", line))
                    ),
                    "?",
                )
                rows.append((rendered, served))
                print(
                    f"edit {edit}: Markdown {rendered:.1f} s, page {served:.1f} s, {builds} MkDocs rebuilds, "
                    f"{written} files written",
                    flush=True,
                )
            medians = [statistics.median(column) for column in zip(*rows, strict=True)]
            print(f"median of {args.edits}: Markdown {medians[0]:.1f} s, page {medians[1]:.1f} s")
        finally:
            serve.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
