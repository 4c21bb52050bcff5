"""Collate timelines: one incident's updates and transitions, and a postmortem's merged timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model import FINAL_STATUSES, Incident, Postmortem, Update


@dataclass(frozen=True)
class Transition:
    at: datetime
    from_status: str | None  # None for the first update
    to_status: str
    line: int


@dataclass(frozen=True)
class IncidentTimeline:
    incident_id: str
    updates: list[Update]  # time order, oldest first (the loader sorts them)
    transitions: list[Transition]  # only the updates that changed the status
    started: datetime  # start of customer impact (Incident.start)
    identified: datetime | None
    resolved: datetime | None  # None while open
    duration: timedelta  # to resolution, or to ``now`` while open
    time_to_first_update: timedelta  # may be negative: an update can precede a back-dated start


def collate_incident(incident: Incident, now: datetime) -> IncidentTimeline:
    transitions: list[Transition] = []
    previous: str | None = None
    for update in incident.updates:
        if update.status != previous:
            transitions.append(Transition(update.at, previous, update.status, update.line))
            previous = update.status
    return IncidentTimeline(
        incident_id=incident.id,
        updates=list(incident.updates),
        transitions=transitions,
        started=incident.start,
        identified=incident.identified_at,
        resolved=incident.end,
        duration=incident.duration(now),
        time_to_first_update=incident.first_update.at - incident.start,
    )


def open_gaps(incident: Incident) -> list[tuple[Update, Update]]:
    """Consecutive update pairs while customers were affected: not the pause after a Resolved or
    Completed, nor the wait between announcing a maintenance (Scheduled) and its start."""
    return [
        (a, b) for a, b in zip(incident.updates, incident.updates[1:])
        if a.status not in FINAL_STATUSES and a.status != "scheduled"
    ]


@dataclass(frozen=True)
class TimelineItem:
    at: datetime  # UTC
    kind: str  # "update" (a public update of an incident) or "note" (an entry of the postmortem's timeline)
    status: str | None  # the update's status key; None for notes
    text: str  # Markdown
    incident_id: str | None  # the incident the update belongs to; None for notes
    line: int = 0  # line in the file it came from (the incident file for updates, the postmortem for notes)


def collate_postmortem(postmortem: Postmortem) -> list[TimelineItem]:
    """All updates of the postmortem's incidents and its own timeline entries, oldest first.

    At equal times a note comes before an update (what happened, then what we told customers);
    updates keep the postmortem's incident order, then the file's order.
    """
    keyed: list[tuple[tuple, TimelineItem]] = []
    for position, entry in enumerate(postmortem.timeline):
        keyed.append(((entry.at, 0, position, 0), TimelineItem(entry.at, "note", None, entry.text, None, entry.line)))
    for incident_position, incident in enumerate(postmortem.incidents):
        for update_position, update in enumerate(incident.updates):
            item = TimelineItem(update.at, "update", update.status, update.body, incident.id, update.line)
            keyed.append(((update.at, 1, incident_position, update_position), item))
    return [item for _, item in sorted(keyed, key=lambda pair: pair[0])]
