"""Read Atlassian Statuspage API v2 incident JSON and turn each incident into a DraftIncident.

Accepted shapes: ``incidents/<id>.json`` (``{"page", "incident"}``), ``incidents.json`` and
``incidents/unresolved.json`` (``{"page", "incidents": [...]}``), ``scheduled-maintenances.json`` and
``summary.json`` (``"scheduled_maintenances": [...]``). Statuses map as in ``STATUS_MAP``; the few
without an Afterword equivalent are mapped, never dropped (see guide/importing.md, "Statuspage mapping").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..model import IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES
from ..problems import ContentError, Problem
from .components import ComponentCatalog
from .document import DraftIncident, DraftUpdate, safe_id
from .legacy import split_timeline
from .markdown import to_markdown

SOURCE = "statuspage"
LIST_KEYS = ("incidents", "scheduled_maintenances")

# Statuspage update status -> Afterword status, for incidents and for maintenances. 'postmortem' is
# posted after the incident closed, so it stays final; statuses of the other kind map to their peer.
STATUS_MAP = {
    "incident": {
        "investigating": "investigating", "identified": "identified", "monitoring": "monitoring",
        "resolved": "resolved", "postmortem": "resolved",
        "scheduled": "investigating", "in_progress": "identified", "verifying": "monitoring", "completed": "resolved",
    },
    "maintenance": {
        "scheduled": "scheduled", "in_progress": "in_progress", "verifying": "verifying", "completed": "completed",
        "postmortem": "completed",
        "investigating": "in_progress", "identified": "in_progress", "monitoring": "verifying", "resolved": "completed",
    },
}
# A pseudo-component that only points readers elsewhere names a web address.
_LINK_ONLY = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|net|org|io|dev|app)\b", re.IGNORECASE)
# Bodies of statuses whose label disappears in the mapping start with this label, so readers still see it.
LABELLED_STATUSES = {"postmortem": "Postmortem"}


@dataclass
class SourceReport:
    incidents: list[DraftIncident] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source_updates: int = 0  # incident_updates read, to prove none was dropped
    split: dict[str, int] = field(default_factory=dict)  # id -> updates made from a legacy one-update timeline


def source_files(paths: list[Path]) -> list[Path]:
    """The JSON files named, and every *.json below named folders, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            files.append(path)
    return files


def read_incidents(path: Path) -> list[dict]:
    """The raw incident objects in one Statuspage JSON file, or ContentError saying what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ContentError(f"cannot read the file: {exc.strerror or exc}", rule="afterword.import") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        raise ContentError(f"not valid JSON: {exc}", line, column, rule="afterword.import") from None
    if isinstance(data, dict) and isinstance(data.get("incident"), dict):
        return [data["incident"]]
    if isinstance(data, dict) and any(isinstance(data.get(key), list) for key in LIST_KEYS):
        return [item for key in LIST_KEYS for item in (data.get(key) or [])]
    if isinstance(data, list):  # a bare list of incidents, as some exporters write
        return data
    raise ContentError("not a Statuspage export: expected {\"incident\": {...}} or {\"incidents\": [...]} (API v2)", rule="afterword.import")


def import_statuspage(paths: list[Path], catalog: ComponentCatalog) -> SourceReport:
    """Every incident in the given files and folders; one incident seen twice keeps its newest copy."""
    report = SourceReport()
    newest: dict[str, tuple[str, DraftIncident, int]] = {}  # id -> (updated_at, incident, source updates)
    for path in source_files(paths):
        try:
            raw_incidents = read_incidents(path)
        except ContentError as exc:
            report.problems.append(exc.at(str(path)))
            continue
        for index, raw in enumerate(raw_incidents):
            try:
                incident = convert_incident(raw, catalog, f"{path}")
            except ContentError as exc:
                report.problems.append(Problem(str(path), 1, 1, exc.rule, f"incident {index + 1}: {exc.message}"))
                continue
            updated = str(raw.get("updated_at") or "")
            if incident.id not in newest or updated > newest[incident.id][0]:
                if incident.id in newest:
                    report.source_updates -= newest[incident.id][2]
                count = len(raw.get("incident_updates") or [])
                newest[incident.id] = (updated, incident, count)
                report.source_updates += count
                report.split.pop(incident.id, None)
                if count == 1 and split_timeline(raw["incident_updates"][0].get("body")):
                    report.split[incident.id] = len(incident.updates)
    report.incidents = [entry[1] for entry in sorted(newest.values(), key=lambda entry: entry[1].id)]
    return report


def convert_incident(raw: dict, catalog: ComponentCatalog, source: str = "") -> DraftIncident:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ContentError("an incident without an 'id'", rule="afterword.import")
    incident_id = safe_id(str(raw["id"]))
    impact = str(raw.get("impact") or "none").lower()
    scheduled_for = _time(raw.get("scheduled_for"))
    scheduled_until = _time(raw.get("scheduled_until"))
    maintenance = impact == "maintenance" or scheduled_for is not None
    if maintenance:
        impact = "maintenance"
    elif impact not in IMPACTS:
        raise ContentError(f"incident '{incident_id}' has impact '{impact}', not one of {', '.join(IMPACTS)}", rule="afterword.import")
    updates = _updates(raw.get("incident_updates") or [], maintenance, incident_id)
    if maintenance:
        scheduled_for = scheduled_for or _time(raw.get("started_at")) or updates[0].at
        if scheduled_until is not None and scheduled_until <= scheduled_for:
            scheduled_until = None  # the loader rejects an empty window; the updates still tell the story
    return DraftIncident(
        id=incident_id,
        title=str(raw.get("name") or "").strip() or f"Incident {incident_id}",
        impact=impact,
        components=_components(raw, catalog),
        updates=updates,
        started=None if maintenance else _time(raw.get("started_at")),
        scheduled_for=scheduled_for if maintenance else None,
        scheduled_until=scheduled_until if maintenance else None,
        imported=SOURCE,
        source=source,
    )


def _updates(raw_updates: list, maintenance: bool, incident_id: str) -> list[DraftUpdate]:
    if not raw_updates:
        raise ContentError(f"incident '{incident_id}' has no incident_updates: nothing to publish", rule="afterword.import")
    kind = "maintenance" if maintenance else "incident"
    mapping = STATUS_MAP[kind]
    # Statuspage lists newest first; equal times keep that order reversed (the later in the list came first).
    dated = []
    for position, item in enumerate(raw_updates):
        at = _time(item.get("display_at")) or _time(item.get("created_at"))
        if at is None:
            raise ContentError(f"incident '{incident_id}': update {item.get('id')} has no display_at or created_at", rule="afterword.import")
        dated.append((at, _time(item.get("created_at")) or at, -position, item))
    dated.sort(key=lambda entry: entry[:3])
    first = MAINTENANCE_STATUSES[0] if maintenance else INCIDENT_STATUSES[0]
    legacy = split_timeline(dated[0][3].get("body")) if len(dated) == 1 else None
    if legacy:
        final = mapping.get(str(dated[0][3].get("status") or "").lower()) or first
        last = len(legacy) - 1
        return [DraftUpdate(final if n == last else first, at, to_markdown(text), n) for n, (at, text) in enumerate(legacy)]
    updates: list[DraftUpdate] = []
    for order, (at, _created, _position, item) in enumerate(dated):
        source_status = str(item.get("status") or "").lower()
        # An unknown status ('update', or none) continues the status before it.
        status = mapping.get(source_status) or (updates[-1].status if updates else first)
        body = to_markdown(item.get("body"))
        label = LABELLED_STATUSES.get(source_status)
        if label:
            body = f"**{label}**\n\n{body}"
        updates.append(DraftUpdate(status, at, body, order))
    return updates


def _components(raw: dict, catalog: ComponentCatalog) -> list[str]:
    sources = [(c.get("name"), c.get("id"), c.get("description") or "") for c in raw.get("components") or [] if isinstance(c, dict)]
    if not sources:  # some incidents name components only on their updates
        for item in raw.get("incident_updates") or []:
            for c in item.get("affected_components") or []:
                sources.append((c.get("name"), c.get("code"), ""))
    ids: list[str] = []
    for name, source_id, description in sources:
        if (not name and not source_id) or _LINK_ONLY.search(str(name or "")):
            continue  # e.g. "Visit www.githubstatus.com for more information": a link, not a component
        component_id = catalog.resolve(str(name or source_id), str(source_id) if source_id else None, str(description))
        if component_id and component_id not in ids:
            ids.append(component_id)
    return ids or [catalog.fallback()]


def _time(value) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ContentError(f"'{value}' is not an ISO 8601 time", rule="afterword.import") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # the API always sends UTC
    return moment.astimezone(timezone.utc)
