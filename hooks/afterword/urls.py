"""Where each published thing lives on the site. One place, so pages, feeds and the API agree.

Paths are relative to the site root and end in '/' for pages (MkDocs' directory URLs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from .model import Incident, Postmortem


def incident_path(incident: Incident | str) -> str:
    return f"incidents/{_id(incident)}/"


def postmortem_path(postmortem: Postmortem | str) -> str:
    return f"postmortems/{_id(postmortem)}/"


def postmortems_path(year: int | None = None) -> str:
    """The postmortems index (the most recent), or the page of one year's postmortems."""
    return "postmortems/" if year is None else f"postmortems/years/{year}/"


def commitments_path(year: int | None = None) -> str:
    """'What we committed to': open and recent commitments, or every commitment of one year."""
    return "commitments/" if year is None else f"commitments/years/{year}/"


def component_path(component_id: str) -> str:
    return f"components/{component_id}/"


def history_path(year: int | None = None) -> str:
    return "history/" if year is None else f"history/{year}/"


def feed_path(name: str, kind: str) -> str:
    """name: 'incidents', 'postmortems' or 'components/<id>'; kind: 'rss', 'atom' or 'json'."""
    return f"feeds/{name}.{kind}"


# Site addresses and paths made only of these parts join by plain concatenation: no scheme to
# lower-case, no query, fragment, parameters, empty or dot segments for urljoin to resolve
# (tests/test_urls_fast_join.py checks it against urljoin). Feeds and the API join thousands.
_PLAIN_SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*"
_PLAIN_BASE = re.compile(rf"https?://[A-Za-z0-9.-]+(?::[0-9]+)?/(?:{_PLAIN_SEGMENT}/)*")
_PLAIN_PATH = re.compile(rf"(?:{_PLAIN_SEGMENT}/)*(?:{_PLAIN_SEGMENT})?")


def absolute(site_url: str, path: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    if _is_plain_base(base) and _PLAIN_PATH.fullmatch(path):
        return base + path
    return urljoin(base, path)


@lru_cache(maxsize=8)
def _is_plain_base(base: str) -> bool:
    return _PLAIN_BASE.fullmatch(base) is not None


def relative_from(page_path: str, target_path: str) -> str:
    """A link from one page (a directory URL like 'incidents/x/') to another site path."""
    depth = page_path.count("/") if page_path else 0
    return "../" * depth + target_path


def _id(item: Incident | Postmortem | str) -> str:
    return item if isinstance(item, str) else item.id
