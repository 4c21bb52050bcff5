"""Collation: an incident's transitions, a postmortem's merged timeline, and impact-weighted uptime."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from afterword.timeline import collate_incident, collate_postmortem, component_figures, incidents_by_month
from afterword.uptime import daily_impact, impact_between, uptime_percent
from timeline_support import history_from, incident_from, utc

INCIDENT = """---
title: {title}
impact: {impact}
components: [{component}]
started: {started} UTC
---

## Investigating · {first} UTC

Looking into it.

## Identified · {second} UTC

Found it.

## Resolved · {end} UTC

Fixed. Contact support if anything still looks wrong.
"""


def make(tmp_path, name, impact, start, end, component="api", second=None):
    """An incident with impact from ``start`` to ``end``; Identified one minute in unless ``second``."""
    second = second or (utc(start) + timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")
    text = INCIDENT.format(title=name, impact=impact, component=component, started=start, first=start, second=second, end=end)
    return incident_from(tmp_path, text, name=f"{name}.md")


def test_incident_timeline(tmp_path):
    found = incident_from(tmp_path, INCIDENT.format(title="T", impact="major", component="api", started="2025-03-04 12:00",
                                                    first="2025-03-04 12:10", second="2025-03-04 12:40", end="2025-03-04 13:30"))
    timeline = collate_incident(found, utc("2025-03-05 00:00"))
    assert [(t.from_status, t.to_status) for t in timeline.transitions] == [
        (None, "investigating"), ("investigating", "identified"), ("identified", "resolved")]
    assert timeline.identified == utc("2025-03-04 12:40")
    assert timeline.resolved == utc("2025-03-04 13:30")
    assert timeline.duration.total_seconds() == 90 * 60
    assert timeline.time_to_first_update.total_seconds() == 10 * 60


def test_postmortem_collation_merges_incidents_and_notes_in_time_order(tmp_path):
    incidents = {
        "first.md": INCIDENT.format(title="A", impact="major", component="api", started="2025-03-04 12:00",
                                    first="2025-03-04 12:10", second="2025-03-04 12:40", end="2025-03-04 13:30"),
        # Written newest first, in another offset: still merged in UTC time order.
        "second.md": """---
title: B
impact: minor
components: [web-app]
---

## Resolved · 2025-03-04T14:20:00+01:00

Fixed. Contact support if needed.

## Investigating · 2025-03-04T13:25:00+01:00

Slow pages.
""",
    }
    postmortem = """---
title: Two incidents
incident: [first, second]
published: 2025-03-05 10:00 UTC
summary: What happened.
timeline:
  - at: 2025-03-04 13:30 UTC
    text: Impact ended
  - at: 2025-03-04 11:58 UTC
    text: We released a change
  - at: 2025-03-04 12:10 UTC
    text: An alert fired
---

Body.
"""
    history = history_from(tmp_path, incidents, {"pm.md": postmortem})
    items = collate_postmortem(history.postmortems[0])
    assert [(i.at.strftime("%H:%M"), i.kind, i.status, i.incident_id) for i in items] == [
        ("11:58", "note", None, None),
        ("12:10", "note", None, None),  # a note before an update at the same time
        ("12:10", "update", "investigating", "first"),
        ("12:25", "update", "investigating", "second"),
        ("12:40", "update", "identified", "first"),
        ("13:20", "update", "resolved", "second"),
        ("13:30", "note", None, None),
        ("13:30", "update", "resolved", "first"),
    ]
    assert items[1].text == "An alert fired"
    assert all(item.at.utcoffset().total_seconds() == 0 for item in items)


# --- uptime --------------------------------------------------------------------------------

NOW = utc("2025-03-31 12:00")


@pytest.mark.parametrize(("impact", "downtime"), [("critical", 60.0), ("major", 18.0), ("minor", 0.0), ("none", 0.0)])
def test_uptime_weights(tmp_path, impact, downtime):
    found = make(tmp_path, "one", impact, "2025-03-10 10:00", "2025-03-10 11:00")
    day = next(d for d in daily_impact([found], 30, NOW) if d.day == date(2025, 3, 10))
    assert day.worst == impact and day.incident_ids == ["one"]
    assert day.downtime_minutes == pytest.approx(downtime)
    assert uptime_percent(daily_impact([found], 30, NOW)) == pytest.approx(100 * (1 - downtime / (30 * 1440)))


def test_overlapping_incidents_count_once_at_the_worst_impact(tmp_path):
    critical = make(tmp_path, "crit", "critical", "2025-03-10 10:00", "2025-03-10 11:00")
    major = make(tmp_path, "maj", "major", "2025-03-10 10:30", "2025-03-10 12:00")
    day = next(d for d in daily_impact([critical, major], 30, NOW) if d.day == date(2025, 3, 10))
    # 10:00-11:00 critical (60 min), 11:00-12:00 major only (60 min); the overlap is not added twice.
    assert day.minutes == {"critical": 60.0, "major": 60.0}
    assert day.downtime_minutes == pytest.approx(60 + 0.3 * 60)
    assert sorted(day.incident_ids) == ["crit", "maj"] and day.worst == "critical"


def test_incident_spanning_midnight_splits_by_utc_day_and_does_not_spill(tmp_path):
    found = make(tmp_path, "night", "critical", "2025-03-10 23:00", "2025-03-11 00:00", second="2025-03-10 23:30")
    days = {d.day: d for d in daily_impact([found], 30, NOW)}
    assert days[date(2025, 3, 10)].minutes == {"critical": 60.0}
    assert days[date(2025, 3, 11)].incident_ids == []  # resolved exactly at midnight
    across = make(tmp_path, "across", "major", "2025-03-12 23:00", "2025-03-13 01:00", second="2025-03-12 23:30")
    days = {d.day: d for d in daily_impact([across], 30, NOW)}
    assert days[date(2025, 3, 12)].minutes == {"major": 60.0} and days[date(2025, 3, 13)].minutes == {"major": 60.0}


def test_component_filter_and_monthly_figures(tmp_path):
    api = make(tmp_path, "api-down", "critical", "2025-02-27 10:00", "2025-02-27 12:00", component="api")
    web = make(tmp_path, "web-slow", "major", "2025-03-03 10:00", "2025-03-03 11:40", component="web-app")
    assert list(incidents_by_month([api, web])) == ["2025-02", "2025-03"]
    assert [i.id for i in incidents_by_month([api, web], "web-app")["2025-03"]] == ["web-slow"]
    figures = component_figures([api, web], NOW, "api")
    assert [(m.month, m.incident_ids, m.downtime_minutes) for m in figures.months] == [
        ("2025-02", ["api-down"], 120.0), ("2025-03", [], 0.0)]
    assert figures.months[0].uptime_percent == pytest.approx(100 * (1 - 120 / (28 * 1440)))
    overall = component_figures([api, web], NOW)
    assert overall.months[1].downtime_minutes == pytest.approx(30.0)  # 100 minutes of major at 30%
    assert overall.uptime_90_days == pytest.approx(100 * (1 - 150 / (90 * 1440)))
    # impact_between covers any range of days, the current month only up to today.
    assert len(impact_between([api], date(2025, 3, 1), date(2025, 3, 31), NOW)) == 31


def test_an_update_before_started_is_told_truthfully(tmp_path):
    """Issue 15.5: imported histories have updates before 'started' (GitHub: -469 min)."""
    from afterword.timeline.record import communication_record

    incident = incident_from(tmp_path, INCIDENT.format(
        title="Early", impact="minor", component="api", started="2025-03-04 20:00",
        first="2025-03-04 12:11", second="2025-03-04 20:30", end="2025-03-04 21:00",
    ))
    record = communication_record(incident, utc("2025-03-05 00:00"))
    assert record.first_update_minutes == -469
    assert record.summary().startswith("Customers first heard 7 hours 49 minutes before the recorded start of impact")
