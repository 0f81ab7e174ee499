"""How the site build grows with the fact base, beside a stock Material site of as many pages.

    python -m benchmarks.scale --factor 1 10 30 [--keep DIR] [--no-stock]

For each factor K, copies the shipped facts K times under new ids (references rewritten to the
copy), then runs the steps of `make site` (generator/sitebuild.py), each in its own process, and
records its wall time and peak RSS. Beside it, ../shared/bench/make_synthetic_site.py writes a
stock Material site (its search plugin on, a navigation of section indexes, like ours) with as
many Markdown pages, and `mkdocs build --strict` builds it the same way. Prints a Markdown table
and the largest HTML pages.

Peak RSS comes from wait4() on each step's process: that process's own peak (and of any child it
waited for), not a maximum over everything run before it.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.model import Source
from generator.resolve import load_facts
from generator.sitebuild import REPO, scratch_docs, steps
from generator.walk import references

STOCK_SCRIPT = REPO.parent / "shared" / "bench" / "make_synthetic_site.py"
# Pages of the stock site that are not fact pages: the home page and two section indexes.
STOCK_FIXED_PAGES = 3
MiB = 2**20


def synthesise(factor: int, out: Path) -> int:
    """Copy facts/ ``factor`` times into ``out``; copy k suffixes every id, every reference and every former id
    with ``-k``."""
    base, errors = load_facts(REPO / "facts")
    assert not errors, errors[:3]
    out.mkdir(parents=True)
    shutil.copy(REPO / "facts" / "dataset.yaml", out / "dataset.yaml")
    for k in range(factor):
        for fact_id, fact in base.facts.items():
            doc = base.documents[fact_id]
            data = copy.deepcopy(doc.data)
            for loc, _, target in references(fact):
                _set(data, loc, f"{target}-{k}")
            if fact.former_ids:  # an old address belongs to one page: each copy has its own
                data["former_ids"] = [f"{former}-{k}" for former in fact.former_ids]
            folder = out / fact.folder
            folder.mkdir(exist_ok=True)
            if isinstance(fact, Source) and fact.text is not None:
                data["text"]["file"] = f"{fact_id}-{k}.txt"
                shutil.copy(doc.path.parent / fact.text.file, folder / f"{fact_id}-{k}.txt")
            (folder / f"{fact_id}-{k}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return factor * len(base.facts)


def _set(data: Any, loc: tuple[Any, ...], value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


@dataclass
class Run:
    seconds: float  # wall time
    cpu: float  # user + system seconds: less sensitive than wall time to what else runs on the machine
    peak_rss: int  # bytes


def measure(command: list[str], log: Path, cwd: Path | None = None) -> Run:
    """Run ``command`` to completion; its wall time and peak RSS. Exits with its log if it fails."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux


@dataclass
class Site:
    pages: int  # Markdown pages MkDocs built
    size: int  # bytes of everything in the built site
    largest: list[tuple[int, str]]  # (bytes, path) of the largest HTML pages


def inspect(docs: Path, site: Path) -> Site:
    pages = sum(1 for p in docs.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(docs).parts))
    files = [p for p in site.rglob("*") if p.is_file()]
    html = sorted(
        ((p.stat().st_size, p.relative_to(site).as_posix()) for p in files if p.suffix == ".html"), reverse=True
    )
    return Site(pages, sum(p.stat().st_size for p in files), html[:5])


@dataclass
class Result:
    factor: int
    facts: int
    ours: dict[str, Run]
    site: Site
    stock: Run | None
    stock_site: Site | None


def bench(factor: int, work: Path, stock: bool) -> Result:
    logs = work / "logs"
    logs.mkdir(parents=True)
    facts = synthesise(factor, work / "facts")
    docs, config = scratch_docs(work)
    ours = {
        name: measure(command, logs / f"{name}.log")
        for name, command in steps(work / "facts", docs, work / "site", config)
    }
    site = inspect(docs, work / "site")
    stock_run = stock_site = None
    if stock:
        stock_dir = work / "stock"
        subprocess.run(
            [sys.executable, str(STOCK_SCRIPT), str(site.pages - STOCK_FIXED_PAGES), str(stock_dir)],
            check=True,
        )
        stock_run = measure([sys.executable, "-m", "mkdocs", "build", "--strict"], logs / "stock.log", cwd=stock_dir)
        stock_site = inspect(stock_dir / "docs", stock_dir / "site")
        assert stock_site.pages == site.pages, (stock_site.pages, site.pages)
    return Result(factor, facts, ours, site, stock_run, stock_site)


def _s(seconds: float) -> str:
    return f"{seconds:.1f} s"


def _mib(size: int) -> str:
    return f"{size / MiB:.0f} MiB"


def _kib(size: float) -> str:
    return f"{size / 1024:.0f} KiB"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def report(results: list[Result]) -> str:
    # Steps after MkDocs (the search index) get a column of their own and count in "all steps / stock".
    later = [name for name in results[0].ours if name not in ("generator", "mkdocs")]
    header = [
        "K",
        "facts",
        "pages",
        "generator",
        "MkDocs",
        *later,
        "stock Material",
        "generator / MkDocs",
        "MkDocs / stock",
        "(gen + MkDocs) / stock",
        *(["all steps / stock"] if later else []),
        "peak RSS (ours vs stock)",
        "site per page",
        "largest page",
    ]
    lines = [_row(header), _row(["---"] * len(header))]
    for r in results:
        gen, mk = r.ours["generator"], r.ours["mkdocs"]
        ours_total = sum(run.seconds for run in r.ours.values())
        peak = max(run.peak_rss for run in r.ours.values())
        size, page = r.site.largest[0]
        stock = r.stock
        lines.append(
            _row(
                [
                    str(r.factor),
                    f"{r.facts:,}",
                    f"{r.site.pages:,}",
                    _s(gen.seconds),
                    _s(mk.seconds),
                    *(_s(r.ours[name].seconds) for name in later),
                    _s(stock.seconds) if stock else "–",
                    f"{gen.seconds / mk.seconds:.2f}",
                    f"{mk.seconds / stock.seconds:.2f}" if stock else "–",
                    f"{(gen.seconds + mk.seconds) / stock.seconds:.2f}" if stock else "–",
                    *([f"{ours_total / stock.seconds:.2f}" if stock else "–"] if later else []),
                    f"{_mib(peak)} vs {_mib(stock.peak_rss)}" if stock else _mib(peak),
                    _kib(r.site.size / r.site.pages),
                    f"{_kib(size)} ({page})",
                ]
            )
        )
    names = list(results[0].ours)
    header = [
        "K",
        *(f"{name} CPU" for name in names),
        "stock CPU",
        "generator / MkDocs",
        "MkDocs / stock",
        "(gen + MkDocs) / stock",
        *(["all steps / stock"] if later else []),
        *(f"{name} peak RSS" for name in names),
        "stock peak RSS",
        "site",
        "stock site",
        "stock site per page",
    ]
    lines += [
        "",
        "CPU time (user + system) and peak RSS of each step; the ratios as above, of CPU time:",
        "",
        _row(header),
        _row(["---"] * len(header)),
    ]
    for r in results:
        gen, mk, stock, stock_site = r.ours["generator"], r.ours["mkdocs"], r.stock, r.stock_site
        ours_cpu = sum(run.cpu for run in r.ours.values())
        lines.append(
            _row(
                [
                    str(r.factor),
                    *(_s(run.cpu) for run in r.ours.values()),
                    _s(stock.cpu) if stock else "–",
                    f"{gen.cpu / mk.cpu:.2f}",
                    f"{mk.cpu / stock.cpu:.2f}" if stock else "–",
                    f"{(gen.cpu + mk.cpu) / stock.cpu:.2f}" if stock else "–",
                    *([f"{ours_cpu / stock.cpu:.2f}" if stock else "–"] if later else []),
                    *(_mib(run.peak_rss) for run in r.ours.values()),
                    _mib(stock.peak_rss) if stock else "–",
                    _mib(r.site.size),
                    _mib(stock_site.size) if stock_site else "–",
                    _kib(stock_site.size / stock_site.pages) if stock_site else "–",
                ]
            )
        )
    for r in results:
        lines += [
            "",
            f"Largest HTML pages at K = {r.factor}: "
            + ", ".join(f"{page} {_kib(size)}" for size, page in r.site.largest),
        ]
        if r.stock_site:
            lines.append(f"(stock: {', '.join(f'{page} {_kib(size)}' for size, page in r.stock_site.largest[:2])})")
    return "\n".join(lines)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, load average {os.getloadavg()[0]:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, nargs="+", default=[1, 10], help="one or several K (default: 1 10)")
    parser.add_argument("--keep", type=Path, help="keep each K's facts, docs and sites in DIR/k<K>/")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock Material site")
    args = parser.parse_args()
    if not args.no_stock and not STOCK_SCRIPT.is_file():
        parser.error(f"{STOCK_SCRIPT} is missing (or pass --no-stock)")
    print(machine(), flush=True)
    results = []
    for factor in args.factor:
        if args.keep:
            work = args.keep / f"k{factor}"
            shutil.rmtree(work, ignore_errors=True)
            results.append(bench(factor, work, not args.no_stock))
        else:
            with tempfile.TemporaryDirectory() as scratch:
                results.append(bench(factor, Path(scratch), not args.no_stock))
        print(f"K = {factor} done", file=sys.stderr, flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
