"""Shared fixtures: the project root, the read-only ../shared reference data, a scratch project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


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
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("docs", "overrides", "styleguide", "hooks"):
        source = ROOT / folder
        if source.is_dir():
            shutil.copytree(source, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (tmp_path / "incidents").mkdir()
    (tmp_path / "postmortems").mkdir()
    return tmp_path
