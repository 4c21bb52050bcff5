"""What a build starts from: the moment it builds as of, and how it stops.

Kept apart from ``build.py`` so that commands which need only the build's clock (`afterword check`,
`afterword due`) do not import the site generator and its outputs.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from .problems import ContentError
from .timestamps import parse_timestamp


class BuildFailed(Exception):
    """The build must stop; the message says why and what to do."""


def build_time() -> datetime:
    """Now, or the frozen time in AFTERWORD_NOW (for reproducible builds and tests)."""
    frozen = os.environ.get("AFTERWORD_NOW")
    if frozen:
        try:
            return parse_timestamp(frozen)
        except ContentError as exc:
            raise BuildFailed(f"AFTERWORD_NOW: {exc.message}") from None
    return datetime.now(timezone.utc)
