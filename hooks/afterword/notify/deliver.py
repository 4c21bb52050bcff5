"""Deliver every public update not yet sent to each customer channel, exactly once per channel.

Channels are independent: one that fails is reported and retried on the next run, and never stops
the others. Only public updates are ever considered (``publish.updates.public_updates``): drafts,
undisclosed security incidents and updates dated after ``now`` are not in that list, and
``internal`` values are not in any message.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from ..loader import History
from ..publish.api import StatuspageApi
from ..publish.updates import PublicUpdate, public_updates
from ..settings import Settings
from ..timestamps import iso_utc
from . import payloads
from .config import Channel, NotifyConfig
from .http import DeliveryError, Transport
from .mail import build_email, preview_email, send_email
from .messages import Message, message_for
from .state import State


@dataclass
class Outcome:
    sent: list[tuple[str, str]] = field(default_factory=list)  # (channel, update id)
    stale: list[tuple[str, str]] = field(default_factory=list)  # (channel, update id): too old to announce
    failed: dict[str, str] = field(default_factory=dict)  # channel -> why
    planned: list[tuple[str, str, str]] = field(default_factory=list)  # dry run: (channel, title, body)


def threaded(history: History, now: datetime) -> list[tuple[PublicUpdate, str, str | None]]:
    """Every public update as of ``now``, oldest first, with its incident's first and previous update ids."""
    result = []
    previous: dict[str, tuple[str, str | None]] = {}  # incident id -> (first update id, last update id)
    for public in public_updates(history, now):
        first, last = previous.get(public.incident.id, (public.id, None))
        result.append((public, first, last))
        previous[public.incident.id] = (first, public.id)
    return result


class Deliverer:
    def __init__(self, history: History, settings: Settings, config: NotifyConfig, now: datetime,
                 transport: Transport, log: Callable[[str], None] = print):
        self.history, self.settings, self.config, self.now = history, settings, config, now
        self.transport = transport
        self.log = log
        self._api: StatuspageApi | None = None

    def run(self, state: State, dry_run: bool = False, only: set[str] | None = None) -> Outcome:
        outcome = Outcome()
        pending = threaded(self.history, self.now)
        built: dict[str, Message] = {}  # rendered once, and only for updates some channel still needs
        oldest = self.now - timedelta(hours=self.config.max_age_hours)
        for channel in self.config.customer_channels:
            state.start_channel(channel.name)  # every channel, so one left out by `only` keeps its due updates
            if only and channel.name not in only:
                continue
            for public, first, previous in pending:
                if state.sent(channel.name, public.id) or not channel.wants(public.incident.components):
                    continue
                if public.update.at < oldest:
                    # Old news (an imported history, a renamed file, a security incident disclosed
                    # long after): recorded, never announced as if it had just happened.
                    if not dry_run:
                        state.record(channel.name, public.id, "stale")
                    outcome.stale.append((channel.name, public.id))
                    continue
                if public.id not in built:
                    built[public.id] = message_for(public, self.settings, first, previous)
                message = built[public.id]
                if dry_run:
                    outcome.planned.append((channel.name, message.title, self.preview(channel, public, message)))
                    continue
                try:
                    self.send(channel, public, message)
                except DeliveryError as exc:
                    outcome.failed[channel.name] = str(exc)
                    self.log(f"afterword notify: {channel.name}: '{message.title}' {exc}; the rest of this channel waits for the next run")
                    break  # keep the channel's order: later updates never arrive before earlier ones
                state.record(channel.name, public.id, iso_utc(self.now))
                outcome.sent.append((channel.name, public.id))
                self.log(f"afterword notify: {channel.name}: sent '{message.title}'")
        if not dry_run:
            state.seen |= {public.id for public, _, _ in pending}
            state.save()
        return outcome

    def payload(self, channel: Channel, public: PublicUpdate, message: Message):
        if channel.type == "slack":
            return payloads.slack(message)
        if channel.type == "teams":
            return payloads.teams(message)
        if channel.type == "discord":
            return payloads.discord(message)
        if self._api is None:
            self._api = StatuspageApi(self.history, self.settings, self.now)
        status = self._api.status()
        page = {"id": self._api.page["id"], "status_indicator": status["indicator"], "status_description": status["description"]}
        unsubscribe = channel.join_url or self._api.base
        return payloads.statuspage_webhook(message, page, self._api.incident(public.incident), unsubscribe)

    def send(self, channel: Channel, public: PublicUpdate, message: Message) -> None:
        if channel.type == "email":
            mail = build_email(message, channel)
            send_email(mail, channel, self.transport.retries, self.transport.timeout, self.transport.backoff,
                       self.transport.sleep)
            return
        url = os.environ.get(channel.url_env, "")
        if not url:
            raise DeliveryError(f"the environment variable {channel.url_env} is not set")
        # Receivers may de-duplicate on this header if a run is interrupted between send and record.
        self.transport.post_json(url, self.payload(channel, public, message), {"X-Afterword-Delivery": f"{channel.name}:{public.id}"})

    def preview(self, channel: Channel, public: PublicUpdate, message: Message) -> str:
        if channel.type == "email":
            return preview_email(build_email(message, channel))
        return json.dumps(self.payload(channel, public, message), indent=2, ensure_ascii=False)
