"""What the README promises matches the code: error codes, kinds, commands, the shipped schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.errors import CODES
from generator.model import KINDS
from generator.schema import json_schemas

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_error_code_is_documented(code: str) -> None:
    assert f"`{code}`" in README


@pytest.mark.parametrize("folder", sorted(KINDS))
def test_every_kind_of_fact_is_documented(folder: str) -> None:
    assert f"`facts/{folder}/`" in README


def cli_commands() -> list[str]:
    """The generator's subcommands, as its own --help lists them."""
    shown = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=REPO, capture_output=True, text=True)
    return re.search(r"\{([a-z,]+)\}", shown.stdout)[1].split(",")


@pytest.mark.parametrize(
    "command", ["make site", "make test", "make serve", *(f"generator {c}" for c in cli_commands())]
)
def test_every_command_is_documented(command: str) -> None:
    assert command in README


@pytest.mark.parametrize("folder", sorted(json_schemas()))
def test_shipped_json_schema_is_current(folder: str) -> None:
    shipped = json.loads((REPO / "schema" / f"{folder}.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schemas()[folder], "run `make schema` and commit schema/"
