"""The steps that build the site, in order, each one command in its own process.

`make site` runs them through ``python -m generator.sitebuild``; tests/sitebuild.py and
benchmarks/scale.py run the same list, so a step added here is built, tested and measured alike.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .write import GENERATED

REPO = Path(__file__).resolve().parent.parent


def steps(facts: Path, docs: Path, site: Path, config: Path) -> list[tuple[str, list[str]]]:
    """(name, command) of each step: render ``facts`` into ``docs``, build ``site`` with ``config``, index it for search.

    ``config`` must name ``docs`` as its docs_dir (see ``scratch_docs``).
    """
    python = sys.executable
    return [
        ("generator", [python, "-m", "generator", "build", str(facts), "--docs", str(docs)]),
        ("mkdocs", [python, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site)]),
        ("search", [python, "-m", "generator.search", str(site)]),
    ]


def scratch_docs(work: Path) -> tuple[Path, Path]:
    """Copy the hand-written pages into ``work/docs`` and write ``work/mkdocs.yml`` for them.

    Returns (docs, config): a build there leaves the repository's docs/ and site/ alone.
    """
    docs = work / "docs"
    shutil.copytree(
        REPO / "docs",
        docs,
        ignore=lambda d, names: (
            [n for n in names if n in GENERATED or n.startswith(".")] if Path(d) == REPO / "docs" else []
        ),
    )
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^docs_dir: .*$", f"docs_dir: {docs}", config, flags=re.M)
    config = re.sub(r"^site_dir: .*$", f"site_dir: {work / 'site'}", config, flags=re.M)
    config = re.sub(r"^(\s+custom_dir: )(.*)$", lambda m: m.group(1) + str(REPO / m.group(2)), config, flags=re.M)
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    return docs, work / "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.sitebuild", description=__doc__)
    parser.add_argument("facts", type=Path)
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    for _, command in steps(args.facts, args.docs, args.site, args.config):
        status = subprocess.run(command).returncode
        if status != 0:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
