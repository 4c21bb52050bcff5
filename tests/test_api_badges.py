"""SVG status badges: well-formed, accessible, coloured by status, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from afterword.model import Component
from afterword.publish import write_badges
from afterword.publish.badges import COLOURS

from publish_helpers import load, write_incident

SVG = "{http://www.w3.org/2000/svg}"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)


def read_badge(path):
    root = ET.fromstring(path.read_bytes())  # raises on malformed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title").text
    assert root.get("aria-label") == title
    visible = [t.text for t in root.iter(f"{SVG}text") if t.get("aria-hidden") != "true"]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    return title, visible, fills


def test_page_and_component_badges(scratch_project):
    write_incident(scratch_project, "2025-06-01-api", [("Investigating", "2025-06-01 11:00 UTC", "Errors.")],
                   impact="major", components=("api",))
    history, settings = load(scratch_project)
    written = write_badges(history, settings, scratch_project / "site", NOW)
    names = {p.relative_to(scratch_project / "site").as_posix() for p in written}
    assert names == {"badge.svg", *(f"badges/{c.id}.svg" for c in settings.components)}

    title, visible, fills = read_badge(scratch_project / "site/badge.svg")
    assert title == "status: partial outage" and visible == ["status", "partial outage"]
    assert COLOURS["partial_outage"] in fills
    title, visible, fills = read_badge(scratch_project / "site/badges/api.svg")
    assert title == "Public API: partial outage" and COLOURS["partial_outage"] in fills
    title, visible, fills = read_badge(scratch_project / "site/badges/email.svg")
    assert title == "Invoice email delivery: operational" and COLOURS["operational"] in fills


def test_badge_text_is_escaped(scratch_project):
    history, settings = load(scratch_project)
    settings.components = [Component("rnd", 'R&D <beta> "lab"')]
    write_badges(history, settings, scratch_project / "site", NOW)
    raw = (scratch_project / "site/badges/rnd.svg").read_text()
    assert "<beta>" not in raw
    title, visible, _ = read_badge(scratch_project / "site/badges/rnd.svg")
    assert title == 'R&D <beta> "lab": operational'
    assert visible == ['R&D <beta> "lab"', "operational"]
    title, _, fills = read_badge(scratch_project / "site/badge.svg")
    assert title == "status: operational" and COLOURS["operational"] in fills
