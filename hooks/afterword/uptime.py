"""Impact over time: minutes of impact per day and uptime per component, weighted by impact.

Weights follow Atlassian Statuspage's convention, so figures read the same as on peer status pages:
a critical incident is a major outage (counts fully), a major incident is a partial outage (counts
30%), minor incidents degrade performance without downtime and maintenance is planned (neither
counts against uptime, both still show on the day's bar).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from .model import Incident

DOWNTIME_WEIGHT = {"critical": 1.0, "major": 0.3, "minor": 0.0, "none": 0.0, "maintenance": 0.0}
SEVERITY_RANK = {"none": 0, "maintenance": 1, "minor": 2, "major": 3, "critical": 4}
DAY = timedelta(days=1)


@dataclass
class DayImpact:
    day: date
    worst: str | None  # the worst impact that touched the day, or None
    minutes: dict[str, float]  # minutes of impact per impact level on that day
    incident_ids: list[str]

    @property
    def downtime_minutes(self) -> float:
        return sum(DOWNTIME_WEIGHT[level] * minutes for level, minutes in self.minutes.items())


def _window(incident: Incident, now: datetime) -> tuple[datetime, datetime]:
    end = incident.end or now
    return incident.start, max(end, incident.start)


def daily_impact(incidents: Iterable[Incident], days: int, now: datetime, component_id: str | None = None) -> list[DayImpact]:
    """One DayImpact per day for the ``days`` days ending today (UTC), oldest first."""
    today = now.astimezone(timezone.utc).date()
    first = today - timedelta(days=days - 1)
    result = [DayImpact(first + timedelta(days=i), None, {}, []) for i in range(days)]
    window_start = datetime.combine(first, time(0), timezone.utc)
    for incident in incidents:
        if component_id is not None and component_id not in incident.components:
            continue
        if incident.is_upcoming:
            continue
        start, end = _window(incident, now)
        if end < window_start or start > now:
            continue
        cursor = max(start, window_start)
        while cursor <= end:
            index = (cursor.date() - first).days
            if index >= days:
                break
            day_end = datetime.combine(cursor.date(), time(0), timezone.utc) + DAY
            span = (min(end, day_end) - cursor).total_seconds() / 60
            entry = result[index]
            entry.minutes[incident.impact] = entry.minutes.get(incident.impact, 0.0) + span
            if incident.id not in entry.incident_ids:
                entry.incident_ids.append(incident.id)
            if entry.worst is None or SEVERITY_RANK[incident.impact] > SEVERITY_RANK[entry.worst]:
                entry.worst = incident.impact
            cursor = day_end
    return result


def uptime_percent(days: list[DayImpact]) -> float:
    """Share of the period without weighted downtime, in percent (two decimals are meaningful)."""
    total = len(days) * 24 * 60
    if not total:
        return 100.0
    down = sum(min(day.downtime_minutes, 24 * 60) for day in days)
    return max(0.0, 100.0 * (1 - down / total))
