"""Stage 3a: every word a page will show in quotation marks, found verbatim in a stored source.

Fields marked :class:`~generator.model.Quoted` (excerpts, originals, figures as given, names,
headlines) are looked up where their marker says; each one found becomes a :class:`Quotation`,
the only value the page templates will put in quotation marks. Our own prose
(:class:`~generator.model.Prose` fields) may quote too, but only words that a source the fact cites
really prints, or the fact's own translations.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from pydantic import BaseModel

from .errors import FactError
from .model import Citation, Fact, NameVariant, Original, Prose, Quoted, Source
from .walk import citations, marked

if TYPE_CHECKING:
    from .resolve import FactBase


def normalise(text: str) -> str:
    """Text as quotations are compared: NFC, with every run of white space one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class Quotation:
    """Words a source prints, verified against its stored text: the only text shown in quotation marks."""

    text: str
    """The words, white space collapsed."""
    source: str
    """Id of the source whose stored text holds them."""
    language: str
    """The source's language (BCP 47), for ``lang`` on the page."""
    translation: str | None = None
    """Our English translation, when the citation gives one."""


def verify(base: FactBase) -> list[FactError]:
    """Check every quoted field and every quotation in our prose; record what was verified."""
    errors: list[FactError] = []
    for fact_id, fact in base.facts.items():
        doc = base.documents[fact_id]
        for loc, owner, name, value, marker in marked(fact, Quoted):
            problem = _verify_field(base, fact, owner, name, value, marker.within)
            if problem is not None:
                code, message = problem
                at = loc[:-1] + ("source",) if code == "source-without-text" else loc
                errors.append(doc.error(at, code, message))
        errors += [doc.error(loc, "prose-quotation-not-found", message) for loc, message in _prose_problems(base, fact)]
    return errors


def _verify_field(
    base: FactBase, fact: Fact, owner: BaseModel, name: str, value: str, within: str
) -> tuple[str, str] | None:
    """Record the quotation if its words are found; else say why not (None when there is nothing to say)."""
    words = normalise(value)
    if within == "text":  # an excerpt (or a passage of a source's own text)
        source_id = owner.source if isinstance(owner, Citation) else fact.id
        source = base.facts.get(source_id)
        if not isinstance(source, Source):
            return None  # reported as unknown-reference
        if source.text is None:
            return "source-without-text", f"source {source.id!r} has no stored text to check the excerpt against"
        text = base.texts.get(source.id)
        if text is None:
            return None  # the stored text itself is missing or changed: reported already
        if words not in text:
            code = "excerpt-not-found" if name == "excerpt" else "quotation-not-found"
            return code, f"{name} not found verbatim in {source.id}: {first_difference(words, text)}"
        _record(base, owner, name, words, source, getattr(owner, "translation", None))
        return None
    if within == "citation":
        assert isinstance(owner, Original)
        return _within_citations(base, owner, name, words, [owner.citation], also_texts=True)
    if within == "sources":
        cited = list(getattr(owner, "sources", []))
        if not cited:
            return None  # nothing to verify against: pages show it as a plain name
        return _within_citations(base, owner, name, words, cited, also_texts=False)
    assert isinstance(owner, Source) and within == "headline"
    return _verify_headline(base, owner, words)


def _within_citations(
    base: FactBase, owner: BaseModel, name: str, words: str, cited: list[Citation], *, also_texts: bool
) -> tuple[str, str] | None:
    for citation in cited:
        source = base.facts.get(citation.source)
        if not isinstance(source, Source):
            return None
        haystacks = [normalise(citation.excerpt)] + ([base.texts.get(source.id, "")] if also_texts else [])
        if any(_contains(haystack, words, any_case=isinstance(owner, NameVariant)) for haystack in haystacks):
            _record(base, owner, name, words, source, None)
            return None
    nearest = normalise(cited[0].excerpt)
    where = "its citation or the stored text" if also_texts else "any excerpt it cites"
    return "quotation-not-found", f"{name} not found verbatim in {where}: {first_difference(words, nearest)}"


def _verify_headline(base: FactBase, source: Source, words: str) -> tuple[str, str] | None:
    """A headline is quoted when its own stored text, or the one named in ``headline_found_in``, prints it."""
    if words in base.texts.get(source.id, ""):
        _record(base, source, "headline", words, source, None)
        return None
    if source.headline_found_in is None:
        return None  # shown without quotation marks, as not verified
    other = base.facts.get(source.headline_found_in)
    if not isinstance(other, Source):
        return None  # reported as unknown-reference
    text = base.texts.get(other.id)
    if text is None:
        return "quotation-not-found", f"headline_found_in {other.id!r} has no stored text to find the headline in"
    if words not in text:
        return "quotation-not-found", f"headline not found verbatim in {other.id}: {first_difference(words, text)}"
    _record(base, source, "headline", words, other, None)
    return None


def _contains(text: str, words: str, *, any_case: bool) -> bool:
    """``words`` in ``text``; a name also in another case (a dateline prints BAKU for Baku)."""
    return words in text or (any_case and words.casefold() in text.casefold())


def _record(base: FactBase, owner: BaseModel, name: str, words: str, source: Source, translation: str | None) -> None:
    base.quotations[(id(owner), name)] = Quotation(words, source.id, source.language, translation)


# Double quotation marks (straight or curly), or curly single ones; ’ alone is an apostrophe.
_DOUBLE = re.compile(r"“([^”]*)”|\"([^\"]*)\"|„([^“”]*)[“”]")
_SINGLE = re.compile(r"‘([^’]*)’")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def quoted_spans(text: str) -> Iterator[str]:
    """The passages that ``text`` puts in quotation marks (single curly marks only outside double ones)."""
    outside = []
    last = 0
    for match in _DOUBLE.finditer(text):
        yield next(g for g in match.groups() if g is not None)
        outside.append(text[last : match.start()])
        last = match.end()
    outside.append(text[last:])
    for part in outside:
        for match in _SINGLE.finditer(part):
            yield match.group(1)


def _prose_problems(base: FactBase, fact: Fact) -> Iterator[tuple[tuple[object, ...], str]]:
    spans = [(loc, span) for loc, _, _, value, _ in marked(fact, Prose) for span in quoted_spans(value)]
    if not spans:
        return
    haystacks = _quotable(base, fact)
    for loc, span in spans:
        parts = [normalise(p) for p in _ELLIPSIS.split(span) if normalise(p)]
        # A quotation may open with a capital where the source's words run mid-sentence, and vice versa.
        parts = [p[0].swapcase() + p[1:] if not any(p in hay for hay in haystacks) else p for p in parts]
        if parts and not any(all(p in hay for p in parts) for hay in haystacks):
            shown = span if len(span) <= 60 else span[:57] + "..."
            yield (
                loc,
                (
                    f"“{shown}” is in quotation marks but is not the words of any source this fact cites, nor one of "
                    "its translations; quote the source exactly, or drop the quotation marks"
                ),
            )


def _quotable(base: FactBase, fact: Fact) -> list[str]:
    """What the fact's prose may quote: the stored texts and headlines of the sources it cites, its own
    translations and quoted fields."""
    sources = {c.source for _, c in citations(fact)}
    if isinstance(fact, Source):
        sources.add(fact.id)
    found = []
    for source_id in sorted(sources):
        source = base.facts.get(source_id)
        if isinstance(source, Source):
            found += [base.texts.get(source_id, ""), normalise(source.headline or "")]
    found += [normalise(c.translation) for _, c in citations(fact) if c.translation]
    found += [normalise(value) for _, _, _, value, _ in marked(fact, Quoted)]
    return [f for f in found if f]


def first_difference(excerpt: str, text: str) -> str:
    """Where the excerpt stops matching the text: the longest prefix found, binary searched."""
    low, high = 0, len(excerpt)
    while low < high:
        mid = (low + high + 1) // 2
        if excerpt[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return f"no part of {excerpt[:40]!r} matches"
    return f"matches up to {excerpt[max(0, low - 30) : low]!r}, then has {excerpt[low : low + 30]!r}"
