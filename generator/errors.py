"""Problems found in the fact files, reported as ``path:line:col: code: message``.

Every check yields :class:`FactError` values instead of raising, so one run of
``generator check`` reports every problem at once. Codes are stable and
documented in ``CODES``; tests and the README rely on them.
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

CODES: dict[str, str] = {
    "yaml-syntax": "The file is not valid YAML.",
    "yaml-alias": "The file uses a YAML anchor or alias (&name, *name); fact files write every value out.",
    "file-too-large": "A fact file over 1 MB or a stored text over 5 MB.",
    "unreadable-file": "The file cannot be read (permissions, a broken link).",
    "not-utf8": "The file is not UTF-8 text.",
    "empty-file": "The file holds no fact.",
    "not-a-mapping": "The file's top level is not a mapping of field names to values.",
    "duplicate-key": "The same field is given twice in one mapping.",
    "unknown-field": "A field the schema does not define (often a typo).",
    "missing-field": "A required field is absent.",
    "wrong-type": "A value of the wrong type (text for a number, a list for text, ...).",
    "invalid-value": "A value outside the allowed set or pattern.",
    "invalid-date": "A date or time that does not exist or is not written YYYY-MM-DD / HH:MM.",
    "bad-id": "A file name that cannot serve as a permanent id (lowercase a-z, 0-9 and '-').",
    "duplicate-id": "Two fact files share one id; ids are unique across all kinds.",
    "unknown-reference": "A reference to an id that no fact file defines, or to the wrong kind.",
    "source-without-text": "An excerpt cites a source whose text is not stored, so it cannot be verified.",
    "excerpt-not-found": "An excerpt does not appear verbatim in its source's stored text.",
    "quotation-not-found": "Text shown in quotation marks (an original, a figure as given, a name, a headline) "
    "is not found verbatim where it must be.",
    "prose-quotation-not-found": "Our own prose puts in quotation marks words that no cited source prints "
    "(and that are none of the fact's translations).",
    "snapshot-missing": "A source's stored text file does not exist.",
    "snapshot-changed": "A source's stored text no longer matches its recorded SHA-256.",
    "unknown-kind": "A file or folder in the facts directory that is no known kind of fact.",
    "uncovered-text": "A number or quotation in a source that no fact covers (coverage only).",
    "no-archived-copy": "A source with no archived copy recorded (archives only).",
    # Curation rules (generator/rules.py)
    "missing-translation": "An excerpt from a source not in English has no English translation.",
    "undated-statement": "A claim's date or a figure's as_of is inferred as the citing report's publication date "
    "without being marked no_later_than.",
    "ordinal-in-arithmetic": "An ordinal figure (the n-th) counts deaths, wounded or captured, or shares a quantity "
    "with amounts.",
    "unknown-inference": "An inferences key that names no field with a value in the fact (or names a date).",
    "inference-without-reasoning": "A date marked no_later_than without the inferred reasoning.",
    "headline-form": "A rendering with form headline that is not its source's headline, or a headline with "
    "another form.",
    "contradiction-overlaps": "A curated values discrepancy whose figures can all be true.",
    "unknown-curator": "reviewed_by names no curator listed in facts/dataset.yaml.",
    "quantity-mismatch": "Figures sharing a quantity differ in measure or unit.",
}


@dataclass(frozen=True, order=True)
class FactError:
    """One problem, located in a file (line and column are 1-based; 0 when unknown)."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def __post_init__(self) -> None:
        assert self.code in CODES, f"undocumented error code {self.code!r}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code}: {self.message}"


def display_path(path: Path) -> str:
    """The path as a curator typed it: relative to the working directory when possible."""
    try:  # absolute, not resolved: an error in a symlink names the link, not its target
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def did_you_mean(value: str, choices: object) -> str:
    """A hint naming the closest known choice, or an empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def report(errors: list[FactError]) -> None:
    """Print every problem on standard error, one line each, then how many stopped the build."""
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found; nothing was written", file=sys.stderr)
