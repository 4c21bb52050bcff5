"""The Subscribe page: every configured channel, feed, calendar, the JSON API and the status badge,
each with a copyable address."""

from __future__ import annotations

from ..notify.config import NotifyConfig, notify_config
from ..problems import ContentError
from ..publish import calendar_path, feed_links
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
    out.append("Follow incidents and postmortems by e-mail, in chat, in your feed reader or calendar, or in your monitoring dashboard.\n")
    out += _channels(settings)
    out.append("## Feeds\n")
    out.append("The **updates** feeds have one entry per update, so your reader tells you about each one. "
               "The **incidents** feeds have one entry per incident, revised as it changes.\n")
    out.append(f"Every update, for your feed reader: `{absolute(base, 'feeds/updates.rss')}`\n")
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
    out.append("## Maintenance calendar\n")
    out.append("Planned maintenance as events in your calendar app (subscribe to the address; changes replace the event):\n")
    out.append(f"- All maintenance: `{absolute(base, calendar_path())}`")
    for component in settings.components:
        out.append(f"- {escape(component.name)}: `{absolute(base, calendar_path(component.id))}`")
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


def _channels(settings: Settings) -> list[str]:
    """The customer channels of ``extra.afterword.notify``: e-mail lists and chat channels to join."""
    try:
        config = notify_config(settings)
    except ContentError:
        config = NotifyConfig()  # reported by the build's checks; the page still lists the feeds
    rows = []
    for channel in config.customer_channels:
        label = escape(channel.label or channel.name)
        if channel.type == "email":
            address = ", ".join(f"`{escape(a)}`" for a in channel.to)
            how = f"[subscribe]({channel.subscribe_url})" if channel.subscribe_url else "ask us to add you"
            rows.append(f"| {label} | E-mail list | {address} · {how} |")
        elif channel.join_url:
            kind = {"slack": "Slack", "teams": "Microsoft Teams", "discord": "Discord", "webhook": "Webhook"}[channel.type]
            rows.append(f"| {label} | {kind} | `{channel.join_url}` |")
    if not rows:
        return []
    return ["## E-mail and chat\n", "Every update is sent once, as soon as it is published.\n",
            "| Channel | How | Address |", "|---|---|---|", *rows, ""]
