"""The Lumen example content (incidents/, postmortems/) is the first thing a new user sees.

It also doubles as the fixture other suites rely on (no-leak, search and lint tests), so these
tests pin the properties it was written to have: every impact level, one open incident, withheld
drafts and security incidents, postmortems with the sections customers expect.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from afterword.loader import load_history
from afterword.model import IMPACTS
from afterword.status import is_active_maintenance, is_open, is_upcoming_maintenance, status_at
from afterword.timestamps import parse_timestamp

EXAMPLE_NOW = parse_timestamp("2026-11-23 10:00 UTC")  # the tests' frozen clock (AFTERWORD_NOW)
from afterword.settings import load_settings

POSTMORTEM_SECTIONS = ("What happened", "Impact on customers", "How we responded", "What we are changing")
# Promises as the example content words them: "next update by 14:30 UTC" / "next update in 30 minutes".
PROMISE_BY = re.compile(r"next update by (\d{2}):(\d{2}) UTC")
PROMISE_IN = re.compile(r"next update in (\d+) minutes")


@pytest.fixture(scope="module")
def history(project_root):
    return load_history(load_settings(project_root / "mkdocs.yml"))


def _months_spanned(incidents) -> int:
    starts = sorted(i.start for i in incidents)
    first, last = starts[0], starts[-1]
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _promised_by(update):
    match = PROMISE_BY.search(update.body)
    if match:
        return update.at.replace(hour=int(match[1]), minute=int(match[2]))
    match = PROMISE_IN.search(update.body)
    if match:
        return update.at + timedelta(minutes=int(match[1]))
    return None


def test_loads_without_problems(history):
    assert [p.format() for p in history.problems] == []
    counts = history.accounting()
    assert counts["error"] == 0 and counts["skipped"] == 0
    assert counts["files"] == len(history.incidents) + len(history.postmortems)


def test_history_is_long_and_varied(history):
    published = history.published_incidents
    assert len(published) >= 12
    assert _months_spanned(published) >= 18
    assert {i.impact for i in published} == set(IMPACTS)
    assert len({c for i in published for c in i.components}) >= 5
    lengths = [len(i.updates) for i in published]
    assert min(lengths) == 1 and max(lengths) >= 6


def test_one_incident_is_open_at_the_examples_moment_and_none_on_any_later_date(history):
    """Issue 15.7: a fresh clone built on any date has no stale ongoing incident (its Resolved update is
    dated after the tests' frozen clock, so the tests still see it open)."""
    open_then = [i for i in history.published_incidents if is_open(i, EXAMPLE_NOW)]
    assert len(open_then) == 1 and status_at(open_then[0], EXAMPLE_NOW) in ("monitoring", "identified")
    last = max(u.at for i in history.published_incidents for u in i.updates)
    for later in (last, last + timedelta(days=400)):
        assert [i.id for i in history.published_incidents if is_open(i, later) or is_active_maintenance(i, later)] == []
        assert not any(is_upcoming_maintenance(i, later) for i in history.published_incidents)


def test_maintenance_past_and_upcoming(history):
    maintenances = [i for i in history.published_incidents if i.is_maintenance]
    statuses = [[u.status for u in i.updates] for i in maintenances]
    assert ["scheduled", "in_progress", "verifying", "completed"] in statuses
    assert any(is_upcoming_maintenance(i, EXAMPLE_NOW) for i in maintenances)
    assert all(i.scheduled_for and i.scheduled_until for i in maintenances)


def test_withheld_examples_exist(history):
    security = [i for i in history.incidents if i.withheld_reason == "security"]
    drafts = [i for i in history.incidents if i.withheld_reason == "draft"]
    draft_postmortems = [p for p in history.postmortems if p.draft]
    assert len(security) == 1 and not security[0].disclosed
    assert len(drafts) == 1
    assert len(draft_postmortems) == 1
    assert draft_postmortems[0].incidents[0].is_published  # withheld by its own draft flag


def test_some_incidents_keep_internal_notes(history):
    assert sum(1 for i in history.incidents if isinstance(i.internal, dict)) >= 3


def test_one_file_lists_updates_newest_first(history):
    newest_first = [i for i in history.incidents if i.updates[0].order > i.updates[-1].order]
    assert newest_first


def test_first_update_of_major_incidents_apologises(history):
    for incident in history.published_incidents:
        if incident.impact in ("major", "critical"):
            assert "sorry" in incident.first_update.body.lower(), incident.id


def test_customers_hear_within_15_minutes_and_at_least_hourly(history):
    for incident in history.incidents:
        if incident.is_maintenance:
            continue
        assert incident.first_update.at - incident.start <= timedelta(minutes=15), incident.id
        for previous, current in zip(incident.updates, incident.updates[1:]):
            assert current.at - previous.at <= timedelta(hours=1), (incident.id, previous.at)


def test_every_open_update_promises_the_next_and_one_promise_is_broken(history):
    broken = []
    for incident in history.incidents:
        for previous, current in zip(incident.updates, incident.updates[1:]):
            if previous.status == "scheduled":
                continue  # "We will post an update when the work starts."
            due = _promised_by(previous)
            assert due is not None, (incident.id, previous.at)
            if current.at > due:
                broken.append((incident.id, previous.at, current.at))
        if incident.is_resolved:
            assert "support" in incident.latest_update.body, incident.id
        elif not incident.is_maintenance:
            assert _promised_by(incident.latest_update) is not None, incident.id
    # Exactly one deliberate broken promise, for the promise-keeping checks to find.
    assert len(broken) == 1
    assert broken[0][2] - broken[0][1] == timedelta(minutes=55)


def test_published_postmortems(history):
    published = history.published_postmortems
    assert len(published) == 3
    assert any(len(p.incident_ids) > 1 for p in published)
    assert {i.impact for p in published for i in p.incidents} >= {"critical", "major"}
    within_a_day = [p for p in published if any(p.published - i.end <= timedelta(hours=24) for i in p.incidents)]
    assert len(within_a_day) >= 2
    for postmortem in published:
        headings = re.findall(r"^## (.+)$", postmortem.body, flags=re.MULTILINE)
        for section in POSTMORTEM_SECTIONS:
            assert section in headings, (postmortem.id, section)
        impact = postmortem.body.split("## Impact on customers", 1)[1].split("\n## ", 1)[0]
        assert "data was lost" in impact, postmortem.id  # says plainly whether data was lost
        assert "We are sorry" in postmortem.body, postmortem.id
        assert 2 <= len(postmortem.timeline) <= 4
        assert {f.status for f in postmortem.follow_ups} == {"planned", "in_progress", "done"}
        assert len(postmortem.body.split()) >= 600, postmortem.id


def _public_text(history) -> str:
    parts = []
    for incident in history.published_incidents:
        parts += [incident.title, *(u.body for u in incident.updates)]
    for postmortem in history.published_postmortems:
        parts += [postmortem.title, postmortem.summary, postmortem.body, *(f.title for f in postmortem.follow_ups)]
    return " ".join(" ".join(parts).split())


def _internal_values(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _internal_values(item)
    elif value is not None:
        yield str(value)


def test_withheld_text_is_distinct_from_published_text(history):
    # The no-leak checks search the built site for withheld sentences and internal values;
    # a withheld sentence that a published page also uses would be a false alarm.
    public = _public_text(history)
    withheld = [d for d in [*history.incidents, *history.postmortems] if not d.is_published]
    for document in withheld:
        assert document.title not in public
        bodies = [u.body for u in document.updates] if hasattr(document, "updates") else [document.summary, document.body]
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(" ".join(bodies).split())):
            if len(sentence) >= 24:
                assert sentence not in public, (document.path, sentence)
    for document in [*history.incidents, *history.postmortems]:
        for value in _internal_values(document.internal):
            assert value not in public, (document.path, value)


def test_unique_search_word_appears_in_one_postmortem_only(history):
    # Browser search tests look this word up and expect exactly one result.
    holders = [p.id for p in history.postmortems if "reconciliation" in (p.body + p.summary).lower()]
    holders += [i.id for i in history.incidents if "reconciliation" in " ".join(u.body for u in i.updates).lower()]
    assert holders == ["2026-03-bank-sync"]
