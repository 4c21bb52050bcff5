"""The delivery record: which update reached which channel, and which reminders went out.

    {"version": 1,
     "seen": ["<update id>", …],                      # every update public at the last run
     "delivered": {"<channel>": {"<update id>": "<when sent>"}},
     "reminders": {"<incident id> <due time>": "<when sent>"}}

It is written after every single successful delivery (to a temporary file, then renamed), so a
run that stops half-way resends nothing already sent. It holds ids and times only, never text,
so it can be published with the site (``notify-state.json``) and read back by the next run on a
fresh machine; copies from several places merge (``merge``). A channel new to the record starts from ``seen``: it is sent what became public
after it was added, never the whole history.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import ContentError

VERSION = 1


@dataclass
class State:
    seen: set[str] = field(default_factory=set)
    delivered: dict[str, dict[str, str]] = field(default_factory=dict)
    reminders: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # where every change is saved; None in a dry run

    def start_channel(self, channel: str) -> None:
        """A channel new to the record counts everything public at the last run as sent ('')."""
        self.delivered.setdefault(channel, {uid: "" for uid in self.seen})

    def sent(self, channel: str, update_id: str) -> bool:
        return update_id in self.delivered.get(channel, {})

    def record(self, channel: str, update_id: str, when: str) -> None:
        self.delivered.setdefault(channel, {})[update_id] = when
        self.save()

    def record_reminder(self, key: str, when: str) -> None:
        self.reminders[key] = when
        self.save()

    def merge(self, other: "State") -> None:
        """Take in another copy of the record: whatever either saw or sent counts."""
        self.seen |= other.seen
        for channel, record in other.delivered.items():
            mine = self.delivered.setdefault(channel, {})
            for update_id, when in record.items():
                mine[update_id] = max(mine.get(update_id, ""), when)
        for key, when in other.reminders.items():
            self.reminders[key] = max(self.reminders.get(key, ""), when)

    def to_json(self) -> dict:
        return {
            "version": VERSION,
            "seen": sorted(self.seen),
            "delivered": {c: dict(sorted(r.items())) for c, r in sorted(self.delivered.items())},
            "reminders": dict(sorted(self.reminders.items())),
        }

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".notify-state-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.to_json(), out, indent=1)
            out.write("\n")
        os.replace(temporary, self.path)


def parse_state(data: bytes, where: str) -> State:
    try:
        raw = json.loads(data.decode("utf-8"))
        if raw.get("version") != VERSION:
            raise ValueError(f"version {raw.get('version')!r}, expected {VERSION}")
        return State(
            seen={str(u) for u in raw.get("seen", [])},
            delivered={str(c): {str(u): str(t) for u, t in r.items()} for c, r in raw.get("delivered", {}).items()},
            reminders={str(k): str(v) for k, v in raw.get("reminders", {}).items()},
        )
    except (ValueError, AttributeError, TypeError) as exc:
        raise ContentError(f"{where}: not a notify state file ({exc}); remove it or restore a good copy") from None
