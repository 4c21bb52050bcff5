"""All 1,282 real Statuspage incidents (githubstatus.com), imported, build a strict site.

Imported history is not blocked by its past: its style findings are warnings, and the build passes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from afterword.demo import generate, write_site

from project_paths import LUMEN as ROOT  # the example site (tests/fixtures/lumen), not the repository root


def test_every_real_incident_imports_and_the_site_builds_strict(shared_dir, tmp_path):
    source = shared_dir / "peers" / "statuspage-githubstatus" / "incidents"
    files = sorted(source.glob("*.json"))
    site = write_site(generate(len(files), 0, from_statuspage=source), tmp_path / "github", project=ROOT)
    assert not [p for p in site.problems if p.is_error]
    updates = sum(len(json.loads(f.read_text())["incident"]["incident_updates"]) for f in files)
    assert (len(site.incidents), updates) == (1282, 2801)

    env = {**os.environ, "AFTERWORD_NOW": "2026-11-23 10:00 UTC", "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "github" / "mkdocs.yml"), "-d", str(out)],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    pages = list((out / "incidents").glob("*/index.html"))
    assert len(pages) == 1282
    api = json.loads((out / "api" / "v2" / "incidents.json").read_text())
    assert len(api["incidents"]) == 1282
    # 762 legacy one-update timelines are split into their timestamped items (issue 15.5).
    assert sum(len(i["incident_updates"]) for i in api["incidents"]) == 4141
    # Style findings on imported history are reported, as warnings, never errors.
    assert "ERROR" not in result.stderr
