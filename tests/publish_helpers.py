"""Small histories for the feed, API and badge tests: Markdown files written into a scratch project."""

from __future__ import annotations

from pathlib import Path

import yaml

from afterword.loader import History, load_history
from afterword.settings import Settings, load_settings

SITE = "https://status.lumen.example/"


def write_incident(root: Path, incident_id: str, updates: list[tuple[str, str, str]], *, title: str | None = None,
                   impact: str = "minor", components: tuple[str, ...] = ("api",), **front) -> Path:
    """updates: (status label, timestamp, Markdown text), in any order."""
    data = {"title": title or f"Incident {incident_id}", "impact": impact, "components": list(components), **front}
    body = "\n".join(f"## {status} · {when}\n\n{text}\n" for status, when, text in updates)
    year = incident_id[:4] if incident_id[:4].isdigit() else "2025"
    path = root / "incidents" / year / f"{incident_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n\n{body}", encoding="utf-8")
    return path


def write_postmortem(root: Path, postmortem_id: str, incident: str, published: str, *, title: str | None = None,
                     summary: str = "What happened and what we are changing.", body: str = "## What happened\n\nA change failed.\n",
                     **front) -> Path:
    data = {"title": title or f"Postmortem {postmortem_id}", "incident": incident, "published": published,
            "summary": summary, **front}
    path = root / "postmortems" / f"{postmortem_id}.md"
    path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n\n{body}", encoding="utf-8")
    return path


def load(root: Path, **sections) -> tuple[History, Settings]:
    """Load the scratch project; keyword arguments replace sections of extra.afterword (e.g. feeds=...)."""
    settings = load_settings(root / "mkdocs.yml")
    settings.site_url = SITE
    settings.sections.update(sections)
    history = load_history(settings)
    assert not history.errors, [p.format() for p in history.errors]
    return history, settings


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
