"""The curator's to-do list: numbers and quotations in stored texts that no fact cites.

A passage counts as covered when it lies inside an excerpt that some fact cites
from that source, inside the source's headline or byline (recorded as metadata),
or inside a passage the source file lists under ``not_facts`` with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import FactError, display_path
from .model import Source
from .resolve import FactBase

NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
QUOTATION = re.compile(r"\"[^\"\n]+\"|“[^”\n]+”|‘[^’\n]+’|(?<!\w)'[^'\n]+'(?!\w)")


def uncovered(base: FactBase) -> list[FactError]:
    """Every number and quotation in every stored text that nothing covers."""
    errors: list[FactError] = []
    for source in base.of_kind("source"):
        assert isinstance(source, Source)
        if source.text is None or source.id not in base.texts:
            continue
        path = base.documents[source.id].path.parent / source.text.file
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        covered = bytearray(len(text))
        passages = [c.excerpt for _, c in base.cited_in.get(source.id, [])]
        passages += [p for p in (source.headline, *source.byline, *(n.text for n in source.not_facts)) if p]
        for passage in passages:
            for match in _flexible(passage).finditer(text):
                covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        for what, pattern in (("number", NUMBER), ("quotation", QUOTATION)):
            for match in pattern.finditer(text):
                if not all(covered[match.start() : match.end()]):
                    errors.append(_located(path, text, match.start(), what, match.group()))
    return sorted(errors)


def _flexible(passage: str) -> re.Pattern[str]:
    """A pattern for ``passage`` that allows any white space where it has some."""
    words = unicodedata.normalize("NFC", passage).split()
    return re.compile(r"\s+".join(map(re.escape, words)))


def _located(path: Path, text: str, offset: int, what: str, found: str) -> FactError:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    shown = found if len(found) <= 60 else found[:57] + "..."
    return FactError(
        display_path(path),
        line,
        col,
        "uncovered-text",
        f"{what} {shown!r} is cited by no fact; cite it, or list it under not_facts with a reason",
    )
