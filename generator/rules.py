"""Stage 3d: curation rules a program can check, each reported at its place with its own code.

Each check takes the loaded fact base (references resolved, texts stored) and
yields :class:`FactError` values. ``CURATION_CHECKS`` lists them all;
:func:`check_curation` runs them in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Callable, Iterator

from pydantic import BaseModel

from . import resolve  # as a module: resolve.load_facts may run these checks
from .errors import FactError, did_you_mean
from .intervals import WHOLE_MEASURES, common, describe, interval
from .model import Claim, Discrepancy, FactDate, Figure, Source
from .walk import citations

if TYPE_CHECKING:
    from .resolve import FactBase

Check = Callable[["FactBase"], Iterator[FactError]]


def missing_translations(base: FactBase) -> Iterator[FactError]:
    """Every excerpt from a source not in English carries our English translation."""
    for fact in base.facts.values():
        for loc, citation in citations(fact):
            source = base.facts.get(citation.source)
            if isinstance(source, Source) and not _english(source.language) and not citation.translation:
                yield base.documents[fact.id].error(
                    loc + ("excerpt",),
                    "missing-translation",
                    f"the excerpt from {source.id} (language {source.language!r}) has no translation; "
                    "add 'translation:' with its English translation",
                )


def _english(language: str) -> bool:
    return language.split("-")[0].lower() == "en"


def undated_statements(base: FactBase) -> Iterator[FactError]:
    """A claim's date or a figure's as_of inferred as the report's own publication date must be a bound.

    Exceptions: the reasoning quotes a source's own words naming that day ("pada hari Minggu" in a
    Sunday article), found verbatim in a stored text the fact cites (the date's own ``cited`` passage
    included); or the claim is the outlet's own statement (or that of an outlet it republishes), made on
    publication.
    """
    for fact in base.facts.values():
        if isinstance(fact, Claim):
            outlet = base.outlet_of(fact.renderings[0].source)
            if fact.claimant in (outlet.id, *outlet.republishes):
                continue
            field, when, first, doing = "date", fact.date, fact.renderings[0], "said"
        elif isinstance(fact, Figure):
            field, when, first, doing = "as_of", fact.as_of, fact.sources[0], "counted"
        else:
            continue
        source = base.facts.get(first.source)
        if not isinstance(source, Source) or source.published is None or when.no_later_than or not when.inferred:
            continue
        if when.date == source.published.date and not _quotes_the_day(base, fact, when):
            yield base.documents[fact.id].error(
                (field, "date"),
                "undated-statement",
                f"{when.date.isoformat()} is the publication date of {source.id}, not a day the source gives for "
                f"when this was {doing}; add 'no_later_than: true', or quote the source's words for the day in "
                "'inferred'",
            )


_WEEKDAYS = "Senin|Monday Selasa|Tuesday Rabu|Wednesday Kamis|Thursday Jum'?at|Friday Sabtu|Saturday Minggu|Ahad|Sunday"
_MONTHS = (
    "Januari|January Februari|February Maret|March April Mei|May Juni|June Juli|July Agustus|August September "
    "Oktober|October November|Nopember Desember|December"
)
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")


def _names_the_day(words: str, day: dt.date) -> bool:
    """Whether ``words`` name ``day``: its weekday, 1/11, 1 November, or "today"; case matters, since
    "minggu keenam" is the sixth week, not Sunday."""
    weekday, month = _WEEKDAYS.split()[day.weekday()], _MONTHS.split()[day.month - 1]
    d, m = day.day, day.month
    pattern = rf"\b(?:{weekday}|hari ini|today|tonight|0?{d}/0?{m}|0?{d} (?:{month}))\b"
    return re.search(pattern, words) is not None


def _quotes_the_day(base: FactBase, fact: BaseModel, when: FactDate) -> bool:
    """Whether the reasoning quotes, from a stored text the fact cites, words that name the day."""
    cited = {c.source for _, c in citations(fact)}
    for match in _QUOTED.finditer(when.inferred or ""):
        words = resolve.normalise(match.group(1) or match.group(2))
        if _names_the_day(words, when.date) and any(words in base.texts.get(s, "") for s in cited):
            return True
    return False


ARITHMETIC_MEASURES = ("deaths", "wounded", "captured")


def ordinals_in_arithmetic(base: FactBase) -> Iterator[FactError]:
    """An ordinal (the n-th) is never a casualty count, nor one of a quantity's amounts."""
    amounts: dict[str, list[str]] = defaultdict(list)
    for f in _figures(base):
        if f.quantity and f.value_kind == "amount":
            amounts[f.quantity].append(f.id)
    for f in _figures(base):
        if f.value_kind != "ordinal":
            continue
        doc = base.documents[f.id]
        if f.measure in ARITHMETIC_MEASURES:
            yield doc.error(
                ("value_kind",),
                "ordinal-in-arithmetic",
                f"an ordinal (the n-th) is not a number of {f.measure}, which are added up and compared; "
                f"record how many the source says were {f.measure}, or record the statement as a claim",
            )
        if f.quantity in amounts:
            yield doc.error(
                ("quantity",),
                "ordinal-in-arithmetic",
                f"quantity {f.quantity!r} is shared with amounts ({', '.join(sorted(amounts[f.quantity]))}); "
                "an ordinal is never compared with amounts: give it a quantity of its own",
            )


def _figures(base: FactBase) -> list[Figure]:
    return sorted((f for f in base.facts.values() if isinstance(f, Figure)), key=lambda f: f.id)


RECORD_FIELDS = ("inferences", "corrections", "former_ids", "added", "reviewed", "reviewed_by", "updated")
"""Fields about the record itself, not taken from the sources: nothing in them is inferred."""
_SEGMENT = re.compile(r"([A-Za-z_]+)((?:\[\d+\])*)")


def unknown_inferences(base: FactBase) -> Iterator[FactError]:
    """Each ``inferences:`` key names a field path that has a value in the fact, and is not a date."""
    for fact in base.facts.values():
        for path in fact.inferences:
            problem = _path_problem(fact, path)
            if problem:
                yield base.documents[fact.id].error(("inferences", path), "unknown-inference", problem, key=True)


def _path_problem(fact: BaseModel, path: str) -> str | None:
    """Why ``path`` names no inferable value of ``fact``, or None."""
    value: object = fact
    walked = ""
    for segment in path.split("."):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            return (
                f"{path!r} is not a field path; write fields with dots and list items as [n], e.g. renderings[0].form"
            )
        if not isinstance(value, BaseModel):
            return f"{walked!r} has no fields, so {path!r} names nothing"
        name, indexes = match.group(1), [int(i) for i in re.findall(r"\d+", match.group(2))]
        fields = {info.alias or n: n for n, info in type(value).model_fields.items()}
        if name not in fields or (not walked and name in RECORD_FIELDS):
            known = [f for f in fields if walked or f not in RECORD_FIELDS]
            return f"{name!r} is not a field here{did_you_mean(name, known)} (fields: {', '.join(sorted(known))})"
        value = getattr(value, fields[name])
        walked += ("." if walked else "") + name
        for index in indexes:
            if not isinstance(value, list) or index >= len(value):
                count = len(value) if isinstance(value, list) else 0
                return f"{walked} has no item [{index}] (it has {count}; the first is [0])"
            value = value[index]
            walked += f"[{index}]"
        if isinstance(value, FactDate):
            return f"{walked} is a date; a date carries its reasoning in its own 'inferred:' field"
    return None  # an empty field may be the inference too: no claimant, because the text names none


def unreasoned_bounds(base: FactBase) -> Iterator[FactError]:
    """A date marked ``no_later_than`` is an inference and carries its reasoning in ``inferred``."""
    for fact in base.facts.values():
        for loc, when in _dates(fact):
            if when.no_later_than and not when.inferred:
                yield base.documents[fact.id].error(
                    loc + ("no_later_than",),
                    "inference-without-reasoning",
                    "a date that is only a bound is inferred; add 'inferred:' saying why it holds "
                    "(e.g. the article of that day reports it without a date)",
                )


def _dates(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], FactDate]]:
    for name, info in type(model).model_fields.items():
        value, here = getattr(model, name), loc + (info.alias or name,)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            at = here if i is None else here + (i,)
            if isinstance(item, FactDate):
                yield at, item
            elif isinstance(item, BaseModel):
                yield from _dates(item, at)


def headline_forms(base: FactBase) -> Iterator[FactError]:
    """``form: headline`` exactly when the excerpt is its source's headline."""
    for claim in base.facts.values():
        if not isinstance(claim, Claim):
            continue
        doc = base.documents[claim.id]
        for i, r in enumerate(claim.renderings):
            source = base.facts.get(r.source)
            if not isinstance(source, Source):
                continue
            is_headline = source.headline is not None and resolve.normalise(r.excerpt) == resolve.normalise(
                source.headline
            )
            if r.form == "headline" and not is_headline:
                shown = f"its headline is {source.headline!r}" if source.headline else "it records no headline"
                yield doc.error(
                    ("renderings", i, "excerpt"),
                    "headline-form",
                    f"form is 'headline' but the excerpt is not the headline of {source.id} ({shown}); "
                    "quote the whole headline, or choose the form that fits",
                )
            elif is_headline and r.form != "headline":
                yield doc.error(
                    ("renderings", i, "form"),
                    "headline-form",
                    f"the excerpt is the headline of {source.id}; set 'form: headline' (not {r.form!r})",
                )


def overlapping_contradictions(base: FactBase) -> Iterator[FactError]:
    """A curated ``values`` discrepancy involves figures that cannot all be true."""
    for note in base.facts.values():
        if not isinstance(note, Discrepancy) or note.type != "values":
            continue
        figures = [f for i in note.involves if isinstance(f := base.facts.get(i), Figure) and f.value_kind == "amount"]
        spans = [s for f in figures if (s := interval(f)) is not None]
        shared = common(spans)
        if len(spans) > 1 and shared is not None:
            whole = all(f.measure in WHOLE_MEASURES for f in figures)
            yield base.documents[note.id].error(
                ("type",),
                "contradiction-overlaps",
                f"the figures involved ({', '.join(f.id for f in figures)}) can all be true (any value "
                f"{describe(shared, whole)} satisfies them); they differ in wording, not value: "
                "use type 'other', or involve the figures that contradict",
            )


def unknown_curators(base: FactBase) -> Iterator[FactError]:
    """``reviewed_by`` names a curator listed in facts/dataset.yaml."""
    curators = [c.id for c in base.dataset.curators]
    for fact in base.facts.values():
        if fact.reviewed_by is not None and fact.reviewed_by not in curators:
            listed = f"{', '.join(curators)}" if curators else "none"
            yield base.documents[fact.id].error(
                ("reviewed_by",),
                "unknown-curator",
                f"no curator has the id {fact.reviewed_by!r}{did_you_mean(fact.reviewed_by, curators)} "
                f"(curators in dataset.yaml: {listed})",
            )


def quantity_mismatches(base: FactBase) -> Iterator[FactError]:
    """Figures sharing a ``quantity`` share its measure and unit too, or comparing them means nothing."""
    first: dict[str, Figure] = {}
    for f in _figures(base):
        if not f.quantity:
            continue
        model = first.setdefault(f.quantity, f)
        if (f.measure, f.unit) != (model.measure, model.unit):
            field = "measure" if f.measure != model.measure else "unit"
            yield base.documents[f.id].error(
                (field,),
                "quantity-mismatch",
                f"{field} {getattr(f, field)!r} differs from {getattr(model, field)!r} of {model.id}, which shares "
                f"quantity {f.quantity!r}; convert to the same {field}, or give this figure its own quantity",
            )


CURATION_CHECKS: list[Check] = [
    missing_translations,
    undated_statements,
    ordinals_in_arithmetic,
    unknown_inferences,
    unreasoned_bounds,
    headline_forms,
    overlapping_contradictions,
    unknown_curators,
    quantity_mismatches,
]
"""The curation rules. They assume a fact base that loaded without errors (every reference resolves)."""


def check_curation(base: FactBase) -> list[FactError]:
    """Every breach of the curation rules, sorted by file and line."""
    return sorted({error for check in CURATION_CHECKS for error in check(base)})
