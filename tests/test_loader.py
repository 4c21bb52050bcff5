"""The loader: every kind of content problem is reported at its line with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.loader import load_history
from afterword.settings import load_settings

GOOD_INCIDENT = """---
title: Card payments failing
impact: major
components: [payments]
started: 2026-03-02 09:41 UTC
---

## Investigating · 2026-03-02 09:50 UTC

We're sorry: some card payments are failing. Next update in 30 minutes.

## Resolved · 2026-03-02 10:15 UTC

Card payments work again. If you still see problems, please contact support.
"""

GOOD_POSTMORTEM = """---
title: Card payments failed for 25 minutes
incident: card
published: 2026-03-03 09:00 UTC
summary: Card payments failed for 25 minutes. We are changing how we release payment changes.
follow_ups:
  - title: Test payment changes before release
    status: planned
---

## What happened

A change stopped card payments.
"""


def write(project: Path, relpath: str, text: str | bytes) -> Path:
    path = project / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load(project: Path):
    return load_history(load_settings(project / "mkdocs.yml"))


def problems_of(project: Path) -> list[str]:
    return [p.format() for p in load(project).problems if p.is_error]


def test_a_valid_incident_and_postmortem_load_with_derived_data(scratch_project):
    write(scratch_project, "incidents/2026/card.md", GOOD_INCIDENT)
    write(scratch_project, "postmortems/card.md", GOOD_POSTMORTEM)
    history = load(scratch_project)
    assert history.problems == []
    incident = history.incident("card")
    assert incident.status == "resolved"
    assert incident.start.isoformat() == "2026-03-02T09:41:00+00:00"
    assert incident.end.isoformat() == "2026-03-02T10:15:00+00:00"
    assert incident.duration(incident.end).total_seconds() == 34 * 60
    assert [u.status for u in incident.updates] == ["investigating", "resolved"]
    assert incident.postmortems[0].id == "card"
    assert history.accounting() == {"published": 2, "draft": 0, "security": 0, "error": 0, "skipped": 0, "files": 2}


def test_updates_written_newest_first_are_put_in_time_order(scratch_project):
    newest_first = GOOD_INCIDENT.split("## Investigating")[0] + "## Resolved · 2026-03-02 10:15 UTC\n\nFixed.\n\n## Investigating · 2026-03-02 09:50 UTC\n\nLooking.\n"
    write(scratch_project, "incidents/2026/card.md", newest_first)
    incident = load(scratch_project).incident("card")
    assert [u.status for u in incident.updates] == ["investigating", "resolved"]
    assert incident.is_resolved


@pytest.mark.parametrize(
    "separator, timestamp",
    [("·", "2026-03-02 09:50 UTC"), ("—", "2026-03-02T09:50:00+00:00"), ("-", "2026-03-02T10:50+01:00"), ("|", "2026-03-02 09:50Z")],
)
def test_heading_separators_and_timestamp_forms(scratch_project, separator, timestamp):
    text = GOOD_INCIDENT.split("## Investigating")[0] + f"## Resolved {separator} {timestamp}\n\nFixed.\n"
    write(scratch_project, "incidents/2026/card.md", text)
    incident = load(scratch_project).incident("card")
    assert incident.updates[0].at.isoformat() == "2026-03-02T09:50:00+00:00"


def test_a_lone_resolved_update_is_a_valid_history(scratch_project):
    text = GOOD_INCIDENT.split("## Investigating")[0] + "## Resolved · 2026-03-02 10:15 UTC\n\nFixed.\n"
    write(scratch_project, "incidents/2026/card.md", text)
    assert load(scratch_project).incident("card").is_resolved


# One test per kind of error: (file text, expected "path:line:col: [rule]" prefix, words of the message).
ERRORS = {
    "timestamp without a zone": (
        GOOD_INCIDENT.replace("## Investigating · 2026-03-02 09:50 UTC", "## Investigating · 2026-03-02 09:50"),
        "incidents/2026/card.md:8:20: [afterword.timestamp]", "no time zone",
    ),
    "impossible date": (
        GOOD_INCIDENT.replace("started: 2026-03-02 09:41 UTC", "started: 2026-02-30 09:41 UTC"),
        "incidents/2026/card.md:5:1: [afterword.timestamp]", "not a real date",
    ),
    "unknown component": (
        GOOD_INCIDENT.replace("[payments]", "[payments, paymnts]"),
        "incidents/2026/card.md:4:24: [afterword.component]", "did you mean 'payments'",
    ),
    "unknown status": (
        GOOD_INCIDENT.replace("## Investigating", "## Fixing"),
        "incidents/2026/card.md:8:4: [afterword.status]", "Investigating, Identified, Monitoring, Resolved",
    ),
    "maintenance status in an incident": (
        GOOD_INCIDENT.replace("## Investigating", "## Scheduled"),
        "incidents/2026/card.md:8:4: [afterword.status]", "is the impact right",
    ),
    "missing required key": (
        GOOD_INCIDENT.replace("title: Card payments failing\n", ""),
        "incidents/2026/card.md:1:1: [afterword.schema]", "'title' is required",
    ),
    "wrong type": (
        GOOD_INCIDENT.replace("started: 2026-03-02 09:41 UTC", "started: 2026-03-02 09:41 UTC\ndraft: maybe"),
        "incidents/2026/card.md:6:1: [afterword.schema]", "true or false",
    ),
    "unknown impact": (
        GOOD_INCIDENT.replace("impact: major", "impact: severe"),
        "incidents/2026/card.md:3:1: [afterword.schema]", "none, minor, major, critical, maintenance",
    ),
    "misspelt key": (
        GOOD_INCIDENT.replace("title:", "titel:"),
        "incidents/2026/card.md:2:1: [afterword.schema]", "did you mean 'title'",
    ),
    "malformed YAML": (
        GOOD_INCIDENT.replace("components: [payments]", "components: [payments"),
        "incidents/2026/card.md:", "not valid YAML",
    ),
    "front matter not closed": (
        GOOD_INCIDENT.replace("---\n\n## Investigating", "\n## Investigating"),
        "incidents/2026/card.md:1:1: [afterword.frontmatter]", "not closed",
    ),
    "no front matter": (
        "## Resolved · 2026-03-02 10:15 UTC\n\nFixed.\n",
        "incidents/2026/card.md:1:1: [afterword.frontmatter]", "must start with front matter",
    ),
    "not an update heading": (
        GOOD_INCIDENT.replace("## Investigating · 2026-03-02 09:50 UTC", "## What we know"),
        "incidents/2026/card.md:8:4: [afterword.update-heading]", "not an update heading",
    ),
    "text before the first update": (
        GOOD_INCIDENT.replace("---\n\n## Investigating", "---\n\nSome intro.\n\n## Investigating"),
        "incidents/2026/card.md:8:1: [afterword.update-heading]", "text before the first update",
    ),
    "same time, different statuses": (
        GOOD_INCIDENT.replace("## Resolved · 2026-03-02 10:15 UTC", "## Resolved · 2026-03-02 09:50 UTC"),
        "incidents/2026/card.md:12:1: [afterword.timeline]", "same time",
    ),
    "empty file": ("", "incidents/2026/card.md:1:1: [afterword.frontmatter]", "empty"),
    "YAML alias": (
        GOOD_INCIDENT.replace("components: [payments]", "components: &c [payments]\ninternal: {again: *c}"),
        "incidents/2026/card.md:", "aliases",
    ),
    "YAML tag": (
        GOOD_INCIDENT.replace("title: Card payments failing", "title: !!python/object:os.system x"),
        "incidents/2026/card.md:2:", "YAML",
    ),
}


@pytest.mark.parametrize("kind", list(ERRORS))
def test_each_error_kind_is_reported_at_its_line(scratch_project, kind):
    text, location, words = ERRORS[kind]
    write(scratch_project, "incidents/2026/card.md", text)
    found = problems_of(scratch_project)
    assert any(p.startswith(location) and words in p for p in found), found
    assert load(scratch_project).accounting()["error"] == 1


def test_all_problems_are_reported_in_one_run(scratch_project):
    write(scratch_project, "incidents/2026/a.md", ERRORS["timestamp without a zone"][0])
    write(scratch_project, "incidents/2026/b.md", ERRORS["unknown component"][0])
    write(scratch_project, "incidents/2026/c.md", GOOD_INCIDENT)
    write(scratch_project, "incidents/2025/c.md", GOOD_INCIDENT)
    found = problems_of(scratch_project)
    assert any(p.startswith("incidents/2026/a.md:8:20: [afterword.timestamp]") for p in found)
    assert any(p.startswith("incidents/2026/b.md:4:24: [afterword.component]") for p in found)
    assert any("[afterword.duplicate-id]" in p and "already used by incidents/2025/c.md" in p for p in found)


def test_duplicate_ids_are_an_error(scratch_project):
    write(scratch_project, "incidents/2025/card.md", GOOD_INCIDENT)
    write(scratch_project, "incidents/2026/card.md", GOOD_INCIDENT)
    found = problems_of(scratch_project)
    assert found == ["incidents/2026/card.md:1:1: [afterword.duplicate-id] incident id 'card' is already used by incidents/2025/card.md: rename one of the files"]


def test_postmortem_for_a_missing_incident(scratch_project):
    write(scratch_project, "incidents/2026/card.md", GOOD_INCIDENT)
    write(scratch_project, "postmortems/card.md", GOOD_POSTMORTEM.replace("incident: card", "incident: crad"))
    found = problems_of(scratch_project)
    assert found == ["postmortems/card.md:3:1: [afterword.postmortem-incident] no incident with id 'crad': did you mean 'card'?"]


def test_postmortem_of_an_unpublished_incident_must_be_a_draft(scratch_project):
    write(scratch_project, "incidents/2026/card.md", GOOD_INCIDENT.replace("impact: major", "impact: major\nsecurity: true"))
    write(scratch_project, "postmortems/card.md", GOOD_POSTMORTEM)
    assert any("not published (security)" in p for p in problems_of(scratch_project))
    write(scratch_project, "postmortems/card.md", GOOD_POSTMORTEM.replace("follow_ups:", "draft: true\nfollow_ups:"))
    history = load(scratch_project)
    assert history.errors == [] and history.accounting()["security"] == 1 and history.accounting()["draft"] == 1


def test_bad_follow_up_status(scratch_project):
    write(scratch_project, "incidents/2026/card.md", GOOD_INCIDENT)
    write(scratch_project, "postmortems/card.md", GOOD_POSTMORTEM.replace("status: planned", "status: someday"))
    assert problems_of(scratch_project) == ["postmortems/card.md:8:5: [afterword.schema] follow-up status must be one of planned, in_progress, done, got 'someday'"]


def test_bom_and_crlf_are_accepted(scratch_project):
    write(scratch_project, "incidents/2026/card.md", b"\xef\xbb\xbf" + GOOD_INCIDENT.replace("\n", "\r\n").encode())
    assert load(scratch_project).incident("card").title == "Card payments failing"


def test_invalid_utf8_points_at_the_bad_byte(scratch_project):
    write(scratch_project, "incidents/2026/card.md", GOOD_INCIDENT.encode().replace(b"failing", b"fail\xffing"))
    assert problems_of(scratch_project) == ["incidents/2026/card.md:2:26: [afterword.encoding] the file is not valid UTF-8: save it as UTF-8 in your editor"]


def test_file_name_that_cannot_be_an_address(scratch_project):
    write(scratch_project, "incidents/2026/card payments é.md", GOOD_INCIDENT)
    found = problems_of(scratch_project)
    assert len(found) == 1 and "[afterword.id]" in found[0] and "rename the file to 'card-payments-e.md'" in found[0]


def test_non_markdown_files_are_reported_not_dropped(scratch_project):
    write(scratch_project, "incidents/2026/notes.txt", "scratch")
    history = load(scratch_project)
    assert history.accounting()["skipped"] == 1
    assert [p.rule for p in history.problems] == ["afterword.file"]


def test_withheld_documents_are_counted_not_published(scratch_project):
    write(scratch_project, "incidents/2026/draft.md", GOOD_INCIDENT.replace("impact: major", "impact: major\ndraft: true"))
    write(scratch_project, "incidents/2026/sec.md", GOOD_INCIDENT.replace("impact: major", "impact: major\nsecurity: true"))
    write(scratch_project, "incidents/2026/open.md", GOOD_INCIDENT.replace("impact: major", "impact: major\nsecurity: true\ndisclosed: true"))
    history = load(scratch_project)
    assert [i.id for i in history.published_incidents] == ["open"]
    assert history.accounting() == {"published": 1, "draft": 1, "security": 1, "error": 0, "skipped": 0, "files": 3}
