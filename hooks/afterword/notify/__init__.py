"""Notifications: tell subscribers about each public update once, and remind the team before an
update is due. ``afterword notify`` and ``afterword due`` are the commands; guide/notifications.md
is the set-up guide.

    load_state(path, url, transport, baseline_ids)  -> State  (the delivery record)
    Deliverer(history, settings, config, now, transport).run(state, dry_run) -> Outcome
    reminders(history, settings, config, now) -> [Reminder]; send_reminders(...)
"""

from __future__ import annotations

from pathlib import Path

from ..problems import ContentError
from .config import Channel, NotifyConfig, notify_config
from .deliver import Deliverer, Outcome
from .due import Reminder, reminders, send_reminders
from .http import DeliveryError, Transport
from .state import State, parse_state

STATE_FILE = "notify-state.json"


def load_state(path: Path, url: str | None, transport: Transport, baseline_ids: set[str] | None) -> State:
    """The record: ``path`` (e.g. restored from a CI cache) merged with ``url`` (the live site's copy).

    Both are read when present and merged (a delivery in either counts as sent), so neither a stale
    cache nor a redeployed site without the record can make a run send something twice. Without
    any record, a baseline (``baseline_ids``: everything public now counts as sent) is taken only
    when asked: otherwise the run fails rather than announce the whole history or skip updates.
    """
    found: list[State] = []
    if path.is_file():
        found.append(parse_state(path.read_bytes(), str(path)))
    if url:
        try:
            data = transport.get(url)
        except DeliveryError:
            if not found:
                raise
            data = None  # the local record is enough; the live copy is a fallback
        if data is not None:
            found.append(parse_state(data, url))
    if not found:
        if baseline_ids is None:
            where = f"{path} nor at {url}" if url else str(path)
            raise ContentError(
                f"no delivery record found ({where}): on the very first run pass --baseline, which counts "
                "every update public now as already announced"
            )
        found.append(State(seen=set(baseline_ids)))
    state = found[0]
    for other in found[1:]:
        state.merge(other)
    state.path = path
    return state


__all__ = [
    "Channel", "Deliverer", "DeliveryError", "NotifyConfig", "Outcome", "Reminder", "STATE_FILE", "State",
    "Transport", "load_state", "notify_config", "reminders", "send_reminders",
]
