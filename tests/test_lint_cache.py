"""Style findings remembered between runs (afterword/style/cache.py): a warm run finds exactly what
a cold one does, an edit or a new style guide is checked again, and a damaged cache is ignored."""

from __future__ import annotations

import json

import pytest

from afterword.demo import generate, write_site
from afterword.loader import load_history
from afterword.settings import load_settings
from afterword.style import lint_history, lint_paths
from afterword.style import checker as checker_module
from afterword.style.cache import project_folder


@pytest.fixture()
def project(tmp_path):
    write_site(generate(40, 4, seed=3), tmp_path)
    first = sorted((tmp_path / "incidents").rglob("*.md"))[2]
    first.write_text(first.read_text() + "\nSarah Whitfield restarted the database.\n")
    checker_module._CHECKERS.clear()
    return tmp_path


def findings(project):
    settings = load_settings(project / "mkdocs.yml")
    return lint_history(load_history(settings), settings)


def cached_files(project):
    return sorted(project_folder(project).rglob("*.json"))


def test_a_warm_run_finds_what_a_cold_one_does(project, monkeypatch):
    cold = findings(project)
    assert any(p.rule == "Afterword.PersonName" for p in cold)
    assert cached_files(project)
    calls = []
    real = checker_module.StyleChecker.check_text
    monkeypatch.setattr(checker_module.StyleChecker, "check_text", lambda self, *a, **k: calls.append(a[1]) or real(self, *a, **k))
    assert findings(project) == cold
    assert calls == []  # nothing was checked again


def test_an_edited_document_is_checked_again(project, monkeypatch):
    findings(project)
    edited = sorted((project / "incidents").rglob("*.md"))[5]
    edited.write_text(edited.read_text() + "\nPriya Raman restarted the database.\n")
    calls = []
    real = checker_module.StyleChecker.check_text
    monkeypatch.setattr(checker_module.StyleChecker, "check_text", lambda self, *a, **k: calls.append(a[1]) or real(self, *a, **k))
    warm = findings(project)
    assert calls == [edited.relative_to(project).as_posix()]
    assert any(p.path == calls[0] and p.rule == "Afterword.PersonName" for p in warm)


def test_a_changed_style_guide_starts_a_new_cache(project):
    findings(project)
    before = {f.parent.name for f in cached_files(project)}
    rule = project / "styleguide" / "styles" / "Afterword" / "Jargon.yml"
    rule.write_text(rule.read_text() + "\n# edited\n")
    checker_module._CHECKERS.clear()
    findings(project)
    after = {f.parent.name for f in cached_files(project)}
    assert after and not (after & before)  # the old fingerprint's folder is gone


def test_a_damaged_or_forged_cache_file_is_ignored(project):
    cold = findings(project)
    for file in cached_files(project):
        payload = json.loads(file.read_text())
        key = next(iter(payload["entries"]))
        payload["entries"][key] = [["x", "not a line", 1, "r", "m", "error", ""]]
        file.write_text(json.dumps(payload))
    (cached_files(project)[0].parent / "broken.json").write_text("{not json")
    assert findings(project) == cold


def test_the_cli_lint_fills_the_cache_the_build_reads(project):
    settings = load_settings(project / "mkdocs.yml")
    linted = [p for p in lint_paths(settings) if p.rule.startswith("Afterword.")]
    assert cached_files(project)
    assert [p for p in findings(project) if p.rule.startswith("Afterword.")] == linted


def test_afterword_cache_off_turns_it_off(project, monkeypatch):
    monkeypatch.setenv("AFTERWORD_CACHE", "off")
    findings(project)
    assert not project_folder(project).exists()


def test_checking_one_file_again_and_again_keeps_the_whole_historys_findings(project, monkeypatch):
    findings(project)
    settings = load_settings(project / "mkdocs.yml")
    one = sorted((project / "incidents").rglob("*.md"))[0]
    for n in range(10):  # each run stores a file; past 8 they are folded into one
        one.write_text(one.read_text() + f"\nUpdate {n}.\n")
        lint_paths(settings, [str(one)])
    calls = []
    real = checker_module.StyleChecker.check_text
    monkeypatch.setattr(checker_module.StyleChecker, "check_text", lambda self, *a, **k: calls.append(a[1]) or real(self, *a, **k))
    findings(project)
    assert calls == []


def test_checking_one_file_again_and_again_never_rewrites_the_historys_findings(project):
    findings(project)
    [whole] = cached_files(project)
    written = whole.stat().st_mtime_ns, whole.stat().st_ino
    settings = load_settings(project / "mkdocs.yml")
    one = sorted((project / "incidents").rglob("*.md"))[0]
    for n in range(20):  # past 8 files the small ones are folded into one, beside the history's
        one.write_text(one.read_text() + f"\nUpdate {n}.\n")
        lint_paths(settings, [str(one)])
        assert len(cached_files(project)) <= 8
    assert whole in cached_files(project) and (whole.stat().st_mtime_ns, whole.stat().st_ino) == written


def test_the_cache_lives_outside_the_checkout(project, tmp_path_factory, monkeypatch):
    """A pull request can add files to the checkout, never to the runner's cache folder."""
    where = tmp_path_factory.mktemp("cache-home")
    monkeypatch.setenv("AFTERWORD_CACHE_DIR", str(where))
    findings(project)
    assert cached_files(project) and all(where in f.parents for f in cached_files(project))
    assert not [p for p in project.rglob("*.json") if "lint" in p.parts]


def test_a_cache_folder_that_cannot_be_written_is_no_error(project, tmp_path_factory, monkeypatch):
    blocked = tmp_path_factory.mktemp("blocked") / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("AFTERWORD_CACHE_DIR", str(blocked))
    checker_module._CHECKERS.clear()
    assert any(p.rule == "Afterword.PersonName" for p in findings(project))


def test_a_warm_run_never_compiles_the_style_guide(project, monkeypatch):
    """Every finding stored: the checker is not built (no rule compiled), in one process or when a
    build prepares both of its processes before forking."""
    from afterword.style.fingerprint import fingerprint_of, style_fingerprint
    from afterword.style.run import _PREPARED, prepare_style_check

    settings = load_settings(project / "mkdocs.yml")
    checker = checker_module.checker_for(settings)  # what the checker reads is what the fingerprint covers
    assert style_fingerprint(settings) == fingerprint_of(settings, checker.config, checker.structure, checker.imported)
    cold = findings(project)
    checker_module._CHECKERS.clear()

    def no_compiling(*args, **kwargs):
        raise AssertionError("the style guide was compiled")

    monkeypatch.setattr(checker_module.StyleChecker, "__init__", no_compiling)
    assert findings(project) == cold
    prepare_style_check(load_history(settings), settings)
    assert _PREPARED  # opened once, for the worker and the page process
    _PREPARED.clear()


def test_a_style_guide_broken_after_a_warm_run_is_still_reported(project):
    findings(project)
    rule = project / "styleguide/styles/Afterword/Jargon.yml"
    rule.write_text(rule.read_text() + "\ntokens:\n  - '(unclosed'\n")
    problems = findings(project)
    assert len(problems) == 1 and problems[0].severity == "error" and "Jargon.yml" in problems[0].message


def test_library_versions_are_read_as_importlib_metadata_reads_them():
    from importlib import metadata

    from afterword.style.cache import _LIBRARIES, installed_versions

    names = (*_LIBRARIES, "pytest", "nh3", "no-such-distribution-here")
    found = installed_versions(names)
    assert found == {name: metadata.version(name) for name in names if name != "no-such-distribution-here"}
