"""`afterword new … --edit` runs the whole `afterword check` on the file when the editor exits."""

from __future__ import annotations

import sys

from afterword.cli import main

AT = "2026-01-20 12:15 UTC"


def _editor(tmp_path, sentence: str) -> str:
    """An editor that appends a sentence to the file, as a writer would."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nwith open(sys.argv[1], 'a', encoding='utf-8') as f:\n    f.write({sentence!r})\n")
    return f"{sys.executable} {script}"


def _new_incident(project, *extra: str) -> int:
    return main(["new", "incident", "API requests failing", "--impact", "major", "--components", "api",
                 "--at", AT, "--config", str(project / "mkdocs.yml"), "--edit", *extra])


def test_a_colleagues_name_typed_in_the_editor_is_reported(scratch_project, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "\nPriya Raman restarted the service and it is working again.\n"))
    assert _new_incident(scratch_project) == 1
    err = capsys.readouterr().err
    assert "[Afterword.PersonName]" in err and "Priya Raman" in err
    assert "1 errors" in err or "errors," in err


def test_a_clean_edit_is_ready_to_publish(scratch_project, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "\nSome customers may see slower pages.\n"))
    assert _new_incident(scratch_project) == 0
    assert ": 0 errors" in capsys.readouterr().err


def test_a_time_without_a_zone_is_read_in_the_authors_time_zone(scratch_project, capsys):
    config = scratch_project / "mkdocs.yml"
    args = ["new", "incident", "Webhooks delayed", "--impact", "minor", "--components", "webhooks", "--at", "2026-07-01 14:30", "--config", str(config)]
    assert main(args) == 2
    assert "authoring.timezone" in capsys.readouterr().err
    config.write_text(config.read_text().replace("    company: Lumen\n", "    company: Lumen\n    authoring:\n      timezone: Europe/Berlin\n"))
    assert main(args) == 0
    written = (scratch_project / "incidents" / "2026" / "2026-07-01-webhooks-delayed.md").read_text()
    assert "## Investigating · 2026-07-01 12:30 UTC" in written  # 14:30 in Berlin (summer time)
