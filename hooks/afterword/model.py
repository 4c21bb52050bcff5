"""The content model: plain objects for incidents, their updates, postmortems and components.

Everything here is public-safe by construction except ``internal``, which renderers never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

IMPACTS = ("none", "minor", "major", "critical", "maintenance")
INCIDENT_STATUSES = ("investigating", "identified", "monitoring", "resolved")
MAINTENANCE_STATUSES = ("scheduled", "in_progress", "verifying", "completed")
FINAL_STATUSES = ("resolved", "completed")
FOLLOW_UP_STATUSES = ("planned", "in_progress", "done")

STATUS_LABELS = {
    "investigating": "Investigating",
    "identified": "Identified",
    "monitoring": "Monitoring",
    "resolved": "Resolved",
    "scheduled": "Scheduled",
    "in_progress": "In progress",
    "verifying": "Verifying",
    "completed": "Completed",
}
IMPACT_LABELS = {
    "none": "No impact",
    "minor": "Minor",
    "major": "Major",
    "critical": "Critical",
    "maintenance": "Maintenance",
}


def status_key(label: str) -> str:
    """'In progress' -> 'in_progress'."""
    return "_".join(label.strip().lower().replace("-", " ").split())


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    group: str | None = None
    description: str = ""


@dataclass
class Update:
    status: str  # a key of STATUS_LABELS
    at: datetime  # aware, UTC
    body: str  # Markdown as written
    line: int  # file line of the update's heading
    order: int  # position in the file, for stable sorting of equal times

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Incident:
    id: str
    path: str  # relative to the project root, with '/' separators
    title: str
    impact: str
    components: list[str]
    updates: list[Update]  # in time order, oldest first
    started: datetime | None = None
    ended: datetime | None = None  # when customer impact ended, when earlier than the Resolved update
    security: bool = False
    disclosed: bool = False
    draft: bool = False
    internal: Any = None
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None
    front_matter: Any = None  # the FrontMatter, for positions in later checks
    postmortems: list["Postmortem"] = field(default_factory=list)
    later: list[Update] = field(default_factory=list)  # dated after the build's clock: withheld until due
    not_yet: bool = False  # every update is dated after the build's clock: the incident is withheld

    @property
    def is_maintenance(self) -> bool:
        return self.impact == "maintenance"

    @property
    def withheld_reason(self) -> str | None:
        """Why this incident must not appear in any published byte, or None when it may."""
        if self.draft:
            return "draft"
        if self.security and not self.disclosed:
            return "security"
        if self.not_yet:
            return "future"
        return None

    @property
    def is_published(self) -> bool:
        return self.withheld_reason is None

    @property
    def first_update(self) -> Update:
        return self.updates[0]

    @property
    def latest_update(self) -> Update:
        return self.updates[-1]

    @property
    def is_resolved(self) -> bool:
        return self.latest_update.status in FINAL_STATUSES

    @property
    def status(self) -> str:
        """'resolved' or 'open', the incident's state as customers see it."""
        return "resolved" if self.is_resolved else "open"

    @property
    def start(self) -> datetime:
        """When customer impact began (or, for maintenance, begins): ``started``, else the window, else the first update."""
        if self.started is not None:
            return self.started
        if self.is_maintenance and self.scheduled_for is not None:
            return self.scheduled_for  # announced ahead: the window is when it affects customers
        return self.first_update.at

    def _maintenance_began(self) -> bool:
        return any(update.status != "scheduled" for update in self.updates)

    @property
    def is_upcoming(self) -> bool:
        """A maintenance announced but not begun: no impact yet."""
        return self.is_maintenance and not self._maintenance_began()

    @property
    def end(self) -> datetime | None:
        """When it was resolved (the last final update), or None while open."""
        return self.latest_update.at if self.is_resolved else None

    @property
    def identified_at(self) -> datetime | None:
        for update in self.updates:
            if update.status == "identified":
                return update.at
        return None

    @property
    def impact_end(self) -> datetime | None:
        """When customer impact ended: ``ended`` once resolved, else the resolution; None while open."""
        if self.end is None:
            return None
        return self.ended or self.end

    def duration(self, now: datetime) -> timedelta:
        """How long customers were affected: the one figure the incident, its postmortem and uptime use."""
        end = self.impact_end or now
        return max(end - self.start, timedelta(0))

    @property
    def year(self) -> int:
        return self.start.year


@dataclass
class FollowUp:
    title: str
    status: str
    line: int


@dataclass
class TimelineEntry:
    """An extra entry a postmortem adds to the collated timeline, e.g. 'Impact began'."""

    at: datetime
    text: str
    line: int


@dataclass
class Postmortem:
    id: str
    path: str
    title: str
    incident_ids: list[str]
    published: datetime
    summary: str
    body: str
    body_start_line: int
    follow_ups: list[FollowUp] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    draft: bool = False
    internal: Any = None
    front_matter: Any = None
    incidents: list[Incident] = field(default_factory=list)

    @property
    def withheld_reason(self) -> str | None:
        if self.draft:
            return "draft"
        for incident in self.incidents:
            if not incident.is_published:
                return incident.withheld_reason
        return None

    @property
    def is_published(self) -> bool:
        return self.withheld_reason is None
