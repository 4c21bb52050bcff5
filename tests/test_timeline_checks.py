"""Communication checks: each with a timeline that passes and one that fails, plus the config."""

from __future__ import annotations

import pytest

from afterword.problems import ContentError
from afterword.timeline import check_incident, check_postmortem, communication_record, parse_checks_config
from timeline_support import history_from, incident_from, practice_incident_text, utc

NOW = utc("2025-03-10 00:00")
PRACTICE_NOW = utc("2025-03-04 18:00")  # the practice incident is major: its postmortem is not due yet
LATER = utc("2025-03-20 00:00")


def rules(problems):
    return sorted(p.rule for p in problems)


def incident(tmp_path, updates: str, front: str = "impact: minor\ncomponents: [api]", checks=None):
    return incident_from(tmp_path, f"---\ntitle: T\n{front}\n---\n\n{updates}", checks=checks)


GOOD_END = "## Resolved · 2025-03-04 13:00 UTC\n\nFixed. If you still see errors, contact our support team.\n"


# --- the practice timeline -------------------------------------------------------------------

def test_practice_timeline_keeps_every_promise(tmp_path):
    found = incident_from(tmp_path, practice_incident_text())
    record = communication_record(found, PRACTICE_NOW)
    assert (record.promises_made, record.promises_kept, record.promises_broken) == (6, 6, 0)
    assert record.first_update_minutes == 5
    assert record.longest_gap_minutes == 30
    assert [p.promise.due for p in record.promises] == [
        utc("2025-03-04 12:25"), utc("2025-03-04 12:40"), utc("2025-03-04 13:10"),
        utc("2025-03-04 13:30"), utc("2025-03-04 13:55"), utc("2025-03-04 14:00"),
    ]
    assert check_incident(found, None, PRACTICE_NOW) == []


def test_practice_timeline_with_one_broken_promise(tmp_path):
    found = incident_from(tmp_path, practice_incident_text(last_monitoring_minutes=15))
    problems = check_incident(found, None, PRACTICE_NOW)
    assert rules(problems) == ["Afterword.BrokenPromise"]
    monitoring = found.updates[4]  # the 13:30 update promised 13:45; the next came at 13:55
    assert (problems[0].path, problems[0].line, problems[0].severity) == (found.path, monitoring.line, "warning")
    assert problems[0].match == "in the next 15 minutes"
    assert "10 minutes late" in problems[0].message
    assert communication_record(found, PRACTICE_NOW).promises_kept == 5


def test_grace_period_is_configurable(tmp_path):
    found = incident_from(tmp_path, practice_incident_text(last_monitoring_minutes=15))
    assert check_incident(found, parse_checks_config({"promise_grace_minutes": 10}), PRACTICE_NOW) == []


# --- cadence -----------------------------------------------------------------------------------

def test_cadence_passes_with_hourly_updates(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:00 UTC\n\nLooking.\n\n## Identified · 2025-03-04 12:59 UTC\n\nFound.\n\n" + GOOD_END)
    assert check_incident(found, None, NOW) == []


def test_cadence_flags_a_long_silence_at_the_late_update(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 11:00 UTC\n\nLooking.\n\n## Identified · 2025-03-04 12:30 UTC\n\nFound.\n\n" + GOOD_END)
    problems = check_incident(found, None, NOW)
    assert rules(problems) == ["Afterword.Cadence"]
    assert problems[0].line == found.updates[1].line
    assert "90 minutes" in problems[0].message


def test_cadence_flags_an_open_incident_left_silent(tmp_path):
    found = incident(tmp_path, "## Monitoring · 2025-03-04 12:00 UTC\n\nWatching.\n")
    assert rules(check_incident(found, None, utc("2025-03-04 12:30"))) == []
    assert rules(check_incident(found, None, utc("2025-03-04 13:30"))) == ["Afterword.Cadence"]


def test_cadence_does_not_count_the_pause_after_resolved(tmp_path):
    found = incident(tmp_path, (
        "## Investigating · 2025-03-04 10:00 UTC\n\nLooking.\n\n"
        "## Resolved · 2025-03-04 10:30 UTC\n\nFixed. Contact support if needed.\n\n"
        "## Investigating · 2025-03-04 15:00 UTC\n\nBack again.\n\n"
        "## Resolved · 2025-03-04 15:30 UTC\n\nFixed again. Contact support if needed.\n"
    ))
    assert check_incident(found, None, NOW) == []


# --- first update --------------------------------------------------------------------------

def test_first_update_within_fifteen_minutes(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:15 UTC\n\nLooking.\n\n" + GOOD_END, "impact: minor\ncomponents: [api]\nstarted: 2025-03-04 12:00 UTC")
    assert check_incident(found, None, NOW) == []


def test_first_update_late(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:16 UTC\n\nLooking.\n\n" + GOOD_END, "impact: minor\ncomponents: [api]\nstarted: 2025-03-04 12:00 UTC")
    problems = check_incident(found, None, NOW)
    assert rules(problems) == ["Afterword.FirstUpdateLate"]
    assert problems[0].line == found.first_update.line and "16 minutes" in problems[0].message


# --- all-clear -----------------------------------------------------------------------------

def test_all_clear_invites_customers_to_get_in_touch(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:30 UTC\n\nLooking.\n\n## Resolved · 2025-03-04 13:00 UTC\n\nFixed. If anything still looks wrong, please reach out.\n")
    assert check_incident(found, None, NOW) == []


def test_all_clear_without_invitation(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:30 UTC\n\nLooking.\n\n## Resolved · 2025-03-04 13:00 UTC\n\nFixed.\n")
    problems = check_incident(found, None, NOW)
    assert rules(problems) == ["Afterword.AllClear"]
    assert problems[0].line == found.latest_update.line


@pytest.mark.parametrize("body", ["Fixed. Support tickets remain paused until tomorrow.", "Fixed. We support CSV exports again."])
def test_the_bare_word_support_is_no_invitation(tmp_path, body):
    found = incident(tmp_path, f"## Investigating · 2025-03-04 12:30 UTC\n\nLooking.\n\n## Resolved · 2025-03-04 13:00 UTC\n\n{body}\n")
    assert rules(check_incident(found, None, NOW)) == ["Afterword.AllClear"]


def test_all_clear_not_due_while_monitoring(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:30 UTC\n\nLooking.\n\n## Monitoring · 2025-03-04 13:00 UTC\n\nWatching.\n")
    assert check_incident(found, None, utc("2025-03-04 13:10")) == []


# --- impossible timelines ------------------------------------------------------------------

def test_reopening_after_resolved_is_possible(tmp_path):
    found = incident(tmp_path, (
        "## Investigating · 2025-03-04 12:00 UTC\n\nLooking.\n\n## Resolved · 2025-03-04 12:30 UTC\n\nFixed. Contact support.\n\n"
        "## Identified · 2025-03-04 12:45 UTC\n\nIt came back.\n\n" + GOOD_END
    ))
    assert check_incident(found, None, NOW) == []


def test_monitoring_after_resolved_is_impossible(tmp_path):
    found = incident(tmp_path, (
        "## Investigating · 2025-03-04 12:00 UTC\n\nLooking.\n\n## Resolved · 2025-03-04 12:30 UTC\n\nFixed. Contact support.\n\n"
        "## Monitoring · 2025-03-04 12:45 UTC\n\nWatching.\n\n" + GOOD_END
    ))
    problems = check_incident(found, None, NOW)
    assert rules(problems) == ["Afterword.ImpossibleTimeline"]
    assert problems[0].line == found.updates[2].line


def test_update_before_started_is_impossible(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 11:55 UTC\n\nLooking.\n\n" + GOOD_END.replace("13:00", "12:30"), "impact: minor\ncomponents: [api]\nstarted: 2025-03-04 12:00 UTC")
    problems = check_incident(found, None, NOW)
    assert rules(problems) == ["Afterword.ImpossibleTimeline"]
    assert problems[0].line == found.first_update.line


def test_updates_written_newest_first_are_checked_in_time_order(tmp_path):
    found = incident(tmp_path, GOOD_END + "\n## Identified · 2025-03-04 12:40 UTC\n\nFound.\n\n## Investigating · 2025-03-04 12:10 UTC\n\nLooking. We will update in 30 minutes.\n")
    assert [u.status for u in found.updates] == ["investigating", "identified", "resolved"]
    assert check_incident(found, None, NOW) == []


# --- promises on open incidents -------------------------------------------------------------

def test_open_incident_promise_pending_then_broken(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:00 UTC\n\nLooking. Next update by 12:30 UTC.\n")
    assert check_incident(found, None, utc("2025-03-04 12:34")) == []
    assert communication_record(found, utc("2025-03-04 12:34")).promises_pending == 1
    assert rules(check_incident(found, None, utc("2025-03-04 12:36"))) == ["Afterword.BrokenPromise"]


def test_a_final_resolved_update_needs_no_promise(tmp_path):
    found = incident(tmp_path, "## Investigating · 2025-03-04 12:30 UTC\n\nLooking. Next update in 20 minutes.\n\n## Resolved · 2025-03-04 12:45 UTC\n\nFixed. We will update in 10 minutes if anything changes. Contact support.\n")
    assert check_incident(found, None, NOW) == []
    assert communication_record(found, NOW).promises_made == 1


# --- maintenance ---------------------------------------------------------------------------

MAINTENANCE = """---
title: Database upgrade
impact: maintenance
components: [api]
scheduled_for: 2025-03-08 02:00 UTC
scheduled_until: 2025-03-08 03:00 UTC
---

## Scheduled · {announced}

We will upgrade the database. The API is read-only during the work.

## In progress · 2025-03-08 02:00 UTC

The work has started. Next update by 02:30 UTC.

## Completed · 2025-03-08 02:{done} UTC

The work is complete.
"""


def test_maintenance_needs_no_cadence_while_scheduled(tmp_path):
    found = incident_from(tmp_path, MAINTENANCE.format(announced="2025-03-01 09:00 UTC", done="25"))
    assert check_incident(found, None, NOW) == []
    record = communication_record(found, NOW)
    assert (record.first_update_minutes, record.notice_minutes, record.longest_gap_minutes) == (None, 9660, 25)


def test_maintenance_announced_late_and_promise_broken(tmp_path):
    found = incident_from(tmp_path, MAINTENANCE.format(announced="2025-03-01 09:00 UTC", done="40"))
    assert rules(check_incident(found, None, NOW)) == ["Afterword.BrokenPromise"]
    late_text = MAINTENANCE.format(announced="2025-03-08 02:10 UTC", done="25").replace("In progress · 2025-03-08 02:00", "In progress · 2025-03-08 02:11")
    late = incident_from(tmp_path, late_text, name="late.md")
    assert rules(check_incident(late, None, NOW)) == ["Afterword.FirstUpdateLate"]


# --- postmortems ---------------------------------------------------------------------------

MAJOR = """---
title: Payments failing
impact: major
components: [payments]
started: 2025-03-04 12:00 UTC
---

## Investigating · 2025-03-04 12:05 UTC

Payments fail. Next update in 30 minutes.

## Resolved · 2025-03-04 12:30 UTC

Fixed. Contact support if payments still fail.
"""

POSTMORTEM = """---
title: Payments failed
incident: payments
published: {published}
summary: Payments failed for 25 minutes.
---

What happened.
"""


def test_postmortem_within_a_day(tmp_path):
    history = history_from(tmp_path, {"payments.md": MAJOR}, {"pm.md": POSTMORTEM.format(published="2025-03-05 12:30 UTC")})
    assert check_postmortem(history.postmortems[0], history.settings) == []
    assert check_incident(history.incidents[0], history.settings, LATER) == []


def test_postmortem_late(tmp_path):
    history = history_from(tmp_path, {"payments.md": MAJOR}, {"pm.md": POSTMORTEM.format(published="2025-03-05 13:00 UTC")})
    problems = check_postmortem(history.postmortems[0], history.settings)
    assert rules(problems) == ["Afterword.PostmortemLate"]
    assert (problems[0].path, problems[0].line) == ("postmortems/pm.md", 4)  # the 'published' key


def test_missing_postmortem_after_the_deadline(tmp_path):
    history = history_from(tmp_path, {"payments.md": MAJOR})
    assert check_incident(history.incidents[0], history.settings, utc("2025-03-05 12:00")) == []
    problems = check_incident(history.incidents[0], history.settings, LATER)
    assert rules(problems) == ["Afterword.PostmortemLate"]
    assert problems[0].line == 3  # the 'impact' key


# --- configuration -------------------------------------------------------------------------

def test_severity_and_thresholds_come_from_config(tmp_path):
    history = history_from(tmp_path, {"payments.md": MAJOR.replace("12:30 UTC\n\nFixed", "13:40 UTC\n\nFixed")},
                           checks={"cadence_minutes": 120, "rules": {"BrokenPromise": "error", "postmortem-late": False}})
    problems = check_incident(history.incidents[0], history.settings, LATER)
    assert [(p.rule, p.severity) for p in problems] == [("Afterword.BrokenPromise", "error")]


def test_defaults():
    config = parse_checks_config(None)
    assert (config.cadence_minutes, config.promise_grace_minutes, config.first_update_minutes, config.postmortem_hours) == (60, 5, 15, 24)
    assert config.show_communication_record is False
    assert {config.severity(rule) for rule in config.severities} == {"warning"}


@pytest.mark.parametrize("raw", [
    {"cadence_minute": 60},
    {"cadence_minutes": "an hour"},
    {"rules": {"Cadense": "error"}},
    {"rules": {"Cadence": "fatal"}},
    {"postmortem_impacts": ["huge"]},
    ["cadence_minutes"],
])
def test_bad_config_says_what_to_write(raw):
    with pytest.raises(ContentError, match="extra.afterword.checks"):
        parse_checks_config(raw)
