"""Postmortem pages (summary first, collated timeline, body, follow-ups), their index, and the
"What we committed to" page listing every follow-up across postmortems."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from itertools import groupby
from urllib.parse import urlsplit

from ..loader import History
from ..render import markdown_to_html
from ..model import FOLLOW_UP_STATUSES, Postmortem
from ..timeline import collate_postmortem
from ..urls import commitments_path, incident_path, postmortem_path, postmortems_path
from .page import NOT_SEARCHED, GeneratedPage, duration_text, escape, front_matter, link, status_badge, time_tag

FOLLOW_UP_LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done"}
_GUIDANCE_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


RECENT_POSTMORTEMS = 50  # on /postmortems/; every year has its own page, so no page grows without bound


def postmortem_pages(history: History, now: datetime, focus: set[str] | None = None) -> list[GeneratedPage]:
    postmortems = history.published_postmortems
    years = sorted({p.published.year for p in postmortems}, reverse=True)
    pages = [_listing(history, postmortems[:RECENT_POSTMORTEMS], years, None, len(postmortems))]
    for year, items in groupby(postmortems, key=lambda p: p.published.year):
        pages.append(_listing(history, list(items), years, year, len(postmortems)))
    return pages + [_postmortem_page(p, history.settings, now) for p in postmortems if focus is None or p.id in focus]


def _listing(history: History, postmortems: list[Postmortem], years: list[int], year: int | None, total: int) -> GeneratedPage:
    """/postmortems/ (the most recent) or /postmortems/years/<year>/ (all of that year)."""
    here = postmortems_path(year)
    title = "Postmortems" if year is None else f"Postmortems published in {year}"
    out = [front_matter(title, f"What happened, what it meant for customers and what {history.settings.company} is changing.", searchable=False)]
    out.append(f"# {title}\n")
    if year is None:
        out.append("Every postmortem we have published: what happened, what it meant for you, and what we are changing so it will not happen again.\n")
    if len(years) > 1 or year is not None:
        year_links = [f'<span aria-current="page">{y}</span>' if y == year else link(here, postmortems_path(y), str(y)) for y in years]
        out.append(f'<p class="aw-filters" markdown="0"><strong>By year:</strong> {" · ".join(year_links)}</p>\n')
    if not postmortems:
        out.append("No postmortems have been published yet.\n")
    for postmortem in postmortems:
        out.append(f"## {link(here, postmortem_path(postmortem), postmortem.title)}\n")
        out.append(f'<p class="aw-row__when" markdown="0">Published {time_tag(postmortem.published)}</p>\n')
        out.append(f"{escape(postmortem.summary)}\n")
    if year is None and total > len(postmortems):
        out.append(f"Showing the {len(postmortems)} most recent of {total} postmortems; older ones are on the page for each year.\n")
    return GeneratedPage(f"{here}index.md", "\n".join(out) + "\n")


def _postmortem_page(postmortem: Postmortem, settings, now: datetime) -> GeneratedPage:
    here = postmortem_path(postmortem)
    out = [front_matter(postmortem.title, postmortem.summary)]
    out.append(f"# {escape(postmortem.title)}\n")
    out.append('!!! abstract "Summary"')
    out.append(f"    {escape(postmortem.summary)}\n")
    incident_links = ", ".join(link(here, incident_path(i), i.title) for i in postmortem.incidents)
    out.append(f'<dl class="aw-facts" {NOT_SEARCHED} markdown="0">')
    out.append(f"<dt>Published</dt><dd>{time_tag(postmortem.published)}</dd>")
    out.append(f"<dt>Incident{'s' if len(postmortem.incidents) > 1 else ''}</dt><dd>{incident_links}</dd>")
    # The incident page's own figure, so the two pages never disagree about how long it lasted.
    durations = ", ".join(escape(duration_text(i, now)) for i in postmortem.incidents)
    out.append(f"<dt>Duration</dt><dd>{durations}</dd>")
    out.append("</dl>\n")
    out.append(_GUIDANCE_COMMENT.sub("", postmortem.body).strip() + "\n")
    out.append("## Timeline { data-search-exclude }\n")  # collated from the incidents, searched there
    out.append("All times are in UTC. Updates are the ones we posted on this site while the incident was open.\n")
    out.append(f'<ol class="aw-timeline" {NOT_SEARCHED} markdown="0">')  # the incidents' own pages are searched
    host = urlsplit(settings.site_url or "").hostname
    for item in collate_postmortem(postmortem):
        label = status_badge(item.status) if item.status else '<span class="aw-status aw-status--note">Note</span>'
        # An update as on its incident's page: all of it, Markdown rendered and sanitised; a note is plain text.
        text = markdown_to_html(item.text, site_host=host) if item.status else f"<p>{escape(item.text)}</p>"
        out.append(f'<li class="aw-timeline__item"><p>{time_tag(item.at)} {label}</p>{text}</li>')
    out.append("</ol>\n")
    if postmortem.follow_ups:
        out.append("## What we committed to\n")
        out.append("| Change | Status |")
        out.append("|---|---|")
        for follow_up in postmortem.follow_ups:
            out.append(f"| {escape(follow_up.title)} | {_follow_up_badge(follow_up.status)} |")
        out.append("")
    return GeneratedPage(f"{here.rstrip('/')}.md", "\n".join(out) + "\n")


def _follow_up_badge(status: str) -> str:
    return f'<span class="aw-follow-up aw-follow-up--{status}">{FOLLOW_UP_LABELS[status]}</span>'


DONE_SHOWN_DAYS = 365  # /commitments/ shows every open commitment and the last year's done ones


def commitments_pages(history: History, now: datetime) -> list[GeneratedPage]:
    """/commitments/ (all open, recently done, totals) and a page per year with every commitment
    of that year's postmortems, so every commitment is listed and no page grows without bound."""
    postmortems = history.published_postmortems
    rows = [(p, f) for p in postmortems for f in p.follow_ups]
    years = sorted({p.published.year for p, _ in rows}, reverse=True)
    pages = [_commitments_overview(history, rows, years, now)]
    for year in years:
        pages.append(_commitments_of_year(history, [(p, f) for p, f in rows if p.published.year == year], years, year))
    return pages


def _commitments_overview(history: History, rows, years: list[int], now: datetime) -> GeneratedPage:
    here = commitments_path()
    out = [front_matter("What we committed to", "Every change we promised in a postmortem, and whether it is done.", searchable=False)]
    out.append("# What we committed to\n")
    out.append("Each postmortem ends with the changes we are making so the same problem does not happen again. These pages list all of them, so you can see what we promised and what we delivered.\n")
    if not rows:
        out.append("No commitments yet.\n")
        return GeneratedPage(f"{here.rstrip('/')}.md", "\n".join(out) + "\n")
    counts = {status: sum(1 for _, f in rows if f.status == status) for status in FOLLOW_UP_STATUSES}
    out.append(f"{counts['done']} of {len(rows)} done, {counts['in_progress']} in progress, {counts['planned']} planned.\n")
    out.extend(_year_links(here, years, None))
    recent = now - timedelta(days=DONE_SHOWN_DAYS)
    for status in ("in_progress", "planned", "done"):
        chosen = [(p, f) for p, f in rows if f.status == status and (status != "done" or p.published >= recent)]
        if chosen:
            heading = FOLLOW_UP_LABELS[status] if status != "done" else "Done in the last year"
            out.append(f"## {heading}\n")
            out.extend(_commitment_table(here, chosen))
    return GeneratedPage(f"{here.rstrip('/')}.md", "\n".join(out) + "\n")


def _commitments_of_year(history: History, rows, years: list[int], year: int) -> GeneratedPage:
    here = commitments_path(year)
    title = f"What we committed to in {year}"
    out = [front_matter(title, f"The changes promised in postmortems published in {year}, and whether they are done.", searchable=False)]
    out.append(f"# {title}\n")
    out.extend(_year_links(here, years, year))
    for status in ("in_progress", "planned", "done"):
        chosen = [(p, f) for p, f in rows if f.status == status]
        if chosen:
            out.append(f"## {FOLLOW_UP_LABELS[status]}\n")
            out.extend(_commitment_table(here, chosen))
    return GeneratedPage(f"{here}index.md", "\n".join(out) + "\n")


def _year_links(here: str, years: list[int], current: int | None) -> list[str]:
    links = [f'<span aria-current="page">{y}</span>' if y == current else link(here, commitments_path(y), str(y)) for y in years]
    return [f'<p class="aw-filters" markdown="0"><strong>By year of the postmortem:</strong> {" · ".join(links)}</p>\n']


def _commitment_table(here: str, rows) -> list[str]:
    lines = ["| Change | From the postmortem | Published |", "|---|---|---|"]
    for postmortem, follow_up in rows:
        lines.append(f"| {escape(follow_up.title)} | {link(here, postmortem_path(postmortem), postmortem.title)} | {postmortem.published:%d %b %Y} |")
    return lines + [""]
