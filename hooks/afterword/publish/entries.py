"""Feed entries, independent of the feed format: one per incident, per postmortem, per update.

An entry's id is the absolute address of its page, which never changes when the content or the
build does; ``updated`` moves with every new update and with a postmortem's publication, so feed
readers show a revised item instead of a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from .. import urls
from ..loader import History
from ..model import IMPACT_LABELS, Incident, Postmortem
from ..render import markdown_to_html, markdown_to_text, sanitize_html
from ..settings import Settings
from ..timestamps import format_utc, iso_utc
from .site import site_host, site_url
from .updates import PublicUpdate

SUMMARY_CHARS = 280
API_INCIDENT_PATH = "api/v2/incidents/{id}.json"  # written by publish.api


@dataclass(frozen=True)
class FeedEntry:
    id: str
    url: str
    title: str
    published: datetime
    updated: datetime
    content_html: str  # sanitised
    summary: str  # plain text
    tags: tuple[str, ...]
    extension: dict[str, Any] = field(default_factory=dict)  # JSON Feed '_afterword' object


def published_postmortems(incident: Incident) -> list[Postmortem]:
    return sorted((p for p in incident.postmortems if p.is_published), key=lambda p: (p.published, p.id))


def incident_updated(incident: Incident) -> datetime:
    """The latest change customers can see: the last update or a later postmortem."""
    return max([incident.latest_update.at, *(p.published for p in published_postmortems(incident))])


def sort_entries(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Newest change first; equal times by id, so the order never depends on file order."""
    return sorted(entries, key=lambda e: (-e.updated.timestamp(), e.id))


class EntryBuilder:
    """Builds entries for one site: absolute links, component names and the site's own host."""

    def __init__(self, history: History, settings: Settings):
        self.history = history
        self.settings = settings
        self.base = site_url(settings)
        self.host = site_host(settings)

    def link(self, path: str) -> str:
        return urls.absolute(self.base, path)

    def component_name(self, component_id: str) -> str:
        component = self.settings.component(component_id)
        return component.name if component else component_id

    def _markdown(self, text: str, page_url: str) -> str:
        return markdown_to_html(text, base_url=page_url, site_host=self.host)

    def incident(self, incident: Incident) -> FeedEntry:
        url = self.link(urls.incident_path(incident))
        postmortems = published_postmortems(incident)
        latest = incident.latest_update
        names = [self.component_name(c) for c in incident.components]
        facts = [
            f"<strong>Status:</strong> {escape(latest.label)}",
            f"<strong>Impact:</strong> {escape(IMPACT_LABELS[incident.impact])}",
            f"<strong>Affected:</strong> {escape(', '.join(names))}",
        ]
        if incident.is_maintenance and incident.scheduled_for:
            window = format_utc(incident.scheduled_for)
            if incident.scheduled_until:
                window += f" to {format_utc(incident.scheduled_until)}"
            facts.append(f"<strong>Scheduled:</strong> {escape(window)}")
        parts = [f"<p>{' · '.join(facts)}</p>"]
        for postmortem in postmortems:
            pm_url = self.link(urls.postmortem_path(postmortem))
            parts.append(
                f'<p><strong>Postmortem:</strong> <a href="{escape(pm_url)}">{escape(postmortem.title)}</a>'
                f" — {escape(postmortem.summary)}</p>"
            )
        for update in reversed(incident.updates):  # the trail, newest first
            parts.append(
                f'<h3>{escape(update.label)} · <time datetime="{iso_utc(update.at)}">{escape(format_utc(update.at))}</time></h3>'
            )
            parts.append(self._markdown(update.body, url))
        parts.append(f'<p><a href="{escape(url)}">View this incident on {escape(self.settings.site_name)}</a></p>')
        summary = f"{latest.label}: {markdown_to_text(latest.body, base_url=url)}"
        return FeedEntry(
            id=url,
            url=url,
            title=incident.title,
            published=incident.first_update.at,
            updated=incident_updated(incident),
            content_html=sanitize_html("\n".join(parts), site_host=self.host),
            summary=_shorten(summary),
            tags=tuple(dict.fromkeys([IMPACT_LABELS[incident.impact], latest.label, *names])),
            extension={
                "kind": "maintenance" if incident.is_maintenance else "incident",
                "impact": incident.impact,
                "status": latest.status,
                "resolved": incident.is_resolved,
                "components": list(incident.components),
                "started_at": iso_utc(incident.start),
                "resolved_at": iso_utc(incident.end) if incident.end else None,
                "update_count": len(incident.updates),
                "postmortem_urls": [self.link(urls.postmortem_path(p)) for p in postmortems],
                "api_url": self.link(API_INCIDENT_PATH.format(id=incident.id)),
            },
        )

    def update(self, public: PublicUpdate) -> FeedEntry:
        """One update as its own entry, so every reader announces every update (ids never change)."""
        incident, update = public.incident, public.update
        page = self.link(urls.incident_path(incident))
        url = f"{page}#update-{public.id}"
        names = [self.component_name(c) for c in incident.components]
        facts = (
            f"<p><strong>{escape(update.label)}</strong> · {escape(format_utc(update.at))} · "
            f"<strong>Affected:</strong> {escape(', '.join(names))}</p>"
        )
        parts = [facts, self._markdown(update.body, page),
                 f'<p><a href="{escape(page)}">View this incident on {escape(self.settings.site_name)}</a></p>']
        return FeedEntry(
            id=url,
            url=url,
            title=public.title,
            published=update.at,
            updated=update.at,
            content_html=sanitize_html("\n".join(parts), site_host=self.host),
            summary=_shorten(markdown_to_text(update.body, base_url=page)),
            tags=tuple(dict.fromkeys([IMPACT_LABELS[incident.impact], update.label, *names])),
            extension={
                "kind": "maintenance_update" if incident.is_maintenance else "incident_update",
                "incident": incident.id,
                "incident_url": page,
                "update_id": public.id,
                "status": update.status,
                "impact": incident.impact,
                "components": list(incident.components),
                "api_url": self.link(API_INCIDENT_PATH.format(id=incident.id)),
            },
        )

    def postmortem(self, postmortem: Postmortem) -> FeedEntry:
        url = self.link(urls.postmortem_path(postmortem))
        incident_links = ", ".join(
            f'<a href="{escape(self.link(urls.incident_path(i)))}">{escape(i.title)}</a>' for i in postmortem.incidents
        )
        parts = [f"<p><strong>Summary:</strong> {escape(postmortem.summary)}</p>"]
        if incident_links:
            parts.append(f"<p><strong>Incident:</strong> {incident_links}</p>")
        parts.append(self._markdown(postmortem.body, url))
        if postmortem.follow_ups:
            items = "".join(f"<li>{escape(f.title)} ({f.status.replace('_', ' ')})</li>" for f in postmortem.follow_ups)
            parts.append(f"<h3>What we are changing</h3><ul>{items}</ul>")
        parts.append(f'<p><a href="{escape(url)}">Read this postmortem on {escape(self.settings.site_name)}</a></p>')
        components = list(dict.fromkeys(c for i in postmortem.incidents for c in i.components))
        return FeedEntry(
            id=url,
            url=url,
            title=postmortem.title,
            published=postmortem.published,
            updated=postmortem.published,
            content_html=sanitize_html("\n".join(parts), site_host=self.host),
            summary=_shorten(postmortem.summary),
            tags=tuple(dict.fromkeys(["Postmortem", *(self.component_name(c) for c in components)])),
            extension={
                "kind": "postmortem",
                "incidents": [i.id for i in postmortem.incidents],
                "incident_urls": [self.link(urls.incident_path(i)) for i in postmortem.incidents],
                "components": components,
                "follow_ups": [{"title": f.title, "status": f.status} for f in postmortem.follow_ups],
            },
        )


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_CHARS:
        return flat
    return flat[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
