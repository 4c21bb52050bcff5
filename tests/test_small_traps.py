"""Issue 15.7's small traps: typos get a located "did you mean", never a traceback or a silent pass."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from afterword.cli import main
from afterword.loader import load_history
from afterword.settings import load_settings

INCIDENT = """---
title: Invoices load slowly
impact: {impact}
components: [{component}]
---

## {status} · 2026-11-20 10:00 UTC

Invoices take longer than usual to open. We are looking into it. If you still see this, contact our support team.
"""


def write(project: Path, impact="minor", component="api", status="Resolved") -> None:
    folder = project / "incidents" / "2026"
    folder.mkdir(exist_ok=True)
    (folder / "2026-11-20-slow.md").write_text(INCIDENT.format(impact=impact, component=component, status=status))


def messages(project: Path) -> list[str]:
    return [p.format() for p in load_history(load_settings(project / "mkdocs.yml")).errors]


def test_impact_status_and_component_typos_get_a_did_you_mean(scratch_project):
    write(scratch_project, impact="mayor")
    assert any("[afterword.schema]" in m and "did you mean 'major'?" in m for m in messages(scratch_project))
    write(scratch_project, status="Identifed")
    assert any(":7:4: [afterword.status]" in m and "did you mean 'Identified'?" in m for m in messages(scratch_project))
    settings = load_settings(scratch_project / "mkdocs.yml")
    name = settings.component("api").name
    write(scratch_project, component=name)  # the component's name, not its id
    assert any("[afterword.component]" in m and "did you mean 'api'?" in m for m in messages(scratch_project))


def test_a_misspelt_checks_key_is_a_located_error_in_validate_lint_and_build(scratch_project, capsys):
    config = scratch_project / "mkdocs.yml"
    text = config.read_text()
    assert "    checks:\n" in text
    config.write_text(text.replace("    checks:\n", "    checks:\n      cadense_minutes: 30\n", 1))
    line = config.read_text().splitlines().index("      cadense_minutes: 30") + 1
    write(scratch_project)
    expected = f"mkdocs.yml:{line}:7: [afterword.config] extra.afterword.checks.cadense_minutes is not a setting: did you mean 'cadence_minutes'?"
    for command in ("validate", "lint"):
        assert main([command, "--config", str(config)]) == 1
        assert expected in capsys.readouterr().out, command
    env = {**os.environ, "AFTERWORD_NOW": "2026-11-23 10:00 UTC", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(scratch_project / "site")],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode != 0 and expected in result.stderr
    assert "Traceback" not in result.stderr


RESOLVED = """---
title: Invoice pages slow
impact: minor
components: [api]
started: 2026-11-20 09:55 UTC
---

## Investigating · 2026-11-20 10:00 UTC

Invoice pages open slowly. See [our help page](https://status.lumen.example/help/) for a workaround.

You can still send invoices by email. We will post the next update by 10:30 UTC.

## Resolved · 2026-11-20 10:25 UTC

Invoice pages open quickly again. If you still see slow pages, contact our support team.
"""
OPEN = """---
title: Exports delayed
impact: minor
components: [api]
---

## Investigating · 2026-11-23 09:50 UTC

Exports take longer than usual. We will post the next update by 10:20 UTC.
"""


def _filled(skeleton: str) -> str:
    """The skeleton as a writer finishes it: draft removed, summary and every section written."""
    text = skeleton.replace("draft: true\n", "")
    text = re.sub(r"summary: >-\n(  .*\n)+", "summary: Invoice pages opened slowly for 30 minutes. No data was lost.\n", text)
    for guidance, written in [
        ("Explain in plain words", "A slow database query made invoice pages open slowly."),
        ("Say who was affected", "Customers could still send invoices. No data was lost."),
        ("When we found out", "Our alerts told us at 09:58 UTC and we posted our first update at 10:00 UTC."),
        ("Each change that stops", "We added an index, so the query stays fast."),
    ]:
        text = re.sub(r"<!-- " + guidance + r".*?-->", written, text, flags=re.S)
    return text


def build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "AFTERWORD_NOW": "2026-11-23 10:00 UTC", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def test_postmortem_timeline_banner_and_past_incidents(scratch_project, capsys):
    folder = scratch_project / "incidents" / "2026"
    folder.mkdir()
    (folder / "2026-11-20-slow.md").write_text(RESOLVED)
    assert main(["new", "postmortem", "2026-11-20-slow", "--config", str(scratch_project / "mkdocs.yml")]) == 0
    postmortem = scratch_project / "postmortems" / "2026-11-20-slow.md"
    postmortem.write_text(_filled(postmortem.read_text()))
    result = build(scratch_project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = scratch_project / "site"
    assert "md-banner" not in (site / "index.html").read_text()  # nothing open: no empty banner strip
    page = (site / "postmortems" / "2026-11-20-slow" / "index.html").read_text()
    assert '<a href="https://status.lumen.example/help/"' in page and "[our help page](" not in page  # Markdown rendered
    assert "You can still send invoices by email." in page  # every paragraph, not just the first
    incident_page = (site / "incidents" / "2026-11-20-slow" / "index.html").read_text()
    assert "<dt>Duration</dt><dd>30 minutes</dd>" in page and "<dt>Duration</dt><dd>30 minutes</dd>" in incident_page

    (folder / "2026-11-23-exports.md").write_text(OPEN)
    result = build(scratch_project)
    assert result.returncode == 0, result.stderr[-3000:]
    home = (site / "index.html").read_text()
    ongoing, past = home.split('id="past-incidents"', 1)
    assert "Exports delayed" in ongoing and "Exports delayed" not in past
    assert "Invoice pages slow" in past


def test_one_duration_for_an_incident_its_postmortem_and_uptime(scratch_project, capsys):
    """Issue 15.7: impact often ends before the Resolved update; 'ended' makes every figure agree."""
    from datetime import date, datetime, timezone

    from afterword.uptime import impact_between

    folder = scratch_project / "incidents" / "2026"
    folder.mkdir()
    (folder / "2026-11-20-slow.md").write_text(RESOLVED.replace("started: 2026-11-20 09:55 UTC\n", "started: 2026-11-20 09:55 UTC\nended: 2026-11-20 10:15 UTC\n"))
    (incident,) = load_history(load_settings(scratch_project / "mkdocs.yml")).incidents
    assert incident.end.strftime("%H:%M") == "10:25" and incident.duration(incident.end).total_seconds() == 20 * 60
    (day,) = impact_between([incident], date(2026, 11, 20), date(2026, 11, 20), datetime(2026, 11, 21, tzinfo=timezone.utc))
    assert sum(day.minutes.values()) == 20
    assert main(["new", "postmortem", "2026-11-20-slow", "--config", str(scratch_project / "mkdocs.yml")]) == 0
    skeleton = (scratch_project / "postmortems" / "2026-11-20-slow.md").read_text()
    assert "at: 2026-11-20 10:15 UTC\n    text: Impact ended" in skeleton and "for 20 minutes" in skeleton
    result = build(scratch_project)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (scratch_project / "site" / "incidents" / "2026-11-20-slow" / "index.html").read_text()
    assert "<dt>Impact ended</dt>" in page and "<dt>Duration</dt><dd>20 minutes</dd>" in page


def test_ended_must_lie_between_the_start_and_the_last_update(scratch_project):
    folder = scratch_project / "incidents" / "2026"
    folder.mkdir()
    for ended, words in (("09:50", "is before the impact began"), ("10:40", "is after the last update")):
        (folder / "2026-11-20-slow.md").write_text(RESOLVED.replace("started: 2026-11-20 09:55 UTC\n", f"started: 2026-11-20 09:55 UTC\nended: 2026-11-20 {ended} UTC\n"))
        assert any(":6:1: [afterword.schema] 'ended'" in m and words in m for m in messages(scratch_project)), messages(scratch_project)
