"""Walk a validated fact to find its references, citations and marked text, with their YAML locations."""

from __future__ import annotations

import functools
import typing
from typing import Any, Iterator

from pydantic import BaseModel

from .load import Loc
from .model import Citation, Ref


def references(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Ref, str]]:
    """Every ``(loc, Ref, id)`` in ``model`` and the models nested in it."""
    for at, _, _, value, marker in marked(model, Ref, loc):
        yield at, marker, value


def citations(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Citation]]:
    """Every citation (and rendering) in ``model``, depth first, in file order."""
    for name, alias, _ in _fields(type(model), Citation):
        yield from _citations_in(getattr(model, name), loc + (alias,))


def _citations_in(value: Any, loc: Loc) -> Iterator[tuple[Loc, Citation]]:
    if isinstance(value, Citation):
        yield loc, value
    if isinstance(value, BaseModel):
        yield from citations(value, loc)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _citations_in(item, loc + (i,))


def marked(model: BaseModel, marker: type, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel, str, str, Any]]:
    """Every text value whose field carries a ``marker`` instance: ``(loc, owner, field, text, marker)``.

    Dict and list items of a marked field (``inferences`` values, say) are yielded one by one.
    """
    for name, alias, found in _fields(type(model), marker):
        yield from _marked_in(model, name, getattr(model, name), loc + (alias,), marker, found)


def _marked_in(owner: BaseModel, name: str, value: Any, loc: Loc, marker: type, found: Any) -> Iterator[Any]:
    if isinstance(value, str):
        if found is not None:
            yield loc, owner, name, value, found
    elif isinstance(value, BaseModel):
        yield from marked(value, marker, loc)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _marked_in(owner, name, item, loc + (i,), marker, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _marked_in(owner, name, item, loc + (key,), marker, found)


@functools.cache
def _fields(cls: type[BaseModel], marker: type) -> tuple[tuple[str, str, Any], ...]:
    """Each field of ``cls`` as (name, alias, the ``marker`` instance its type carries or None); computed once
    per class, since looking through typing annotations is the slow part of a walk."""
    return tuple(
        (
            name,
            info.alias or name,
            next((m for m in _metadata(info.annotation, info.metadata) if isinstance(m, marker)), None),
        )
        for name, info in cls.model_fields.items()
    )


def _metadata(annotation: Any, metadata: list[Any]) -> list[Any]:
    """Field metadata plus any found in Annotated types nested in the annotation (Optional, list, dict)."""
    found = list(metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        found += list(annotation.__metadata__)
    for arg in typing.get_args(annotation):
        if not isinstance(arg, (str, int, float)) and arg is not Ellipsis:
            found += _metadata(arg, [])
    return found
