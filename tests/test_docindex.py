"""`afterword check FILE` loads only the files its verdict depends on, with the same findings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from afterword import docindex
from afterword.cli import main
from afterword.demo import generate, write_site
from afterword.settings import load_settings
from afterword.style import lint_paths


def _set_front(path: Path, line: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("---\n", f"---\n{line}\n", 1))


@pytest.fixture
def project(tmp_path) -> Path:
    write_site(generate(40, 4, seed=2), tmp_path)
    incidents = sorted((tmp_path / "incidents").rglob("*.md"))
    postmortems = sorted((tmp_path / "postmortems").glob("*.md"))
    named = postmortems[0].read_text().split("incident: ", 1)[1].split("\n", 1)[0].strip()
    # The same id twice: a copy earlier in the load order wins, so the original becomes the duplicate.
    first = tmp_path / "incidents" / "1999" / "aaa-first.md"
    first.parent.mkdir()
    shutil.copy(incidents[5], first)
    _set_front(first, f"id: {incidents[5].stem}")
    # A second file claiming an incident a postmortem names.
    claim = tmp_path / "incidents" / "2099" / "zzz-claim.md"
    claim.parent.mkdir()
    shutil.copy(incidents[6], claim)
    _set_front(claim, f"id: {named}")
    # A postmortem naming an incident that does not exist, one naming a draft, one sharing an id.
    (tmp_path / "postmortems" / "missing.md").write_text(postmortems[1].read_text().replace("incident: ", "incident: no-such-incident-", 1))
    draft = next(p for p in incidents if "draft: true" in p.read_text())
    text = postmortems[2].read_text()
    (tmp_path / "postmortems" / "for-draft.md").write_text(text.replace("incident: ", f"incident: {draft.stem}\nx_incident: ", 1).replace("x_incident: ", "# ", 1))
    (tmp_path / "postmortems" / "same-id.md").write_text(text.replace("---\n", f"---\nid: {postmortems[3].stem}\n", 1))
    # A broken incident, and a file that is not Markdown.
    incidents[8].write_text(incidents[8].read_text().replace("impact:", "impact: huge\nx:", 1))
    (tmp_path / "incidents" / "notes.txt").write_text("not an incident")
    return tmp_path


def _content(project: Path) -> list[Path]:
    return sorted(p for folder in ("incidents", "postmortems") for p in (project / folder).rglob("*") if p.is_file())


def _same_verdicts(project: Path) -> set[str]:
    settings = load_settings(project / "mkdocs.yml")
    rules = set()
    for path in _content(project):
        partial = docindex.load_for_file(settings, path)
        full = lint_paths(settings, [str(path)], timeline=True)
        assert lint_paths(settings, [str(path)], timeline=True, history=partial) == full, path
        rules.update(p.rule for p in full)
    return rules


def test_every_file_gets_the_full_loads_findings(project, monkeypatch):
    monkeypatch.setenv("AFTERWORD_NOW", "2026-11-23 10:00 UTC")
    rules = _same_verdicts(project)
    assert {"afterword.duplicate-id", "afterword.postmortem-incident", "afterword.file", "afterword.schema"} <= rules
    assert (project / docindex.INDEX_FILE).is_file()


def test_changed_files_are_read_again(project, monkeypatch):
    monkeypatch.setenv("AFTERWORD_NOW", "2026-11-23 10:00 UTC")
    settings = load_settings(project / "mkdocs.yml")
    docindex.refresh(settings)
    # Make the duplicate unique and break a postmortem's incident: both change other files' verdicts.
    first = project / "incidents" / "1999" / "aaa-first.md"
    first.write_text(first.read_text().replace("id: ", "id: renamed-", 1))
    os.utime(first, ns=(1, 1))
    _same_verdicts(project)


def test_only_the_neighbourhood_is_loaded(project):
    settings = load_settings(project / "mkdocs.yml")
    entries = docindex.refresh(settings)
    incident = next(p for p, e in entries.items() if e.kind == "incident" and e.ok)
    assert len(docindex.neighbourhood(entries, incident)) < 5
    assert docindex.neighbourhood(entries, "postmortems/missing.md") is None  # the hint needs every id


def test_check_command_uses_the_index(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    path = sorted((project / "incidents").rglob("*.md"))[10]
    main(["check", str(path.relative_to(project))])
    assert (project / docindex.INDEX_FILE).is_file()
    assert str(path.relative_to(project)) in capsys.readouterr().err


def test_a_few_edits_are_read_again_without_rewriting_a_large_index(tmp_path):
    """After one edit the index is not written again (25 ms at 10,000 files): the edited file is
    read again on each run until enough files differ; the entries are always current."""
    write_site(generate(170, 0, seed=5), tmp_path)
    settings = load_settings(tmp_path / "mkdocs.yml")
    index = tmp_path / docindex.INDEX_FILE
    docindex.refresh(settings)
    written = index.read_bytes()
    files = sorted((tmp_path / "incidents").rglob("*.md"))
    files[0].write_text(files[0].read_text() + "\nMore.\n")
    entries = docindex.refresh(settings)
    relpath = files[0].relative_to(tmp_path).as_posix()
    assert entries[relpath].stamp[1] == files[0].stat().st_size
    assert index.read_bytes() == written
    for path in files[1:docindex._REWRITE_AFTER]:
        path.write_text(path.read_text() + "\nMore.\n")
    docindex.refresh(settings)
    assert index.read_bytes() != written
