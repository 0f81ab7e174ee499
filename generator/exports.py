"""Files published beside the pages: data downloads, the corrections feed, redirects, robots.txt."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from .jsonld import site_address
from .model import KINDS, Fact, Figure
from .resolve import FactBase
from .schema import json_schemas


def facts_json(base: FactBase) -> str:
    """The whole fact base as one JSON document; stored article texts are not republished."""
    data: dict[str, Any] = {"dataset": base.dataset.model_dump(mode="json")}
    for folder, cls in KINDS.items():
        data[folder] = [
            {"id": f.id, **f.model_dump(mode="json", by_alias=True, exclude_defaults=True)}
            for f in sorted(base.of_kind(cls.kind), key=lambda f: f.id)
        ]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


FIGURE_COLUMNS = [
    "id",
    "quantity",
    "measure",
    "category",
    "side",
    "subject",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "as_given",
    "claimant",
    "as_of",
    "as_of_inferred",
    "since",
    "sources",
]


def figures_csv(base: FactBase) -> str:
    """One row per figure, values as given; several sources are joined with ' | '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for f in sorted(base.of_kind("figure"), key=lambda f: f.id):
        assert isinstance(f, Figure)
        writer.writerow(
            [
                f.id,
                f.quantity or "",
                f.measure,
                f.category,
                f.side or "",
                f.subject,
                f.qualifier,
                _number(f.value),
                _number(f.value_high),
                f.unit,
                f.as_given,
                f.claimant or "",
                f.as_of.date.isoformat(),
                "yes" if f.as_of.inferred else "",
                f.since.date.isoformat() if f.since else "",
                " | ".join(c.source for c in f.sources),
            ]
        )
    return out.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def schema_files() -> dict[str, str]:
    return {
        f"{folder}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for folder, schema in json_schemas().items()
    }


def corrections(base: FactBase) -> list[tuple[Any, Fact, str]]:
    """Every correction as (date, fact, text), newest first."""
    found = [(c.date, f, c.text) for f in base.facts.values() for c in f.corrections]
    return sorted(found, key=lambda item: (item[0], item[1].id), reverse=True)


def atom_feed(base: FactBase, site_url: str) -> str:
    """An Atom feed of corrections, for readers who follow changes."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    root = site_address(site_url, "")
    items = corrections(base)
    ET.SubElement(feed, f"{{{ns}}}title").text = f"{base.dataset.name}: corrections"
    ET.SubElement(feed, f"{{{ns}}}id").text = root + "corrections/"
    ET.SubElement(feed, f"{{{ns}}}link", href=root + "corrections/")
    newest = items[0][0] if items else base.dataset.released
    ET.SubElement(feed, f"{{{ns}}}updated").text = (
        f"{newest.isoformat()}T00:00:00Z" if newest else "1970-01-01T00:00:00Z"
    )
    author = ET.SubElement(feed, f"{{{ns}}}author")
    ET.SubElement(author, f"{{{ns}}}name").text = base.dataset.name
    for day, fact, text in items:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        url = f"{root}{fact.folder}/{fact.id}/"
        ET.SubElement(entry, f"{{{ns}}}title").text = f"Correction: {fact.heading}"
        ET.SubElement(entry, f"{{{ns}}}id").text = f"{url}#correction-{day.isoformat()}"
        ET.SubElement(entry, f"{{{ns}}}link", href=url)
        ET.SubElement(entry, f"{{{ns}}}updated").text = f"{day.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ns}}}summary").text = text
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def redirect_page(target: str) -> str:
    """A page at a former address that sends readers (and search engines) to ``target``, a relative URL."""
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Moved</title>\n'
        f'<link rel="canonical" href="{target}">\n<meta http-equiv="refresh" content="0; url={target}">\n'
        f'</head>\n<body>\n<p>This page has moved to <a href="{target}">its new address</a>.</p>\n</body>\n</html>\n'
    )


def robots_txt(site_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
