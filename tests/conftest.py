"""Shared fixtures: the example site, the repository, the read-only ../shared reference data, a scratch project.

Tests run against the example site in tests/fixtures/lumen/, never the content at the repository
root, so the suite passes unchanged after `afterword init` replaces that content.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from project_paths import LUMEN, REPO

SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def findings_cache_in_a_temporary_folder(tmp_path_factory):
    """Style findings remembered by the tests' builds stay out of the user's own cache folder."""
    import os

    os.environ.setdefault("AFTERWORD_CACHE_DIR", str(tmp_path_factory.mktemp("afterword-cache")))


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The example site (Lumen): mkdocs.yml, docs/, overrides/, styleguide/, incidents/, postmortems/."""
    return LUMEN


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository: the engine (hooks/), .github/, the Makefile, tests/data/."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project; tests that need it skip with a reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared (reference data) is not beside the project")
    return SHARED


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the project's site configuration with empty content folders, to fill per test."""
    for name in ("mkdocs.yml",):
        shutil.copy(LUMEN / name, tmp_path / name)
    for folder in ("docs", "overrides", "styleguide"):
        source = LUMEN / folder
        if source.is_dir():
            shutil.copytree(source, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (tmp_path / "hooks").mkdir()
    shutil.copy(REPO / "hooks" / "afterword_hooks.py", tmp_path / "hooks" / "afterword_hooks.py")
    (tmp_path / "incidents").mkdir()
    (tmp_path / "postmortems").mkdir()
    return tmp_path
