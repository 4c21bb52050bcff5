"""`afterword import cstate` on cState's own example issues (../shared/peers/cstate-example)."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword import loader
from afterword.cli import main
from afterword.importers.components import ComponentCatalog
from afterword.importers.cstate import import_cstate
from afterword.importers.writer import write_incidents
from afterword.settings import Settings



@pytest.fixture(scope="module")
def example(shared_dir) -> Path:
    return shared_dir / "peers" / "cstate-example"


@pytest.fixture
def imported(example, tmp_path):
    catalog = ComponentCatalog()
    report = import_cstate([example], catalog)
    write_incidents(report.incidents, tmp_path)
    history = loader.load_history(Settings(root=tmp_path, components=catalog.all_components))
    return report, history, {i.id: i for i in history.incidents}


def test_every_issue_file_imports_and_loads(example, imported):
    report, history, _ = imported
    issue_files = [p for p in example.glob("*.md") if "\ndate:" in p.read_text()]
    assert len(issue_files) == 11
    assert history.errors == []
    assert len(history.incidents) == len(issue_files)
    # The one page that is not an issue (a system's description) is skipped, and says so.
    (skipped,) = report.problems
    assert skipped.path.endswith("affected-api-_index.md") and skipped.severity == "warning"


def test_severity_informational_and_maintenance_map_to_impact(imported):
    _, _, by_id = imported
    assert by_id["2018-04-13-unavailable-guilds-connection-issues"].impact == "critical"  # down
    assert by_id["2018-01-17-sending-dms-impacted"].impact == "major"  # disrupted
    assert by_id["i-testing-cstate-functions"].impact == "none"  # informational
    maintenance = by_id["2024-02-24-maintenance-window"]
    assert maintenance.impact == "maintenance"
    assert [u.status for u in maintenance.updates] == ["scheduled", "completed"]
    assert (maintenance.scheduled_for.isoformat(), maintenance.scheduled_until.isoformat()) == ("2024-02-24T10:35:00+00:00", "2024-02-24T11:35:00+00:00")


def test_labelled_updates_keep_their_times_and_order(imported):
    _, _, by_id = imported
    guilds = by_id["2018-04-13-unavailable-guilds-connection-issues"]
    assert guilds.components == ["api", "media-proxy"]
    assert [(u.status, u.at.strftime("%H:%M:%S")) for u in guilds.updates] == [
        ("investigating", "15:54:00"), ("monitoring", "16:50:00"), ("monitoring", "17:30:00"), ("resolved", "17:30:01"),
    ]
    assert guilds.updates[-1].body.startswith("**Post-mortem:** At approximately 14:01")
    assert all("{{<" not in u.body for i in by_id.values() for u in i.updates)


def test_resolved_flag_closes_the_issue(imported):
    _, _, by_id = imported
    dms = by_id["2018-01-17-sending-dms-impacted"]  # '*Update* - This incident has been resolved.' is the last update
    assert [(u.status, u.at.isoformat()) for u in dms.updates] == [
        ("investigating", "2017-12-17T16:24:00+00:00"), ("resolved", "2017-12-19T16:58:00+00:00")]
    assert dms.updates[-1].body == "This incident has been resolved."
    assert not by_id["2024-12-27-dns-resolution-api"].is_resolved  # resolved: false stays open
    assert all(i.is_resolved for k, i in by_id.items() if k != "2024-12-27-dns-resolution-api")


def test_import_is_idempotent_and_zones_apply(example, tmp_path, capsys):
    assert main(["import", "cstate", str(example), "--into", str(tmp_path)]) == 0
    files = {p: p.read_bytes() for p in (tmp_path / "incidents").rglob("*.md")}
    assert len(files) == 11
    assert main(["import", "cstate", str(example), "--into", str(tmp_path)]) == 0
    assert {p: p.read_bytes() for p in (tmp_path / "incidents").rglob("*.md")} == files
    assert "0 written, 0 overwritten, 11 unchanged" in capsys.readouterr().out

    berlin = tmp_path / "berlin"
    assert main(["import", "cstate", str(example / "2018-01-17-sending-dms-impacted.md"), "--into", str(berlin), "--timezone", "Europe/Berlin"]) == 0
    assert "## Investigating · 2017-12-17 15:24 UTC" in (berlin / "incidents" / "2017" / "2018-01-17-sending-dms-impacted.md").read_text()
    assert main(["import", "cstate", str(example), "--into", str(berlin), "--timezone", "Mars/Olympus"]) == 2


def test_style_findings_on_imported_history_are_warnings(example, tmp_path, project_root, monkeypatch, capsys):
    """cState's examples break the house style (an exclamation mark, no apology); imported, they must not block."""
    pytest.importorskip("afterword.commands.lint", reason="afterword lint is not in this checkout")
    (tmp_path / "mkdocs.yml").write_text((project_root / "mkdocs.yml").read_text())
    (tmp_path / "styleguide").symlink_to(project_root / "styleguide")
    mapping = tmp_path / "map.yml"
    mapping.write_text("API: api\nMedia Proxy: api\n'*': web-app\n")
    assert main(["import", "cstate", str(example), "--into", str(tmp_path), "--components-map", str(mapping)]) == 0
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["lint", "--config", "mkdocs.yml"]) == 0
    out = capsys.readouterr().out
    assert "(imported: a warning, not an error)" in out
