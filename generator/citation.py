"""Ready-to-copy citations of a page in APA, MLA, Chicago, BibTeX and CSL-JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from .jsonld import site_address
from .model import DatasetInfo


@dataclass(frozen=True)
class PageCitation:
    """What a citation of one page needs: its title, address and last-updated date."""

    key: str
    title: str
    path: str
    """Address below the site root, e.g. ``people/ilham-aliyev/``."""
    site_url: str
    updated: dt.date | None
    dataset: DatasetInfo

    @property
    def permalink(self) -> str:
        return site_address(self.site_url, self.path)

    @property
    def site(self) -> str:
        return self.dataset.name

    @property
    def updated_text(self) -> str:
        return f"{self.updated.day} {self.updated:%B %Y}" if self.updated else "not recorded"

    @property
    def csl_target(self) -> str:
        return self.path.rstrip("/") + ".csl.json"

    def apa(self) -> str:
        when = f"{self.updated.year}, {self.updated:%B} {self.updated.day}" if self.updated else "n.d."
        return f"{self.site}. ({when}). {self.title}. {self.permalink}"

    def mla(self) -> str:
        when = f" {self.updated.day} {_mla_month(self.updated)} {self.updated.year}," if self.updated else ""
        return f"\u201c{self.title}.\u201d {self.site},{when} {self.permalink}."

    def chicago(self) -> str:
        when = f" Last modified {self.updated:%B} {self.updated.day}, {self.updated.year}." if self.updated else ""
        return f"{self.site}. \u201c{self.title}.\u201d{when} {self.permalink}."

    def bibtex(self) -> str:
        fields = [
            ("title", "{" + _bibtex(self.title) + "}"),
            ("author", "{" + _bibtex(self.site) + "}"),
            ("howpublished", "{\\url{" + self.permalink + "}}"),
            ("url", "{" + self.permalink + "}"),
        ]
        if self.updated:
            fields += [
                ("year", str(self.updated.year)),
                ("month", f"{self.updated:%b}".lower()),
                ("note", f"{{Last updated {self.updated.isoformat()}}}"),
            ]
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"

    def csl_json(self) -> str:
        item: dict[str, object] = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "container-title": self.site,
            "author": [{"literal": self.site}],
            "URL": self.permalink,
        }
        if self.updated:
            item["issued"] = {"date-parts": [[self.updated.year, self.updated.month, self.updated.day]]}
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def _mla_month(day: dt.date) -> str:
    name = f"{day:%B}"
    return name if len(name) <= 4 else f"{day:%b}."


def _bibtex(text: str) -> str:
    """Text safe inside a BibTeX brace group."""
    return re.sub(r"([{}\\%&$#_^~])", r"\\\1", text)
