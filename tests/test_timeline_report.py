"""``afterword report`` on the example content, against figures computed by hand from the files."""

from __future__ import annotations

import json

import pytest

from afterword.cli import main
from afterword.loader import load_history
from afterword.settings import load_settings

NOW = "2026-11-23 09:50 UTC"  # while the open example incident (bank sync, 23 November) is still open

# Computed by hand from incidents/2026/2026-07-21-reports-delayed.md: started 08:30, updates at
# 08:40 (promises 'by 09:15'), 09:10 (promises 'in 30 minutes' = 09:40, +5 grace), 10:05
# (promises 'by 11:00'), Resolved 10:50. First update 10 min; gaps 30, 55, 45; the 09:10 promise
# is broken (next update 10:05, 25 minutes late); duration 08:30-10:50 = 140 min; minor: no postmortem owed.
REPORTS_DELAYED = {
    "impact": "minor",
    "status": "resolved",
    "started": "2026-07-21T08:30:00Z",
    "identified": "2026-07-21T09:10:00Z",
    "resolved": "2026-07-21T10:50:00Z",
    "duration_minutes": 140,
    "updates": 4,
    "time_to_first_update_minutes": 10,
    "longest_gap_minutes": 55,
    "promises": {"made": 3, "kept": 2, "broken": 1, "pending": 0},
    "time_to_postmortem_minutes": None,
}

# From incidents/2025/2025-08-14-card-payments-failing.md and its postmortem: started 10:02,
# updates 10:09, 10:28, 10:55, 11:25, 11:52, 12:40, Resolved 13:20; each of the six promises
# ('by 10:30' … 'by 13:30') kept; first update 7 min; gaps 19, 27, 30, 27, 48, 40; duration
# 108 min (impact ended 11:50, as its postmortem says); postmortem published 2025-08-15 11:00, 21 h 40 min = 1300 min after resolution.
CARD_PAYMENTS = {
    "impact": "critical",
    "status": "resolved",
    "started": "2025-08-14T10:02:00Z",
    "identified": "2025-08-14T10:55:00Z",
    "resolved": "2025-08-14T13:20:00Z",
    "duration_minutes": 108,  # impact: started 10:02 to ended 11:50 (the postmortem's "Impact ended")
    "updates": 7,
    "time_to_first_update_minutes": 7,
    "longest_gap_minutes": 48,
    "promises": {"made": 6, "kept": 6, "broken": 0, "pending": 0},
    "time_to_postmortem_minutes": 1300,
}


@pytest.fixture(scope="module")
def example(project_root):
    if not (project_root / "incidents" / "2026" / "2026-07-21-reports-delayed.md").is_file():
        pytest.skip("the example content is not in incidents/")
    return project_root


def report_json(capsys, root, *extra) -> dict:
    assert main(["report", "--config", str(root / "mkdocs.yml"), "--format", "json", "--now", NOW, *extra]) == 0
    return json.loads(capsys.readouterr().out)


def by_id(report):
    return {row["id"]: row for row in report["incidents"]}


@pytest.mark.parametrize(("incident_id", "expected"), [
    ("2026-07-21-reports-delayed", REPORTS_DELAYED),
    ("2025-08-14-card-payments-failing", CARD_PAYMENTS),
])
def test_hand_computed_figures(capsys, example, incident_id, expected):
    row = by_id(report_json(capsys, example))[incident_id]
    assert {key: row[key] for key in expected} == expected


def test_exactly_one_example_incident_breaks_a_promise(capsys, example):
    report = report_json(capsys, example)
    broken = [row for row in report["incidents"] if row["promises"]["broken"]]
    assert [row["id"] for row in broken] == ["2026-07-21-reports-delayed"]
    assert broken[0]["checks"]["Afterword.BrokenPromise"] == "warning"
    [problem] = [p for p in broken[0]["problems"] if p["rule"] == "Afterword.BrokenPromise"]
    assert (problem["path"], problem["line"], problem["match"]) == ("incidents/2026/2026-07-21-reports-delayed.md", 12, "in 30 minutes")
    assert report["totals"]["checks"]["Afterword.BrokenPromise"]["warning"] == 1
    assert report["totals"]["promises"]["broken"] == 1


def test_card_payments_pass_every_check(capsys, example):
    row = by_id(report_json(capsys, example))["2025-08-14-card-payments-failing"]
    assert set(row["checks"].values()) == {"pass"}
    assert row["problems"] == []
    assert [p["id"] for p in row["postmortems"]] == ["2025-08-14-card-payments-failing"]


def test_withheld_incidents_stay_out_unless_asked(capsys, example):
    history = load_history(load_settings(example / "mkdocs.yml"))
    withheld = [i for i in history.incidents if not i.is_published]
    assert withheld, "the example content should include withheld incidents"
    default = report_json(capsys, example)
    text = json.dumps(default)
    for incident in withheld:
        assert incident.id not in text and incident.title not in text
    assert main(["report", "--config", str(example / "mkdocs.yml"), "--now", NOW]) == 0
    markdown = capsys.readouterr().out
    for incident in withheld:
        assert incident.id not in markdown and incident.title not in markdown
    everything = by_id(report_json(capsys, example, "--all"))
    for incident in withheld:
        assert everything[incident.id]["withheld"] == incident.withheld_reason


def test_since_filters_by_start_of_impact(capsys, example):
    report = report_json(capsys, example, "--since", "2026-07-01")
    assert report["since"] == "2026-07-01"
    assert report["incidents"] and all(row["started"] >= "2026-07-01" for row in report["incidents"])
    assert "2025-08-14-card-payments-failing" not in by_id(report)


def test_markdown_has_a_table_per_incident_and_totals(capsys, example):
    assert main(["report", "--config", str(example / "mkdocs.yml"), "--now", NOW]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# Communication report")
    assert "## Totals" in markdown and "| Afterword.BrokenPromise |" in markdown
    section = markdown.split("### Reports showing old figures", 1)[1].split("\n### ", 1)[0]
    assert "| Time to first update | 10 min |" in section
    assert "| Longest gap between updates | 55 min |" in section
    assert "| Promised updates kept | 2 of 3 |" in section
    assert "`incidents/2026/2026-07-21-reports-delayed.md:12`" in section


def test_bad_arguments_are_usage_errors(capsys, example):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--config", str(example / "mkdocs.yml"), "--since", "last week"])
    assert exit_info.value.code == 2
    assert "write it like 2026-01-31" in capsys.readouterr().err
