"""Stage 3: load every fact, check what ties them together, and index them for the pages.

Checks here need more than one file: unique ids, references, stored texts and
their hashes, and excerpts verified against those texts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import FactError, did_you_mean, display_path
from .load import Document, iter_fact_files, load_file
from .model import ID_RE, KINDS, Citation, Claim, DatasetInfo, Fact, Figure, Outlet, Rendering, Source
from .rules import check_curation
from .validate import validate
from .verify import Quotation, normalise, verify
from .walk import citations, references


@dataclass
class FactBase:
    """All facts by id, with the stored source texts and reverse indexes."""

    root: Path
    facts: dict[str, Fact] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Normalised stored text of each source that has one."""
    cited_in: dict[str, list[tuple[Fact, Citation]]] = field(default_factory=lambda: defaultdict(list))
    """Source id -> every (fact, citation) that quotes it."""
    referenced_by: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    """Fact id -> the facts that refer to it, in id order."""
    renderings_by_outlet: dict[str, list[tuple[Claim, Rendering]]] = field(default_factory=lambda: defaultdict(list))
    """Outlet id -> every (claim, rendering) carried in one of its articles."""
    dataset: DatasetInfo = field(default_factory=DatasetInfo)
    """What ``facts/dataset.yaml`` says of the fact base as a whole."""
    unreadable: set[str] = field(default_factory=set)
    """Ids of files that failed to load; references to them are not reported again."""
    former_ids: dict[str, str] = field(default_factory=dict)
    """Former id -> the id it was renamed to."""
    days: dict[dt.date, dict[str, list[Fact]]] = field(default_factory=dict)
    """Day -> facts dated that day, by kind: events, claims, sources (published), figures (as of)."""
    quotations: dict[tuple[int, str], Quotation] = field(default_factory=dict)
    """(id of the model object, field name) -> its verified words; see :mod:`generator.verify`."""

    def quotation(self, owner: object, field_name: str) -> Quotation | None:
        """The verified words of ``owner.field_name``, or None when they could not be verified."""
        return self.quotations.get((id(owner), field_name))

    def of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts.values() if f.kind == kind]

    def outlet_of(self, source_id: str) -> Outlet:
        """The outlet that published a source."""
        return self.facts[self.facts[source_id].outlet]  # type: ignore[attr-defined,return-value]

    def outlets_of(self, claim: Claim) -> list[Outlet]:
        """The outlets whose articles carried ``claim``, each once, in rendering order."""
        return list({o.id: o for o in (self.outlet_of(r.source) for r in claim.renderings)}.values())

    def referring(self, target: str, kind: str, attribute: str | None = None) -> list[Fact]:
        """Facts of ``kind`` that refer to ``target`` (through ``attribute`` only, if given)."""
        found = [f for f in self.referenced_by.get(target, []) if f.kind == kind]
        if attribute is None:
            return found
        return [f for f in found if _mentions(getattr(f, attribute), target)]


Parsed = tuple[Document | None, Fact | None, list[FactError]]
"""One fact file read and validated: its document, its fact (None if either failed) and the problems."""
Parse = Callable[[Path, type[Fact], str], Parsed]


def parse_fact(path: Path, cls: type[Fact], fact_id: str) -> Parsed:
    """Read one fact file and validate it as ``cls``; needs nothing but the file."""
    doc, errors = load_file(path)
    fact, schema_errors = validate(doc, cls, fact_id) if doc is not None else (None, [])
    return doc, fact, errors + schema_errors


def load_facts(root: Path, parse: Parse = parse_fact) -> tuple[FactBase, list[FactError]]:
    """Read and check the whole fact tree; errors come sorted by file and line.

    ``parse`` reads one file (``generator watch`` passes one that keeps unchanged files' results).
    """
    base = FactBase(root)
    errors: list[FactError] = []
    errors += _load_all(base, parse)
    errors += _check_references(base)
    errors += _load_texts(base)
    errors += verify(base)
    errors += _check_figure_values(base)
    if not errors:  # the indexes (and the curation rules) assume every reference resolves
        _index(base)
        errors += check_curation(base)
    return base, sorted(set(errors))


def _load_all(base: FactBase, parse: Parse) -> list[FactError]:
    errors: list[FactError] = []
    if not base.root.is_dir():
        return [FactError(display_path(base.root), 0, 0, "unknown-kind", "no such facts directory")]
    for entry in sorted(base.root.iterdir()):
        if entry.name.startswith(".") or entry.suffix == ".md":
            continue
        if entry.name == DATASET_FILE:
            errors += _load_dataset(base, entry)
            continue
        if not entry.is_dir() or entry.name not in KINDS:
            errors.append(
                FactError(
                    display_path(entry),
                    0,
                    0,
                    "unknown-kind",
                    f"{entry.name!r} is not a kind of fact{did_you_mean(entry.name, KINDS)}"
                    f" (folders: {', '.join(KINDS)})",
                )
            )
            continue
        for path in iter_fact_files(entry):
            errors += _load_one(base, path, KINDS[entry.name], parse)
    return errors


DATASET_FILE = "dataset.yaml"


def _load_dataset(base: FactBase, path: Path) -> list[FactError]:
    doc, errors = load_file(path)
    if doc is None:
        return errors
    info, schema_errors = validate(doc, DatasetInfo)
    if info is not None:
        base.dataset = info  # type: ignore[assignment]
    return errors + schema_errors


def _load_one(base: FactBase, path: Path, cls: type[Fact], parse: Parse) -> list[FactError]:
    fact_id = path.stem
    if not ID_RE.match(fact_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", fact_id.lower()).strip("-")
        return [
            FactError(
                display_path(path),
                1,
                1,
                "bad-id",
                f"file name {fact_id!r} is not a valid id; rename it to {suggestion + path.suffix!r}",
            )
        ]
    doc, fact, errors = parse(path, cls, fact_id)
    errors = list(errors)
    if doc is None or fact is None:
        base.unreadable.add(fact_id)
        return errors
    if fact_id in base.facts or fact_id in base.former_ids:
        other = base.facts.get(fact_id) or base.facts[base.former_ids[fact_id]]
        errors.append(
            FactError(
                doc.shown,
                1,
                1,
                "duplicate-id",
                f"id {fact_id!r} is already used by {other.path} ({other.kind}); rename one file",
            )
        )
        return errors
    for i, former in enumerate(fact.former_ids):
        if former in base.facts or former in base.former_ids:
            errors.append(
                doc.error(
                    ("former_ids", i),
                    "duplicate-id",
                    f"former id {former!r} is still in use; an old address can point to one page only",
                )
            )
        base.former_ids.setdefault(former, fact_id)
    base.facts[fact_id] = fact
    base.documents[fact_id] = doc
    return errors


def _check_references(base: FactBase) -> list[FactError]:
    errors = []
    for fact_id, fact in base.facts.items():
        doc = base.documents[fact_id]
        for loc, ref, target in references(fact):
            found = base.facts.get(target)
            if (found is not None and found.kind in ref.kinds) or target in base.unreadable:
                continue
            wanted = " or ".join(filter(None, (", ".join(ref.kinds[:-1]), ref.kinds[-1])))
            if found is None:
                candidates = [f.id for f in base.facts.values() if f.kind in ref.kinds]
                message = f"no {wanted} has the id {target!r}{did_you_mean(target, candidates)}"
            else:
                message = f"{target!r} is a {found.kind}, but a {wanted} is expected here"
            errors.append(doc.error(loc, "unknown-reference", message))
    return errors


MAX_TEXT_BYTES = 5_000_000
"""An article's text is tens of kilobytes; a bigger file is not an article."""


def _load_texts(base: FactBase) -> list[FactError]:
    errors = []
    for source in base.of_kind("source"):
        assert isinstance(source, Source)
        if source.text is None:
            continue
        doc = base.documents[source.id]
        path = doc.path.parent / source.text.file
        try:
            size = path.stat().st_size
            raw = path.read_bytes() if size <= MAX_TEXT_BYTES else b""
        except OSError:
            errors.append(doc.error(("text", "file"), "snapshot-missing", f"stored text {str(path)!r} cannot be read"))
            continue
        if size > MAX_TEXT_BYTES:
            errors.append(
                doc.error(
                    ("text", "file"),
                    "file-too-large",
                    f"stored text {source.text.file} has {size:,} bytes; a stored text may have at most "
                    f"{MAX_TEXT_BYTES:,}: keep the article only",
                )
            )
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.text.sha256:
            errors.append(
                doc.error(
                    ("text", "sha256"),
                    "snapshot-changed",
                    f"{source.text.file} has SHA-256 {digest}, not the recorded one; "
                    "restore the text, or record the new hash if the change is deliberate",
                )
            )
            continue
        try:
            base.texts[source.id] = normalise(raw.decode("utf-8"))
        except UnicodeDecodeError:
            errors.append(FactError(display_path(path), 1, 1, "not-utf8", "the stored text is not UTF-8"))
    return errors


def _check_figure_values(base: FactBase) -> list[FactError]:
    """A figure's value must be the number its wording gives, read in its first source's language."""
    errors = []
    for figure in base.of_kind("figure"):
        assert isinstance(figure, Figure)
        source = base.facts.get(figure.sources[0].source)
        if isinstance(source, Source) and (problem := figure.misread_value(source.language)):
            errors.append(base.documents[figure.id].error(("value",), "invalid-value", problem))
    return errors


def _mentions(value: object, target: str) -> bool:
    return value == target or (isinstance(value, list) and target in value)


def fact_day(fact: Fact) -> dt.date | None:
    """The day a fact belongs to on the timeline."""
    when = getattr(fact, "date", None) or getattr(fact, "as_of", None) or getattr(fact, "published", None)
    return when.date if when is not None else None


def _index(base: FactBase) -> None:
    for fact in sorted(base.facts.values(), key=lambda f: f.id):
        if fact.kind in ("event", "claim", "source", "figure") and (day := fact_day(fact)) is not None:
            base.days.setdefault(day, defaultdict(list))[fact.kind].append(fact)
        for _, citation in citations(fact):
            base.cited_in[citation.source].append((fact, citation))
            if isinstance(citation, Rendering) and isinstance(fact, Claim) and citation.source in base.facts:
                base.renderings_by_outlet[base.outlet_of(citation.source).id].append((fact, citation))
        seen = set()
        for _, _, target in references(fact):
            if target in base.facts and target not in seen and target != fact.id:
                seen.add(target)
                base.referenced_by[target].append(fact)
