"""The leak check is exact (published words never count as a leak) and linear (one search per file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from afterword import leaks
from afterword.cli import main
from afterword.leaks import collect_secrets, scan_site
from afterword.loader import load_history
from afterword.settings import load_settings

NOW = "2026-11-23 10:00 UTC"
INCIDENT = "2026-11-20-slow-search-results"


def build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "AFTERWORD_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def afterword(project: Path, *args: str) -> None:
    assert main([*args, "--config", str(project / "mkdocs.yml")]) == 0


def incident_with_draft_postmortem(project: Path) -> None:
    """Issue 15.1: a resolved incident, then its postmortem skeleton (a draft titled like the incident)."""
    afterword(project, "new", "incident", "Slow search results", "--impact", "minor", "--components", "api", "--at", "2026-11-20 10:00 UTC")
    afterword(project, "new", "update", INCIDENT, "--status", "resolved", "--at", "2026-11-20 11:00 UTC")
    afterword(project, "new", "postmortem", INCIDENT)


def test_a_draft_postmortem_titled_like_its_published_incident_blocks_nothing(scratch_project):
    incident_with_draft_postmortem(scratch_project)
    result = build(scratch_project)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (scratch_project / "site" / "incidents" / INCIDENT / "index.html").read_text()
    assert "Slow search results" in page
    assert "Write two or three short sentences" not in page  # the draft's own words stay out


def test_a_withheld_string_in_a_page_no_published_source_accounts_for_fails_the_build(scratch_project):
    incident_with_draft_postmortem(scratch_project)
    note = "Rolled back search-indexer 4.2 on es-node-07"
    path = next((scratch_project / "incidents").rglob("*.md"))
    path.write_text(path.read_text().replace("---\n", f"---\ninternal:\n  notes: {note}\n", 1))
    (scratch_project / "docs" / "about.md").write_text(f"# About\n\n{note}\n")  # a hand-written page quoting it
    result = build(scratch_project)
    assert result.returncode != 0
    assert "withheld content found" in result.stderr and "internal.notes appears in about/index.html" in result.stderr
    assert not (scratch_project / "site" / "about" / "index.html").exists()


def test_published_sources_account_for_a_withheld_string_and_nothing_else(scratch_project):
    incident_with_draft_postmortem(scratch_project)
    history = load_history(load_settings(scratch_project / "mkdocs.yml"))
    texts = {s.text for s in collect_secrets(history)}
    assert "Slow search results" not in texts  # the published incident's title
    assert any(t.startswith("Write two or three short sentences") for t in texts)  # the draft's own text


def test_every_form_of_a_secret_is_found_in_every_file(tmp_path):
    secret = leaks.Secret('Kestrel & "Otter" rollback', "incidents/x.md: internal.notes")
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>Kestrel &amp; &quot;Otter&quot; rollback</p>")
    (site / "b.json").write_text('{"x": "Kestrel & \\"Otter\\" rollback"}')
    (site / "c.txt").write_text("nothing here")
    found = scan_site(site, [secret, leaks.Secret("never written anywhere", "y")])
    assert [leak.file for leak in found] == ["a/index.html", "b.json"]


def test_secrets_are_found_in_ascii_non_ascii_invalid_utf8_and_gzip_files(tmp_path):
    import gzip

    secret = leaks.Secret("Café rollback of Kestrel", "incidents/x.md: internal.notes")
    ascii_secret = leaks.Secret("Kestrel rollback notes", "incidents/x.md: internal.ticket")
    site = tmp_path / "site"
    site.mkdir()
    (site / "ascii.html").write_bytes(b"<p>Kestrel rollback notes</p>")
    (site / "utf8.html").write_bytes("<p>Café rollback of Kestrel — and Kestrel rollback notes</p>".encode())
    (site / "invalid.bin").write_bytes(b"\x89PNG Kestrel roll\xffback notes")  # undecodable bytes are skipped, as before
    (site / "page.html.gz").write_bytes(gzip.compress("Café rollback of Kestrel".encode()))
    found = [(leak.file, leak.secret.text) for leak in scan_site(site, [secret, ascii_secret])]
    assert found == [("ascii.html", ascii_secret.text), ("invalid.bin", ascii_secret.text), ("page.html.gz", secret.text),
                     ("utf8.html", secret.text), ("utf8.html", ascii_secret.text)]


def test_each_file_is_searched_once_for_all_secrets_together(tmp_path, monkeypatch):
    """Linear: the work is one search per file, however many secrets there are (issue 18.1)."""
    site = tmp_path / "site"
    site.mkdir()
    for n in range(5):
        (site / f"{n}.html").write_text(f"page {n} with words")
    searches: list[int] = []
    real = leaks._matcher

    def counting(needles):
        matcher = real(needles)

        class Counted:
            def Match(self, text):
                searches.append(len(needles))
                return matcher.Match(text)

        return Counted()

    monkeypatch.setattr(leaks, "_matcher", counting)
    secrets = [leaks.Secret(f"withheld sentence number {n}", "x") for n in range(2000)]
    assert scan_site(site, secrets) == []
    assert len(searches) == 5


def test_a_search_that_cannot_run_fails_closed(tmp_path, monkeypatch):
    """RE2 answers "no match" when its DFA runs out of memory: that must stop the build, not pass it."""
    import pytest

    class Blind:
        def Match(self, text):
            return None

    monkeypatch.setattr(leaks.re2.Set, "SearchSet", classmethod(lambda cls, options=None: _Wrapped(Blind())))
    with pytest.raises(leaks.LeakCheckError):
        scan_site(tmp_path, [leaks.Secret("withheld sentence number one", "x")])


class _Wrapped:
    def __init__(self, inner):
        self.inner = inner

    def Add(self, pattern):
        return 0

    def Compile(self):
        return None

    def Match(self, text):
        return self.inner.Match(text)


def test_site_files_are_listed_as_sorted_paths_list_them(tmp_path):
    """Folder names that sort differently as text and as paths ('a-b/x' and 'a/x'), nested folders,
    a gzip file and links: the same files in the same order as sorted(rglob) with is_file."""
    for name in ["a/x", "a-b/x", "a.b", "a/b/c/d.html", "a/b/c.gz", "z", "A/y", ".hidden/f", "a/-", "a/a b"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    (tmp_path / "link-to-file").symlink_to(tmp_path / "z")
    (tmp_path / "link-to-folder").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(p for p in tmp_path.rglob("*") if p.is_file())]
    assert leaks._site_files(tmp_path) == expected
    assert expected.index("a/x") < expected.index("a-b/x")  # the case plain text sorting gets wrong
