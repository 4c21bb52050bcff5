"""Statuspage histories migrated from older tools keep a whole timeline inside one update:

    <ul><li><strong>2018-10-21 23:09:19</strong> - We are investigating …</li>
        <li><strong>2018-10-22 23:03:57</strong> - Everything operating normally.</li></ul>

(831 of GitHub's 2010–2018 incidents.) Imported as one update, such an incident lasts "less than a
minute", its outage never counts against uptime and the gaps between updates are invisible. Split,
each timestamped item is an update at its own time: the first and the middle ones continue the
opening status, the last one carries the source update's (final) status.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

_ITEM = re.compile(
    r"<li>\s*<strong>\s*(\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?)\s*(?:UTC)?\s*</strong>\s*[-–—:]?\s*(.*?)</li>",
    re.IGNORECASE | re.DOTALL,
)
_WRAPPER = re.compile(r"^\s*<ul>\s*|\s*</ul>\s*$", re.IGNORECASE)


def split_timeline(body: str | None) -> list[tuple[datetime, str]] | None:
    """The (UTC time, HTML text) items of a legacy one-update timeline, or None when it is not one.

    Only a body that is nothing but a list of timestamped items counts: anything else
    around the items (a real update that happens to contain a list) is left whole.
    """
    if not body or "<li" not in body:
        return None
    inner = _WRAPPER.sub("", body.strip())
    items = list(_ITEM.finditer(inner))
    if not items or _ITEM.sub("", inner).strip():
        return None
    return [(_utc(m.group(1)), m.group(2).strip()) for m in items]


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace(" ", "T"))
    return moment.replace(tzinfo=timezone.utc)  # these exports write UTC without saying so
