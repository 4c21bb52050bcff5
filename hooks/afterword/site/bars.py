"""The 90-day bar: one coloured mark per day, worst impact of the day, with a text equivalent."""

from __future__ import annotations

from datetime import datetime

from ..model import IMPACT_LABELS
from ..uptime import DayImpact, daily_impact, uptime_percent
from .page import escape

BAR_DAYS = 90


def component_days(history, component_id: str, now: datetime, days: int = BAR_DAYS) -> list[DayImpact]:
    return daily_impact(history.published_incidents, days, now, component_id)


def bar(name: str, days: list[DayImpact]) -> str:
    """HTML for the bar; screen readers get the uptime sentence, sighted readers a tooltip per day."""
    uptime = uptime_percent(days)
    marks = []
    for day in days:
        level = day.worst or "operational"
        label = IMPACT_LABELS.get(day.worst, "No incidents") if day.worst else "No incidents"
        minutes = int(sum(day.minutes.values()))
        detail = f"{day.day:%d %b %Y}: {label}" + (f", {minutes} min" if day.worst else "")
        marks.append(f'<span class="aw-bar__day aw-bar__day--{level}" title="{escape(detail)}"></span>')
    summary = f"{uptime:.2f}% uptime over the last {len(days)} days"
    return (
        f'<div class="aw-bar" role="img" aria-label="{escape(name)}: {summary}">{"".join(marks)}</div>'
        f'<p class="aw-bar__legend"><span>{len(days)} days ago</span><span>{summary}</span><span>Today</span></p>'
    )
