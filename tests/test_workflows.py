"""The GitHub workflows in .github/workflows: valid against GitHub's schema, every action pinned by
commit SHA, and every project command they run (make targets, afterword subcommands, scripts) real."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from afterword.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); put it back.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        if "uses" in job:  # a reusable workflow call
            yield job_id, {"uses": job["uses"]}
        for step in job.get("steps", []):
            yield job_id, step


def _commands(script: str):
    """Each simple command of a run: script as a list of words, split as a shell would (quotes kept
    together, ``&&``/``||``/``;``/``|``/brace groups separating commands; expressions made inert)."""
    script = _EXPRESSION.sub("EXPR", script).replace("\\\n", " ")
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.commenters = "#"
        lexer.whitespace_split = True
        words: list[str] = []
        redirect_target = False
        for token in lexer:
            if redirect_target:  # the file after a '>>' that follows a brace group, not a command
                redirect_target = False
                continue
            if token[:1] in "<>" and token and not words:
                redirect_target = True
                continue
            if token in ("{", "}") or (token and set(token) <= set("&|;()<>")):
                if words and token[0] in "<>":
                    words.append(token)  # a redirection belongs to its command
                    continue
                if words:
                    yield words
                words = []
            else:
                words.append(token)
        if words:
            yield words


def _runs():
    for path in WORKFLOWS:
        for job_id, step in _steps(_load(path)):
            if "run" in step:
                for words in _commands(step["run"]):
                    yield f"{path.name}:{job_id}:{step.get('name', '')}", words


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"pr-check.yml", "approval-gate.yml", "publish.yml"}


def test_workflows_match_the_github_workflow_schema():
    pytest.importorskip("check_jsonschema", reason="check-jsonschema (requirements.in) is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_commit_sha_with_its_version():
    unpinned = []
    for path in WORKFLOWS:
        for job_id, step in _steps(_load(path)):
            uses = step.get("uses")
            if uses and not uses.startswith(("./", "docker://")) and not PINNED.match(uses):
                unpinned.append(f"{path.name}:{job_id}: {uses}")
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\buses:\s*[^.\s][^@\s]*@[0-9a-f]{40}", line) and not re.search(r"#\s*v\d+\.\d+\.\d+", line):
                unpinned.append(f"{path.name}:{number}: the SHA needs a '# vX.Y.Z' comment")
    assert unpinned == []


def test_afterword_subcommands_exist():
    used = [(where, words[1]) for where, words in _runs() if words[0] == "afterword"]
    assert used, "the workflows should run afterword"
    unknown = [f"{where}: afterword {name}" for where, name in used if name not in COMMANDS]
    assert unknown == []


def test_scripts_run_by_path_exist():
    missing = []
    for where, words in _runs():
        for word in words:
            if word.startswith(("$", "-", "/", "..")) or "EXPR" in word or "://" in word:
                continue
            if word.startswith("./") or re.search(r"\.(sh|py)$", word):
                if not (ROOT / word).exists():
                    missing.append(f"{where}: {word}")
    assert missing == []


def _makefile_targets(makefile: Path) -> set[str]:
    targets = set()
    for line in makefile.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-/ ]+?)\s*::?(?!=)", line)
        if match and not line.startswith("\t"):
            targets.update(match.group(1).split())
    return targets


def test_make_targets_exist():
    makefile = ROOT / "Makefile"
    if not makefile.is_file():
        pytest.skip("no Makefile yet: the workflows' make targets (install) cannot be checked")
    targets = _makefile_targets(makefile)
    used = [(where, word) for where, words in _runs() if words[0] == "make" for word in words[1:] if not word.startswith("-") and "=" not in word]
    assert used, "the workflows should install with make"
    assert [f"{where}: make {target}" for where, target in used if target not in targets] == []


def test_the_approval_gate_runs_on_reviews_and_pushes_to_the_pull_request():
    gate = _load(ROOT / ".github" / "workflows" / "approval-gate.yml")
    assert set(gate["on"]["pull_request"]["types"]) == {"opened", "synchronize", "reopened", "ready_for_review"}
    assert set(gate["on"]["pull_request_review"]["types"]) == {"submitted", "dismissed"}
    runs = [words for where, words in _runs() if where.startswith("approval-gate.yml") and words[0] == "afterword"]
    assert runs and runs[0][1] == "check-approvals" and "--repo" in runs[0] and "--number" in runs[0]


def test_publish_deploys_to_pages_with_least_privilege():
    publish = _load(ROOT / ".github" / "workflows" / "publish.yml")
    assert publish["on"]["push"]["branches"] == ["main"]
    assert "group" in publish["concurrency"]
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "").split("@")[0] for _, step in _steps(publish)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert any(words[:3] == ["mkdocs", "build", "--strict"] for where, words in _runs() if where.startswith("publish.yml"))


def test_pr_check_links_the_uploaded_site_in_the_summary():
    text = (ROOT / ".github" / "workflows" / "pr-check.yml").read_text()
    assert "steps.upload.outputs.artifact-url" in text and "GITHUB_STEP_SUMMARY" in text
    assert any(words[:3] == ["afterword", "lint", "--format"] for where, words in _runs() if where.startswith("pr-check.yml"))
