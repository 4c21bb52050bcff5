"""The updates customers can read, one by one: what the updates feeds list and notifications send.

An update is public when its incident is published (not a draft, not an undisclosed security
incident) and its time has come: an update dated after ``now`` waits for a later build or run.
Its id is the JSON API's update id, so a feed entry, a notification and an API object agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..loader import History
from ..model import Incident, Update
from .ids import update_ids


@dataclass(frozen=True)
class PublicUpdate:
    id: str
    incident: Incident
    update: Update
    number: int  # 1 for the incident's first update

    @property
    def title(self) -> str:
        """'Resolved: Bank sync delayed', what every reader and channel shows."""
        return f"{self.update.label}: {self.incident.title}"

    @property
    def is_first(self) -> bool:
        return self.number == 1


def public_updates(history: History, now: datetime) -> list[PublicUpdate]:
    """Every public update as of ``now``, oldest first (equal times by incident id, then file order)."""
    found = [
        PublicUpdate(update_id, incident, update, number)
        for incident in history.published_incidents
        for number, (update, update_id) in enumerate(zip(incident.updates, update_ids(incident)), start=1)
        if update.at <= now
    ]
    return sorted(found, key=lambda u: (u.update.at, u.incident.id, u.number))
