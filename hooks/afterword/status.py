"""Current state, derived from open incidents: what the home page, banner and badges show."""

from __future__ import annotations

from .loader import History
from .model import Incident
from .uptime import SEVERITY_RANK

# A component's state from the worst open incident touching it (Statuspage's vocabulary).
COMPONENT_STATE = {
    "critical": ("major_outage", "Major outage"),
    "major": ("partial_outage", "Partial outage"),
    "minor": ("degraded_performance", "Degraded performance"),
    "none": ("operational", "Operational"),
    "maintenance": ("under_maintenance", "Under maintenance"),
}
OPERATIONAL = ("operational", "Operational")


def open_incidents(history: History) -> list[Incident]:
    """Published incidents that are not resolved and have begun, worst first."""
    items = [i for i in history.published_incidents if not i.is_resolved and not i.is_upcoming]
    return sorted(items, key=lambda i: (-SEVERITY_RANK[i.impact], i.start))


def upcoming_maintenance(history: History) -> list[Incident]:
    return sorted((i for i in history.published_incidents if i.is_upcoming), key=lambda i: i.start)


def component_state(history: History, component_id: str) -> tuple[str, str]:
    worst = None
    for incident in open_incidents(history):
        if component_id in incident.components and (worst is None or SEVERITY_RANK[incident.impact] > SEVERITY_RANK[worst]):
            worst = incident.impact
    return COMPONENT_STATE[worst] if worst else OPERATIONAL


def overall_state(history: History) -> tuple[str, str]:
    """(indicator, description) in Statuspage's terms: none, minor, major, critical or maintenance."""
    incidents = open_incidents(history)
    if not incidents:
        return "none", "All systems operational"
    worst = incidents[0].impact
    if worst == "maintenance":
        return "maintenance", "Service under maintenance"
    if worst == "none":
        return "none", "All systems operational"
    return worst, {"minor": "Minor service disruption", "major": "Partial system outage", "critical": "Major system outage"}[worst]
