"""Static JSON files in the shapes of Atlassian Statuspage's public API v2, under ``api/v2/``.

Existing Statuspage clients, widgets and chat integrations read an Afterword site unchanged: the
same endpoints, keys, value sets and ISO 8601 dates. Differences, on purpose: ``incidents.json``
holds every published incident (Statuspage returns the 50 newest), incident and component ids are
Afterword's own ids (stable across rebuilds), and update bodies are the Markdown as plain text.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import urls
from ..loader import History
from ..model import FINAL_STATUSES, Incident, Update
from ..render import markdown_to_text
from ..settings import Settings
from ..problems import ContentError
from .entries import API_INCIDENT_PATH, incident_updated, published_postmortems
from .ids import short_id, statuspage_time, update_ids
from .site import EPOCH, compact_json, json_text_bytes, site_url, write_bytes
from ..status import (
    COMPONENT_STATUS_BY_IMPACT,
    COMPONENT_STATUS_RANK,
    INDICATOR_DESCRIPTIONS,
    component_status,
    is_active_maintenance,
    is_open,
    is_upcoming_maintenance,
    page_indicator,
    status_at,
)

API_ROOT = "api/v2/"
TIME_ZONE = "Etc/UTC"  # every Afterword time is UTC
MAINTENANCE_COMPONENT_STATUS = {"in_progress": "under_maintenance", "verifying": "under_maintenance"}


def group_id(group_name: str) -> str:
    return "group-" + (re.sub(r"[^a-z0-9]+", "-", group_name.lower()).strip("-") or short_id("group", group_name))


class StatuspageApi:
    """Builds every response for one history at one moment."""

    def __init__(self, history: History, settings: Settings, now: datetime):
        self.history = history
        self.settings = settings
        self.now = now
        self.base = site_url(settings, "the JSON API needs absolute links")
        self.incidents = history.published_incidents  # newest first
        changes = [incident_updated(i) for i in self.incidents] + [p.published for p in history.published_postmortems]
        self.first_change = min((i.first_update.at for i in self.incidents), default=EPOCH)
        self.page = {
            "id": short_id("page", self.base),
            "name": settings.company,
            "url": self.base.rstrip("/"),
            "time_zone": TIME_ZONE,
            "updated_at": statuspage_time(max(changes, default=EPOCH)),
        }
        self._components = self._build_components()
        self._incident_cache: dict[str, dict[str, Any]] = {}

    # Components ---------------------------------------------------------------------------

    def _component_times(self, component_ids: set[str]) -> tuple[datetime, datetime]:
        times = [u.at for i in self.incidents if component_ids & set(i.components) for u in i.updates if u.at <= self.now]
        return min(times, default=self.first_change), max(times, default=self.first_change)

    def _component(self, component_id: str, name: str, description: str | None, status: str,
                   ids: set[str], position: int, group: str | None, children: list[str] | None) -> dict[str, Any]:
        created, updated = self._component_times(ids)
        data = {
            "id": component_id,
            "name": name,
            "status": status,
            "created_at": statuspage_time(created),
            "updated_at": statuspage_time(updated),
            "position": position,
            "description": description or None,
            "showcase": True,
            "start_date": None,
            "group_id": group,
            "page_id": self.page["id"],
            "group": children is not None,
            "only_show_if_degraded": False,
        }
        if children is not None:
            data["components"] = children  # Statuspage lists a group's members like this
        return data

    def _build_components(self) -> dict[str, dict[str, Any]]:
        """Component objects by id in catalog order, each group (a Statuspage 'group' component)
        just before its members."""
        result: dict[str, dict[str, Any]] = {}
        catalog = self.settings.components
        for component in catalog:
            if component.id in result:
                continue
            members = [c for c in catalog if c.group == component.group] if component.group else [component]
            if component.group:
                gid = group_id(component.group)
                statuses = [component_status(self.history, c.id, self.now) for c in members]
                worst = max(statuses, key=COMPONENT_STATUS_RANK.__getitem__)
                result[gid] = self._component(gid, component.group, None, worst, {c.id for c in members},
                                              len(result) + 1, None, [c.id for c in members])
            for member in members:
                result[member.id] = self._component(
                    member.id, member.name, member.description,
                    component_status(self.history, member.id, self.now), {member.id},
                    len(result) + 1, group_id(member.group) if member.group else None, None,
                )
        return result

    @property
    def components(self) -> list[dict[str, Any]]:
        return list(self._components.values())

    # Incidents ----------------------------------------------------------------------------

    def incident_status(self, incident: Incident) -> str:
        status = status_at(incident, self.now) or incident.first_update.status
        if status in FINAL_STATUSES and not incident.is_maintenance and published_postmortems(incident):
            return "postmortem"
        return status

    def _update_component_status(self, incident: Incident, update: Update) -> str:
        if update.status in FINAL_STATUSES:
            return "operational"
        if incident.is_maintenance:
            return MAINTENANCE_COMPONENT_STATUS.get(update.status, "operational")
        return COMPONENT_STATUS_BY_IMPACT[incident.impact]

    def _updates(self, incident: Incident) -> list[dict[str, Any]]:
        page_url = urls.absolute(self.base, urls.incident_path(incident))
        result = []
        previous = "operational"
        for update, update_id in zip(incident.updates, update_ids(incident)):  # oldest first, for old statuses
            when = statuspage_time(update.at)
            new = self._update_component_status(incident, update)
            affected = [
                {"code": c, "name": self._name(c), "old_status": previous, "new_status": new}
                for c in incident.components
            ]
            previous = new
            result.append({
                "id": update_id,
                "status": update.status,
                "body": markdown_to_text(update.body, base_url=page_url),
                "incident_id": incident.id,
                "created_at": when,
                "updated_at": when,
                "display_at": when,
                "affected_components": affected,
                "deliver_notifications": True,
                "custom_tweet": None,
                "tweet_id": None,
            })
        return list(reversed(result))  # Statuspage lists updates newest first

    def _name(self, component_id: str) -> str:
        component = self.settings.component(component_id)
        return component.name if component else component_id

    def incident(self, incident: Incident) -> dict[str, Any]:
        """The incident object; built once, as several endpoints list the same incident."""
        if incident.id not in self._incident_cache:
            self._incident_cache[incident.id] = self._build_incident(incident)
        return self._incident_cache[incident.id]

    def _build_incident(self, incident: Incident) -> dict[str, Any]:
        monitoring = next((u.at for u in incident.updates if u.status == "monitoring"), None)
        data = {
            "id": incident.id,
            "name": incident.title,
            "status": self.incident_status(incident),
            "created_at": statuspage_time(incident.first_update.at),
            "updated_at": statuspage_time(incident_updated(incident)),
            "monitoring_at": statuspage_time(monitoring),
            "resolved_at": statuspage_time(incident.end),
            "impact": incident.impact,
            "shortlink": urls.absolute(self.base, urls.incident_path(incident)),
            "started_at": statuspage_time(incident.start),
            "page_id": self.page["id"],
            "incident_updates": self._updates(incident),
            "components": [self._components[c] for c in incident.components if c in self._components],
        }
        if incident.is_maintenance:
            data["scheduled_for"] = statuspage_time(incident.scheduled_for or incident.start)
            data["scheduled_until"] = statuspage_time(incident.scheduled_until or incident.end)
        return data

    # Responses ----------------------------------------------------------------------------

    def status(self) -> dict[str, str]:
        indicator = page_indicator(self.history, self.now)
        return {"indicator": indicator, "description": INDICATOR_DESCRIPTIONS[indicator]}

    def responses(self) -> dict[str, Any]:
        """Every endpoint, by its path under api/v2/."""
        page = self.page
        unplanned = [i for i in self.incidents if not i.is_maintenance]
        maintenances = [i for i in self.incidents if i.is_maintenance]
        unresolved = [self.incident(i) for i in unplanned if is_open(i, self.now)]
        upcoming = [self.incident(i) for i in maintenances if is_upcoming_maintenance(i, self.now)]
        active = [self.incident(i) for i in maintenances if is_active_maintenance(i, self.now)]
        responses: dict[str, Any] = {
            "summary.json": {
                "page": page, "components": self.components, "incidents": unresolved,
                "scheduled_maintenances": active + upcoming, "status": self.status(),
            },
            "status.json": {"page": page, "status": self.status()},
            "components.json": {"page": page, "components": self.components},
            "incidents.json": {"page": page, "incidents": [self.incident(i) for i in unplanned]},
            "incidents/unresolved.json": {"page": page, "incidents": unresolved},
            "scheduled-maintenances.json": {"page": page, "scheduled_maintenances": [self.incident(i) for i in maintenances]},
            "scheduled-maintenances/upcoming.json": {"page": page, "scheduled_maintenances": upcoming},
            "scheduled-maintenances/active.json": {"page": page, "scheduled_maintenances": active},
        }
        for incident in self.incidents:
            path = API_INCIDENT_PATH.format(id=incident.id).removeprefix(API_ROOT)
            if path in responses:
                raise ContentError(
                    f"{incident.path}: the incident id '{incident.id}' clashes with the API file {API_ROOT}{path}: rename the file",
                    rule="afterword.id",
                )
            responses[path] = {"page": page, "incident": self.incident(incident)}
        return responses


def write_api(history: History, settings: Settings, site_dir: Path, now: datetime) -> list[Path]:
    """Write every API v2 endpoint under ``site_dir/api/v2/``; returns the files written.

    ``now`` decides what is current (open incidents, active and upcoming maintenance); nothing
    else depends on the build time, so unchanged content at the same state gives the same bytes.
    """
    api = StatuspageApi(history, settings, now)
    responses = api.responses()
    encoded: dict[int, str] = {}
    return [write_bytes(site_dir / API_ROOT / path, response_bytes(body, encoded)) for path, body in responses.items()]


def response_bytes(body: dict[str, Any], encoded: dict[int, str]) -> bytes:
    """``json_bytes(body, compact=True)``, each object the responses share encoded once: an incident
    is in its own file and in one or two lists, the page object in every file.

    ``encoded`` holds the text of each top-level value and list member by ``id()``: valid while the
    responses it came from are alive and unchanged, as while ``write_api`` writes them.
    """
    def shared(value: Any) -> str:
        text = encoded.get(id(value))
        if text is None:
            text = encoded[id(value)] = compact_json(value)
        return text

    def member(value: Any) -> str:
        return "[" + ",".join(map(shared, value)) + "]" if isinstance(value, list) else shared(value)

    return json_text_bytes("{" + ",".join(f"{compact_json(key)}:{member(value)}" for key, value in body.items()) + "}")
