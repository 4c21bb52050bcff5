"""A generated page and the small pieces of markup every page shares."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from ..model import IMPACT_LABELS, STATUS_LABELS, Incident, Update
from ..render import markdown_to_html
from ..settings import Settings
from ..timestamps import format_duration, format_utc, iso_utc
from ..urls import relative_from


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. 'incidents/abc.md'; MkDocs serves it at 'incidents/abc/'
    markdown: str
    # The ids written into the page's HTML blocks, where the generator knows them all (incident
    # pages): MkDocs then need not scan the HTML for them (prerender.py proves they agree).
    anchors: frozenset[str] | None = None


def update_html(update: Update, settings: Settings) -> str:
    """One update's text as sanitised HTML, rendered on its own: broken markup in one update
    (an unclosed <iframe, say) cannot swallow the updates after it on the page."""
    return markdown_to_html(update.body, site_host=urlsplit(settings.site_url or "").hostname)


def escape(text: str) -> str:
    """Escape text for inline HTML inside generated Markdown (also neutralises Markdown syntax)."""
    return html.escape(text, quote=True).replace("[", "&#91;").replace("]", "&#93;").replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")


def time_tag(moment: datetime) -> str:
    """UTC for everyone; localtime.js adds the reader's own time where JavaScript runs."""
    return f'<time class="aw-time" datetime="{iso_utc(moment)}">{format_utc(moment)}</time>'


def impact_badge(impact: str) -> str:
    return f'<span class="aw-impact aw-impact--{impact}">{IMPACT_LABELS[impact]}</span>'


def status_badge(status: str) -> str:
    return f'<span class="aw-status aw-status--{status}">{STATUS_LABELS[status]}</span>'


def state_badge(incident: Incident) -> str:
    if incident.is_upcoming:
        return '<span class="aw-state aw-state--upcoming">Upcoming</span>'
    if incident.is_resolved:
        return '<span class="aw-state aw-state--resolved">Resolved</span>'
    return '<span class="aw-state aw-state--open">Ongoing</span>'


def link(from_path: str, to_path: str, text: str) -> str:
    return f'<a href="{relative_from(from_path, to_path)}">{escape(text)}</a>'


def duration_text(incident: Incident, now: datetime) -> str:
    if incident.is_upcoming:
        return "not started"
    text = format_duration(incident.duration(now))
    return text if incident.is_resolved else f"{text} so far"


def duration_html(incident: Incident, now: datetime) -> str:
    """The duration for a page. While open it keeps counting in the reader's browser (localtime.js,
    from the start time); the text made at build time is what readers without JavaScript see."""
    text = html.escape(duration_text(incident, now))
    if incident.is_resolved or incident.is_upcoming:
        return text
    return f'<time class="aw-since" datetime="{iso_utc(incident.start)}">{text}</time>'  # (the sanitiser keeps datetime)


# Marks markup that site search skips: facts and lists repeated elsewhere keep the index small.
NOT_SEARCHED = "data-search-exclude"


def front_matter(title: str, description: str = "", searchable: bool = True) -> str:
    """Page metadata for the theme: the <title>, a description for previews, and whether search
    indexes the page (lists of incidents are not indexed: each incident is, on its own page).

    Both are HTML-escaped here: MkDocs renders templates without autoescaping, and Material prints
    them raw (``<title>{{ page.meta.title }}``, ``<meta content="{{ page.meta.description }}">``),
    so a quote in an incident title would otherwise end the attribute.
    """
    lines = ["---", f"title: {_yaml_string(html.escape(title, quote=True))}"]
    if description:
        lines.append(f"description: {_yaml_string(html.escape(description, quote=True))}")
    if not searchable:
        lines += ["search:", "  exclude: true"]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
