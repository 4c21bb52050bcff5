"""A page per component (its state, uptime and incidents) and an index of all components."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..loader import History
from ..status import component_state
from ..uptime import daily_impact, uptime_percent
from ..urls import component_path
from .bars import bar, component_days
from .listing import month_groups
from .page import GeneratedPage, escape, front_matter, link


def component_pages(history: History, now: datetime) -> list[GeneratedPage]:
    pages = [_index(history, now)]
    pages += [_component_page(history, component, now) for component in history.settings.components]
    return pages


def _index(history: History, now: datetime) -> GeneratedPage:
    here = "components/"
    out = [front_matter("Components", "Every part of the service, its state and its uptime.")]
    out.append("# Components\n")
    out.append("| Component | Group | State now | Uptime, last 90 days |")
    out.append("|---|---|---|---|")
    for component in history.settings.components:
        _, label = component_state(history, component.id)
        uptime = uptime_percent(component_days(history, component.id, now))
        out.append(f"| {link(here, component_path(component.id), component.name)} | {escape(component.group or '')} | {label} | {uptime:.2f}% |")
    return GeneratedPage("components/index.md", "\n".join(out) + "\n")


def _component_page(history: History, component, now: datetime) -> GeneratedPage:
    here = component_path(component.id)
    incidents = [i for i in history.published_incidents if component.id in i.components]
    state, label = component_state(history, component.id)
    out = [front_matter(component.name, component.description or f"State and incident history of {component.name}.")]
    out.append(f"# {escape(component.name)}\n")
    if component.description:
        out.append(f"{escape(component.description)}\n")
    out.append(f'<p class="aw-overall aw-overall--{state}" markdown="0">{label}</p>\n')
    out.append('<div class="aw-component" markdown="0">')
    out.append(bar(component.name, component_days(history, component.id, now)))
    out.append("</div>\n")
    out.append("## Uptime by month\n")
    out.append("| Month | Uptime | Incidents |")
    out.append("|---|---|---|")
    for month_label, days, count in _months(incidents, now, component.id):
        out.append(f"| {month_label} | {uptime_percent(days):.2f}% | {count} |")
    out.append("")
    out.append("## Incidents\n")
    if not incidents:
        out.append(f"No incidents have affected {escape(component.name)}.\n")
    out.extend(month_groups(here, incidents, now, heading="###"))
    return GeneratedPage(f"components/{component.id}.md", "\n".join(out) + "\n")


def _months(incidents, now: datetime, component_id: str, months: int = 12):
    """The last ``months`` calendar months, newest first: label, daily impact, incident count."""
    year, month = now.year, now.month
    for _ in range(months):
        first = datetime(year, month, 1, tzinfo=now.tzinfo)
        next_month = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=now.tzinfo)
        end = min(now, next_month - timedelta(seconds=1))
        days = daily_impact(incidents, (end.date() - first.date()).days + 1, end, component_id)
        count = sum(1 for i in incidents if first <= i.start < next_month)
        yield f"{first:%B %Y}", days, count
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
