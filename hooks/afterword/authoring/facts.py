"""The values a template's ``{placeholders}`` are filled with, from what we know about an incident.

PLACEHOLDERS is the documented list (guide/writing-incidents.md and ``afterword new templates`` show it). Times are
written the way the house writes them: '14:30 UTC' in sentences, '2026-01-20 14:30 UTC' in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from ..support import support_contact
from ..timestamps import format_duration, format_utc
from ..urls import absolute, incident_path

DEFAULT_NEXT_UPDATE_MINUTES = 30

PLACEHOLDERS = {
    "title": "the incident's title",
    "company": "the company name (extra.afterword.company)",
    "components": "the affected components' names, e.g. 'Public API and Web app'",
    "impact": "the impact: none, minor, major, critical or maintenance",
    "incident_id": "the incident's id",
    "incident_url": "the incident's page on the status site (or 'our status page' without site_url)",
    "timestamp": "this update's time in full, e.g. '2026-01-20 14:30 UTC'",
    "time": "this update's time, e.g. '14:30 UTC'",
    "date": "this update's day, e.g. 'Tuesday 20 January 2026'",
    "next_update": "when the next update is due, e.g. '15:00 UTC' (the update's time + next_update_minutes)",
    "next_update_minutes": "minutes until the next update (default 30)",
    "apology": "apology.md followed by a space for a major or critical incident's first update; empty otherwise",
    "started": "when impact began, in full", "started_time": "when impact began, e.g. '12:05 UTC'",
    "started_date": "the day impact began",
    "ended": "when the incident was resolved, in full", "ended_time": "when it was resolved, e.g. '13:25 UTC'",
    "duration": "how long it lasted, e.g. '1 hour 20 minutes'",
    "current_state": "'The problem is now fixed.' or 'We are still working on it.'",
    "window": "a maintenance window, e.g. 'on Sunday 6 December 2026, from 02:00 to 04:00 UTC'",
    "window_start": "when a maintenance starts, e.g. '02:00 UTC'", "window_end": "when it ends, e.g. '04:00 UTC'",
    "scheduled_for": "a maintenance's start in full", "scheduled_until": "a maintenance's end in full",
    "published": "a postmortem's publication time in full (now)",
    "support": "the support contact from extra.afterword.support: '[our support team](URL)', else with the e-mail, else 'our support team'",
}


@dataclass
class Facts:
    """What a draft knows: the incident (or the one being created) and the moment of writing."""

    settings: Any
    title: str
    impact: str
    components: list[str]
    at: datetime  # the update's (or the postmortem's) time, UTC, whole minutes
    incident_id: str = ""
    start: datetime | None = None
    end: datetime | None = None
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None
    next_update_minutes: int = DEFAULT_NEXT_UPDATE_MINUTES
    apology: str = ""


def placeholder_values(facts: Facts) -> tuple[dict[str, str], dict[str, str]]:
    """(values, missing): the filled placeholders, and why each unfilled one has no value here."""
    settings = facts.settings
    names = [getattr(settings.component(c), "name", None) or c for c in facts.components]
    values = {
        "title": facts.title,
        "company": settings.company,
        "components": join_names(names),
        "impact": facts.impact,
        "incident_id": facts.incident_id,
        "incident_url": absolute(settings.site_url, incident_path(facts.incident_id)) if settings.site_url else "our status page",
        "timestamp": format_utc(facts.at),
        "time": clock(facts.at),
        "date": long_date(facts.at),
        "next_update": clock(facts.at + timedelta(minutes=facts.next_update_minutes)),
        "next_update_minutes": str(facts.next_update_minutes),
        "apology": f"{facts.apology.strip()} " if facts.apology.strip() else "",
        "published": format_utc(facts.at),
        "current_state": "The problem is now fixed." if facts.end else "We are still working on it.",
        "support": support_contact(settings).phrase(),
    }
    missing: dict[str, str] = {}
    if facts.start is not None:
        values.update(started=format_utc(facts.start), started_time=clock(facts.start), started_date=long_date(facts.start))
    if facts.end is not None:
        values.update(ended=format_utc(facts.end), ended_time=clock(facts.end))
        if facts.start is not None:
            values["duration"] = format_duration(facts.end - facts.start)
    else:
        for key in ("ended", "ended_time", "duration"):
            missing[key] = "the incident is not resolved yet"
    if facts.scheduled_for is not None and facts.scheduled_until is not None:
        values.update(
            window=window(facts.scheduled_for, facts.scheduled_until),
            window_start=clock(facts.scheduled_for), window_end=clock(facts.scheduled_until),
            scheduled_for=format_utc(facts.scheduled_for), scheduled_until=format_utc(facts.scheduled_until),
        )
    else:
        for key in ("window", "window_start", "window_end", "scheduled_for", "scheduled_until"):
            missing[key] = "only a maintenance with scheduled_for and scheduled_until has a window"
    return values, missing


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def clock(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%H:%M UTC")


def long_date(moment: datetime) -> str:
    day = moment.astimezone(timezone.utc)
    return f"{day:%A} {day.day} {day:%B %Y}"


def window(start: datetime, end: datetime) -> str:
    if start.astimezone(timezone.utc).date() == end.astimezone(timezone.utc).date():
        return f"on {long_date(start)}, from {start:%H:%M} to {clock(end)}"
    return f"from {long_date(start)} at {clock(start)} to {long_date(end)} at {clock(end)}"


def whole_minute(moment: datetime) -> datetime:
    """Headings show minutes; drop seconds so the text and the heading agree."""
    return moment.astimezone(timezone.utc).replace(second=0, microsecond=0)
