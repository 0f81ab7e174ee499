"""Stage 2b: turn loaded documents into typed facts, translating schema errors to positions."""

from __future__ import annotations

import typing
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from .errors import FactError, did_you_mean
from .load import Document, Loc
from .model import Fact

_DATE_ERRORS = ("date_", "time_", "datetime_")
_VALUE_ERRORS = {
    "literal_error",
    "enum",
    "string_pattern_mismatch",
    "value_error",
    "too_short",
    "string_too_short",
    "greater_than",
    "less_than",
}


def validate(doc: Document, cls: type[BaseModel], fact_id: str = "") -> tuple[Any, list[FactError]]:
    """Validate one document as ``cls``; every problem becomes a located error."""
    try:
        fact = cls.model_validate(doc.data)
    except ValidationError as exc:
        return None, [_to_fact_error(doc, cls, err) for err in exc.errors()]
    if isinstance(fact, Fact):
        fact._id = fact_id
        fact._path = doc.shown
    return fact, []


def _to_fact_error(doc: Document, cls: type[BaseModel], err: Any) -> FactError:
    loc: Loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    where = _dotted(loc)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _fields_at(cls, loc[:-1])
        return doc.error(
            loc,
            "unknown-field",
            f"unknown field {name!r}{did_you_mean(name, allowed)} (allowed here: {', '.join(sorted(allowed))})",
            key=True,
        )
    if kind == "missing":
        return doc.error(loc[:-1], "missing-field", f"required field {str(loc[-1])!r} is missing")
    message = err["msg"].removeprefix("Value error, ")
    if kind.startswith(_DATE_ERRORS):
        return doc.error(loc, "invalid-date", f"{where}: {_shown(value)} is not a valid date/time ({message})")
    if kind in _VALUE_ERRORS:
        hint = ""
        if kind == "literal_error" and isinstance(value, str):
            hint = did_you_mean(value, (s.strip("'") for s in err["ctx"]["expected"].replace(" or ", ", ").split(", ")))
        subject = f"{where}: {_shown(value)}" if loc else "this fact"
        return doc.error(loc, "invalid-value", f"{subject}: {message}{hint}")
    if value is None:
        return doc.error(loc, "wrong-type", f"{where} is empty; {message[0].lower()}{message[1:]}")
    if kind == "float_type" and isinstance(value, str):
        return doc.error(
            loc,
            "wrong-type",
            f"{where}: {_shown(value)} is text, not a number; write it as a YAML "
            "number without quotes or thousands separators, e.g. 1200",
        )
    return doc.error(loc, "wrong-type", f"{where}: {_shown(value)}: {message}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _dotted(loc: Loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "fact"


def _fields_at(cls: type[BaseModel], loc: Loc) -> set[str]:
    """The field names allowed in the mapping at ``loc`` below model ``cls``."""
    model: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {info.alias or name: info for name, info in model.model_fields.items()}
        if part not in fields:
            return set()
        model = next(_models_in(fields[part].annotation), None)
        if model is None:
            return set()
    return {info.alias or name for name, info in model.model_fields.items()}


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)
