"""What one public update says, once, for every channel: title, plain text, HTML and links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import urls
from ..model import IMPACT_LABELS
from ..publish.site import site_host, site_url
from ..publish.updates import PublicUpdate
from ..render import markdown_to_html, markdown_to_text
from ..settings import Settings
from ..timestamps import format_utc


@dataclass(frozen=True)
class Message:
    update_id: str
    incident_id: str
    first_update_id: str  # the thread's root, for e-mail threading
    previous_update_id: str | None
    title: str  # 'Resolved: Bank sync delayed'
    incident_title: str
    status: str
    status_label: str
    impact_label: str
    components: tuple[str, ...]  # names
    at: datetime
    when: str  # '2026-03-02 11:05 UTC'
    text: str  # the update as plain text
    html: str  # the update as sanitised HTML
    url: str  # the update on the incident page
    incident_url: str
    site_name: str
    company: str
    host: str


def message_for(public: PublicUpdate, settings: Settings, first_id: str, previous_id: str | None) -> Message:
    base = site_url(settings, "notifications need absolute links")
    page = urls.absolute(base, urls.incident_path(public.incident))
    host = site_host(settings)
    names = tuple((settings.component(c).name if settings.component(c) else c) for c in public.incident.components)
    return Message(
        update_id=public.id,
        incident_id=public.incident.id,
        first_update_id=first_id,
        previous_update_id=previous_id,
        title=public.title,
        incident_title=public.incident.title,
        status=public.update.status,
        status_label=public.update.label,
        impact_label=IMPACT_LABELS[public.incident.impact],
        components=names,
        at=public.update.at,
        when=format_utc(public.update.at),
        text=markdown_to_text(public.update.body, base_url=page),
        html=markdown_to_html(public.update.body, base_url=page, site_host=host),
        url=f"{page}#update-{public.id}",
        incident_url=page,
        site_name=settings.site_name,
        company=settings.company,
        host=host,
    )
