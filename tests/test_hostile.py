"""The hostile fact tree (tests/fixtures/hostile/): a complete fact base whose text fields carry markup,
Markdown and template syntax, entities, bidi and control characters, and very long words.

As it stands it is valid and renders (tests/browser/test_hostile.py reads the built site). What a fact file
must not hold (addresses with another scheme, YAML aliases, oversized files, line breaks in one-line fields)
is refused by `generator check` with a `path:line:col: code: message` line, never a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator import cli, markup
from generator.model import KINDS
from generator.publish import site_files, site_info
from generator.resolve import load_facts

from .conftest import TESTS

HOSTILE = TESTS / "fixtures" / "hostile"
SITE_URL = "https://hostile.example/"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A private copy of the hostile tree, free to break."""
    root = tmp_path / "facts"
    shutil.copytree(HOSTILE, root)
    return root


def test_the_hostile_tree_is_a_complete_valid_fact_base() -> None:
    base, errors = load_facts(HOSTILE)
    assert errors == []
    assert {f.kind for f in base.facts.values()} == {cls.kind for cls in KINDS.values()}
    assert len(base.texts) == 2 and base.dataset.name.startswith("Desk $\\foo$ <img")


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What `generator check` prints for ``root``, one problem a line; it must fail and must not raise."""
    status = cli.main(["check", str(root)])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert "Traceback" not in err
    *problems, summary = err.splitlines()
    assert re.fullmatch(rf"{len(problems)} problems? found; nothing was written", summary)
    for problem in problems:
        assert re.match(r"\S+:\d+:\d+: [a-z0-9-]+: \S", problem), problem
    return problems


def set_value(root: Path, relative: str, prefix: str, new: str) -> tuple[int, int]:
    """Give the line of ``relative`` that starts with ``prefix`` the value ``new``; return its (line, col)."""
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    [number] = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    lines[number] = prefix + new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1, len(prefix) + 1


URL_FIELDS = [
    ("outlets/hostile-news.yaml", "site: "),
    ("outlets/hostile-wire.yaml", "site: "),
    ("sources/hostile-2020-10-10-laporan.yaml", "url: "),
    ("sources/hostile-2020-10-10-laporan.yaml", "  - url: "),
    ("sources/hostile-2020-10-12-unstored.yaml", "url: "),
    ("sources/hostile-2020-10-12-unstored.yaml", "  - url: "),
    ("dataset.yaml", "data_licence_url: "),
    ("dataset.yaml", "text_licence_url: "),
]
"""Every URL field of the schema: outlet sites, article addresses, archived copies, licence addresses."""

NOT_HTTP = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "'  javascript:alert(1)'",
    '"java\\tscript:alert(1)"',
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/relative/path",
]


@pytest.mark.parametrize("scheme", NOT_HTTP)
@pytest.mark.parametrize("relative, prefix", URL_FIELDS, ids=[f"{r}:{p.strip()}" for r, p in URL_FIELDS])
def test_every_url_field_refuses_other_schemes(
    hostile: Path, capsys: pytest.CaptureFixture[str], relative: str, prefix: str, scheme: str
) -> None:
    line, col = set_value(hostile, relative, prefix, scheme)
    # (a source refused this way also fails the prose that quotes its text: those problems follow from this one)
    [problem] = [p for p in check(hostile, capsys) if p.startswith(f"{hostile / relative}:")]
    assert problem.startswith(f"{hostile / relative}:{line}:{col}: invalid-value: ")
    assert "expected an absolute http:// or https:// URL" in problem


def test_a_yaml_alias_that_refers_to_itself_is_refused(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, col = set_value(hostile, "people/hostile-person.yaml", "name: ", "&self [*self]")
    assert check(hostile, capsys) == [
        f"{hostile}/people/hostile-person.yaml:{line}:{col}: yaml-alias: YAML anchors and aliases (&self) are not "
        "allowed in fact files; write the value out in full"
    ]


def test_a_billion_laughs_is_refused_at_its_first_anchor(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nine levels of nine aliases would be 9**9 values: refused before a single one is expanded."""
    bomb = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = hostile / "claims/hostile-claim.yaml"
    before = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(bomb) + "\n", encoding="utf-8")
    [problem] = check(hostile, capsys)
    assert problem.startswith(f"{path}:{before + 1}:7: yaml-alias: YAML anchors and aliases (&l0)")


def test_a_fact_file_over_a_megabyte_is_refused_unread(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile / "events/hostile-event.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# <img src=x onerror=alert(1)>\n" * 35_000, encoding="utf-8")
    [problem] = check(hostile, capsys)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:1:1: file-too-large: the file has 1,\d\d\d,\d\d\d bytes; "
        r"a fact file may have at most 1,000,000",
        problem,
    )


def test_a_stored_text_over_five_megabytes_is_refused_unread(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = hostile / "sources/hostile-2020-10-10-laporan.txt"
    text.write_text(
        text.read_text(encoding="utf-8") + "<script>alert(2)</script> lebih dari 1.200\n" * 120_000, encoding="utf-8"
    )
    line = (hostile / "sources/hostile-2020-10-10-laporan.yaml").read_text(encoding="utf-8").split("\n").index(
        "  file: hostile-2020-10-10-laporan.txt"
    ) + 1
    source = hostile / "sources/hostile-2020-10-10-laporan.yaml"
    [problem] = [p for p in check(hostile, capsys) if "file-too-large" in p]  # (prose quoting it fails too)
    assert problem.startswith(
        f"{source}:{line}:9: file-too-large: " "stored text hostile-2020-10-10-laporan.txt has 5,"
    )


REFUSED = [
    # (what, file, line prefix, new value, code, words of the message)
    (
        "a line break in a one-line title",
        "claims/hostile-claim.yaml",
        "title: ",
        '"<img src=x onerror=alert(1)>\\n# PLANTED"',
        "invalid-value",
        "should match pattern",
    ),
    (
        "a title over 90 characters",
        "claims/hostile-claim.yaml",
        "title: ",
        "<img src=x onerror=alert(1)> " + "x" * 80,
        "wrong-type",
        "at most 90 characters",
    ),
    (
        "a line break in a name",
        "people/hostile-person.yaml",
        "name: ",
        '"Person\\n=== PLANTED"',
        "invalid-value",
        "should match pattern",
    ),
    (
        "a lone surrogate",
        "organisations/hostile-ministry.yaml",
        "name: ",
        '"Ministry \\ud800"',
        "yaml-syntax",
        "invalid Unicode character",
    ),
    (
        "a Python object tag",
        "places/hostile-city.yaml",
        "name: ",
        "!!python/object/apply:os.system echo",
        "yaml-syntax",
        "could not determine a constructor",
    ),
    (
        "values nested beyond reason",
        "places/hostile-region.yaml",
        "type: ",
        "[" * 20_000 + "]" * 20_000,
        "yaml-syntax",
        "nested too deeply",
    ),
]


@pytest.mark.parametrize("what, relative, prefix, new, code, words", REFUSED, ids=[r[0] for r in REFUSED])
def test_what_no_fact_file_may_hold_is_refused(
    hostile: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    relative: str,
    prefix: str,
    new: str,
    code: str,
    words: str,
) -> None:
    set_value(hostile, relative, prefix, new)
    [problem] = check(hostile, capsys)
    assert re.match(rf"{re.escape(str(hostile / relative))}:\d+:\d+: {code}: ", problem), problem
    assert words in problem


@pytest.fixture(scope="module")
def pages() -> dict[str, str | bytes]:
    base, errors = load_facts(HOSTILE)
    assert errors == []
    return {
        path: text
        for path, text in site_files(base, site_info(base, site_url=SITE_URL)).items()
        if path.endswith(".md")
    }


def test_every_page_keeps_its_front_matter(pages: dict[str, str | bytes]) -> None:
    """MkDocs reads front matter with its own YAML loader and, if that fails, silently prints it as Markdown
    (a rule, then the fields as a paragraph) and drops the title, description and JSON-LD. Control characters
    in fact text made it fail."""
    for path, text in pages.items():
        body, meta = get_data(str(text))
        assert meta.get("description"), path
        assert body.startswith("# "), path
        if "jsonld" in meta:
            json.loads(meta["jsonld"])


def test_no_page_holds_a_character_it_cannot_show(pages: dict[str, str | bytes]) -> None:
    unshowable = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
    assert {
        path: sorted(set(unshowable.findall(str(text)))) for path, text in pages.items() if unshowable.search(str(text))
    } == {}
    region = str(pages["places/hostile-region.md"])
    assert "# Region \ufffdreversed and never closed \ufffd\ufffd\n" in region


CONTROL_AND_BIDI = "Name \u202ereversed \u2067isolated \x7f\x9b\x02wzxhzdk:0\x03\x1b[31m"


@pytest.mark.parametrize("escape", [markup.text, markup.attribute, markup.front_matter])
def test_control_and_bidi_characters_show_as_replacement_marks(escape) -> None:
    shown = str(escape(CONTROL_AND_BIDI))
    assert "reversed" in shown and "isolated" in shown
    assert shown.count("\ufffd") == 7
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)


def test_front_matter_values_survive_yaml_and_keep_structured_data_exact() -> None:
    title = yaml.safe_load(f"title: {markup.front_matter(CONTROL_AND_BIDI + ' </title>')}")["title"]
    assert title == "Name \ufffdreversed \ufffdisolated \ufffd\ufffd\ufffdwzxhzdk:0\ufffd\ufffd[31m &lt;/title&gt;"
    data = {"name": CONTROL_AND_BIDI + " </script><!-- \u2028\x85\ufeff"}
    jsonld = yaml.safe_load(f"jsonld: {markup.front_matter_json(data)}")["jsonld"]
    assert json.loads(jsonld) == data
    assert not re.search("[<>&\x7f-\x9f\u2028\u2029\u202a-\u202e]", jsonld)
