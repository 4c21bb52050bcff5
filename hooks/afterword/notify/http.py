"""POST JSON with bounded retries: a few attempts, exponential backoff, a timeout on each.

Retries on network errors, 408, 429 and 5xx; a 3xx or other 4xx fails at once (a redirect is
never followed: the body would be re-sent somewhere the team did not configure).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable

RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
MAX_BACKOFF_SECONDS = 30.0


class DeliveryError(Exception):
    """A channel did not accept a message after every attempt; the message says why (never the URL)."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib's hook
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class Transport:
    retries: int = 3  # attempts after the first
    timeout: float = 10.0  # seconds per attempt
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    sleep: Callable[[float], None] = time.sleep

    def post_json(self, url: str, body: Any, headers: dict[str, str] | None = None) -> int:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        last = ""
        wait = None  # a rate limit's Retry-After, in seconds
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(min(wait if wait is not None else self.backoff * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS))
            request = urllib.request.Request(url, data=data, method="POST", headers={
                "Content-Type": "application/json; charset=utf-8", "User-Agent": "Afterword-notify", **(headers or {}),
            })
            try:
                with _OPENER.open(request, timeout=self.timeout) as response:
                    response.read(65536)
                    return response.status
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}"
                wait = _retry_after(exc.headers.get("Retry-After")) if exc.code == 429 else None
                if exc.code not in RETRY_STATUSES:
                    break
            except (urllib.error.URLError, OSError) as exc:
                last = type(getattr(exc, "reason", exc)).__name__
                wait = None
        raise DeliveryError(f"not accepted after {attempt + 1} attempt(s): {last}")

    def get(self, url: str, limit: int = 10 * 1024 * 1024) -> bytes | None:
        """The body at ``url``, or None on 404 (other failures raise DeliveryError)."""
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS))
            request = urllib.request.Request(url, headers={"User-Agent": "Afterword-notify", "Cache-Control": "no-cache"})
            try:
                with _OPENER.open(request, timeout=self.timeout) as response:
                    return response.read(limit)
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                last = f"HTTP {exc.code}"
                if exc.code not in RETRY_STATUSES:
                    break
            except (urllib.error.URLError, OSError) as exc:
                last = type(getattr(exc, "reason", exc)).__name__
        raise DeliveryError(f"could not read {url}: {last}")


def _retry_after(value: str | None) -> float | None:
    """Slack and Discord answer 429 with Retry-After in seconds; honour it (capped by the caller)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
