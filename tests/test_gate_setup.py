"""``afterword check-setup`` and ``afterword verify-publish`` on recorded REST payloads (offline)."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest

from afterword.cli import main

SETUP = Path(__file__).parent / "data" / "github" / "setup"
REPO = "repos/acme/status"
APP = 123456


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "recorded"
    shutil.copytree(SETUP, target)
    return target


def _edit(folder: Path, rel: str, change) -> None:
    path = folder / REPO / f"{rel}.json" if rel else folder / f"{REPO}.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def setup(capsys, folder: Path) -> tuple[int, str]:
    code = main(["check-setup", "--repo", "acme/status", "--app-id", str(APP), "--recorded", str(folder)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_complete_setup_passes(capsys):
    code, out = setup(capsys, SETUP)
    assert code == 0, out
    assert "✗" not in out and out.rstrip().endswith("Set-up complete.")


def _rule(rules: list, kind: str) -> dict:
    return next(rule for rule in rules if rule["type"] == kind)


@pytest.mark.parametrize("rel, change, expected", [
    ("rules/branches/main", lambda r: _rule(r, "required_status_checks")["parameters"]["required_status_checks"][0].pop("integration_id"),
     "'Required approvals' is required from any source, so any writer can post it"),
    ("rules/branches/main", lambda r: _rule(r, "required_status_checks")["parameters"].update(required_status_checks=[]),
     "→ add 'Required approvals'"),
    ("rules/branches/main", lambda r: _rule(r, "required_status_checks")["parameters"].update(strict_required_status_checks_policy=False),
     "Require branches to be up to date"),
    # GitHub's own review rules must not hold an incident update for a human (the gate judges who must approve).
    ("rules/branches/main", lambda r: _rule(r, "pull_request")["parameters"].update(require_last_push_approval=True),
     "untick 'Require approval of the most recent reviewable push'"),
    ("rules/branches/main", lambda r: _rule(r, "pull_request")["parameters"].update(required_approving_review_count=1), "Required approvals: 0"),
    ("", lambda r: r.update(allow_auto_merge=False), "tick 'Allow auto-merge'"),
    ("rules/branches/main", lambda r: _rule(r, "pull_request")["parameters"].update(required_reviewers=[
        {"minimum_approvals": 1, "file_patterns": ["postmortems/**"], "reviewer": {"id": 3, "type": "Team"}},
        {"minimum_approvals": 1, "file_patterns": ["**/*.md"], "reviewer": {"id": 4, "type": "Team"}}]),
     "Required reviewers: 1 team(s) must approve files under incidents/"),
    ("rules/branches/main", lambda r: _rule(r, "pull_request")["parameters"].update(dismiss_stale_reviews_on_push=False), "Dismiss stale"),
    ("rules/branches/main", lambda r: _rule(r, "pull_request")["parameters"].update(require_code_owner_review=False), "Code Owners"),
    ("rules/branches/main", lambda r: _rule(r, "pull_request")["parameters"].update(allowed_merge_methods=["rebase"]), "Merge and Squash only"),
    ("rules/branches/main", lambda r: r.append({"type": "merge_queue", "ruleset_id": 42, "parameters": {}}), "untick 'Require merge queue'"),
    ("rules/branches/main", lambda r: r.remove(_rule(r, "deletion")), "Restrict deletions"),
    ("rules/branches/main", lambda r: r.remove(_rule(r, "non_fast_forward")), "Block force pushes"),
    ("rulesets/42", lambda r: r.update(bypass_actors=[{"actor_id": 5, "actor_type": "RepositoryRole", "bypass_mode": "always"}]), "bypass it"),
    ("", lambda r: r.update(private=False, visibility="public"), "the repository is public"),
    ("actions/permissions/workflow", lambda r: r.update(default_workflow_permissions="write"), "Workflow permissions"),
    ("actions/permissions/workflow", lambda r: r.update(can_approve_pull_request_reviews=True), "Allow GitHub Actions to create and approve"),
    ("environments/approval-gate", lambda r: r.update(deployment_branch_policy=None), "environment 'approval-gate'"),
    ("environments/approval-gate/deployment-branch-policies",
     lambda r: r["branch_policies"].append({"id": 11, "name": "*", "type": "branch"}), "environment 'approval-gate'"),
    ("environments/github-pages", lambda r: r.update(deployment_branch_policy={"protected_branches": True, "custom_branch_policies": False}),
     "environment 'github-pages'"),
    ("environments/publish-direct-push", lambda r: r.update(protection_rules=[]), "Required reviewers: the maintainers team"),
    ("environments/publish-direct-push", lambda r: r["protection_rules"][0].update(prevent_self_review=False), "Prevent self-review"),
    ("environments/publish-direct-push", lambda r: r.update(can_admins_bypass=True), "Allow administrators to bypass"),
    ("codeowners/errors", lambda r: r.update(errors=[{"line": 3, "message": "Unknown owner @acme/nobody"}]), "Unknown owner"),
    ("actions/secrets", lambda r: r["secrets"].append({"name": "AFTERWORD_APP_PRIVATE_KEY"}), "can be read by any writer's workflow"),
    ("environments/approval-gate/secrets", lambda r: r.update(secrets=[]), "Environment secrets → add AFTERWORD_APP_PRIVATE_KEY"),
    ("actions/variables/AFTERWORD_APP_ID", lambda r: r.update(value="999"), "set AFTERWORD_APP_ID to 123456 (it is '999')"),
])
def test_each_missing_setting_is_named_with_where_to_fix_it(capsys, tmp_path, rel, change, expected):
    folder = _copy(tmp_path)
    _edit(folder, rel, change)
    code, out = setup(capsys, folder)
    assert code == 1
    [bad] = [line for line in out.splitlines() if line.startswith("✗")]
    assert expected in bad


@pytest.mark.parametrize("codeowners, owners", [
    ("* @acme/maintainers\n", "@acme/maintainers"),
    ("/incidents/ @acme/oncall\n", "@acme/oncall"),
    ("*.md @acme/docs  # every page\n/postmortems/ @acme/legal\n", "@acme/docs"),
])
def test_code_owners_of_incidents_would_hold_every_incident_update(capsys, tmp_path, codeowners, owners):
    folder = _copy(tmp_path)
    _edit(folder, "contents/.github/CODEOWNERS", lambda r: r.update(content=base64.b64encode(codeowners.encode()).decode()))
    code, out = setup(capsys, folder)
    assert code == 1
    [bad] = [line for line in out.splitlines() if line.startswith("✗")]
    assert f".github/CODEOWNERS makes {owners} code owner(s) of incidents/" in bad


def test_a_later_line_without_owners_leaves_incidents_unowned(capsys, tmp_path):
    folder = _copy(tmp_path)
    text = "* @acme/maintainers\n/incidents/\n"
    _edit(folder, "contents/.github/CODEOWNERS", lambda r: r.update(content=base64.b64encode(text.encode()).decode()))
    code, out = setup(capsys, folder)
    assert code == 0, out


def test_codeowners_at_the_root_is_read_when_github_has_none(capsys, tmp_path):
    folder = _copy(tmp_path)
    moved = folder / REPO / "contents" / "CODEOWNERS.json"
    (folder / REPO / "contents" / ".github" / "CODEOWNERS.json").rename(moved)
    _edit(folder, "contents/CODEOWNERS", lambda r: r.update(content=base64.b64encode(b"/incidents/ @acme/oncall\n").decode()))
    code, out = setup(capsys, folder)
    assert code == 1 and "CODEOWNERS makes @acme/oncall code owner(s)" in out


def test_a_missing_environment_and_codeowners_are_reported(capsys, tmp_path):
    folder = _copy(tmp_path)
    (folder / REPO / "environments" / "approval-gate.json").unlink()
    (folder / REPO / "codeowners" / "errors.json").unlink()
    code, out = setup(capsys, folder)
    assert code == 1
    assert "✗ no environment 'approval-gate'" in out and "✗ no CODEOWNERS file" in out


def test_an_unreadable_setting_exits_2(capsys, tmp_path):
    folder = _copy(tmp_path)
    (folder / REPO / "actions" / "permissions" / "workflow.json").unlink()
    code, out = setup(capsys, folder)
    assert code == 2 and "actions/permissions/workflow was not found (404)" in out


# --- verify-publish ----------------------------------------------------------------------------

DEPLOYED, TIP, HEAD, X = "d" * 40, "e" * 40, "f" * 40, "c" * 40


def history(tmp_path: Path, *, chain=((TIP, DEPLOYED),), pulls=None, runs=None, deployed=DEPLOYED, status="ahead") -> Path:
    """Recorded answers: the last deployment, the commits since, each commit's pull request and the head's checks."""
    root = tmp_path / "recorded" / REPO
    files = {"": {"full_name": "acme/status", "default_branch": "main"}}
    if deployed:
        files["deployments"] = [{"id": 7, "sha": deployed, "environment": "github-pages"}]
        files["deployments/7/statuses"] = [{"id": 1, "state": "success"}]
    else:
        files["deployments"] = []
    files[f"compare/{DEPLOYED}...{TIP}"] = {"status": status, "total_commits": len(chain),
                                             "commits": [{"sha": sha, "parents": [{"sha": parent}]} for sha, parent in reversed(chain)]}
    for sha, _ in chain:
        files[f"commits/{sha}/pulls"] = (pulls or {}).get(sha, [])
    files[f"commits/{HEAD}/check-runs"] = {"total_count": 1, "check_runs": runs if runs is not None else [
        {"name": "Required approvals", "status": "completed", "conclusion": "success", "app": {"id": APP, "slug": "acme-gate"}}]}
    for rel, data in files.items():
        path = root.parent / f"{root.name}.json" if rel == "" else root / f"{rel}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data))
    return tmp_path / "recorded"


def merged(sha: str, base: str = "main") -> list[dict]:
    return [{"number": 5, "merged_at": "2025-03-06T12:00:00Z", "merge_commit_sha": sha, "base": {"ref": base}, "head": {"sha": HEAD}}]


def verify(capsys, tmp_path, folder: Path) -> tuple[bool, str]:
    output = tmp_path / "github_output"
    code = main(["verify-publish", "--repo", "acme/status", "--sha", TIP, "--app-id", str(APP), "--recorded", str(folder), "--github-output", str(output)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return output.read_text() == "approved=true\n", captured.out


def test_a_merge_whose_head_passed_the_gate_is_published(capsys, tmp_path):
    approved, out = verify(capsys, tmp_path, history(tmp_path, pulls={TIP: merged(TIP)}))
    assert approved and "merge of pull request #5" in out


@pytest.mark.parametrize("runs", [
    [{"name": "Required approvals", "status": "completed", "conclusion": "success", "app": {"id": 15368, "slug": "github-actions"}}],
    [{"name": "Required approvals", "status": "completed", "conclusion": "failure", "app": {"id": APP}}],
    [],
], ids=["check-from-another-app", "check-failed", "no-check"])
def test_a_merge_without_the_apps_passing_check_waits_for_a_maintainer(capsys, tmp_path, runs):
    approved, out = verify(capsys, tmp_path, history(tmp_path, pulls={TIP: merged(TIP)}, runs=runs))
    assert not approved and "a maintainer must approve" in out


def test_a_direct_push_waits_for_a_maintainer(capsys, tmp_path):
    approved, out = verify(capsys, tmp_path, history(tmp_path))
    assert not approved and "direct push" in out


def test_a_direct_push_under_an_approved_merge_still_waits(capsys, tmp_path):
    folder = history(tmp_path, chain=((TIP, X), (X, DEPLOYED)), pulls={TIP: merged(TIP)})
    approved, out = verify(capsys, tmp_path, folder)
    assert not approved and f"{X[:12]}: not the merge" in out


def test_a_merge_into_another_branch_does_not_count(capsys, tmp_path):
    approved, _ = verify(capsys, tmp_path, history(tmp_path, pulls={TIP: merged(TIP, base="lax")}))
    assert not approved


def test_nothing_new_since_the_last_deployment_is_approved(capsys, tmp_path):
    folder = history(tmp_path, deployed=TIP)
    approved, out = verify(capsys, tmp_path, folder)
    assert approved and "already deployed" in out


def test_rewritten_history_waits_for_a_maintainer(capsys, tmp_path):
    approved, out = verify(capsys, tmp_path, history(tmp_path, pulls={TIP: merged(TIP)}, status="diverged"))
    assert not approved and "history rewritten" in out


def test_a_first_deployment_needs_an_approved_merge_at_the_tip(capsys, tmp_path):
    approved, _ = verify(capsys, tmp_path, history(tmp_path, pulls={TIP: merged(TIP)}, deployed=None))
    assert approved
    approved, _ = verify(capsys, tmp_path / "direct", history(tmp_path / "direct", deployed=None))
    assert not approved


def test_fast_path_the_squash_merge_of_an_incident_update_is_published(capsys, tmp_path):
    """Two incident updates merged by auto-merge since the last deployment (squash commits whose pull
    requests had no review at all): the gate's passing check on each head is what publishes them."""
    squash = [{"number": 8, "merged_at": "2025-03-06T12:10:00Z", "merge_commit_sha": X, "base": {"ref": "main"}, "head": {"sha": HEAD},
               "user": {"login": "oncall-olu"}, "requested_reviewers": [], "auto_merge": {"merge_method": "squash"}}]
    folder = history(tmp_path, chain=((TIP, X), (X, DEPLOYED)), pulls={TIP: merged(TIP), X: squash})
    approved, out = verify(capsys, tmp_path, folder)
    assert approved, out
    assert "merge of pull request #8" in out and "merge of pull request #5" in out


@pytest.mark.parametrize("command", ["check-setup", "verify-publish"])
def test_a_non_numeric_app_id_is_one_error_saying_where_to_find_it(command, capsys):
    extra = ["--sha", TIP] if command == "verify-publish" else []
    code = main([command, "--repo", "acme/status", "--app-id", "my-app\n::warning::forged", *extra])
    err = capsys.readouterr().err
    assert code == 2 and "App settings → General → App ID" in err and "AFTERWORD_APP_ID" in err
    assert "\n::warning" not in err  # printed on one line: no workflow command smuggled into a CI log
