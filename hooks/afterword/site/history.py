"""The incident history: recent incidents on /history/, every year on its own page.

Per-year pages keep each page small however long the history grows.
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from ..loader import History
from ..urls import component_path, history_path
from .listing import month_groups
from .page import GeneratedPage, front_matter, link

RECENT_INCIDENTS = 50


def history_pages(history: History, now: datetime) -> list[GeneratedPage]:
    incidents = history.published_incidents
    years = sorted({i.start.year for i in incidents}, reverse=True)
    pages = [_index(history, incidents, years, now)]
    for year, items in groupby(incidents, key=lambda i: i.start.year):
        pages.append(_year_page(history, year, list(items), years, now))
    return pages


def _filters(history: History, here: str, years: list[int], current: int | None) -> list[str]:
    out = ['<nav class="aw-filters" aria-label="Filter the history" markdown="0">', "<p><strong>By year:</strong> "]
    year_links = []
    for year in years:
        if year == current:
            year_links.append(f'<span aria-current="page">{year}</span>')
        else:
            year_links.append(link(here, history_path(year), str(year)))
    out.append(" · ".join(year_links) + "</p>")
    component_links = " · ".join(link(here, component_path(c.id), c.name) for c in history.settings.components)
    out.append(f"<p><strong>By component:</strong> {component_links}</p>")
    out.append("</nav>\n")
    return out


def _index(history: History, incidents, years: list[int], now: datetime) -> GeneratedPage:
    here = history_path()
    out = [front_matter("Incident history", f"Every incident and maintenance of {history.settings.company}, newest first.", searchable=False)]
    out.append("# Incident history\n")
    out.extend(_filters(history, here, years, None))
    if not incidents:
        out.append("No incidents have been reported.\n")
    recent = incidents[:RECENT_INCIDENTS]
    out.extend(month_groups(here, recent, now))
    if len(incidents) > len(recent):
        out.append(f"Showing the {len(recent)} most recent of {len(incidents)} incidents. Older incidents are on the pages for each year above.\n")
    return GeneratedPage("history/index.md", "\n".join(out) + "\n")


def _year_page(history: History, year: int, incidents, years: list[int], now: datetime) -> GeneratedPage:
    here = history_path(year)
    count = len(incidents)
    out = [front_matter(f"Incidents in {year}", f"{count} incidents of {history.settings.company} in {year}.", searchable=False)]
    out.append(f"# Incidents in {year}\n")
    out.extend(_filters(history, here, years, year))
    out.append(f"{count} incident{'s' if count != 1 else ''} in {year}, newest first.\n")
    out.extend(month_groups(here, incidents, now))
    return GeneratedPage(f"history/{year}.md", "\n".join(out) + "\n")


