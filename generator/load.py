"""Stage 1: read YAML fact files into plain data, remembering where every value stands.

Dates stay strings here (the model parses them), so an impossible date such as
2020-02-30 becomes an ``invalid-date`` at its own line instead of a loader crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import FactError, display_path

Loc = tuple[str | int, ...]


MAX_FACT_BYTES = 1_000_000
"""A fact file is a few kilobytes; anything near a megabyte is a mistake (or an attack on the build)."""


class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _FactLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type, refusing anchors and aliases.

    Fact files never need ``&anchor``/``*alias``; refusing them rules out self-referring values and the
    exponential "billion laughs" expansion before anything is built.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise _AliasRefused(
                problem=f"YAML anchors and aliases ({sign}{event.anchor}) are not allowed in fact files; "
                "write the value out in full",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[arg-type]


class _FastLoader(yaml.CSafeLoader):
    """The same, parsed by libyaml: several times faster, for the files that cannot hold an anchor or alias."""


_FactLoader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _loader(text: str) -> yaml.SafeLoader:
    """libyaml unless the text has a character that starts an anchor or alias: then the checking loader."""
    return _FactLoader(text) if ("&" in text or "*" in text) else _FastLoader(text)  # type: ignore[return-value]


@dataclass
class Document:
    """One fact file's data with the 1-based (line, col) of every value and key."""

    path: Path
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Where ``loc`` stands, or its nearest existing ancestor (for a missing field)."""
        for end in range(len(loc), -1, -1):
            sub = loc[:end]
            if key and sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return (1, 1)

    def error(self, loc: Loc, code: str, message: str, *, key: bool = False) -> FactError:
        line, col = self.position(loc, key=key)
        return FactError(self.shown, line, col, code, message)


def load_file(path: Path) -> tuple[Document | None, list[FactError]]:
    """Parse one YAML file; on failure return no document and the reasons."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [FactError(shown, 0, 0, "unreadable-file", f"cannot read the file: {exc.strerror}")]
    if len(raw) > MAX_FACT_BYTES:
        return None, [
            FactError(
                shown,
                1,
                1,
                "file-too-large",
                f"the file has {len(raw):,} bytes; a fact file may have at most {MAX_FACT_BYTES:,}",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            FactError(shown, line, col, "not-utf8", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")
        ]
    loader = _loader(text)
    doc = Document(path, None)
    errors: list[FactError] = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [FactError(shown, 1, 1, "empty-file", "the file is empty; delete it or add the fact's fields")]
        doc.data = _build(node, (), doc, errors, loader)
    except _AliasRefused as exc:
        mark = exc.problem_mark
        return None, [FactError(shown, mark.line + 1, mark.column + 1, "yaml-alias", exc.problem or "")]
    except yaml.MarkedYAMLError as exc:  # bad syntax, an unknown !!tag, two documents
        return None, [_syntax_error(shown, exc)]
    except RecursionError:  # nesting deep enough to exhaust the stack
        return None, [FactError(shown, 1, 1, "yaml-syntax", "the values are nested too deeply")]
    finally:
        loader.dispose()
    if not isinstance(doc.data, dict):
        line, col = _mark(node)
        errors.append(FactError(shown, line, col, "not-a-mapping", "expected 'field: value' lines at the top level"))
        return None, errors
    return doc, errors


def _syntax_error(shown: str, exc: yaml.MarkedYAMLError) -> FactError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        started = exc.context_mark
        problem += (
            f" ({exc.context.removeprefix('while ')} begun at line {started.line + 1}, column {started.column + 1})"
        )
    return FactError(shown, line, col, "yaml-syntax", problem)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, loc: Loc, doc: Document, errors: list[FactError], loader: yaml.SafeLoader) -> Any:
    doc.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node))
            if key in result:
                line, col = _mark(key_node)
                errors.append(
                    FactError(doc.shown, line, col, "duplicate-key", f"field {key!r} is given twice; keep one")
                )
                continue
            doc.keys[loc + (key,)] = _mark(key_node)
            result[key] = _build(value_node, loc + (key,), doc, errors, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), doc, errors, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


def iter_fact_files(root: Path) -> Iterator[Path]:
    """Every YAML file below ``root``, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.suffix in (".yaml", ".yml") and (path.is_file() or path.is_symlink()):  # a broken link is reported
            yield path
