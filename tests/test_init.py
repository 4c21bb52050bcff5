"""`afterword init` on a copy of this repository: Acme Cloud's answers, then a strict build, the
engine's tests, no example content left; idempotent, and edited files are kept unless --force."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from afterword.cli import main
from project_paths import LUMEN, REPO
from trust_support import run_build

ACME = [
    "init", "--no-input", "--company", "Acme Cloud", "--site-url", "https://status.acme.example/",
    "--support-url", "https://acme.example/support", "--support-email", "support@acme.example",
    "--public-hosts", "status.acme.example,app.acme.example,api.acme.example", "--company-domains", "acme.example",
    "--components", "API,Dashboard,Webhooks,Billing", "--github-org", "acme-cloud", "--team", "legal=legal-review",
    "--timezone", "Europe/Berlin",
]
_BUILD_OUTPUT = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".hypothesis", ".pytest_cache")


def _skipped(folder: str, names: list[str]) -> set[str]:
    """What a fresh clone would not have: the venv, caches and (at the top) build output."""
    top = {"site", "test-artifacts", "bench-results"} if Path(folder) == REPO else set()
    return set(_BUILD_OUTPUT(folder, names)) | (top & set(names))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and "tests" not in p.relative_to(root).parts}


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("adopt") / "acme"
    shutil.copytree(REPO, root, ignore=_skipped, symlinks=True)
    assert main([*ACME, "--project", str(root)]) == 0
    return root


def test_the_answers_are_written(adopted):
    config = yaml.safe_load((adopted / "mkdocs.yml").read_text().replace("!!python", "tag"))
    assert config["site_name"] == "Acme Cloud Status History" and config["site_url"] == "https://status.acme.example/"
    afterword = config["extra"]["afterword"]
    assert afterword["company"] == "Acme Cloud"
    assert afterword["support"] == {"url": "https://acme.example/support", "email": "support@acme.example"}
    assert afterword["domains"] == {"public_hosts": ["status.acme.example", "app.acme.example", "api.acme.example"], "company": ["acme.example"]}
    assert [(c["id"], c["name"]) for c in afterword["components"]] == [("api", "API"), ("dashboard", "Dashboard"), ("webhooks", "Webhooks"), ("billing", "Billing")]
    assert afterword["authoring"]["timezone"] == "Europe/Berlin"
    assert "@acme-cloud/marketing @acme-cloud/legal-review" in (adopted / ".github" / "CODEOWNERS").read_text()
    assert "@acme-cloud/maintainers" in (adopted / ".github" / "CODEOWNERS").read_text()
    assert "teams: [acme-cloud/legal-review]" in (adopted / "styleguide" / "reviewers.yml").read_text()
    assert "@acme-cloud/security" in (adopted / ".github" / "pull_request_template.md").read_text()
    assert "Acme Cloud" in (adopted / "styleguide" / "styles" / "config" / "vocabularies" / "Afterword" / "accept.txt").read_text()


def test_no_example_content_is_left(adopted):
    # An adopted repository runs this too, with its own incidents: only Lumen's must be gone.
    for folder in ("incidents", "postmortems"):
        for path in (adopted / folder).rglob("*"):
            example = LUMEN / path.relative_to(adopted)
            assert not (path.is_file() and example.is_file() and example.read_bytes() == path.read_bytes()), path
    for part in ("mkdocs.yml", "styleguide", ".github", "docs", "overrides", "incidents", "postmortems"):
        for path in [adopted / part] if (adopted / part).is_file() else (adopted / part).rglob("*"):
            if path.is_file():
                assert "lumen" not in path.read_text(encoding="utf-8", errors="ignore").lower(), path


def test_the_adopted_project_builds_strict_with_the_support_contact(adopted, tmp_path):
    result = run_build(adopted, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'href="https://acme.example/support"' in (tmp_path / "site" / "index.html").read_text()
    assert "support@acme.example" in (tmp_path / "site" / "subscribe" / "index.html").read_text()


def test_a_first_incident_resolves_with_a_link_to_support(adopted, tmp_path, capsys):
    project = tmp_path / "p"
    shutil.copytree(adopted, project, symlinks=True)
    config = ["--config", str(project / "mkdocs.yml")]
    assert main(["new", "incident", "Webhooks delayed", "--impact", "minor", "--components", "webhooks", "--at", "2026-11-23 09:00 UTC", *config]) == 0
    assert main(["new", "update", "2026-11-23-webhooks-delayed", "--status", "resolved", "--at", "2026-11-23 09:40 UTC", *config]) == 0
    text = (project / "incidents" / "2026" / "2026-11-23-webhooks-delayed.md").read_text()
    assert "contact [our support team](https://acme.example/support)" in text
    assert main(["check", str(project / "incidents" / "2026" / "2026-11-23-webhooks-delayed.md"), *config]) == 0


def test_init_again_changes_nothing(adopted, capsys):
    before = _files(adopted)
    capsys.readouterr()
    assert main([*ACME, "--project", str(adopted)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert _files(adopted) == before


def test_edited_files_are_kept_unless_forced(adopted, tmp_path, capsys):
    project = tmp_path / "p"
    shutil.copytree(adopted, project, symlinks=True)
    config = project / "mkdocs.yml"
    edited = config.read_text().replace("primary: indigo", "primary: teal")
    config.write_text(edited)
    other = [*ACME, "--support-url", "https://help.acme.example/", "--project", str(project)]
    assert main(other) == 1
    assert "mkdocs.yml" in capsys.readouterr().err and config.read_text() == edited
    assert main([*other, "--force"]) == 0
    assert "primary: teal" in config.read_text() and "https://help.acme.example/" in config.read_text()


def test_missing_answers_are_named(tmp_path, capsys):
    assert main(["init", "--no-input", "--company", "Acme", "--project", str(tmp_path)]) == 2
    assert "--site-url, --components" in capsys.readouterr().err
    assert main(["init", "--no-input", "--company", "Acme", "--site-url", "status.acme", "--components", "API", "--project", str(tmp_path)]) == 2
    assert "https://status.acme.example/" in capsys.readouterr().err


def test_the_engine_tests_pass_in_the_adopted_repository(adopted):
    """A sample of the suite, run inside the adopted copy: it uses its own fixture site, not the root."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    modules = ["tests/test_example_fixture.py", "tests/test_authoring.py", "tests/test_style_rules.py", "tests/test_new_edit.py"]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *modules], cwd=adopted, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "skipped" in result.stdout  # the fixture-equals-root check skips in an adopted repository


def test_init_asks_in_a_terminal(tmp_path, monkeypatch, capsys):
    project = tmp_path / "p"
    shutil.copytree(REPO, project, ignore=_skipped, symlinks=True)
    answers = iter(["Acme Cloud", "", "https://status.acme.example/", "https://acme.example/support", "", "", "", "API,Billing", "", ""])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    assert main(["init", "--project", str(project)]) == 0
    text = (project / "mkdocs.yml").read_text()
    assert 'company: "Acme Cloud"' in text and "https://acme.example/support" in text and "name: Billing" in text
    assert "@acme-cloud/legal" in (project / ".github" / "CODEOWNERS").read_text()
