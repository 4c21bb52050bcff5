"""What every publisher needs from the settings: the absolute site address and the feed bound."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..problems import ContentError
from ..settings import Settings

DEFAULT_MAX_ENTRIES = 50
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # the 'updated' of a history with nothing in it


def site_url(settings: Settings, purpose: str = "feeds need absolute links") -> str:
    """The site's absolute address ending in '/', or a ContentError saying what to set."""
    url = (settings.site_url or "").strip()
    parts = urlsplit(url)
    if not url or parts.scheme not in ("http", "https") or not parts.netloc:
        shown = f" (got '{url}')" if url else ""
        raise ContentError(
            f"site_url is not set in mkdocs.yml: {purpose} — add a line like "
            f"'site_url: https://status.example.com/'{shown}",
            rule="afterword.site-url",
        )
    return url if url.endswith("/") else url + "/"


def site_host(settings: Settings) -> str:
    return urlsplit(site_url(settings)).hostname or ""


def max_entries(settings: Settings) -> int:
    """``extra.afterword.feeds.max_entries``: how many entries a feed holds (the newest ones)."""
    value = settings.section("feeds").get("max_entries", DEFAULT_MAX_ENTRIES)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentError(
            f"extra.afterword.feeds.max_entries must be a whole number of at least 1, got {value!r}",
            rule="afterword.settings",
        )
    return value


def write_bytes(path: Path, data: bytes) -> Path:
    """Write a published file, creating its folder; returns the path for the caller's list."""
    try:
        path.write_bytes(data)
    except FileNotFoundError:  # the folder's first file: the others need no mkdir (thousands of system calls)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def json_bytes(document: object, compact: bool = False) -> bytes:
    """Stable, readable JSON whose bytes never contain '<', '>' or '&'.

    Values are still exact text (JSON decoders read '\\u003c' as '<'), but a file served or embedded
    as HTML by mistake cannot open a tag: the same hardening Go's encoding/json applies by default.
    """
    text = compact_json(document) if compact else json.dumps(document, ensure_ascii=False, indent=2)
    return json_text_bytes(text)


def compact_json(document: object) -> str:
    """JSON as APIs serve it, and several times faster to write (json's C encoder)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def json_text_bytes(text: str) -> bytes:
    """JSON text as ``json_bytes`` publishes it: '<', '>' and '&' escaped, one final line break."""
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")
