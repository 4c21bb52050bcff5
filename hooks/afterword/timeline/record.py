"""An incident's communication record: how soon customers heard, the longest silence, promises kept.

This is what the incident page shows when ``checks.show_communication_record`` is on, and what
``afterword report`` tabulates. Minutes are whole minutes, rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..model import FINAL_STATUSES, Incident, Update
from ..timestamps import format_duration
from .collate import open_gaps
from .promises import Promise, find_promise

KEPT, BROKEN, PENDING = "kept", "broken", "pending"


@dataclass(frozen=True)
class PromiseOutcome:
    update: Update  # the update that made the promise
    promise: Promise
    outcome: str  # kept | broken | pending (open incident, deadline not yet passed)
    next_update: Update | None  # the update that followed, if any

    @property
    def late_minutes(self) -> int | None:
        """How far past the promised time the next update came (or now, for a broken open one)."""
        if self.next_update is None:
            return None
        return minutes(self.next_update.at - self.promise.due)


@dataclass(frozen=True)
class CommunicationRecord:
    incident_id: str
    first_update_minutes: int | None  # start of impact -> first public update (negative: before); None for maintenance
    notice_minutes: int | None  # maintenance only: first announcement -> start of the window
    longest_gap_minutes: int | None  # longest silence between updates while open; None with one update
    promises: list[PromiseOutcome] = field(default_factory=list)

    @property
    def promises_made(self) -> int:
        return len(self.promises)

    @property
    def promises_kept(self) -> int:
        return sum(1 for p in self.promises if p.outcome == KEPT)

    @property
    def promises_broken(self) -> int:
        return sum(1 for p in self.promises if p.outcome == BROKEN)

    @property
    def promises_pending(self) -> int:
        return sum(1 for p in self.promises if p.outcome == PENDING)

    def summary(self) -> str:
        """One plain sentence for the incident page, e.g. 'Customers first heard 7 minutes after …'."""
        parts = []
        if self.first_update_minutes is not None and self.first_update_minutes < 0:
            # An update before 'started' (imported histories): say so, not "less than a minute after".
            parts.append(f"Customers first heard {_span(-self.first_update_minutes)} before the recorded start of impact")
        elif self.first_update_minutes is not None:
            parts.append(f"Customers first heard {_span(self.first_update_minutes)} after impact began")
        elif self.notice_minutes is not None and self.notice_minutes > 0:
            parts.append(f"Announced {_span(self.notice_minutes)} before the work began")
        if self.longest_gap_minutes is not None:
            parts.append(f"the longest wait between updates was {_span(self.longest_gap_minutes)}")
        settled = self.promises_made - self.promises_pending
        if settled:
            parts.append(f"{self.promises_kept} of {settled} promised updates came on time")
        if not parts:
            return "One update was posted."
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


def _span(total: int) -> str:
    return format_duration(timedelta(minutes=total)) if total else "less than a minute"


def minutes(span: timedelta) -> int:
    return round(span.total_seconds() / 60)


def evaluate_promises(incident: Incident, now: datetime, grace_minutes: int = 5) -> list[PromiseOutcome]:
    """Every promise of a next update and whether the next update came by then (plus the grace).

    A final update (Resolved, Completed) is not held to a promise: the incident is closed, and any
    follow-up is the postmortem's job.
    """
    grace = timedelta(minutes=grace_minutes)
    outcomes: list[PromiseOutcome] = []
    updates = incident.updates
    for index, update in enumerate(updates):
        if update.status in FINAL_STATUSES:
            continue
        promise = find_promise(update.body, update.at)
        if promise is None:
            continue
        following = updates[index + 1] if index + 1 < len(updates) else None
        deadline = promise.due + grace
        if following is not None:
            outcome = KEPT if following.at <= deadline else BROKEN
        else:
            outcome = BROKEN if now > deadline else PENDING
        outcomes.append(PromiseOutcome(update, promise, outcome, following))
    return outcomes


def communication_record(incident: Incident, now: datetime, grace_minutes: int = 5) -> CommunicationRecord:
    gaps = [b.at - a.at for a, b in open_gaps(incident)]
    first = incident.first_update.at
    if incident.is_maintenance:
        start = incident.scheduled_for
        first_update, notice = None, (minutes(start - first) if start is not None else None)
    else:
        first_update, notice = minutes(first - incident.start), None
    return CommunicationRecord(
        incident_id=incident.id,
        first_update_minutes=first_update,
        notice_minutes=notice,
        longest_gap_minutes=minutes(max(gaps)) if gaps else None,
        promises=evaluate_promises(incident, now, grace_minutes),
    )
