"""A preview rebuild after an edit reuses what the edit did not touch, yet writes exactly the site a
preview started afresh writes; and a published build is not changed by any of it.

The builds run in-process as `mkdocs serve` runs them (one process, the hooks loaded once, the
caches kept between rebuilds); "afresh" is the same build with every preview cache emptied.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from afterword import preview
from afterword.build import SiteBuild
from afterword.demo import generate, write_site

NOW = "2026-11-23 10:00 UTC"
SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path):
    """A demo history of 40 incidents in which only the 5 most recently edited get full pages."""
    project = tmp_path / "demo"
    write_site(generate(40, 4, seed=11), project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\n  afterword:\n", "\n  afterword:\n    preview:\n      pages: 5\n", 1), encoding="utf-8")
    return project


def _fresh_caches(monkeypatch) -> None:
    monkeypatch.setattr(preview, "FINDINGS", preview.FindingsCache())
    monkeypatch.setattr(preview, "SECRETS", preview.SecretsVerdicts())
    monkeypatch.setattr(preview, "RENDERS", preview.RenderCache())
    monkeypatch.setattr(preview, "SEARCH", preview.SearchEntries())
    monkeypatch.setattr(preview, "TEMPLATES", preview.TemplateCode())
    monkeypatch.setattr(preview, "FEEDS", preview.FeedBytes())


def _build(project: Path, site: Path, command: str = "serve") -> None:
    """One build as `mkdocs serve` (or `mkdocs build`) runs it."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=False)
    if command == "serve":
        config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL if command == "serve" else None)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _save(path: Path, text: str, tick: list[int]) -> None:
    """Write like an editor does, with a modification time later than any before it."""
    path.write_text(text, encoding="utf-8")
    tick[0] += 10
    os.utime(path, ns=(tick[0], tick[0]))


def test_rebuilds_after_edits_equal_a_fresh_preview(project, tmp_path, monkeypatch):
    monkeypatch.setenv("AFTERWORD_NOW", NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    _fresh_caches(monkeypatch)
    renders: list[str] = []
    real_enter = preview._LogRecords.__enter__
    monkeypatch.setattr(preview._LogRecords, "__enter__", lambda self: renders.append("render") or real_enter(self))
    incidents = sorted((project / "incidents").rglob("*.md"))
    tick = [max(p.stat().st_mtime_ns for p in incidents)]
    live = tmp_path / "live"
    _build(project, live)

    oldest, other, gone = incidents[0], incidents[1], incidents[2]
    theme = project / "overrides" / "main.html"
    original = oldest.read_text(encoding="utf-8")
    said = "Invoices are being sent again."
    edits = [
        ("an incident outside the recent ones gets its page", lambda: _save(oldest, original.replace("UTC\n\n", f"UTC\n\n{said} ", 1), tick)),
        ("a person's name is an error on every page", lambda: _save(oldest, original.replace("UTC\n\n", "UTC\n\nThanks to Priya Raman for the fix. ", 1), tick)),
        ("a credential is an error on every page", lambda: _save(oldest, original.replace("UTC\n\n", "UTC\n\nThe key sk_live_51HqLyjWDarjtT1zdp7dcXoLm was rotated. ", 1), tick)),
        ("fixed again", lambda: _save(oldest, original.replace("UTC\n\n", f"UTC\n\n{said} ", 1), tick)),
        ("another incident edited", lambda: _save(other, other.read_text(encoding="utf-8").replace("UTC\n\n", f"UTC\n\n{said} ", 1), tick)),
        ("a draft is withheld", lambda: _save(other, other.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), tick)),
        ("a removed file", lambda: gone.unlink()),
        ("a theme override edited", lambda: _save(theme, theme.read_text(encoding="utf-8").replace("{{ super() }}", '{{ super() }}<meta name="aw-edited">', 1), tick)),
        ("mkdocs.yml edited", lambda: _save(project / "mkdocs.yml", (project / "mkdocs.yml").read_text(encoding="utf-8").replace("pages: 5", "pages: 6"), tick)),
    ]
    seen: dict[str, dict[str, bytes]] = {}
    for what, edit in edits:
        edit()
        renders.clear()
        _build(project, live)
        rebuilt = _files(live)
        reused = len(renders)
        with monkeypatch.context() as fresh:
            _fresh_caches(fresh)
            renders.clear()
            _build(project, tmp_path / "fresh")
            assert rebuilt == _files(tmp_path / "fresh"), f"after '{what}' the rebuilt preview differs from a fresh one"
            if what != "mkdocs.yml edited":  # (a new mkdocs.yml renders every page again)
                assert reused < len(renders) / 2, f"after '{what}' most pages were rendered again"
        seen[what] = rebuilt

    slug = oldest.stem
    page = f"incidents/{slug}/index.html"
    assert said.encode() in seen["an incident outside the recent ones gets its page"][page]
    assert b"Afterword.PersonName" in seen["a person's name is an error on every page"]["index.html"]
    assert b"Afterword.Secret" in seen["a credential is an error on every page"]["index.html"]
    assert b"aw-preview-problems" not in seen["fixed again"]["index.html"]
    assert f"incidents/{other.stem}/index.html" in seen["another incident edited"]
    assert f"incidents/{other.stem}/index.html" not in seen["a draft is withheld"]
    assert not any(gone.stem in name for name in seen["a removed file"])
    assert b'<meta name="aw-edited">' in seen["a theme override edited"]["index.html"]
    # Earlier builds' files, moved aside before each rebuild, are gone once the server stops.
    assert preview.PREVIOUS_SITES.threads, "the rebuilds moved nothing aside"
    SiteBuild.stop_preview()
    assert [p.name for p in tmp_path.iterdir() if "-previous-" in p.name] == []


def test_a_published_build_is_unchanged_by_a_running_preview(project, tmp_path, monkeypatch):
    monkeypatch.setenv("AFTERWORD_NOW", NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    _fresh_caches(monkeypatch)
    _build(project, tmp_path / "live")
    incident = sorted((project / "incidents").rglob("*.md"))[0]
    incident.write_text(incident.read_text(encoding="utf-8").replace("UTC\n\n", "UTC\n\nInvoices are being sent again. ", 1), encoding="utf-8")
    _build(project, tmp_path / "live")
    _build(project, tmp_path / "published", command="build")
    env = {**os.environ, "AFTERWORD_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(tmp_path / "alone")], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert _files(tmp_path / "published") == _files(tmp_path / "alone")
