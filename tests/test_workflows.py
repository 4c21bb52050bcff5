"""The GitHub workflows in .github/workflows: valid against GitHub's schema, every action pinned by
commit SHA, and every project command they run (make targets, afterword subcommands, scripts) real."""

from __future__ import annotations

import re
import shlex
import shutil
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
    assert {p.name for p in WORKFLOWS} >= {"pr-check.yml", "approval-gate.yml", "approval-gate-reviews.yml", "publish.yml"}


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
    used = [(where, words[1]) for where, words in _runs() if words[0].split("/")[-1] == "afterword"]
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


GATE = ROOT / ".github" / "workflows" / "approval-gate.yml"
RELAY = ROOT / ".github" / "workflows" / "approval-gate-reviews.yml"
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"


def test_the_gate_runs_from_the_default_branch_on_every_event_that_can_change_its_verdict():
    gate = _load(GATE)
    assert set(gate["on"]) == {"pull_request_target", "workflow_run"}  # never `pull_request`: that runs the PR's own copy
    assert set(gate["on"]["pull_request_target"]["types"]) >= {"opened", "synchronize", "reopened", "ready_for_review", "edited"}
    assert gate["on"]["workflow_run"]["workflows"] == [_load(RELAY)["name"]]
    relay = _load(RELAY)
    assert set(relay["on"]["pull_request_review"]["types"]) >= {"submitted", "dismissed"}
    assert gate["concurrency"]["cancel-in-progress"] is False


def test_no_gate_job_has_an_if_and_none_is_named_like_the_check():
    # A skipped job reports success, even for a required check; the App's check is the only "Required approvals".
    for path in (GATE, RELAY):
        for job_id, job in _load(path)["jobs"].items():
            assert "if" not in job, f"{path.name}:{job_id}"
            assert job.get("name") != "Required approvals"


def test_the_gate_holds_its_key_in_an_environment_and_executes_nothing_from_the_pull_request():
    gate = _load(GATE)
    assert gate["permissions"] == {}
    [job] = gate["jobs"].values()
    assert job["environment"] == "approval-gate" and job["permissions"] == {"contents": "read"}
    steps = job["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    base, head = checkouts
    assert base["with"]["ref"] == "${{ github.event.repository.default_branch }}" and base["with"]["path"] == "base"
    assert head["with"]["path"] == "head" and head["with"]["ref"] == "${{ env.HEAD_SHA }}"  # all of it: content_dir, symlinks
    for step in steps:
        assert step.get("working-directory", "base") == "base"
        assert "head/" not in step.get("run", "").replace("--root ../head", "")
    [token] = [s for s in steps if s.get("uses", "").startswith("actions/create-github-app-token@")]
    assert token["with"]["repositories"] == "${{ github.event.repository.name }}"
    assert {k: v for k, v in token["with"].items() if k.startswith("permission-")} == {
        "permission-checks": "write", "permission-contents": "read", "permission-pull-requests": "read", "permission-members": "read"}
    run = [words for where, words in _runs() if where.startswith("approval-gate.yml")][-1]
    assert run[0].endswith("afterword") and run[1] == "check-approvals"
    assert {"--post-check", "--head-sha", "--base-root", "--root"} <= set(run)


def test_the_review_relay_has_no_permission_and_no_secret():
    relay = _load(RELAY)
    assert relay["permissions"] == {}
    assert "secrets." not in RELAY.read_text() and "uses:" not in RELAY.read_text()


def test_the_shipped_policy_guards_what_judges_or_builds_the_site():
    from afterword.approvals import load_policy

    policy = load_policy(ROOT / "styleguide" / "reviewers.yml")
    for path in (".github/workflows/publish.yml", ".github/CODEOWNERS", "hooks/afterword/approvals/decision.py", "hooks/afterword_hooks.py",
                 "mkdocs.yml", "overrides/main.html", "docs/index.md", "Makefile", "requirements.lock", "requirements-dev.lock",
                 "pyproject.toml", "styleguide/reviewers.yml", ".ci/run"):
        assert any(role.guards(path) for role in policy.roles), path
    assert policy.role("maintainers").guards(".github/workflows/approval-gate.yml")
    assert policy.role("maintainers").guards("hooks/afterword/loader.py")
    assert policy.distinct


def test_the_shipped_files_leave_ordinary_incident_updates_to_the_gate():
    """The fast path (guide/incident-updates.md): no role's paths and no CODEOWNERS line cover incidents/,
    so an incident-only pull request merges on the gate's verdict; every other content path stays guarded."""
    from afterword.approvals import load_policy
    from afterword.approvals.setup_check import INCIDENT_PROBE, _owners

    policy = load_policy(ROOT / "styleguide" / "reviewers.yml")
    assert not any(role.guards(INCIDENT_PROBE) for role in policy.roles)
    assert _owners((ROOT / ".github" / "CODEOWNERS").read_text(), INCIDENT_PROBE) == []
    assert _owners((ROOT / ".github" / "CODEOWNERS").read_text(), "postmortems/x.md") == ["@acme/marketing", "@acme/legal"]
    assert {role.name for role in policy.roles if role.security_incidents} == {"security"}


def test_publish_runs_on_push_schedule_and_by_hand_and_deploys_with_least_privilege():
    publish = _load(PUBLISH)
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["on"]["schedule"] == [{"cron": "*/10 * * * *"}]
    assert "workflow_dispatch" in publish["on"]
    assert publish["permissions"] == {} and publish["concurrency"]["cancel-in-progress"] is False
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert set(deploy["needs"]) == {"build", "direct-push"}
    assert "needs.build.outputs.approved == 'true'" in deploy["if"]
    assert "(vars.AFTERWORD_DIRECT_PUSH_REVIEWED == 'true' && needs.direct-push.result == 'success')" in deploy["if"]
    assert publish["jobs"]["direct-push"]["environment"] == "publish-direct-push"
    uses = [step.get("uses", "").split("@")[0] for _, step in _steps(publish)]
    assert "actions/upload-pages-artifact" not in uses  # it pulls upload-artifact by tag; the tar is made here
    assert "actions/deploy-pages" in uses
    build = [words for where, words in _runs() if where.startswith("publish.yml:build")]
    verify = next(i for i, w in enumerate(build) if w[0].endswith("afterword") and w[1] == "verify-publish")
    mkdocs = next(i for i, w in enumerate(build) if w[0].endswith("mkdocs"))
    assert verify < mkdocs and build[mkdocs][1:3] == ["build", "--strict"]
    assert ["make", "install"] in build


def test_installs_are_pinned_and_hashed_and_the_runtime_has_no_dev_tools():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile and "--no-build-isolation" in makefile
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text().replace("\\\n", " ")
        pins = [line for line in text.splitlines() if line and not line.startswith((" ", "#", "-"))]
        assert pins and all("==" in line and "--hash=sha256:" in line for line in pins), name
    runtime = {line.split("==")[0].lower() for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line}
    assert {"mkdocs", "mkdocs-material", "setuptools", "pip"} <= runtime
    assert not runtime & {"pytest", "zizmor", "hypothesis", "playwright", "pip-tools", "check-jsonschema"}


def _zizmor() -> str | None:
    local = Path(sys.executable).parent / "zizmor"
    return str(local) if local.is_file() else shutil.which("zizmor")


def test_workflows_pass_the_zizmor_security_audit():
    zizmor = _zizmor()
    if zizmor is None:
        pytest.skip("zizmor (requirements-dev.lock) is not installed: run make test")
    result = subprocess.run([zizmor, "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pr_check_links_the_uploaded_site_in_the_summary():
    text = (ROOT / ".github" / "workflows" / "pr-check.yml").read_text()
    assert "steps.upload.outputs.artifact-url" in text and "GITHUB_STEP_SUMMARY" in text
    assert any(words[:3] == ["afterword", "lint", "--format"] for where, words in _runs() if where.startswith("pr-check.yml"))


def test_publish_restores_only_the_style_checks_findings():
    """The style check's findings are restored by publish.yml alone, which runs on main: data keyed
    by content, never code (ATTACKS.md). No workflow a pull request triggers touches a cache."""
    caches = [(path, step) for path in WORKFLOWS for _, step in _steps(_load(path))
              if str(step.get("uses", "")).startswith(("actions/cache@", "actions/cache/"))]
    lint = [(path.name, step) for path, step in caches if "afterword/lint" in str(step["with"]["path"])]
    assert [name for name, _ in lint] == ["publish.yml"]
    step = lint[0][1]
    assert step["with"]["path"] == "~/.cache/afterword/lint"  # outside the checkout a pull request fills
    assert str(step["with"]["key"]).startswith("afterword-lint-") and step["with"]["restore-keys"] == "afterword-lint-"
    for path, _ in caches:
        triggers = _load(path)["on"]
        assert not {"pull_request", "pull_request_target"} & set(triggers), path.name
    assert _load(WORKFLOWS[0].parent / "publish.yml")["on"]["push"] == {"branches": ["main"]}
