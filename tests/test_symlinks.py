"""Symbolic links are never published: the loader refuses them, and a build whose sources hold one
fails and leaves no site (MkDocs would otherwise copy a link's target from anywhere on the machine)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from afterword.build import BuildFailed, refuse_symlinks
from afterword.loader import load_history
from afterword.settings import load_settings

INCIDENT = "---\ntitle: Slow dashboards\nstarted: 2025-03-04 10:00 UTC\nresolved: 2025-03-04 11:00 UTC\ncomponents: []\n---\n"


def test_the_loader_refuses_a_symlinked_incident(scratch_project, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(INCIDENT)
    (scratch_project / "incidents" / "linked.md").symlink_to(outside)
    history = load_history(load_settings(scratch_project / "mkdocs.yml"))
    assert history.incidents == []
    [problem] = [p for p in history.problems if p.rule == "afterword.symlink"]
    assert problem.path == "incidents/linked.md"


def test_refuse_symlinks_lists_every_link(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ok.md").write_text("x")
    (tmp_path / "docs" / "leak.txt").symlink_to("/etc/hostname")
    try:
        refuse_symlinks([tmp_path / "docs", tmp_path / "missing"], "the sources")
    except BuildFailed as exc:
        assert "leak.txt" in str(exc) and "ok.md" not in str(exc)
    else:  # pragma: no cover - the assertion above is the test
        raise AssertionError("a symlink was accepted")


def test_a_build_whose_docs_hold_a_symlink_fails_and_leaves_no_site(scratch_project, tmp_path):
    docs = scratch_project / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "leak.txt").symlink_to("/etc/hostname")
    out = tmp_path / "site"
    env = {**os.environ, "AFTERWORD_NOW": "2026-11-23 10:00 UTC"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(scratch_project / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode != 0
    assert "symbolic links" in result.stderr and "leak.txt" in result.stderr
    assert not (out / "leak.txt").exists()
