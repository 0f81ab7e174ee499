"""How the build grows with the fact base: python -m benchmarks.scale [--factor N] [--mkdocs].

Makes a synthetic fact base N times the shipped one (every fact copied N times
under new ids, references rewritten to the copy), then times check and render
and, with --mkdocs, the MkDocs build, and reports the largest pages. Cost should
grow linearly with N, and no page but the section indexes should grow with it.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from generator.model import Source
from generator.render import render_site
from generator.resolve import load_facts
from generator.search import index_site
from generator.walk import references
from generator.write import write_pages

REPO = Path(__file__).resolve().parent.parent


def synthesise(factor: int, out: Path) -> None:
    """Copy facts/ ``factor`` times; copy k suffixes every id, and every reference, with ``-k``."""
    base, errors = load_facts(REPO / "facts")
    assert not errors, errors[:3]
    shutil.copy(REPO / "facts" / "dataset.yaml", out / "dataset.yaml")
    for k in range(factor):
        for fact_id, fact in base.facts.items():
            doc = base.documents[fact_id]
            data = copy.deepcopy(doc.data)
            for loc, _, target in references(fact):
                _set(data, loc, f"{target}-{k}")
            folder = out / fact.folder
            folder.mkdir(exist_ok=True)
            if isinstance(fact, Source) and fact.text is not None:
                data["text"]["file"] = f"{fact_id}-{k}.txt"
                shutil.copy(doc.path.parent / fact.text.file, folder / f"{fact_id}-{k}.txt")
            (folder / f"{fact_id}-{k}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _set(data: Any, loc: tuple[Any, ...], value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--mkdocs", action="store_true", help="also build the site with MkDocs and index it for search")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (new) and keep it: facts/, docs/, site/")
    args = parser.parse_args()
    with contextlib.nullcontext(args.keep) if args.keep else tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if args.keep:
            work.mkdir(parents=True)
        (work / "facts").mkdir()
        synthesise(args.factor, work / "facts")
        started = time.perf_counter()
        base, errors = load_facts(work / "facts")
        checked = time.perf_counter()
        assert not errors, errors[:5]
        pages = render_site(base)
        rendered = time.perf_counter()
        docs = work / "docs"
        shutil.copytree(
            REPO / "docs",
            docs,
            ignore=shutil.ignore_patterns(
                "people",
                "claims",
                "events",
                "figures",
                "places",
                "outlets",
                "sources",
                "organisations",
                "dates",
                "discrepancies",
                "corrections",
                "data",
                "index.md",
                "robots.txt",
            ),
        )
        write_pages(pages, docs)
        written = time.perf_counter()
        print(f"factor {args.factor}: {len(base.facts)} facts, {len(pages)} files")
        print(f"  check  {checked - started:7.2f} s")
        print(f"  render {rendered - checked:7.2f} s")
        print(f"  write  {written - rendered:7.2f} s")
        largest = sorted(((len(v.encode()), k) for k, v in pages.items()), reverse=True)[:5]
        print("  largest files: " + ", ".join(f"{k} {size // 1024} KiB" for size, k in largest))
        if args.mkdocs:
            config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
            config = re.sub(r"^docs_dir: .*$", f"docs_dir: {docs}", config, flags=re.M)
            config = re.sub(r"^site_dir: .*$", f"site_dir: {work / 'site'}", config, flags=re.M)
            config = re.sub(
                r"^(\s+custom_dir: )(.*)$", lambda m: m.group(1) + str(REPO / m.group(2)), config, flags=re.M
            )
            (work / "mkdocs.yml").write_text(config, encoding="utf-8")
            begun = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(work / "mkdocs.yml")],
                check=True,
                env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
            )
            built = time.perf_counter()
            pages_indexed = index_site(work / "site")
            bundle = sum(p.stat().st_size for p in (work / "site" / "pagefind").rglob("*") if p.is_file())
            size = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())
            pages_html = sorted(((p.stat().st_size, p) for p in (work / "site").rglob("*.html")), reverse=True)
            print(f"  mkdocs {built - begun:7.2f} s, site {size / 2**20:.1f} MiB")
            indexed = time.perf_counter()
            print(f"  search {indexed - built:7.2f} s, {pages_indexed} pages, bundle {bundle / 2**20:.1f} MiB")
            print(
                "  largest pages: "
                + ", ".join(f"{p.relative_to(work / 'site')} {s // 1024} KiB" for s, p in pages_html[:4])
            )
            entity = work / "site/people/ilham-aliyev-0/index.html"
            print(f"  a person page: {entity.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
