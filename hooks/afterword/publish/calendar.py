"""Maintenance windows as iCalendar (RFC 5545): ``feeds/maintenance.ics`` and ``feeds/maintenance/<id>.ics``.

A calendar app subscribed to the file shows each window as an event. Each maintenance keeps its
UID; every public update raises its SEQUENCE, so calendars replace the event instead of adding one.
DTSTAMP is the latest update's time (never the build's), so unchanged content gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from .. import urls
from ..loader import History
from ..model import Incident
from ..render import markdown_to_text
from ..settings import Settings
from .site import site_host, site_url, write_bytes

PRODID = "-//Afterword//Maintenance calendar//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: longer content lines are folded


def calendar_path(component_id: str | None = None) -> str:
    return "feeds/maintenance.ics" if component_id is None else f"feeds/maintenance/{component_id}.ics"


def write_calendars(history: History, settings: Settings, site_dir: Path, now: datetime) -> list[Path]:
    """Write the site-wide calendar and one per component; returns the files written."""
    windows = [i for i in history.published_incidents if i.is_maintenance and i.first_update.at <= now]
    # Each window is in the site-wide calendar and in each of its components': written out once.
    events = {incident.id: _folded(_event(incident, settings, now)) for incident in windows}
    written = [write_bytes(site_dir / calendar_path(), _calendar(windows, events, f"{settings.site_name}: maintenance"))]
    for component in settings.components:
        chosen = [i for i in windows if component.id in i.components]
        name = f"{settings.site_name}: {component.name} maintenance"
        written.append(write_bytes(site_dir / calendar_path(component.id), _calendar(chosen, events, name)))
    return written


def _calendar(windows: list[Incident], events: dict[str, str], name: str) -> bytes:
    """The calendar of ``windows``, whose events (folded lines) are in ``events`` by incident id."""
    header = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
              f"X-WR-CALNAME:{_text(name)}", "X-WR-TIMEZONE:UTC"]
    body = [events[incident.id] for incident in sorted(windows, key=lambda i: (i.start, i.id))]
    return (_folded(header) + "".join(body) + _folded(["END:VCALENDAR"])).encode("utf-8")


def _folded(lines: list[str]) -> str:
    return "".join(_fold(line) + "\r\n" for line in lines)


def _event(incident: Incident, settings: Settings, now: datetime) -> list[str]:
    shown = [u for u in incident.updates if u.at <= now]
    latest = shown[-1]
    page = urls.absolute(site_url(settings), urls.incident_path(incident))
    start = incident.scheduled_for or incident.start
    end = incident.scheduled_until or (latest.at if latest.status == "completed" else None)
    names = ", ".join((settings.component(c).name if settings.component(c) else c) for c in incident.components)
    description = f"{latest.label}: {markdown_to_text(latest.body, base_url=page)}\n\nAffected: {names}\n{page}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{incident.id}@{site_host(settings)}",
        f"SEQUENCE:{len(shown) - 1}",
        f"DTSTAMP:{_utc(latest.at)}",
        f"LAST-MODIFIED:{_utc(latest.at)}",
        f"CREATED:{_utc(incident.first_update.at)}",
        f"DTSTART:{_utc(start)}",
    ]
    if end is not None and end > start:
        lines.append(f"DTEND:{_utc(end)}")
    lines += [
        f"SUMMARY:{_text(incident.title)}",
        f"DESCRIPTION:{_text(description)}",
        f"URL:{page}",
        "STATUS:CONFIRMED",
        "TRANSP:TRANSPARENT",  # a maintenance window does not make the reader busy
        "END:VEVENT",
    ]
    return lines


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 character; continuation lines start with a space."""
    octets = len(line.encode("utf-8"))
    if octets <= LINE_OCTETS:
        return line
    if octets == len(line):  # ASCII, one octet a character: 75 characters, then 74 after each space
        pieces = [line[:LINE_OCTETS]] + [line[start:start + LINE_OCTETS - 1] for start in range(LINE_OCTETS, len(line), LINE_OCTETS - 1)]
        return "\r\n ".join(pieces)
    return _fold_by_character(line)


def _fold_by_character(line: str) -> str:
    """Any line, one character at a time (tests compare the ASCII path above with it)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not out else LINE_OCTETS - 1
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)
