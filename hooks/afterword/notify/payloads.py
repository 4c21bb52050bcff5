"""The JSON body each chat channel and the generic webhook expect, for one message.

- Slack incoming webhook: ``text`` (the notification) plus Block Kit sections.
- Microsoft Teams workflow webhook ("When a Teams webhook request is received"): a message with
  one Adaptive Card attachment.
- Discord webhook: one embed; ``allowed_mentions`` empty, so "@everyone" in an update pings nobody.
- Generic webhook: Atlassian Statuspage's incident-update shape (``meta``, ``page``, ``incident``
  with ``incident_updates`` newest first), documented at
  https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/ — so receivers
  written for Statuspage work unchanged. The incident object is the JSON API's, as of this update.
"""

from __future__ import annotations

from typing import Any

from .messages import Message

DISCORD_COLOURS = {  # the badge colours, as Discord's integer RGB
    "investigating": 0xC62828, "identified": 0xBC4C00, "monitoring": 0x7D4E00, "resolved": 0x1A7F37,
    "scheduled": 0x0969DA, "in_progress": 0x0969DA, "verifying": 0x0969DA, "completed": 0x1A7F37,
}
WEBHOOK_DOCUMENTATION = "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/"


def _facts(message: Message) -> str:
    return f"{message.status_label} · {message.when} · Affected: {', '.join(message.components)}"


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack(message: Message) -> dict[str, Any]:
    title = _slack_escape(message.title)
    return {
        "text": f"{title}: {message.url}",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*<{message.url}|{title}>*\n{_slack_escape(message.text)[:2900]}"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": _slack_escape(_facts(message))}]},
        ],
        "unfurl_links": False,
    }


def teams(message: Message) -> dict[str, Any]:
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": message.title, "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": message.text, "wrap": True},
            {"type": "FactSet", "facts": [
                {"title": "Status", "value": message.status_label},
                {"title": "Time", "value": message.when},
                {"title": "Affected", "value": ", ".join(message.components)},
            ]},
        ],
        "actions": [{"type": "Action.OpenUrl", "title": "View on the status page", "url": message.url}],
    }
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card},
    ]}


def discord(message: Message) -> dict[str, Any]:
    return {
        "username": message.site_name[:80],
        "allowed_mentions": {"parse": []},
        "embeds": [{
            "title": message.title[:256],
            "url": message.url,
            "description": message.text[:4000],
            "color": DISCORD_COLOURS.get(message.status, 0x555555),
            "timestamp": message.at.isoformat().replace("+00:00", "Z"),
            "fields": [{"name": "Affected", "value": ", ".join(message.components)[:1024] or "-", "inline": True},
                       {"name": "Status", "value": message.status_label, "inline": True}],
        }],
    }


def statuspage_webhook(message: Message, page: dict[str, Any], incident: dict[str, Any], unsubscribe: str) -> dict[str, Any]:
    """``page``: the API's page object plus status; ``incident``: the API's incident object."""
    updates = incident["incident_updates"]
    # As of this update: later ones are not part of this notification.
    index = next((i for i, u in enumerate(updates) if u["id"] == message.update_id), 0)
    shown = updates[index:]
    as_of = {**incident, "incident_updates": shown, "status": shown[0]["status"] if shown else incident["status"],
             "updated_at": shown[0]["created_at"] if shown else incident["updated_at"]}
    return {
        "meta": {"unsubscribe": unsubscribe, "documentation": WEBHOOK_DOCUMENTATION},
        "page": page,
        "incident": as_of,
    }
