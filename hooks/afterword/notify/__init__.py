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
    """The record from ``path``, else from ``url`` (the live site's copy), else a baseline.

    A baseline (``baseline_ids``: everything public now counts as sent) is only taken when asked:
    without a record, a run fails rather than announce the whole history or silently skip updates.
    """
    if path.is_file():
        state = parse_state(path.read_bytes(), str(path))
    else:
        data = transport.get(url) if url else None
        if data is not None:
            state = parse_state(data, url)
        elif baseline_ids is not None:
            state = State(seen=set(baseline_ids))
        else:
            where = f"{path} nor at {url}" if url else str(path)
            raise ContentError(
                f"no delivery record found ({where}): on the very first run pass --baseline, which counts "
                "every update public now as already announced"
            )
    state.path = path
    return state


__all__ = [
    "Channel", "Deliverer", "DeliveryError", "NotifyConfig", "Outcome", "Reminder", "STATE_FILE", "State",
    "Transport", "load_state", "notify_config", "reminders", "send_reminders",
]
