"""A page per component (its state, uptime and incidents) and an index of all components."""

from __future__ import annotations

from datetime import datetime

from ..loader import History
from ..status import component_label, component_status
from ..timeline import component_figures
from ..uptime import uptime_percent
from ..urls import component_path, history_path
from .bars import bar, component_days
from .listing import month_groups
from .page import GeneratedPage, escape, front_matter, link

MONTHS_SHOWN = 12
INCIDENTS_SHOWN = 100  # keeps each page small however long the history grows


def component_pages(history: History, now: datetime) -> list[GeneratedPage]:
    pages = [_index(history, now)]
    pages += [_component_page(history, component, now) for component in history.settings.components]
    return pages


def _index(history: History, now: datetime) -> GeneratedPage:
    here = "components/"
    out = [front_matter("Components", "Every part of the service, its state and its uptime.", searchable=False)]
    out.append("# Components\n")
    out.append("| Component | Group | State now | Uptime, last 90 days |")
    out.append("|---|---|---|---|")
    for component in history.settings.components:
        label = component_label(component_status(history, component.id, now))
        uptime = uptime_percent(component_days(history, component.id, now))
        out.append(f"| {link(here, component_path(component.id), component.name)} | {escape(component.group or '')} | {label} | {uptime:.2f}% |")
    return GeneratedPage("components/index.md", "\n".join(out) + "\n")


def _component_page(history: History, component, now: datetime) -> GeneratedPage:
    here = component_path(component.id)
    incidents = [i for i in history.published_incidents if component.id in i.components]
    state = component_status(history, component.id, now)
    label = component_label(state)
    out = [front_matter(component.name, component.description or f"State and incident history of {component.name}.", searchable=False)]
    out.append(f"# {escape(component.name)}\n")
    if component.description:
        out.append(f"{escape(component.description)}\n")
    out.append(f'<p class="aw-overall aw-overall--{state}" markdown="0">{label}</p>\n')
    out.append('<div class="aw-component" markdown="0">')
    out.append(bar(component.name, component_days(history, component.id, now)))
    out.append("</div>\n")
    out.append("## Uptime by month\n")
    out.append("Downtime counts a major outage in full and a partial outage at 30%; degraded performance and maintenance do not count as downtime.\n")
    out.append("| Month | Uptime | Incidents |")
    out.append("|---|---|---|")
    figures = component_figures(incidents, now, component.id, months=MONTHS_SHOWN)
    for month in reversed(figures.months):
        out.append(f"| {datetime.strptime(month.month, '%Y-%m'):%B %Y} | {month.uptime_percent:.2f}% | {len(month.incident_ids)} |")
    out.append("")
    out.append("## Incidents\n")
    if not incidents:
        out.append(f"No incidents have affected {escape(component.name)}.\n")
    recent = incidents[:INCIDENTS_SHOWN]
    out.extend(month_groups(here, recent, now, heading="###"))
    if len(incidents) > len(recent):
        out.append(f"Showing the {len(recent)} most recent of {len(incidents)} incidents; {link(here, history_path(), 'the history')} has every year.\n")
    return GeneratedPage(f"components/{component.id}.md", "\n".join(out) + "\n")
