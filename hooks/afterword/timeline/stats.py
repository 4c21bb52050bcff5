"""History in figures: incidents by month and uptime per month and per 90 days, per component or overall.

Built on ``afterword.uptime`` (Statuspage-style weights); pass only published incidents when the
result is shown to customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

from ..model import Incident
from ..uptime import impact_between, uptime_percent

WINDOW_DAYS = 90


@dataclass(frozen=True)
class MonthFigures:
    month: str  # 'YYYY-MM'
    incident_ids: list[str]  # incidents that began that month, oldest first
    downtime_minutes: float  # weighted (critical 100%, major 30%)
    uptime_percent: float  # over the month's days up to today


@dataclass(frozen=True)
class ComponentFigures:
    component_id: str | None  # None: the whole history
    uptime_90_days: float
    months: list[MonthFigures]  # oldest first, from the first incident's month to this month


def incidents_by_month(incidents: Iterable[Incident], component_id: str | None = None) -> dict[str, list[Incident]]:
    """'YYYY-MM' (month of the start of impact, UTC) -> incidents, oldest first; months in order."""
    months: dict[str, list[Incident]] = {}
    chosen = [i for i in incidents if component_id is None or component_id in i.components]
    for incident in sorted(chosen, key=lambda i: (i.start, i.id)):
        months.setdefault(incident.start.strftime("%Y-%m"), []).append(incident)
    return dict(sorted(months.items()))


def component_figures(incidents: Iterable[Incident], now: datetime, component_id: str | None = None, months: int | None = None) -> ComponentFigures:
    """Uptime over 90 days and per month; ``months`` limits the result to the most recent ones."""
    incidents = [i for i in incidents if not i.is_upcoming and (component_id is None or component_id in i.components)]
    today = now.astimezone(timezone.utc).date()
    window = impact_between(incidents, today - timedelta(days=WINDOW_DAYS - 1), today, now, component_id)
    by_month = incidents_by_month(incidents, component_id)
    touching = _months_touched(incidents, now)
    figures: list[MonthFigures] = []
    if by_month:
        first = date.fromisoformat(next(iter(by_month)) + "-01")
        if months is not None:
            first = max(first, _add_months(today.replace(day=1), 1 - months))
        cursor = first
        while cursor <= today:
            following = _add_months(cursor, 1)
            last = min(following - timedelta(days=1), today)
            key = cursor.strftime("%Y-%m")
            # Only incidents active during the month: keeps the whole computation linear in history size.
            days = impact_between(touching.get(key, []), cursor, last, now, component_id)
            figures.append(MonthFigures(
                key, [i.id for i in by_month.get(key, [])],
                round(sum(min(d.downtime_minutes, 24 * 60) for d in days), 2), uptime_percent(days),
            ))
            cursor = following
    return ComponentFigures(component_id, uptime_percent(window), figures)


def _add_months(first_of_month: date, count: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _months_touched(incidents: list[Incident], now: datetime) -> dict[str, list[Incident]]:
    """'YYYY-MM' -> incidents whose impact overlaps that month."""
    touched: dict[str, list[Incident]] = {}
    for incident in incidents:
        cursor = incident.start.date().replace(day=1)
        last = (incident.end or now).date()
        while cursor <= last:
            touched.setdefault(cursor.strftime("%Y-%m"), []).append(incident)
            cursor = _add_months(cursor, 1)
    return touched
