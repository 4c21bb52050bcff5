"""An incident on its way into the content format, and the one way it is written as a file.

Importers and the demo generator build ``DraftIncident`` objects; ``render_incident`` turns one into
the bytes of ``incidents/<YYYY>/<id>.md``. Rendering is deterministic so re-imports are byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import yaml

from ..model import STATUS_LABELS

# The C emitter when PyYAML has it: the demo writes thousands of files. Both emit the same text.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class DraftUpdate:
    status: str  # an Afterword status key, e.g. 'investigating' or 'in_progress'
    at: datetime  # aware
    body: str  # Markdown without '#'/'##' headings
    source_order: int = 0  # breaks ties between equal times: lower came first


@dataclass
class DraftIncident:
    id: str
    title: str
    impact: str
    components: list[str]
    updates: list[DraftUpdate]
    started: datetime | None = None
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None
    imported: str | None = None  # 'statuspage', 'cstate': written as internal.imported_from
    source: str = ""  # where it came from, for messages
    extra: dict = field(default_factory=dict)  # further front matter keys, written last

    @property
    def year(self) -> int:
        first = min((u.at for u in self.updates), default=None)
        moment = self.started or self.scheduled_for or first or datetime(1970, 1, 1, tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).year

    @property
    def relpath(self) -> str:
        return f"incidents/{self.year}/{self.id}.md"


def safe_id(text: str) -> str:
    """A file stem the loader accepts: letters, digits, '.', '_', '-', starting with a letter or digit."""
    return _SAFE_ID.sub("-", text).strip("-._") or "incident"


def whole_seconds(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def format_time(moment: datetime) -> str:
    """'2025-03-04 14:30 UTC', with ':SS' only when the seconds are not zero."""
    moment = whole_seconds(moment)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC" if moment.second else "%Y-%m-%d %H:%M UTC")


def settle_updates(updates: list[DraftUpdate]) -> list[DraftUpdate]:
    """Oldest first, whole seconds, and no two updates at the same second with different statuses.

    The loader cannot tell which of two same-time updates with different statuses came first, so the
    later one (by source order) moves one second on, repeatedly, until its second is free.
    """
    ordered = sorted(updates, key=lambda u: (whole_seconds(u.at), u.source_order))
    settled: list[DraftUpdate] = []
    for update in ordered:
        at = whole_seconds(update.at)
        if settled and at <= settled[-1].at and update.status != settled[-1].status:
            at = settled[-1].at + timedelta(seconds=1)
        elif settled and at < settled[-1].at:  # pragma: no cover - sorted above
            at = settled[-1].at
        settled.append(DraftUpdate(update.status, at, update.body, update.source_order))
    return settled


def render_incident(incident: DraftIncident) -> str:
    """The incident file's text: front matter, then one '## <Status> · <time>' section per update, newest first."""
    front: dict = {"title": incident.title, "impact": incident.impact, "components": list(incident.components)}
    if incident.started is not None:
        front["started"] = format_time(incident.started)
    if incident.scheduled_for is not None:
        front["scheduled_for"] = format_time(incident.scheduled_for)
    if incident.scheduled_until is not None:
        front["scheduled_until"] = format_time(incident.scheduled_until)
    if incident.imported:
        # Never published; tells the style checks that findings here are warnings (style/demote.py).
        front["internal"] = {"imported_from": incident.imported}
    front.update(incident.extra)
    yaml_text = yaml.dump(front, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    sections = []
    for update in reversed(settle_updates(incident.updates)):
        sections.append(f"## {STATUS_LABELS[update.status]} · {format_time(update.at)}\n\n{update.body.strip()}\n")
    return f"---\n{yaml_text}---\n\n" + "\n".join(sections)
