"""The home page: the state right now, open incidents, upcoming maintenance, each component's 90 days."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..loader import History
from ..status import component_label, component_status, ongoing, page_description, page_indicator, upcoming_maintenance
from ..urls import component_path, history_path, incident_path
from .bars import bar, component_days
from .listing import incident_row
from .page import GeneratedPage, escape, front_matter, impact_badge, link, status_badge, time_tag, update_html

RECENT_DAYS = 14


def home_page(history: History, now: datetime) -> GeneratedPage:
    here = ""
    settings = history.settings
    indicator = page_indicator(history, now)
    description = page_description(indicator)
    out = [front_matter(f"{settings.company} status", f"Current status and incident history of {settings.company}.", searchable=False)]
    out.append(f"# {escape(settings.company)} status\n")
    out.append(f'<p class="aw-overall aw-overall--{indicator}" markdown="0">{escape(description)}</p>\n')
    current = ongoing(history, now)
    if current:
        out.append("## Ongoing incidents\n")
        for incident in current:
            latest = incident.latest_update
            out.append(f'<div class="aw-card aw-card--{incident.impact}" markdown="0">')
            out.append(f'<p class="aw-card__title">{impact_badge(incident.impact)} {link(here, incident_path(incident), incident.title)}</p>\n')
            out.append(f'<p class="aw-update__head">{status_badge(latest.status)} {time_tag(latest.at)}</p>\n')
            out.append(update_html(latest, settings))
            out.append("\n</div>\n")
    upcoming = upcoming_maintenance(history, now)
    if upcoming:
        out.append("## Upcoming maintenance\n")
        out.append('<ul class="aw-list" markdown="0">')
        for incident in upcoming:
            window = time_tag(incident.scheduled_for or incident.start)
            out.append(f"<li>{impact_badge('maintenance')} {link(here, incident_path(incident), incident.title)} <span class=\"aw-row__when\">{window}</span></li>")
        out.append("</ul>\n")
    out.append("## Components\n")
    out.append("Each bar shows the last 90 days, one mark per day, coloured by the most serious incident of that day.\n")
    for group, components in _by_group(settings.components).items():
        if group:
            out.append(f"### {escape(group)}\n")
        for component in components:
            state = component_status(history, component.id, now)
            label = component_label(state)
            out.append('<div class="aw-component" markdown="0">')
            out.append(f'<p class="aw-component__head">{link(here, component_path(component.id), component.name)} <span class="aw-cstate aw-cstate--{state}">{label}</span></p>')
            out.append(bar(component.name, component_days(history, component.id, now)))
            out.append("</div>\n")
    recent = [i for i in history.published_incidents  # (what is ongoing is listed above, not as past)
              if i.start >= now - timedelta(days=RECENT_DAYS) and not i.is_upcoming and i not in current]
    out.append("## Past incidents\n")
    if recent:
        out.append('<ul class="aw-list" markdown="0">')
        out.extend(incident_row(here, incident, now) for incident in recent)
        out.append("</ul>\n")
    else:
        out.append(f"No incidents in the last {RECENT_DAYS} days.\n")
    out.append(f'<p class="aw-back">{link(here, history_path(), "Full incident history")}</p>')
    return GeneratedPage("index.md", "\n".join(out) + "\n")


def _by_group(components) -> dict[str, list]:
    """Components by group, groups in the order they first appear in the catalog."""
    groups: dict[str, list] = {}
    for component in components:
        groups.setdefault(component.group or "", []).append(component)
    return groups
