"""Walk a validated fact to find its references and citations, with their YAML locations."""

from __future__ import annotations

import typing
from typing import Any, Iterator

from pydantic import BaseModel

from .load import Loc
from .model import Citation, Ref


def references(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Ref, str]]:
    """Every ``(loc, Ref, id)`` in ``model`` and the models nested in it."""
    for name, info in type(model).model_fields.items():
        yield from _refs_in(info.annotation, info.metadata, getattr(model, name), loc + (info.alias or name,))


def _refs_in(annotation: Any, metadata: list[Any], value: Any, loc: Loc) -> Iterator[tuple[Loc, Ref, str]]:
    marker = next((m for m in metadata if isinstance(m, Ref)), None)
    if marker is not None and isinstance(value, str):
        yield loc, marker, value
    elif isinstance(value, BaseModel):
        yield from references(value, loc)
    elif isinstance(value, list):
        item_type = _list_item(annotation)
        for i, item in enumerate(value):
            yield from _refs_in(item_type, [], item, loc + (i,))
    elif typing.get_origin(annotation) is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        yield from _refs_in(base, meta, value, loc)
    elif value is not None:
        for arm in typing.get_args(annotation):
            if typing.get_origin(arm) is typing.Annotated:
                yield from _refs_in(arm, [], value, loc)


def _list_item(annotation: Any) -> Any:
    """The item type of the ``list[...]`` inside ``annotation`` (through Optional/Annotated)."""
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    for arg in typing.get_args(annotation):
        if (found := _list_item(arg)) is not None:
            return found
    return None


def citations(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Citation]]:
    """Every citation (and rendering) in ``model``, depth first, in file order."""
    for name, info in type(model).model_fields.items():
        yield from _citations_in(getattr(model, name), loc + (info.alias or name,))


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
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        field_loc = loc + (info.alias or name,)
        found = next((m for m in _metadata(info.annotation, info.metadata) if isinstance(m, marker)), None)
        yield from _marked_in(model, name, value, field_loc, marker, found)


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


def _metadata(annotation: Any, metadata: list[Any]) -> list[Any]:
    """Field metadata plus any found in Annotated types nested in the annotation (Optional, list, dict)."""
    found = list(metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        found += list(annotation.__metadata__)
    for arg in typing.get_args(annotation):
        if not isinstance(arg, (str, int, float)) and arg is not Ellipsis:
            found += _metadata(arg, [])
    return found
