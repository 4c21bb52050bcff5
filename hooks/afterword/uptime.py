"""Impact over time: minutes of impact per day and uptime per component, weighted by impact.

Weights follow Atlassian Statuspage's uptime showcase, so figures read the same as on peer status
pages. Statuspage derives uptime from the minutes a component spends in each *component state*:
a major outage counts fully, a partial outage counts 30%, degraded performance and "under
maintenance" do not count as downtime. Afterword has incident impacts instead of component states
and maps them the way Statuspage derives an incident's impact from its components: critical =
major outage, major = partial outage, minor = degraded performance. Maintenance and incidents
without impact never count against uptime, but still show on the day's bar.

A component is in one state at a time, so overlapping incidents are not added up: at each instant
only the worst impact then active counts (guide/timelines.md, "Uptime method").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from .model import Incident

DOWNTIME_WEIGHT = {"critical": 1.0, "major": 0.3, "minor": 0.0, "none": 0.0, "maintenance": 0.0}
SEVERITY_RANK = {"none": 0, "maintenance": 1, "minor": 2, "major": 3, "critical": 4}
DAY = timedelta(days=1)
MINUTES_PER_DAY = 24 * 60


@dataclass
class DayImpact:
    day: date
    worst: str | None  # the worst impact that touched the day, or None
    minutes: dict[str, float]  # minutes during which each impact level was the worst one active
    incident_ids: list[str]

    @property
    def downtime_minutes(self) -> float:
        return sum(DOWNTIME_WEIGHT[level] * minutes for level, minutes in self.minutes.items())


def _window(incident: Incident, now: datetime) -> tuple[datetime, datetime]:
    """Impact from start to resolution (or now while open), never past now."""
    end = min(incident.impact_end or now, now)
    return incident.start, max(end, incident.start)


def daily_impact(incidents: Iterable[Incident], days: int, now: datetime, component_id: str | None = None) -> list[DayImpact]:
    """One DayImpact per day for the ``days`` days ending today (UTC), oldest first."""
    today = now.astimezone(timezone.utc).date()
    return impact_between(incidents, today - timedelta(days=days - 1), today, now, component_id)


def impact_between(
    incidents: Iterable[Incident], first: date, last: date, now: datetime, component_id: str | None = None
) -> list[DayImpact]:
    """One DayImpact per UTC day from ``first`` to ``last`` inclusive; nothing after ``now`` counts."""
    count = (last - first).days + 1
    result = [DayImpact(first + timedelta(days=i), None, {}, []) for i in range(max(count, 0))]
    if not result:
        return result
    window_start = datetime.combine(first, time(0), timezone.utc)
    window_end = datetime.combine(last, time(0), timezone.utc) + DAY
    spans: list[tuple[datetime, datetime, Incident]] = []
    for incident in incidents:
        if component_id is not None and component_id not in incident.components:
            continue
        if incident.is_upcoming:
            continue
        start, end = _window(incident, now)
        if start >= window_end or end < window_start or start > now:
            continue
        spans.append((start, end, incident))
    for entry in result:
        _fill_day(entry, spans)
    return result


def _fill_day(entry: DayImpact, spans: list[tuple[datetime, datetime, Incident]]) -> None:
    day_start = datetime.combine(entry.day, time(0), timezone.utc)
    day_end = day_start + DAY
    touching = []
    for start, end, incident in spans:
        # Half-open [start, end): an incident resolved at midnight does not touch the next day;
        # an instantaneous one still shows on its own day.
        overlaps = start < day_end and end > day_start
        instant = start == end and day_start <= start < day_end
        if overlaps or instant:
            touching.append((max(start, day_start), min(end, day_end), incident))
    if not touching:
        return
    for _, _, incident in touching:
        if incident.id not in entry.incident_ids:
            entry.incident_ids.append(incident.id)
        if entry.worst is None or SEVERITY_RANK[incident.impact] > SEVERITY_RANK[entry.worst]:
            entry.worst = incident.impact
    # Sweep the day's boundaries: each elementary segment counts once, at its worst active impact.
    edges = sorted({t for start, end, _ in touching for t in (start, end)})
    for left, right in zip(edges, edges[1:]):
        active = [i.impact for s, e, i in touching if s <= left and e >= right]
        if not active:
            continue
        worst = max(active, key=SEVERITY_RANK.__getitem__)
        minutes = (right - left).total_seconds() / 60
        entry.minutes[worst] = entry.minutes.get(worst, 0.0) + minutes


def uptime_percent(days: list[DayImpact]) -> float:
    """Share of the period without weighted downtime, in percent (two decimals are meaningful)."""
    total = len(days) * MINUTES_PER_DAY
    if not total:
        return 100.0
    down = sum(min(day.downtime_minutes, MINUTES_PER_DAY) for day in days)
    return max(0.0, 100.0 * (1 - down / total))
