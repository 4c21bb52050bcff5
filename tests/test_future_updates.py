"""Updates dated after the build's clock are withheld from every output until due (issue 15.2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NOW = "2026-11-23 10:00 UTC"
OPEN = """---
title: Exports delayed
impact: minor
components: [api]
---

## Investigating · 2026-11-23 09:30 UTC

Exports are taking longer than usual. We will post the next update by 10:15 UTC.

## Resolved · 2026-11-23 10:10 UTC

Exports finished catching up at ten past ten, written ahead of time. If you still see delays, contact our support team.
"""
LATER = """---
title: Slow invoice search next week
impact: minor
components: [api]
---

## Investigating · 2026-11-24 09:00 UTC

Invoice search is slow for some of you. We are looking into it now.
"""


def build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "AFTERWORD_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def test_future_updates_and_incidents_appear_in_no_output_and_the_log_says_so(scratch_project):
    (scratch_project / "incidents" / "2026").mkdir()
    (scratch_project / "incidents" / "2026" / "2026-11-23-exports-delayed.md").write_text(OPEN)
    (scratch_project / "incidents" / "2026" / "2026-11-24-rehearsal.md").write_text(LATER)
    result = build(scratch_project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = scratch_project / "site"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".rss", ".atom", ".svg", ".ics"):
            text = path.read_text(errors="ignore")
            assert "written ahead of time" not in text, path
            assert "Slow invoice search next week" not in text, path
    incidents = json.loads((site / "api" / "v2" / "incidents.json").read_text())["incidents"]
    assert [(i["name"], i["status"], i["resolved_at"]) for i in incidents] == [("Exports delayed", "investigating", None)]
    assert "[afterword.future-update]" in result.stderr and "2026-11-23 10:10 UTC" in result.stderr
    assert not (site / "incidents" / "2026-11-24-rehearsal").exists()
