"""Stable ids and Statuspage's date format, shared by the JSON API, the updates feeds and notifications."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from ..memo import BoundedMemo
from ..model import Incident

# The feeds, the API and the incident pages each ask for every incident's update ids: hashing
# them once per build is enough. Keyed by all an id depends on, so an edit is never served stale.
_UPDATE_IDS: BoundedMemo[tuple[str, ...]] = BoundedMemo()


def statuspage_time(moment: datetime | None) -> str | None:
    """Statuspage's date format: UTC with milliseconds and a Z, e.g. '2025-05-29T21:30:00.000Z'."""
    if moment is None:
        return None
    moment = moment.astimezone(timezone.utc)
    # Formatted field by field: the same text as strftime's "%Y-%m-%dT%H:%M:%S", at a third of the cost.
    return "%d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, moment.microsecond // 1000)


def short_id(*parts: str) -> str:
    """A 12-character lowercase id like Statuspage's, derived from stable parts (never content)."""
    number = int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    chars = []
    for _ in range(12):
        number, rest = divmod(number, 36)
        chars.append(alphabet[rest])
    return "".join(chars)


def update_ids(incident: Incident) -> list[str]:
    """Each update's id, oldest first: a hash of the incident id, the update's time and status (and
    its rank among equal ones), so it survives edits to the text and every rebuild. The feeds,
    notifications and this API share it."""
    key = (incident.id, *((update.at, update.status) for update in incident.updates))
    return list(_UPDATE_IDS.get(key, lambda: tuple(_hash_update_ids(incident))))


def _hash_update_ids(incident: Incident) -> list[str]:
    ids = []
    seen: dict[tuple[str, str], int] = {}
    for update in incident.updates:
        when = statuspage_time(update.at)
        occurrence = seen.get((when, update.status), 0)
        seen[(when, update.status)] = occurrence + 1
        ids.append(short_id("update", incident.id, when, update.status, str(occurrence)))
    return ids
