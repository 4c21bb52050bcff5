"""The current status of the page and of each component, in Atlassian Statuspage's vocabulary.

One source for the home page, the banner, the API and the badges.

A component's status is the worst impact on it among open incidents (critical -> major_outage,
major -> partial_outage, minor -> degraded_performance), else under_maintenance during an active
maintenance, else operational. The page indicator is the worst open incident's impact, or
'maintenance' when only maintenance is under way. An incident is open until its last update is
Resolved (or Completed); updates dated after ``now`` do not count yet.
"""

from __future__ import annotations

from datetime import datetime

from .loader import History
from .model import FINAL_STATUSES, Incident
from .uptime import SEVERITY_RANK

COMPONENT_STATUS_BY_IMPACT = {
    "critical": "major_outage",
    "major": "partial_outage",
    "minor": "degraded_performance",
    "none": "operational",
}
COMPONENT_STATUSES = ("operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance")
COMPONENT_STATUS_RANK = {
    "operational": 0, "under_maintenance": 1, "degraded_performance": 2, "partial_outage": 3, "major_outage": 4,
}
COMPONENT_STATUS_LABELS = {
    "operational": "operational",
    "degraded_performance": "degraded performance",
    "partial_outage": "partial outage",
    "major_outage": "major outage",
    "under_maintenance": "under maintenance",
}
INDICATORS = ("none", "minor", "major", "critical", "maintenance")
# Statuspage's own descriptions of its indicators.
INDICATOR_DESCRIPTIONS = {
    "none": "All Systems Operational",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major System Outage",
    "maintenance": "Service Under Maintenance",
}
ACTIVE_MAINTENANCE_STATUSES = ("in_progress", "verifying")


def status_at(incident: Incident, now: datetime) -> str | None:
    """The incident's status as of ``now`` (its latest update not after now), or None before its first."""
    current = None
    for update in incident.updates:
        if update.at > now:
            break
        current = update.status
    return current


def is_open(incident: Incident, now: datetime) -> bool:
    """An unplanned incident that has begun and is not resolved as of ``now``."""
    status = status_at(incident, now)
    return not incident.is_maintenance and status is not None and status not in FINAL_STATUSES


def is_active_maintenance(incident: Incident, now: datetime) -> bool:
    return incident.is_maintenance and status_at(incident, now) in ACTIVE_MAINTENANCE_STATUSES


def is_upcoming_maintenance(incident: Incident, now: datetime) -> bool:
    """Announced and not begun, and its window (when known) not over."""
    if not incident.is_maintenance or status_at(incident, now) != "scheduled":
        return False
    ends = incident.scheduled_until or incident.scheduled_for
    return ends is None or ends > now


def open_incidents(history: History, now: datetime) -> list[Incident]:
    return [i for i in history.published_incidents if is_open(i, now)]


def component_status(history: History, component_id: str, now: datetime) -> str:
    worst = "operational"
    for incident in history.published_incidents:
        if component_id not in incident.components:
            continue
        if is_open(incident, now):
            candidate = COMPONENT_STATUS_BY_IMPACT[incident.impact]
        elif is_active_maintenance(incident, now):
            candidate = "under_maintenance"
        else:
            continue
        if COMPONENT_STATUS_RANK[candidate] > COMPONENT_STATUS_RANK[worst]:
            worst = candidate
    return worst


def page_indicator(history: History, now: datetime) -> str:
    impacts = [i.impact for i in open_incidents(history, now) if i.impact != "none"]
    if impacts:
        return max(impacts, key=SEVERITY_RANK.__getitem__)
    if any(is_active_maintenance(i, now) for i in history.published_incidents):
        return "maintenance"
    return "none"


def ongoing(history: History, now: datetime) -> list[Incident]:
    """Open incidents and maintenance under way, most serious first: the home page and the banner."""
    items = [i for i in history.published_incidents if is_open(i, now) or is_active_maintenance(i, now)]
    return sorted(items, key=lambda i: (-SEVERITY_RANK[i.impact], i.start))


def upcoming_maintenance(history: History, now: datetime) -> list[Incident]:
    return sorted((i for i in history.published_incidents if is_upcoming_maintenance(i, now)), key=lambda i: i.start)


def component_label(status: str) -> str:
    """'partial_outage' -> 'Partial outage', for people."""
    return COMPONENT_STATUS_LABELS[status].capitalize()


def page_description(indicator: str) -> str:
    return INDICATOR_DESCRIPTIONS[indicator]
