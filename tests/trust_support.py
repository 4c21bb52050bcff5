"""Shared helpers for the trust tests (bad input, XSS, links, browser): real strict builds.

A build of the example site is made once per test session and shared by every module that asks,
so the trust suite costs one example build, not one per file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from project_paths import LUMEN as ROOT  # the example site (tests/fixtures/lumen), not the repository root
from project_paths import REPO
NOW = "2026-11-23 10:00 UTC"  # the example content's "now": one incident is open at this time
BAD_CORPUS = REPO / "tests" / "data" / "bad"

_example_site: list[Path] = []


def run_build(project: Path, out: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, exactly as CI runs it, with the example content's frozen time."""
    env = {**os.environ, "AFTERWORD_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def example_site(tmp_path_factory) -> Path:
    """The example site, built once per session."""
    if not _example_site:
        out = tmp_path_factory.mktemp("trust-example") / "site"
        result = run_build(ROOT, out)
        assert result.returncode == 0, result.stderr[-4000:]
        _example_site.append(out)
    return _example_site[0]


def copy_site_sources(target: Path) -> Path:
    """mkdocs.yml, docs/, overrides/, styleguide/ and hooks/ (the adapter) with empty content folders."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides", "styleguide"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "hooks").mkdir(exist_ok=True)
    shutil.copy(ROOT / "hooks" / "afterword_hooks.py", target / "hooks" / "afterword_hooks.py")
    (target / "incidents").mkdir(exist_ok=True)
    (target / "postmortems").mkdir(exist_ok=True)
    return target


def corpus_files() -> list[Path]:
    """Every file of the bad-input corpus, as paths relative to the corpus (incidents/…, postmortems/…)."""
    return sorted(
        p.relative_to(BAD_CORPUS)
        for folder in ("incidents", "postmortems")
        for p in (BAD_CORPUS / folder).rglob("*")
        if p.is_file()
    )
