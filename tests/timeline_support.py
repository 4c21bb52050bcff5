"""Helpers for the timeline tests: build incidents and postmortems through the real loader."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone
from pathlib import Path

from afterword.loader import load_history, load_incident
from afterword.model import Component
from afterword.settings import Settings

COMPONENTS = [Component("api", "Public API"), Component("web-app", "Web app"), Component("payments", "Card payments")]


def utc(text: str) -> datetime:
    """'2025-03-04 12:15' -> aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def settings_for(root: Path, checks: dict | None = None) -> Settings:
    return Settings(root=root, components=list(COMPONENTS), sections={"checks": checks} if checks is not None else {})


def incident_from(tmp_path: Path, text: str, name: str = "incident.md", checks: dict | None = None):
    """Write ``text`` as incidents/2025/<name> and load it with the real loader; fail on load errors."""
    folder = tmp_path / "incidents" / "2025"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    problems: list = []
    incident = load_incident(path, path.relative_to(tmp_path).as_posix(), settings_for(tmp_path, checks), problems)
    assert incident is not None, [p.format() for p in problems]
    return incident


def history_from(tmp_path: Path, incidents: dict[str, str], postmortems: dict[str, str] | None = None, checks: dict | None = None):
    for name, text in incidents.items():
        path = tmp_path / "incidents" / "2025" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    for name, text in (postmortems or {}).items():
        path = tmp_path / "postmortems" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    history = load_history(settings_for(tmp_path, checks))
    assert not history.errors, [p.format() for p in history.errors]
    return history


# The example timeline of the incident communication practice: updates at 12:15, 12:25, 12:40,
# 1:10, 1:30, 1:55 and 2:00pm, each one saying when the next comes.
PRACTICE_UPDATES = [
    ("Investigating", "12:15", "Some customers cannot load the dashboard. We're investigating. We'll update here in 10 minutes."),
    ("Investigating", "12:25", "We are still investigating the dashboard errors. Next update by 12:40pm."),
    ("Identified", "12:40", "We found a faulty database change and are undoing it. We will post the next update in 30 minutes."),
    ("Identified", "13:10", "Undoing the change is under way. We'll update you by 1:30pm."),
    ("Monitoring", "13:30", "The dashboard loads again for most customers. We will post another update in the next {minutes} minutes."),
    ("Monitoring", "13:55", "Error rates are back to normal. Next update at 2:00pm."),
    ("Resolved", "14:00", "The dashboard works normally again. If you still see errors, please contact our support team."),
]


def practice_incident_text(last_monitoring_minutes: int = 25) -> str:
    lines = ["---", "title: Dashboard errors", "impact: major", "components: [web-app]", "started: 2025-03-04 12:10 UTC", "---", ""]
    for status, clock, text in PRACTICE_UPDATES:
        lines += [f"## {status} · 2025-03-04 {clock} UTC", "", text.format(minutes=last_monitoring_minutes), ""]
    return "\n".join(lines)
