"""Update-due reminders for the team: before a promised update or the cadence runs out.

For each open incident, the next update is owed at the earlier of the promise its latest public
update made ("next update by 10:30 UTC", read by ``timeline.promises.find_promise``) and the
latest update plus the cadence (``extra.afterword.checks.cadence_minutes``). When that moment is
within ``due.within_minutes`` (or just passed), one reminder goes to the team channel, once per
owed update: the record keys it by incident and deadline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..loader import History
from ..settings import Settings
from ..status import is_open
from ..timeline.config import checks_config
from ..timeline.promises import find_promise
from ..timestamps import iso_utc
from .config import Channel, NotifyConfig
from .http import DeliveryError, Transport
from .state import State


@dataclass(frozen=True)
class Reminder:
    key: str  # '<incident id> <deadline>', once per owed update
    incident_id: str
    text: str


def reminders(history: History, settings: Settings, config: NotifyConfig, now: datetime) -> list[Reminder]:
    window = timedelta(minutes=config.due_within_minutes)
    cadence = timedelta(minutes=checks_config(settings).cadence_minutes)
    found = []
    for incident in history.published_incidents:
        if incident.is_maintenance or not is_open(incident, now):
            continue
        latest = [u for u in incident.updates if u.at <= now][-1]
        promise = find_promise(latest.body, latest.at)
        deadline, why = latest.at + cadence, f"an update is due every {int(cadence.total_seconds() // 60)} minutes, next by"
        if promise is not None and promise.due <= deadline:
            deadline, why = promise.due, "you promised an update by"
        if not (deadline - window <= now <= deadline + window):
            continue
        minutes = round(abs((deadline - now).total_seconds()) / 60)
        left = f"{minutes} minute{'s' if minutes != 1 else ''} {'left' if deadline >= now else 'overdue'}"
        text = f"{incident.title}: {why} {deadline:%H:%M} UTC — {left}"
        found.append(Reminder(f"{incident.id} {iso_utc(deadline)}", incident.id, text))
    return found


def chat_payload(channel: Channel, text: str) -> dict:
    if channel.type == "slack":
        return {"text": text}
    if channel.type == "discord":
        return {"content": text, "allowed_mentions": {"parse": []}}
    if channel.type == "teams":
        return {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None,
                "content": {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
                            "version": "1.4", "body": [{"type": "TextBlock", "text": text, "wrap": True}]}}]}
    return {"text": text}


def send_reminders(found: list[Reminder], channel: Channel, state: State, transport: Transport, now: datetime,
                   dry_run: bool, log=print) -> int:
    """Post each reminder not yet sent; returns how many were posted (or would be, in a dry run)."""
    count = 0
    for reminder in found:
        if reminder.key in state.reminders:
            continue
        count += 1
        if dry_run:
            log(f"would post to {channel.name}: {reminder.text}")
            continue
        url = os.environ.get(channel.url_env, "")
        if not url:
            raise DeliveryError(f"the environment variable {channel.url_env} is not set")
        transport.post_json(url, chat_payload(channel, reminder.text))
        state.record_reminder(reminder.key, iso_utc(now))
        log(f"afterword due: posted to {channel.name}: {reminder.text}")
    return count
