"""Postmortem pages (summary first, collated timeline, body, follow-ups), their index, and the
"What we committed to" page listing every follow-up across postmortems."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import groupby

from ..loader import History
from ..model import FOLLOW_UP_STATUSES, Postmortem
from ..timeline import collate_postmortem
from ..urls import incident_path, postmortem_path, postmortems_path
from .page import NOT_SEARCHED, GeneratedPage, escape, front_matter, link, status_badge, time_tag

FOLLOW_UP_LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done"}
_GUIDANCE_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


RECENT_POSTMORTEMS = 50  # on /postmortems/; every year has its own page, so no page grows without bound


def postmortem_pages(history: History, now: datetime, focus: set[str] | None = None) -> list[GeneratedPage]:
    postmortems = history.published_postmortems
    years = sorted({p.published.year for p in postmortems}, reverse=True)
    pages = [_listing(history, postmortems[:RECENT_POSTMORTEMS], years, None, len(postmortems))]
    for year, items in groupby(postmortems, key=lambda p: p.published.year):
        pages.append(_listing(history, list(items), years, year, len(postmortems)))
    return pages + [_postmortem_page(p) for p in postmortems if focus is None or p.id in focus]


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


def _postmortem_page(postmortem: Postmortem) -> GeneratedPage:
    here = postmortem_path(postmortem)
    out = [front_matter(postmortem.title, postmortem.summary)]
    out.append(f"# {escape(postmortem.title)}\n")
    out.append('!!! abstract "Summary"')
    out.append(f"    {escape(postmortem.summary)}\n")
    incident_links = ", ".join(link(here, incident_path(i), i.title) for i in postmortem.incidents)
    out.append(f'<dl class="aw-facts" {NOT_SEARCHED} markdown="0">')
    out.append(f"<dt>Published</dt><dd>{time_tag(postmortem.published)}</dd>")
    out.append(f"<dt>Incident{'s' if len(postmortem.incidents) > 1 else ''}</dt><dd>{incident_links}</dd>")
    out.append("</dl>\n")
    out.append(_GUIDANCE_COMMENT.sub("", postmortem.body).strip() + "\n")
    out.append("## Timeline { data-search-exclude }\n")  # collated from the incidents, searched there
    out.append("All times are in UTC. Updates are the ones we posted on this site while the incident was open.\n")
    out.append(f'<ol class="aw-timeline" {NOT_SEARCHED} markdown="0">')  # the incidents' own pages are searched
    for item in collate_postmortem(postmortem):
        label = status_badge(item.status) if item.status else '<span class="aw-status aw-status--note">Note</span>'
        out.append(f'<li class="aw-timeline__item">{time_tag(item.at)} {label} {escape(_first_paragraph(item.text))}</li>')
    out.append("</ol>\n")
    if postmortem.follow_ups:
        out.append("## What we committed to\n")
        out.append("| Change | Status |")
        out.append("|---|---|")
        for follow_up in postmortem.follow_ups:
            out.append(f"| {escape(follow_up.title)} | {_follow_up_badge(follow_up.status)} |")
        out.append("")
    return GeneratedPage(f"{here.rstrip('/')}.md", "\n".join(out) + "\n")


def _first_paragraph(text: str) -> str:
    paragraph = text.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def _follow_up_badge(status: str) -> str:
    return f'<span class="aw-follow-up aw-follow-up--{status}">{FOLLOW_UP_LABELS[status]}</span>'


def commitments_page(history: History) -> GeneratedPage:
    here = "commitments/"
    postmortems = history.published_postmortems
    out = [front_matter("What we committed to", "Every change we promised in a postmortem, and whether it is done.", searchable=False)]
    out.append("# What we committed to\n")
    out.append("Each postmortem ends with the changes we are making so the same problem does not happen again. This page lists all of them, so you can see what we promised and what we delivered.\n")
    counts = {status: 0 for status in FOLLOW_UP_STATUSES}
    for postmortem in postmortems:
        for follow_up in postmortem.follow_ups:
            counts[follow_up.status] += 1
    total = sum(counts.values())
    if not total:
        out.append("No commitments yet.\n")
        return GeneratedPage("commitments.md", "\n".join(out) + "\n")
    out.append(f"{counts['done']} of {total} done, {counts['in_progress']} in progress, {counts['planned']} planned.\n")
    for status in ("in_progress", "planned", "done"):
        rows = [(p, f) for p in postmortems for f in p.follow_ups if f.status == status]
        if not rows:
            continue
        out.append(f"## {FOLLOW_UP_LABELS[status]}\n")
        out.append("| Change | From the postmortem | Published |")
        out.append("|---|---|---|")
        for postmortem, follow_up in rows:
            out.append(f"| {escape(follow_up.title)} | {link(here, postmortem_path(postmortem), postmortem.title)} | {postmortem.published:%d %b %Y} |")
        out.append("")
    return GeneratedPage("commitments.md", "\n".join(out) + "\n")
