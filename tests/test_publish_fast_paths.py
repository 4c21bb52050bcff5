"""Fast paths of the machine outputs give exactly what the plain ways give."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword import timestamps
from afterword.publish import calendar, ids
from afterword.publish.api import StatuspageApi, response_bytes
from afterword.publish.site import json_bytes

from publish_helpers import load, write_incident, write_postmortem

MANY = settings(max_examples=1000, deadline=None)


@MANY
@given(st.one_of(st.text(alphabet="ab ,;\\", max_size=400), st.text(max_size=200)))
def test_fold_equals_folding_char_by_char(line):
    assert calendar._fold(line) == calendar._fold_by_character(line)


@MANY
@given(st.datetimes(min_value=datetime(1000, 1, 2), timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))])))
def test_times_formatted_field_by_field_equal_strftime(moment):
    utc = moment.astimezone(timezone.utc)
    assert ids.statuspage_time(moment) == f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"
    assert timestamps.iso_utc(moment) == utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert timestamps.format_utc(moment) == utc.strftime("%Y-%m-%d %H:%M UTC")


def test_update_ids_follow_an_edit_of_time_or_status(scratch_project):
    write_incident(scratch_project, "2025-05-01-api", [("Investigating", "2025-05-01 10:00 UTC", "Slow."),
                                                       ("Resolved", "2025-05-01 11:00 UTC", "Fixed.")])
    incident = load(scratch_project)[0].incidents[0]
    first = ids.update_ids(incident)
    assert first == ids._hash_update_ids(incident) and ids.update_ids(incident) == first
    incident.updates[1].at = datetime(2025, 5, 1, 11, 5, tzinfo=timezone.utc)
    assert ids.update_ids(incident) == ids._hash_update_ids(incident) != first
    incident.updates[1].status = "monitoring"
    assert ids.update_ids(incident) == ids._hash_update_ids(incident)


def test_api_responses_equal_encoding_each_whole(scratch_project):
    """Every response of a history with shared incidents, markup and non-ASCII text, byte for byte."""
    root = scratch_project
    write_incident(root, "2025-05-01-api", [
        ("Investigating", "2025-05-01 10:00 UTC", "Requests <b>fail</b> & **retry**. Café [guide](/guides/)."),
        ("Resolved", "2025-05-01 11:00 UTC", "Fixed \u2028 now."),
    ], title="API <errors> & \"quotes\" é", impact="major", components=("api", "webhooks"))
    write_postmortem(root, "2025-05-api", "2025-05-01-api", "2025-05-03 09:00 UTC")
    write_incident(root, "2025-06-01-payments", [("Identified", "2025-06-01 11:00 UTC", "Card payments fail.")],
                   impact="critical", components=("payments",))
    write_incident(root, "2025-06-01-upgrade", [("Scheduled", "2025-05-20 09:00 UTC", "We will upgrade reports."),
                                                ("In progress", "2025-06-01 11:45 UTC", "Started.")],
                   impact="maintenance", components=("reports",), scheduled_for="2025-06-01 11:45 UTC")
    history, settings = load(root)
    responses = StatuspageApi(history, settings, datetime(2025, 6, 1, 12, tzinfo=timezone.utc)).responses()
    encoded: dict[int, str] = {}
    for body in responses.values():
        assert response_bytes(body, encoded) == json_bytes(body, compact=True)
    assert len(responses) > 8 and len(encoded) < sum(len(body) for body in responses.values())  # shared objects encoded once
