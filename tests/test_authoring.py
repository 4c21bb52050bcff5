"""afterword new: incidents, updates, postmortem skeletons and notices from the house templates.

Every command runs in-process through afterword.cli.main with --config on a clean scratch project;
"valid" always means the real loader loads the project with zero problems.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from afterword import loader
from afterword.authoring import (
    STATUS_TEMPLATES, Facts, load_template, placeholder_values, render, status_for_template, template_names,
)
from afterword.authoring.files import slugify
from afterword.cli import main
from afterword.loader import load_history
from afterword.settings import load_settings
from afterword.timeline import find_promise

AT = "2026-01-20 12:15 UTC"
T0 = datetime(2026, 1, 20, 12, 15, tzinfo=timezone.utc)
INCIDENT_ID = "2026-01-20-api-requests-failing"
PROMISE = "We will post the next update by"
SPECIAL = ("apology", "customer-notice", "postmortem")  # not status-page updates


def run(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([*args, "--config", str(project / "mkdocs.yml")])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def history(project: Path):
    return load_history(load_settings(project / "mkdocs.yml"))


def assert_clean(project: Path):
    loaded = history(project)
    assert loaded.problems == [], [p.format() for p in loaded.problems]
    return loaded


def new_incident(project, capsys, *extra: str, title="API requests failing", impact="major", components="api,web-app"):
    status, out, err = run(project, capsys, "new", "incident", title, "--impact", impact, "--components", components, "--at", AT, *extra)
    assert status == 0, err
    return project / out.strip() if not Path(out.strip()).is_absolute() else Path(out.strip())


def update(project, capsys, *args: str) -> tuple[int, str, str]:
    return run(project, capsys, "new", "update", INCIDENT_ID, *args)


def at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M UTC")


# -- new incident ---------------------------------------------------------------------------------

def test_new_incident_writes_a_valid_first_update_with_apology_and_promise(scratch_project, capsys):
    path = new_incident(scratch_project, capsys, "--started", "2026-01-20 12:05 UTC")
    assert path == scratch_project / "incidents" / "2026" / f"{INCIDENT_ID}.md"
    incident = assert_clean(scratch_project).incident(INCIDENT_ID)
    assert (incident.title, incident.impact, incident.components) == ("API requests failing", "major", ["api", "web-app"])
    assert incident.started == datetime(2026, 1, 20, 12, 5, tzinfo=timezone.utc)
    [first] = incident.updates
    assert (first.status, first.at) == ("investigating", T0)
    assert "sorry" in first.body.lower()
    assert "We will post the next update by 12:45 UTC." in first.body
    assert find_promise(first.body, first.at).due == T0 + timedelta(minutes=30)


@pytest.mark.parametrize("impact, apologises", [("none", False), ("minor", False), ("major", True), ("critical", True)])
def test_apology_only_for_major_and_critical(scratch_project, capsys, impact, apologises):
    new_incident(scratch_project, capsys, impact=impact)
    body = assert_clean(scratch_project).incident(INCIDENT_ID).first_update.body
    assert ("sorry" in body.lower()) is apologises
    assert "  " not in body  # an empty {apology} leaves no double space


def test_new_incident_refuses_to_overwrite(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    before = path.read_bytes()
    status, out, err = run(scratch_project, capsys, "new", "incident", "API requests failing", "--impact", "minor", "--components", "api", "--at", AT)
    assert status == 1 and out == ""
    assert "already exists" in err and "never overwrites" in err
    assert path.read_bytes() == before


def test_new_incident_refuses_an_id_used_in_another_year(scratch_project, capsys):
    new_incident(scratch_project, capsys, "--id", "api-outage")
    status, _, err = run(scratch_project, capsys, "new", "incident", "Again", "--impact", "minor", "--components", "api",
                         "--at", "2027-02-01 10:00 UTC", "--id", "api-outage")
    assert status == 1 and "incidents/2026/api-outage.md already exists" in err
    assert not (scratch_project / "incidents" / "2027").exists()


def test_impact_and_components_get_the_loaders_messages(scratch_project, capsys):
    status, out, err = run(scratch_project, capsys, "new", "incident", "Sign-in errors", "--impact", "majr",
                           "--components", "api,webap", "--at", AT)
    assert status == 1 and out == ""
    assert "'impact' must be one of none, minor, major, critical, maintenance, got 'majr'" in err
    assert "unknown component 'webap': did you mean 'web-app'? known components:" in err
    assert "nothing was written" in err
    assert not list((scratch_project / "incidents").rglob("*.md"))


def test_id_defaults_to_the_start_date_and_a_slug_of_the_title(scratch_project, capsys):
    path = new_incident(scratch_project, capsys, "--started", "2025-12-31 23:50 UTC", title="Invoices: sent twice (Ärger)!")
    assert path.relative_to(scratch_project).as_posix() == "incidents/2025/2025-12-31-invoices-sent-twice-arger.md"
    assert assert_clean(scratch_project).incident("2025-12-31-invoices-sent-twice-arger").title == "Invoices: sent twice (Ärger)!"
    assert slugify("x" * 40 + " " + "y" * 40) == "x" * 40


def test_new_maintenance_needs_its_window_and_uses_maintenance_statuses(scratch_project, capsys):
    status, _, err = run(scratch_project, capsys, "new", "incident", "Database upgrade", "--impact", "maintenance",
                         "--components", "api", "--at", AT)
    assert status == 1 and "--scheduled-for and --scheduled-until" in err
    new_incident(scratch_project, capsys, "--scheduled-for", "2026-01-25 02:00 UTC", "--scheduled-until", "2026-01-25 04:00 UTC",
                 title="Database upgrade", impact="maintenance", components="api")
    maintenance_id = "2026-01-25-database-upgrade"
    incident = assert_clean(scratch_project).incident(maintenance_id)
    assert incident.first_update.status == "scheduled"
    assert "on Sunday 25 January 2026, from 02:00 to 04:00 UTC" in incident.first_update.body
    status, _, err = run(scratch_project, capsys, "new", "update", maintenance_id, "--status", "identified", "--at", "2026-01-25 02:00 UTC")
    assert status == 1 and "'Identified' is not a status of a maintenance (is the impact right?): use one of Scheduled, In progress, Verifying, Completed" in err
    for status_name, moment in (("in-progress", "02:00"), ("verifying", "02:40"), ("completed", "03:05")):
        status, _, err = run(scratch_project, capsys, "new", "update", maintenance_id, "--status", status_name, "--at", f"2026-01-25 {moment} UTC")
        assert status == 0, err
    incident = assert_clean(scratch_project).incident(maintenance_id)
    assert [u.status for u in incident.updates] == ["scheduled", "in_progress", "verifying", "completed"]
    assert incident.is_resolved


# -- new update -----------------------------------------------------------------------------------

def test_updates_are_appended_oldest_first_and_resolved_resolves(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    front = path.read_bytes().split(b"\n---\n", 1)[0]
    for status, minutes in (("investigating", 30), ("identified", 55), ("monitoring", 80), ("resolved", 110)):
        code, out, err = update(scratch_project, capsys, "--status", status, "--at", at(minutes))
        assert code == 0, err
        assert Path(out.strip()).name == path.name
    text = path.read_text()
    assert text.startswith(front.decode() + "\n---\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [f"## {label} · {at(m)}" for label, m in
                        (("Investigating", 0), ("Investigating", 30), ("Identified", 55), ("Monitoring", 80), ("Resolved", 110))]
    incident = assert_clean(scratch_project).incident(INCIDENT_ID)
    assert incident.is_resolved and incident.end == T0 + timedelta(minutes=110)
    resolved = incident.latest_update.body
    assert "This incident is over" in resolved and "contact [our support team](https://lumen.example/support)" in resolved
    assert find_promise(resolved, incident.latest_update.at) is None
    # A second investigating update less than an hour in is the 30-minute "still investigating" one.
    assert "We do not know the cause yet" in incident.updates[1].body


NEWEST_FIRST = (
    "---\r\ntitle: Webhooks arriving late\r\nimpact: minor   # a comment the writer keeps\r\ncomponents:\r\n  - webhooks\r\n---\r\n"
    "\r\n<!-- newest first -->\r\n"
    "## Identified — 2026-01-20 12:40 UTC\r\n\r\nWe found the cause. We will post the next update by 13:10 UTC.\r\n\r\n"
    "## Investigating — 2026-01-20 12:15 UTC\r\n\r\nSome webhooks are late. We will post the next update by 12:45 UTC.\r\n"
)


def test_newest_first_file_gets_the_update_at_the_top_with_its_bytes_kept(scratch_project, capsys):
    path = scratch_project / "incidents" / "2026" / f"{INCIDENT_ID}.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + NEWEST_FIRST.encode())
    front_end = NEWEST_FIRST.index("---\r\n", 5) + len("---\r\n")
    code, _, err = update(scratch_project, capsys, "--status", "monitoring", "--at", at(45))
    assert code == 0, err
    assert "at the top" in err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + NEWEST_FIRST[:front_end].encode())  # front matter bytes untouched
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")  # CRLF kept throughout
    headings = [line for line in text.split("\r\n") if line.startswith("## ")]
    assert headings == ["## Monitoring — 2026-01-20 13:00 UTC", "## Identified — 2026-01-20 12:40 UTC", "## Investigating — 2026-01-20 12:15 UTC"]
    assert text.index("<!-- newest first -->") < text.index("## Monitoring")
    code, _, err = update(scratch_project, capsys, "--status", "resolved", "--at", at(75))
    assert code == 0, err
    incident = assert_clean(scratch_project).incident(INCIDENT_ID)
    assert incident.is_resolved and [u.status for u in incident.updates] == ["investigating", "identified", "monitoring", "resolved"]
    assert path.read_text(encoding="utf-8-sig").split("\n")[8].startswith("## Resolved")


def test_a_back_filled_update_lands_in_time_order(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    assert update(scratch_project, capsys, "--status", "identified", "--at", at(60))[0] == 0
    code, _, err = update(scratch_project, capsys, "--status", "investigating", "--at", at(30))
    assert code == 0, err
    headings = [line for line in path.read_text().splitlines() if line.startswith("## ")]
    assert headings == [f"## Investigating · {at(0)}", f"## Investigating · {at(30)}", f"## Identified · {at(60)}"]
    assert_clean(scratch_project)


def test_named_template_and_customer_action(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    code, _, err = update(scratch_project, capsys, "--template", "still-investigating-60", "--at", at(65))
    assert code == 0 and "still-investigating-60" in err
    code, _, err = update(scratch_project, capsys, "--status", "identified", "--customer-action", "--at", at(70))
    assert code == 1 and "--customer-action is for the Resolved update" in err
    code, _, err = update(scratch_project, capsys, "--status", "resolved", "--customer-action", "--at", at(90))
    assert code == 0, err
    incident = assert_clean(scratch_project).incident(INCIDENT_ID)
    assert [u.status for u in incident.updates] == ["investigating", "investigating", "resolved"]
    assert "taking this long" in incident.updates[1].body
    assert "Some things you did between 12:15 UTC and 13:45 UTC may not have gone through" in incident.latest_update.body
    assert path.read_text().count("## ") == 3


def test_update_refusals_leave_the_file_unchanged(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    before = path.read_bytes()
    code, _, err = update(scratch_project, capsys, "--status", "fixed", "--at", at(30))
    assert code == 1 and "'fixed' is not a status of an incident: use one of Investigating, Identified, Monitoring, Resolved" in err
    code, _, err = update(scratch_project, capsys, "--status", "identified", "--at", AT)
    assert code == 1 and "two updates at the same time with different statuses" in err and "nothing was written" in err
    code, _, err = update(scratch_project, capsys, "--at", at(30))
    assert code == 1 and "--status" in err
    code, _, err = run(scratch_project, capsys, "new", "update", "2026-01-20-api-request-failing", "--status", "identified")
    assert code == 1 and f"did you mean '{INCIDENT_ID}'?" in err
    assert path.read_bytes() == before


def test_an_impossible_timeline_is_refused(scratch_project, capsys):
    status, _, err = run(scratch_project, capsys, "new", "incident", "Late start", "--impact", "minor", "--components", "api",
                         "--at", AT, "--started", at(20))
    assert status == 1 and "is before 'started'" in err
    assert not list((scratch_project / "incidents").rglob("*.md"))
    path = new_incident(scratch_project, capsys)
    assert update(scratch_project, capsys, "--status", "resolved", "--at", at(30))[0] == 0
    before = path.read_bytes()
    code, _, err = update(scratch_project, capsys, "--status", "monitoring", "--at", at(40))
    assert code == 1 and "[Afterword.ImpossibleTimeline] Monitoring after Resolved" in err
    assert path.read_bytes() == before
    code, _, err = update(scratch_project, capsys, "--status", "investigating", "--at", at(40))
    assert code == 0, err  # reopening is allowed
    assert not history(scratch_project).incident(INCIDENT_ID).is_resolved


def test_update_refuses_a_file_that_is_already_broken(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    broken = path.read_text().replace("impact: major", "impact: huge")
    path.write_text(broken)
    code, _, err = update(scratch_project, capsys, "--status", "identified", "--at", at(30))
    assert code == 1 and "has problems already" in err
    assert f"incidents/2026/{INCIDENT_ID}.md:3:1: [afterword.schema] 'impact' must be one of" in err
    assert path.read_text() == broken


def test_a_template_that_breaks_the_file_is_caught_before_writing(scratch_project, capsys):
    path = new_incident(scratch_project, capsys)
    before = path.read_bytes()
    (scratch_project / "styleguide" / "templates" / "identified-with-heading.md").write_text(
        "We found the cause.\n\n## Details\n\nMore text. We will post the next update by {next_update}.\n")
    code, _, err = update(scratch_project, capsys, "--template", "identified-with-heading", "--at", at(30))
    assert code == 1 and "'## Details' is not an update heading" in err
    assert path.read_bytes() == before
    (scratch_project / "styleguide" / "templates" / "identified-typo.md").write_text("We found it. Next update by {nxt_update}.\n")
    code, _, err = update(scratch_project, capsys, "--template", "identified-typo", "--at", at(30))
    assert code == 1 and "unknown placeholder '{nxt_update}': did you mean '{next_update}'?" in err and "identified-typo.md" in err
    code, _, err = update(scratch_project, capsys, "--template", "identifed", "--at", at(30))
    assert code == 1 and "no template 'identifed'" in err and "did you mean 'identified'?" in err
    assert path.read_bytes() == before


def test_edit_opens_the_editor_on_the_new_file(scratch_project, capsys, monkeypatch, tmp_path):
    marker = tmp_path / "opened.txt"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"sh -c 'echo \"$0\" > {marker}'")
    path = new_incident(scratch_project, capsys, "--edit")
    assert marker.read_text().strip() == str(path)


# -- new postmortem and notice --------------------------------------------------------------------

def test_postmortem_skeleton_is_a_valid_prefilled_draft(scratch_project, capsys):
    new_incident(scratch_project, capsys, "--started", "2026-01-20 12:05 UTC")
    code, _, err = run(scratch_project, capsys, "new", "postmortem", INCIDENT_ID)
    assert code == 1 and "still open" in err and "--status resolved" in err
    assert update(scratch_project, capsys, "--status", "resolved", "--at", at(80))[0] == 0
    code, out, err = run(scratch_project, capsys, "new", "postmortem", INCIDENT_ID, "--published", "2026-01-21 09:30 UTC")
    assert code == 0, err
    assert "remove the line 'draft: true'" in err
    path = Path(out.strip())
    assert path == scratch_project / "postmortems" / f"{INCIDENT_ID}.md"
    loaded = assert_clean(scratch_project)
    [postmortem] = loaded.postmortems
    assert postmortem.draft and not postmortem.is_published
    assert (postmortem.title, postmortem.incident_ids) == ("API requests failing", [INCIDENT_ID])
    assert postmortem.published == datetime(2026, 1, 21, 9, 30, tzinfo=timezone.utc)
    assert [(e.text, e.at.strftime("%H:%M")) for e in postmortem.timeline] == [("Impact began", "12:05"), ("Impact ended", "13:35")]
    for heading in ("## What happened", "## Impact on customers", "## How we responded", "## What we are changing"):
        assert heading in postmortem.body
    assert "whether any data was lost" in postmortem.body
    assert "Public API and Web app for 1 hour 30 minutes" in postmortem.body
    assert "<!--" in postmortem.body and "Say" in postmortem.summary
    before = path.read_bytes()
    code, _, err = run(scratch_project, capsys, "new", "postmortem", INCIDENT_ID)
    assert code == 1 and "already exists" in err and path.read_bytes() == before


def test_once_draft_is_removed_the_page_has_no_guidance_comments(scratch_project, capsys):
    from afterword.site.postmortems import postmortem_pages

    new_incident(scratch_project, capsys)
    update(scratch_project, capsys, "--status", "resolved", "--at", at(60))
    code, out, _ = run(scratch_project, capsys, "new", "postmortem", INCIDENT_ID)
    path = Path(out.strip())
    path.write_text(path.read_text().replace("draft: true\n", ""))
    loaded = assert_clean(scratch_project)
    [page] = [p for p in postmortem_pages(loaded, T0 + timedelta(days=1)) if INCIDENT_ID in p.src_uri]
    assert "## What happened" in page.markdown and "We are sorry for the disruption this caused." in page.markdown
    assert "<!--" not in page.markdown and "Explain in plain words" not in page.markdown


def test_notice_prints_the_customer_email(scratch_project, capsys):
    new_incident(scratch_project, capsys, "--started", "2026-01-20 12:05 UTC")
    code, out, _ = run(scratch_project, capsys, "new", "notice", INCIDENT_ID)
    assert code == 0
    assert out.startswith("Subject: API requests failing\n")
    assert "Tuesday 20 January 2026" in out and "from 12:05 UTC" in out and "We are still working on it." in out
    assert f"https://status.lumen.example/incidents/{INCIDENT_ID}/" in out


# -- every template: house style and promises -----------------------------------------------------

def _update_templates(project: Path) -> list[str]:
    return [name for name in template_names(load_settings(project / "mkdocs.yml")) if name not in SPECIAL]


def test_every_update_template_knows_its_status(project_root):
    names = _update_templates(project_root)
    assert set(STATUS_TEMPLATES.values()) <= set(names)
    assert {"still-investigating-30", "still-investigating-60", "resolved-customer-action"} <= set(names)
    for name in names:
        assert status_for_template(name) in STATUS_TEMPLATES, name
    assert status_for_template("monitoring-long") == "monitoring"
    assert status_for_template("maintenance-in-progress-extended") == "in_progress"
    assert status_for_template("apology") is None


def _facts(settings, moment: datetime, maintenance: bool, resolved: bool) -> Facts:
    window = (moment + timedelta(days=2), moment + timedelta(days=2, hours=2)) if maintenance else (None, None)
    return Facts(settings, "Card payments failing", "maintenance" if maintenance else "major", ["payments", "web-app"], moment,
                 incident_id="x", start=moment - timedelta(minutes=20), end=moment if resolved else None,
                 scheduled_for=window[0], scheduled_until=window[1], apology="We are sorry for the disruption.")


@pytest.mark.parametrize("moment", [T0, datetime(2026, 1, 20, 23, 45, tzinfo=timezone.utc)], ids=["midday", "before-midnight"])
def test_every_open_update_template_makes_a_promise_find_promise_reads(project_root, moment):
    settings = load_settings(project_root / "mkdocs.yml")
    for name in _update_templates(project_root):
        status = status_for_template(name)
        maintenance = status in ("scheduled", "in_progress", "verifying", "completed")
        values, missing = placeholder_values(_facts(settings, moment, maintenance, status in ("resolved", "completed")))
        text = render(load_template(settings, name), values, missing)
        promise = find_promise(text, moment)
        if status in ("resolved", "completed", "scheduled"):
            assert promise is None, (name, promise)  # nothing more is owed (a maintenance announces its start)
        else:
            assert PROMISE in text, name
            assert promise is not None and promise.due == moment + timedelta(minutes=30), (name, promise)


@pytest.fixture
def every_template_used(scratch_project, capsys) -> Path:
    """A scratch project with one incident per update template, a postmortem and the notice on disk."""
    for index, name in enumerate(_update_templates(scratch_project)):
        status = status_for_template(name)
        maintenance = status in ("scheduled", "in_progress", "verifying", "completed")
        incident_id = f"t{index}-{name}"
        extra = ("--scheduled-for", at(60), "--scheduled-until", at(180)) if maintenance else ()
        code, _, err = run(scratch_project, capsys, "new", "incident", f"Template {name}", "--impact", "maintenance" if maintenance else "critical",
                           "--components", "payments,web-app", "--at", AT, "--started", at(-10), "--id", incident_id, *extra)
        assert code == 0, err
        if name not in ("investigating", "maintenance-scheduled"):
            code, _, err = run(scratch_project, capsys, "new", "update", incident_id, "--template", name, "--at", at(70))
            assert code == 0, (name, err)
    code, _, err = run(scratch_project, capsys, "new", "incident", "Card payments failing", "--impact", "critical",
                       "--components", "payments", "--at", AT, "--id", "pm")
    assert code == 0, err
    assert run(scratch_project, capsys, "new", "update", "pm", "--status", "resolved", "--at", at(45))[0] == 0
    assert run(scratch_project, capsys, "new", "postmortem", "pm")[0] == 0
    code, out, _ = run(scratch_project, capsys, "new", "notice", "pm")
    assert code == 0
    (scratch_project / "notice.md").write_text(out)
    return scratch_project


def test_every_template_passes_the_house_style(every_template_used):
    style = pytest.importorskip("afterword.style", reason="afterword.style (afterword lint) is not in this checkout yet")
    project = every_template_used
    settings = load_settings(project / "mkdocs.yml")
    loaded = assert_clean(project)
    assert len(loaded.incidents) == len(_update_templates(project)) + 1
    errors = [p for p in style.lint_paths(settings, history=loaded) if p.is_error]
    assert errors == [], [p.format() for p in errors]
    notice = style.checker_for(settings).check_text((project / "notice.md").read_text(), "notices/pm.md")
    assert [p for p in notice if p.is_error] == []


def test_lint_command_accepts_the_drafts(every_template_used, capsys):
    pytest.importorskip("afterword.style", reason="afterword.style (afterword lint) is not in this checkout yet")
    code, out, err = run(every_template_used, capsys, "lint")
    assert code == 0, out + err


# -- speed ------------------------------------------------------------------------------------------

def test_update_in_a_thousand_incident_project_reads_only_its_file(scratch_project, capsys, monkeypatch):
    year = scratch_project / "incidents" / "2025"
    year.mkdir()
    for number in range(1000):
        (year / f"incident-{number:04d}.md").write_text(
            f"---\ntitle: Incident {number}\nimpact: minor\ncomponents: [api]\n---\n\n"
            f"## Investigating · 2025-03-04 10:00 UTC\n\nSomething is slow. We will post the next update by 10:30 UTC.\n")

    def whole_history(*args, **kwargs):
        raise AssertionError("afterword new update must not load the whole history")

    monkeypatch.setattr(loader, "load_history", whole_history)
    # Speed is measured in the benchmark, not here: what keeps it fast is never reading the history.
    code, _, err = run(scratch_project, capsys, "new", "update", "incident-0500", "--status", "identified", "--at", "2025-03-04 10:20 UTC")
    assert code == 0, err
    assert (year / "incident-0500.md").read_text().count("## ") == 2


def test_updates_posted_within_one_minute_at_the_default_time_are_ordered(scratch_project, capsys, monkeypatch):
    """Issue 15.7: `new update` twice in the minute (default time: now) used to be an error with no way out but --at."""
    import afterword.commands.new as new_command

    new_incident(scratch_project, capsys)
    monkeypatch.setattr(new_command, "_now", lambda: T0)  # the same minute as the first update
    status, _, err = update(scratch_project, capsys, "--status", "identified")
    assert status == 0, err
    status, _, err = update(scratch_project, capsys, "--status", "monitoring")
    assert status == 0, err
    loaded = assert_clean(scratch_project)
    assert [(u.status, u.at) for u in loaded.incidents[0].updates] == [
        ("investigating", T0), ("identified", T0 + timedelta(minutes=1)), ("monitoring", T0 + timedelta(minutes=2)),
    ]
    status, _, err = update(scratch_project, capsys, "--status", "resolved", "--at", AT)  # an explicit time is kept
    assert status != 0
