"""Shields-style SVG status badges for READMEs and dashboards: ``badge.svg`` and ``badges/<id>.svg``.

Accessible (``role="img"``, ``<title>``, ``aria-label``) and readable: every colour has at least
4.5:1 contrast with the white text. Text is escaped; widths come from average Verdana 11px
advances, close enough for a pill that is never wrapped.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..loader import History
from ..settings import Settings
from .site import write_bytes
from ..status import COMPONENT_STATUS_LABELS, component_status, page_indicator

LABEL_COLOUR = "#555"
COLOURS = {
    "operational": "#1a7f37",
    "degraded_performance": "#7d4e00",
    "partial_outage": "#bc4c00",
    "major_outage": "#c62828",
    "under_maintenance": "#0969da",
}
# The page indicator, told as briefly as a component's status.
INDICATOR_BADGES = {
    "none": ("operational", "operational"),
    "minor": ("minor outage", "degraded_performance"),
    "major": ("partial outage", "partial_outage"),
    "critical": ("major outage", "major_outage"),
    "maintenance": ("maintenance", "under_maintenance"),
}
_NARROW = set("fijlrt.,:;'!|()[] ")
_WIDE = set("mwMW@%")
PADDING = 10


def text_width(text: str) -> int:
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 10.5
        elif char.isupper() or char.isdigit():
            width += 7.4
        else:
            width += 6.6
    return round(width)


def badge_svg(label: str, message: str, colour: str) -> str:
    """One badge: grey label on the left, coloured message on the right.

    Its gradient and clip-path ids carry a hash of what it shows: two different badges inlined in one
    HTML page never resolve each other's url(#id) (shields' fixed 's' and 'r' ids do).
    """
    key = "aw" + hashlib.sha256(f"{label}\x1f{message}\x1f{colour}".encode()).hexdigest()[:10]
    label_width = text_width(label) + 2 * PADDING
    message_width = text_width(message) + 2 * PADDING
    total = label_width + message_width
    title = f"{label}: {message}"
    label_x, message_x = label_width / 2, label_width + message_width / 2
    text_label, text_message = escape(label), escape(message)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>"
        f'<linearGradient id="{key}-s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="{key}-r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#{key}-r)"><rect width="{label_width}" height="20" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{label_width}" width="{message_width}" height="20" fill="{colour}"/>'
        f'<rect width="{total}" height="20" fill="url(#{key}-s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{label_x:g}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">{text_label}</text>'
        f'<text x="{label_x:g}" y="14">{text_label}</text>'
        f'<text x="{message_x:g}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">{text_message}</text>'
        f'<text x="{message_x:g}" y="14">{text_message}</text></g></svg>\n'
    )


def write_badges(history: History, settings: Settings, site_dir: Path, now: datetime) -> list[Path]:
    """Write ``badge.svg`` (the whole page) and ``badges/<component id>.svg``; returns the files."""
    message, status = INDICATOR_BADGES[page_indicator(history, now)]
    written = [write_bytes(site_dir / "badge.svg", badge_svg("status", message, COLOURS[status]).encode("utf-8"))]
    for component in settings.components:
        status = component_status(history, component.id, now)
        svg = badge_svg(component.name, COMPONENT_STATUS_LABELS[status], COLOURS[status])
        written.append(write_bytes(site_dir / "badges" / f"{component.id}.svg", svg.encode("utf-8")))
    return written
