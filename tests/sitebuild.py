"""Build a whole site from a fact tree in a scratch folder, as `make site` does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.search import index_site
from generator.write import GENERATED

from .conftest import REPO


def build_site(facts: Path, work: Path, site_url: str = "") -> tuple[Path, str]:
    """Render ``facts``, build with MkDocs (strict) and index for search under ``work``; return (site, MkDocs log)."""
    docs = work / "docs"
    shutil.copytree(
        REPO / "docs",
        docs,
        ignore=lambda d, names: (
            [n for n in names if n in GENERATED or n.startswith(".")] if Path(d) == REPO / "docs" else []
        ),
    )
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", str(facts), "--docs", str(docs)],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^docs_dir: .*$", f"docs_dir: {docs}", config, flags=re.M)
    config = re.sub(r"^site_dir: .*$", f"site_dir: {work / 'site'}", config, flags=re.M)
    config = re.sub(r"^(\s+custom_dir: )(.*)$", lambda m: m.group(1) + str(REPO / m.group(2)), config, flags=re.M)
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    index_site(work / "site")
    return work / "site", result.stderr
