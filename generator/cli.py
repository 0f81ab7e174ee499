"""The command line: ``python -m generator check|build|coverage|archives|schema|watch|serve``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import report
from .resolve import FactBase, load_facts
from .schema import json_schemas

DEFAULT_FACTS = Path("facts")
DEFAULT_DOCS = Path("docs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the facts and print every problem")
    check.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    build = commands.add_parser("build", help="validate, then render the pages into DOCS")
    build.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    build.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="MkDocs docs_dir (default: docs)")
    build.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", ""),
        help="published address for permalinks and structured data (default: $SITE_URL)",
    )
    schema = commands.add_parser("schema", help="print the JSON Schema of the fact files, or write one per kind")
    schema.add_argument("--out", type=Path, help="write <kind>.schema.json files into this folder")
    coverage = commands.add_parser("coverage", help="list numbers and quotations in stored texts that no fact cites")
    coverage.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    archives = commands.add_parser("archives", help="list the sources that have no archived copy recorded")
    archives.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    watch = commands.add_parser("watch", help="rebuild the pages whenever a fact file or template changes")
    watch.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    watch.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    serve = commands.add_parser(
        "serve", help="preview the site: render, start `mkdocs serve --dirty`, and re-render on every change"
    )
    serve.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    serve.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    serve.add_argument("-f", "--config-file", type=Path, help="MkDocs configuration (default: mkdocs.yml)")
    serve.add_argument("-a", "--dev-addr", help="address MkDocs serves on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return 0 if _checked(args.facts) else 1
    if args.command == "build":
        return _build(args.facts, args.docs, args.site_url)
    if args.command == "schema":
        return _schema(args.out)
    if args.command == "coverage":
        return _coverage(args.facts)
    if args.command == "archives":
        return _archives(args.facts)
    return _serve(args.facts, args.docs, args if args.command == "serve" else None)


def _checked(facts: Path) -> FactBase | None:
    base, errors = load_facts(facts)
    report(errors)
    if errors:
        return None
    print(f"{facts}: {len(base.facts)} facts, {len(base.texts)} stored texts, all excerpts verified", file=sys.stderr)
    return base


def _build(facts: Path, docs: Path, site_url: str = "") -> int:
    from .publish import site_files, site_info
    from .write import write_pages

    base = _checked(facts)
    if base is None:
        return 1
    pages = site_files(base, site_info(base, site_url=site_url or None))
    write_pages(pages, docs)
    print(f"wrote {len(pages)} pages into {docs}", file=sys.stderr)
    return 0


def _coverage(facts: Path) -> int:
    from .coverage import uncovered

    base = _checked(facts)
    if base is None:
        return 1
    gaps = uncovered(base)
    for gap in gaps:
        print(gap, file=sys.stderr)
    print(
        f"{len(gaps)} uncovered passage{'s' if len(gaps) != 1 else ''} in {len(base.texts)} stored texts",
        file=sys.stderr,
    )
    return 1 if gaps else 0


def _archives(facts: Path) -> int:
    """Each source without an archived copy, at its ``url``, with the address to look one up."""
    from .model import Source
    from .views.records import wayback_lookup

    base = _checked(facts)
    if base is None:
        return 1
    sources = sorted((s for s in base.of_kind("source") if isinstance(s, Source)), key=lambda s: s.id)
    missing = [
        base.documents[s.id].error(
            ("url",),
            "no-archived-copy",
            f"no archived copy is recorded; look for one at {wayback_lookup(s.url).url} "
            "and add it under archive: with its url and date",
        )
        for s in sources
        if not s.archive
    ]
    for problem in sorted(missing):
        print(problem, file=sys.stderr)
    print(f"{len(missing)} of {len(sources)} sources have no archived copy recorded", file=sys.stderr)
    return 1 if missing else 0


def _schema(out: Path | None) -> int:
    schemas = json_schemas()
    if out is None:
        print(json.dumps(schemas, indent=2, ensure_ascii=False))
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for folder, schema in schemas.items():
        (out / f"{folder}.schema.json").write_text(
            json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


def _serve(facts: Path, docs: Path, options: argparse.Namespace | None = None) -> int:
    """Re-render on every change (see generator/preview.py); with ``options``, also run MkDocs' server.

    ``--dirty``: MkDocs rebuilds only the pages whose Markdown is newer than their HTML, which are the
    ones the generator rewrote. MkDocs warns of every dirty build, so the preview is not strict: its
    warnings are printed and it keeps serving (``make site`` stays strict).
    """
    from .preview import Preview

    server = None
    if options is not None:
        server = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict"]
        if options.config_file:
            server += ["--config-file", str(options.config_file)]
        if options.dev_addr:
            server += ["--dev-addr", options.dev_addr]
    return Preview(facts, docs, os.environ.get("SITE_URL", "")).serve(server)
