"""Build a whole site from a fact tree in a scratch folder, with the steps of `make site`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.sitebuild import scratch_docs, steps

from .conftest import REPO


def build_site(facts: Path, work: Path, site_url: str = "") -> tuple[Path, str]:
    """Run every step of generator/sitebuild.py under ``work``; return (site dir, what the steps printed).

    Without ``site_url`` the site gets the address mkdocs.yml gives, as in a plain `make site`."""
    docs, config = scratch_docs(work)
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    if site_url:  # unset otherwise, as in a plain `make site`: MkDocs's !ENV takes an empty SITE_URL as given
        env["SITE_URL"] = site_url
    log = []
    for name, command in steps(facts, docs, work / "site", config):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        log.append(result.stderr)
    return work / "site", "".join(log)
