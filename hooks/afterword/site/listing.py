"""Incident lists grouped by month, shared by the history, component and home pages."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from typing import Iterable

from ..model import Incident
from ..urls import incident_path
from .page import duration_html, impact_badge, link, state_badge, time_tag


def month_groups(page_path: str, incidents: Iterable[Incident], now: datetime, heading: str = "##") -> list[str]:
    """Markdown for incidents (already newest first) under one heading per month."""
    out: list[str] = []
    for (year, month), items in groupby(incidents, key=lambda i: (i.start.year, i.start.month)):
        out.append(f"{heading} {datetime(year, month, 1):%B %Y}\n")
        out.append('<ul class="aw-list" markdown="0">')
        out.extend(incident_row(page_path, incident, now) for incident in items)
        out.append("</ul>\n")
    return out


def incident_row(page_path: str, incident: Incident, now: datetime) -> str:
    state = "" if incident.is_resolved else f" {state_badge(incident)}"
    return (
        f'<li class="aw-row aw-row--{incident.impact}">{impact_badge(incident.impact)}{state} '
        f'{link(page_path, incident_path(incident), incident.title)} '
        f'<span class="aw-row__when">{time_tag(incident.start)} · {duration_html(incident, now)}</span></li>'
    )
