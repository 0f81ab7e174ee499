"""The JSON Schema of each kind of fact file, for editors that check YAML as you type."""

from __future__ import annotations

from typing import Any

from .model import KINDS, DatasetInfo


def json_schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per facts/ folder, keyed by folder name, plus ``dataset`` for facts/dataset.yaml."""
    schemas = {}
    for folder, cls in {**KINDS, "dataset": DatasetInfo}.items():
        schema = cls.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{folder}.schema.json"
        schemas[folder] = schema
    return schemas
