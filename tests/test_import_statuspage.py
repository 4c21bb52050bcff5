"""`afterword import statuspage` on GitHub's real Statuspage history (../shared/peers/statuspage-githubstatus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterword import loader
from afterword.cli import main
from afterword.importers.components import ComponentCatalog
from afterword.importers.document import DraftIncident, DraftUpdate, render_incident
from afterword.importers.markdown import to_markdown
from afterword.importers.statuspage import STATUS_MAP, convert_incident, import_statuspage
from afterword.importers.writer import write_incidents
from afterword.settings import Settings



@pytest.fixture(scope="module")
def github(shared_dir) -> Path:
    return shared_dir / "peers" / "statuspage-githubstatus"


def _source_counts(folder: Path) -> tuple[int, int]:
    incidents = updates = 0
    for path in folder.glob("*.json"):
        incident = json.loads(path.read_text())["incident"]
        incidents += 1
        updates += len(incident["incident_updates"])
    return incidents, updates


def test_every_real_incident_imports_and_loads(github, tmp_path):
    source = github / "incidents"
    catalog = ComponentCatalog()
    report = import_statuspage([source], catalog)
    assert report.problems == []
    written = write_incidents(report.incidents, tmp_path)
    history = loader.load_history(Settings(root=tmp_path, components=catalog.all_components))

    assert history.errors == []
    incidents, updates = _source_counts(source)
    assert (incidents, updates) == (1282, 2801)  # as peers/README.md says
    assert len(written.written) == len(history.incidents) == incidents
    assert report.source_updates == updates
    # Legacy one-update timelines are split (issue 15.5); every other update maps one to one.
    assert len(report.split) == 831
    assert sum(len(i.updates) for i in history.incidents) == updates - len(report.split) + sum(report.split.values())
    assert all(i.is_resolved for i in history.incidents)  # every GitHub incident in the export is resolved
    # Each file sits under the year it started, named by its Statuspage id.
    for incident in history.incidents:
        assert incident.path == f"incidents/{incident.start.year}/{incident.id}.md"
        assert (source / f"{incident.id}.json").is_file()


def test_fields_map_from_a_real_incident(github):
    raw = json.loads((github / "incidents" / "00km0kwpz23b.json").read_text())["incident"]
    incident = convert_incident(raw, ComponentCatalog())
    assert incident.title == "Incident with Actions and Git Operations"
    assert incident.impact == "minor"
    assert incident.components == ["git-operations", "actions"]
    assert incident.started.isoformat() == "2023-01-10T17:04:42.456000+00:00"
    assert [u.status for u in incident.updates] == ["investigating", "investigating", "investigating", "resolved"]
    assert incident.updates[0].body == "We are investigating reports of degraded performance for Git Operations."


def test_html_bodies_become_markdown(github):
    raw = json.loads((github / "incidents" / "gz5s7chlxwk8.json").read_text())["incident"]
    body = convert_incident(raw, ComponentCatalog()).updates[0].body
    assert "<" not in body and "](" in body  # the <a> link survives as a Markdown link
    assert to_markdown("<ul><li><strong>2011-07-28</strong> - a\\r\\nb</li></ul>") == "- **2011-07-28** - a\n  b"


def test_headings_inside_bodies_are_demoted():
    text = to_markdown("<h1>Summary</h1><p>one</p><h2>Next</h2><p>two</p>")
    assert text.splitlines()[0] == "### Summary"
    assert "### Next" in text
    assert to_markdown("## Cause\nPlain text\n\nTitle\n---\n```\n## code\n```") == "### Cause\nPlain text\n\n### Title\n```\n## code\n```"


def test_an_incidents_list_file_imports_like_single_files(github, tmp_path):
    names = ["00km0kwpz23b", "gz5s7chlxwk8", "jlx4smw4tqfv"]
    documents = [json.loads((github / "incidents" / f"{n}.json").read_text()) for n in names]
    listing = tmp_path / "incidents.json"
    listing.write_text(json.dumps({"page": documents[0]["page"], "incidents": [d["incident"] for d in documents]}))
    from_list = import_statuspage([listing], ComponentCatalog())
    from_files = import_statuspage([github / "incidents" / f"{n}.json" for n in names], ComponentCatalog())
    assert [render_incident(i) for i in from_list.incidents] == [render_incident(i) for i in from_files.incidents]
    assert [i.id for i in from_list.incidents] == sorted(names)
    # The same incident given twice (list and single file) is imported once.
    both = import_statuspage([listing, github / "incidents" / "00km0kwpz23b.json"], ComponentCatalog())
    assert len(both.incidents) == 3


def test_a_scheduled_maintenance_keeps_its_window(github, tmp_path):
    summary = github / "summary" / "summary-2b80a640-maintenance.json"
    catalog = ComponentCatalog()
    report = import_statuspage([summary], catalog)
    (maintenance,) = report.incidents
    assert maintenance.impact == "maintenance"
    assert [u.status for u in maintenance.updates] == ["scheduled", "in_progress"]
    write_incidents(report.incidents, tmp_path)
    history = loader.load_history(Settings(root=tmp_path, components=catalog.all_components))
    assert history.errors == []
    (loaded,) = history.incidents
    assert loaded.scheduled_for.isoformat() == "2025-05-29T21:30:00+00:00"
    assert loaded.scheduled_until.isoformat() == "2025-05-31T04:30:00+00:00"


def _raw(statuses: list[tuple[str, str]], impact: str = "major") -> dict:
    return {
        "id": "abc123", "name": "Test", "impact": impact, "started_at": statuses[0][1], "components": [],
        "incident_updates": [
            {"id": f"u{n}", "status": s, "body": f"text {n}", "display_at": at, "created_at": at}
            for n, (s, at) in reversed(list(enumerate(statuses)))
        ],
    }


def test_every_statuspage_status_maps_and_none_is_dropped(tmp_path):
    for kind, impact in (("incident", "major"), ("maintenance", "maintenance")):
        statuses = [(s, f"2024-01-01T10:{n:02d}:00Z") for n, s in enumerate(sorted(STATUS_MAP[kind]))]
        statuses.append(("update", "2024-01-01T11:00:00Z"))
        incident = convert_incident(_raw(statuses, impact), ComponentCatalog())
        assert len(incident.updates) == len(statuses)
        assert incident.updates[-1].status == incident.updates[-2].status  # 'update' continues the status before it
    postmortem = convert_incident(_raw([("resolved", "2024-01-01T10:00:00Z"), ("postmortem", "2024-01-02T10:00:00Z")]), ComponentCatalog())
    assert [u.status for u in postmortem.updates] == ["resolved", "resolved"]
    assert postmortem.updates[-1].body.startswith("**Postmortem**")


def test_same_time_updates_with_different_statuses_are_separated(tmp_path):
    raw = _raw([("investigating", "2024-01-01T10:00:00.100Z"), ("resolved", "2024-01-01T10:00:00.900Z"), ("resolved", "2024-01-01T10:00:00.950Z")])
    catalog = ComponentCatalog()
    incident = convert_incident(raw, catalog)
    text = render_incident(incident)
    assert "## Resolved · 2024-01-01 10:00:01 UTC" in text and "## Investigating · 2024-01-01 10:00 UTC" in text
    write_incidents([incident], tmp_path)
    history = loader.load_history(Settings(root=tmp_path, components=catalog.all_components))
    assert history.errors == []
    assert [u.status for u in history.incidents[0].updates] == ["investigating", "resolved", "resolved"]
    assert "general" in [c.id for c in catalog.all_components]  # no component named: the fallback


def test_components_map_and_project_catalog(tmp_path, github, project_root):
    (tmp_path / "mkdocs.yml").write_text((project_root / "mkdocs.yml").read_text())
    mapping = tmp_path / "map.yml"
    mapping.write_text("Git Operations: api\nVisit www.githubstatus.com for more information: null\nbr0l2tvcx85d: ci\n")
    snippet = tmp_path / "snippet.yml"
    status = main(["import", "statuspage", str(github / "incidents" / "00km0kwpz23b.json"), "--into", str(tmp_path),
                   "--components-map", str(mapping), "--catalog-out", str(snippet)])
    assert status == 0
    text = (tmp_path / "incidents" / "2023" / "00km0kwpz23b.md").read_text()
    assert "components: [api, ci]" in text and "internal: {imported_from: statuspage}" in text
    assert "- id: ci\n  name: Actions\n" in snippet.read_text()  # api is in the catalog already; ci is new


def test_import_twice_changes_nothing_and_never_overwrites_edits(github, tmp_path, capsys):
    sources = [str(github / "incidents" / f"{n}.json") for n in ("00km0kwpz23b", "gz5s7chlxwk8")]
    assert main(["import", "statuspage", *sources, "--into", str(tmp_path)]) == 0
    files = sorted((tmp_path / "incidents").rglob("*.md"))
    before = {p: p.read_bytes() for p in files}
    assert main(["import", "statuspage", *sources, "--into", str(tmp_path)]) == 0
    assert {p: p.read_bytes() for p in files} == before
    assert "0 written, 0 overwritten, 2 unchanged" in capsys.readouterr().out

    edited = files[0]
    edited.write_text(before[edited].decode() + "\nA note added by hand.\n")
    assert main(["import", "statuspage", *sources, "--into", str(tmp_path)]) == 1
    assert "A note added by hand." in edited.read_text()
    assert "use --force to overwrite" in capsys.readouterr().err
    assert main(["import", "statuspage", *sources, "--into", str(tmp_path), "--force"]) == 0
    assert edited.read_bytes() == before[edited]


def test_bad_input_is_reported_without_a_traceback(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"incident": ')
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    assert main(["import", "statuspage", str(broken), str(other), "--into", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:1:" in err and "not valid JSON" in err
    assert "not a Statuspage export" in err
    assert main(["import", "statuspage", str(tmp_path / "missing.json"), "--into", str(tmp_path)]) == 2


def test_rendered_file_shape():
    from datetime import datetime, timezone

    at = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    incident = DraftIncident("x1", "Title: with colon", "minor", ["api"], [DraftUpdate("investigating", at, "Text")], imported="statuspage")
    assert render_incident(incident) == (
        "---\ntitle: 'Title: with colon'\nimpact: minor\ncomponents: [api]\ninternal: {imported_from: statuspage}\n---\n\n"
        "## Investigating · 2024-05-01 12:00 UTC\n\nText\n"
    )


def test_legacy_one_update_timelines_are_split_into_true_durations_and_uptime(github, tmp_path):
    """Issue 15.5: GitHub's 21–22 October 2018 outage is one update holding a timestamped list."""
    from datetime import date, datetime, timezone

    from afterword.uptime import impact_between, uptime_percent

    catalog = ComponentCatalog()
    report = import_statuspage([github / "incidents" / "6swlsy1h3wy9.json"], catalog)
    write_incidents(report.incidents, tmp_path)
    history = loader.load_history(Settings(root=tmp_path, components=catalog.all_components))
    assert history.errors == []
    (outage,) = history.incidents
    assert len(outage.updates) == 38 and outage.updates[0].body == "We are investigating reports of elevated error rates."
    assert outage.updates[-1].status == "resolved" and outage.updates[-1].body == "Everything operating normally."
    assert [u.status for u in outage.updates[:-1]] == ["investigating"] * (len(outage.updates) - 1)
    assert round(outage.duration(outage.end).total_seconds() / 3600, 1) == 23.9  # 23:09 to 23:03 the next day
    days = impact_between(history.incidents, date(2018, 10, 1), date(2018, 10, 31), datetime(2019, 1, 1, tzinfo=timezone.utc), "pages")
    assert uptime_percent(days) < 100  # a major incident: 30% of its 23.9 hours count as downtime


def test_link_only_pseudo_components_are_dropped(github):
    raw = {
        "id": "x1", "name": "Incident", "impact": "minor", "started_at": "2020-01-01T10:00:00Z",
        "components": [{"id": "a", "name": "Visit www.githubstatus.com for more information"}, {"id": "b", "name": "Issues"}],
        "incident_updates": [{"status": "resolved", "body": "Fixed.", "created_at": "2020-01-01T10:30:00Z"}],
    }
    catalog = ComponentCatalog()
    assert convert_incident(raw, catalog).components == ["issues"]
    raw["components"] = raw["components"][:1]
    assert convert_incident(raw, catalog).components == [catalog.fallback()]
    assert not any("githubstatus" in c.name for c in catalog.all_components)
