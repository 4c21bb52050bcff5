"""`afterword lint` / `afterword check`: formats, exit status, job summary, example content, build API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.loader import load_history
from afterword.problems import ERROR, WARNING, Problem
from afterword.settings import load_settings
from afterword.style import lint_history
from afterword.style.output import escape_data, escape_property, format_github, summary_table

BAD_INCIDENT = """---
title: Card payments failing
impact: major
components: [payments]
---

## Investigating · 2025-03-04 12:15 UTC

Payments fail due to Stripe, see #inc-42.
"""
GOOD_INCIDENT = """---
title: Card payments failing
impact: minor
components: [payments]
---

## Resolved · 2025-03-04 12:45 UTC

Card payments work again. If you still see errors, contact our support team.

## Investigating · 2025-03-04 12:15 UTC

Some card payments fail. We are sorry for the trouble. We will post the next update by 12:45 UTC.
"""


@pytest.fixture
def project(scratch_project: Path) -> Path:
    (scratch_project / "incidents" / "2025").mkdir()
    (scratch_project / "incidents" / "2025" / "bad.md").write_text(BAD_INCIDENT, encoding="utf-8")
    (scratch_project / "incidents" / "2025" / "good.md").write_text(GOOD_INCIDENT, encoding="utf-8")
    return scratch_project


def run_cli(capsys, project: Path, *args: str) -> tuple[int, str]:
    status = main([args[0], "--config", str(project / "mkdocs.yml"), *args[1:]])
    return status, capsys.readouterr().out


def test_text_format_is_sorted_path_line_column(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    status, out = run_cli(capsys, project, "lint")
    lines = out.splitlines()
    assert status == 1
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))
    assert "incidents/2025/bad.md:9:15: [Afterword.VendorBlame]" in out
    assert "good.md" not in out


def test_json_format_keys_and_exit_status(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    status, out = run_cli(capsys, project, "lint", "--format", "json", "incidents/2025/bad.md")
    findings = json.loads(out)
    assert status == 1
    assert findings and all(set(f) == {"path", "line", "column", "rule", "severity", "message", "match"} for f in findings)
    rules = {f["rule"] for f in findings}
    assert {"Afterword.VendorBlame", "Afterword.Channel", "Afterword.FirstUpdateApology"} <= rules
    status, out = run_cli(capsys, project, "lint", "--format", "json", "incidents/2025/good.md")
    assert (status, json.loads(out)) == (0, [])


def test_github_format_writes_commands_and_step_summary(capsys, project, monkeypatch, tmp_path):
    monkeypatch.chdir(project)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    status, out = run_cli(capsys, project, "lint", "--format", "github")
    assert status == 1
    assert out.startswith("::") and "::error file=incidents/2025/bad.md,line=" in out
    assert "| error | `incidents/2025/bad.md` |" in summary.read_text(encoding="utf-8")


def test_github_escaping_follows_the_toolkit():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = Problem("incidents/a,b:c.md", 3, 4, "Afterword.X", "line one\nline two: 100%", WARNING)
    suggestion = Problem("x.md", 1, 1, "Afterword.Y", "try this", "suggestion")
    assert format_github([problem, suggestion]).splitlines() == [
        "::warning file=incidents/a%2Cb%3Ac.md,line=3,col=4,title=Afterword.X::line one%0Aline two: 100%25",
        "::notice file=x.md,line=1,col=1,title=Afterword.Y::try this",
    ]
    assert "\\|" in summary_table([Problem("x.md", 1, 1, "R", "a | b", ERROR)])


def test_warnings_alone_exit_zero(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "incidents" / "2025" / "bad.md").unlink()
    (project / "incidents" / "2025" / "good.md").write_text(GOOD_INCIDENT.replace("Some card payments fail.", "Just some card payments fail."), encoding="utf-8")
    status, out = run_cli(capsys, project, "lint")
    assert status == 0 and "[Afterword.Minimising]" in out and "(warning)" in out


def test_imported_history_is_demoted_to_warnings(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    imported = project / "incidents" / "imported"
    imported.mkdir()
    shutil.move(project / "incidents" / "2025" / "bad.md", imported / "bad.md")
    status, out = run_cli(capsys, project, "lint", "--format", "json")
    findings = json.loads(out)
    assert status == 0 and findings and {f["severity"] for f in findings} == {WARNING}
    # The importer's front matter marker works anywhere.
    marked = BAD_INCIDENT.replace("components: [payments]\n", "components: [payments]\ninternal:\n  imported_from: statuspage\n")
    (project / "incidents" / "2025" / "marked.md").write_text(marked, encoding="utf-8")
    status, out = run_cli(capsys, project, "lint", "--format", "json", "incidents/2025/marked.md")
    assert status == 0 and {f["severity"] for f in json.loads(out)} == {WARNING}


def test_check_gives_the_whole_verdict(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.setenv("AFTERWORD_NOW", "2025-03-04 14:00 UTC")
    status, out = run_cli(capsys, project, "check", "--format", "json", "incidents/2025/bad.md")
    rules = {f["rule"] for f in json.loads(out)}
    assert status == 1
    assert "Afterword.VendorBlame" in rules  # style
    assert any(rule.startswith("Afterword.") and rule not in {"Afterword.VendorBlame", "Afterword.Channel", "Afterword.FirstUpdateApology"} for rule in rules)  # timeline
    # (No time limit: a wall-clock assertion failed at 1.09 s on a loaded machine; `make bench` measures speed.)


def test_lint_reports_the_builds_timeline_findings_for_the_files_asked(capsys, project, monkeypatch):
    """Issue 15.4: CI runs `afterword lint`, so its annotations must include the communication checks."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("AFTERWORD_NOW", "2025-03-04 14:00 UTC")  # bad.md: open and silent for 105 minutes
    (project / "incidents" / "2025" / "other.md").write_text(BAD_INCIDENT, encoding="utf-8")
    status, out = run_cli(capsys, project, "lint", "--format", "json", "incidents/2025/bad.md")
    findings = json.loads(out)
    assert status == 1
    assert {"Afterword.Cadence", "Afterword.VendorBlame"} <= {f["rule"] for f in findings}
    assert {f["path"] for f in findings} == {"incidents/2025/bad.md"}  # scoped to the file asked


def test_check_reports_schema_errors(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "incidents" / "2025" / "broken.md").write_text(BAD_INCIDENT.replace("impact: major", "impact: huge"), encoding="utf-8")
    status, out = run_cli(capsys, project, "check", "incidents/2025/broken.md")
    assert status == 1 and "[afterword.schema]" in out and "[Afterword.VendorBlame]" in out


def test_example_content_has_no_errors(project_root: Path):
    settings = load_settings(project_root / "mkdocs.yml")
    history = load_history(settings)
    problems = lint_history(history, settings)
    assert history.incidents, "the example content is missing"
    errors = [p.format() for p in problems if p.is_error]
    assert errors == []


def test_a_broken_rule_is_a_clear_error_not_a_traceback(capsys, project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "styleguide" / "styles" / "Afterword" / "Broken.yml").write_text("extends: existence\nmessage: x\ntokens:\n  - '(unclosed'\n")
    status = main(["lint", "--config", str(project / "mkdocs.yml")])
    err = capsys.readouterr().err
    assert status == 2 and "Broken.yml" in err and "Traceback" not in err
