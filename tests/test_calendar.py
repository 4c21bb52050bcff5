"""Maintenance windows as iCalendar, read back with the independent `icalendar` library; badges inline cleanly."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import icalendar

from afterword.publish import calendar_path, write_badges, write_calendars
from afterword.publish.badges import badge_svg

from publish_helpers import SITE, load, write_incident

NOW = datetime(2025, 7, 1, 12, 0, tzinfo=timezone.utc)


def events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


def test_maintenance_windows_with_sequence_per_update(scratch_project):
    updates = [("Scheduled", "2025-06-20 09:00 UTC", "We will upgrade the database; exports pause, briefly.")]
    write_incident(scratch_project, "2025-07-02-db", updates, title="Database upgrade, part 1", impact="maintenance",
                   components=("api",), scheduled_for="2025-07-02 22:00 UTC", scheduled_until="2025-07-02 23:00 UTC")
    write_incident(scratch_project, "2025-06-01-api", [("Investigating", "2025-06-01 10:00 UTC", "Errors.")])
    history, settings = load(scratch_project)
    site = scratch_project / "site"
    write_calendars(history, settings, site, NOW)
    [event] = events(site / calendar_path())
    assert str(event["UID"]) == "2025-07-02-db@status.lumen.example"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == datetime(2025, 7, 2, 22, 0, tzinfo=timezone.utc)
    assert event.decoded("DTEND") == datetime(2025, 7, 2, 23, 0, tzinfo=timezone.utc)
    assert str(event["SUMMARY"]) == "Database upgrade, part 1"
    assert "exports pause, briefly." in str(event["DESCRIPTION"]) and str(event["URL"]) == SITE + "incidents/2025-07-02-db/"
    assert [str(e["UID"]) for e in events(site / calendar_path("api"))] == ["2025-07-02-db@status.lumen.example"]
    assert events(site / calendar_path("reports")) == []

    # A later update is the same event with a higher SEQUENCE; one dated after now is not shown yet.
    updates += [("In progress", "2025-06-30 09:00 UTC", "Moved: same window."), ("Completed", "2025-07-03 00:00 UTC", "Done.")]
    write_incident(scratch_project, "2025-07-02-db", updates, title="Database upgrade, part 1", impact="maintenance",
                   components=("api",), scheduled_for="2025-07-02 22:00 UTC", scheduled_until="2025-07-02 23:00 UTC")
    history, settings = load(scratch_project)
    write_calendars(history, settings, site, NOW)
    [event] = events(site / calendar_path())
    assert int(event["SEQUENCE"]) == 1 and "Moved: same window." in str(event["DESCRIPTION"])
    raw = (site / calendar_path()).read_bytes()
    assert b"Done." not in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded


def test_two_badges_inline_in_one_page_without_clashing_ids(scratch_project):
    write_incident(scratch_project, "2025-06-01-api", [("Investigating", "2025-06-01 11:00 UTC", "Errors.")], impact="major")
    history, settings = load(scratch_project)
    write_badges(history, settings, scratch_project / "site", datetime(2025, 6, 1, 12, tzinfo=timezone.utc))
    svgs = [(scratch_project / "site" / "badge.svg").read_text(), (scratch_project / "site" / "badges" / "api.svg").read_text(),
            (scratch_project / "site" / "badges" / "web-app.svg").read_text()]
    page = "<html><body>" + "".join(svgs) + "</body></html>"
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 6
    for svg in svgs:  # every url(#…) points into its own badge
        ET.fromstring(svg)
        own = set(re.findall(r'\sid="([^"]+)"', svg))
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= own
    assert badge_svg("a", "b", "#fff") == badge_svg("a", "b", "#fff")  # stable across builds
