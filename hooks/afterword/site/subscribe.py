"""The Subscribe page: every feed, the JSON API and the status badge, with copyable addresses."""

from __future__ import annotations

from ..publish import feed_links
from ..settings import Settings
from ..support import support_contact
from ..urls import absolute
from .page import GeneratedPage, escape, front_matter

API_ENDPOINTS = (
    ("summary.json", "Page status, every component and every unresolved incident and maintenance"),
    ("status.json", "The overall status indicator only"),
    ("components.json", "Every component and its current state"),
    ("incidents.json", "Every published incident, newest first"),
    ("incidents/unresolved.json", "Incidents that are not resolved yet"),
    ("scheduled-maintenances.json", "Every scheduled maintenance"),
    ("scheduled-maintenances/upcoming.json", "Maintenance that has not started yet"),
    ("scheduled-maintenances/active.json", "Maintenance in progress now"),
)


def subscribe_page(settings: Settings) -> GeneratedPage:
    base = settings.site_url or "/"
    out = [front_matter("Subscribe", f"Follow {settings.company}'s incidents in a feed reader, chat tool or dashboard.", searchable=False)]
    out.append("# Subscribe\n")
    out.append("Follow incidents and postmortems in your feed reader, chat tool or monitoring dashboard. Each incident is one entry; when we post an update, the entry is updated rather than repeated, so you are not notified twice for the same incident.\n")
    out.append("## Feeds\n")
    out.append("| Feed | RSS | Atom | JSON Feed |")
    out.append("|---|---|---|---|")
    links = feed_links(settings) + [link for c in settings.components for link in feed_links(settings, c.id)]
    rows: dict[str, dict[str, str]] = {}  # feed title -> {rss|atom|json: href}
    for link in links:
        title = link["title"].split(": ", 1)[-1].rsplit(" (", 1)[0]
        rows.setdefault(title, {})[link["href"].rsplit(".", 1)[1]] = link["href"]
    for title, by_kind in rows.items():
        cells = [f"[{name}]({absolute(base, by_kind[kind])})" for kind, name in (("rss", "RSS"), ("atom", "Atom"), ("json", "JSON"))]
        out.append(f"| {escape(title)} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("## JSON API\n")
    out.append("The same data in the shape of the Atlassian Statuspage API v2, so existing status widgets and chat integrations work unchanged.\n")
    out.append("| Endpoint | What it returns |")
    out.append("|---|---|")
    for endpoint, what in API_ENDPOINTS:
        out.append(f"| `{absolute(base, 'api/v2/' + endpoint)}` | {what} |")
    out.append("")
    out.append("## Status badge\n")
    out.append("Embed the current status in a README or dashboard:\n")
    out.append("```markdown")
    out.append(f"![{settings.company} status]({absolute(base, 'badge.svg')})")
    out.append("```\n")
    support = support_contact(settings)
    if support.url or support.email:
        out.append("## Questions\n")
        ways = ([f"[our support page]({support.url})"] if support.url else []) + ([f"write to {support.email}"] if support.email else [])
        out.append(f"If something here looks wrong, or you still see a problem after an incident is resolved, visit {' or '.join(ways)}.\n")
    return GeneratedPage("subscribe.md", "\n".join(out) + "\n")
