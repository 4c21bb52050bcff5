"""The security review's scenarios (S13–S29 and the gate issue's list), each judged by
``afterword check-approvals`` on REST payloads in the shapes GitHub documents, written per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterword.cli import main

from project_paths import LUMEN

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_POLICY = LUMEN / "styleguide" / "reviewers.yml"  # the shipped policy, as the example keeps it (adoption rewrites the root copy)
HEAD = "a" * 40
OLD = "b" * 40
MEMBERS = {"acme/marketing": ["mia-marketing", "mark-m"], "acme/legal": ["lee-legal", "lou-legal"],
           "acme/security": ["sam-sec"], "acme/maintainers": ["mo-maint", "max-maint"]}
PLAIN = "---\ntitle: Slow dashboards\nstarted: 2025-03-04 10:00 UTC\n---\n"
SECURE = "---\ntitle: Token leak\nstarted: 2025-04-01 10:00 UTC\nsecurity: true\n---\n"


@pytest.fixture(autouse=True)
def _outside_actions(monkeypatch):
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)


def user(login: str) -> dict:
    return {"login": login, "id": sum(map(ord, login)), "type": "Bot" if login.endswith("[bot]") else "User"}


def pull(*, author="writer-wes", head=HEAD, base="main", default="main", changed_files=None, commits=None, files=1, n_commits=1) -> dict:
    return {"number": 7, "title": "Postmortem", "user": user(author), "head": {"sha": head, "ref": "pm", "repo": {"full_name": "acme/status"}},
            "base": {"ref": base, "sha": OLD, "repo": {"full_name": "acme/status", "default_branch": default}},
            "changed_files": files if changed_files is None else changed_files, "commits": n_commits if commits is None else commits}


def review(rid: int, login: str, state: str = "APPROVED", commit: str = HEAD) -> dict:
    return {"id": rid, "user": user(login), "state": state, "commit_id": commit, "submitted_at": f"2025-03-06T10:{rid % 60:02d}:00Z"}


def commit(sha: str = HEAD, author: str = "writer-wes", committer: str = "writer-wes") -> dict:
    return {"sha": sha, "commit": {"message": "edit"}, "author": user(author), "committer": user(committer)}


def dismissed(review_id: int, actor: str, state: str = "changes_requested") -> dict:
    return {"id": 900 + review_id, "event": "review_dismissed", "actor": user(actor),
            "dismissed_review": {"state": state, "review_id": review_id, "dismissal_message": "done", "dismissal_commit_id": None}}


def changed(filename: str, status: str = "modified", previous: str | None = None) -> dict:
    item = {"filename": filename, "status": status}
    if previous:
        item["previous_filename"] = previous
    return item


def tree(base: Path, files: dict[str, str]) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text)
    return base


BOTH = [review(1, "mia-marketing"), review(2, "lee-legal")]


def judge(tmp_path, capsys, *, files, reviews=(), commits=None, events=(), pr=None, head=None, base=None,
          policy=SHIPPED_POLICY, members=MEMBERS, extra=()) -> tuple[int, str, str]:
    data = tmp_path / "payloads"
    data.mkdir(exist_ok=True)
    commits = [commit()] if commits is None else commits
    pr = pr or pull(files=len(files), n_commits=len(commits))
    for name, value in {"pull": pr, "files": files, "reviews": list(reviews), "commits": commits, "events": list(events), "members": members}.items():
        (data / f"{name}.json").write_text(json.dumps(value))
    head = head or tree(tmp_path / "head", {"postmortems/x.md": "---\ntitle: X\nincident: slow\n---\n", "incidents/2025/slow.md": PLAIN})
    args = ["check-approvals", "--policy", str(policy), "--root", str(head), "--pull", str(data / "pull.json"),
            "--files", str(data / "files.json"), "--reviews", str(data / "reviews.json"), "--commits", str(data / "commits.json"),
            "--events", str(data / "events.json"), "--members", str(data / "members.json")]
    if base is not None:
        args += ["--base-root", str(base)]
    code = main(args + list(extra))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def missing(out: str) -> list[str]:
    for line in out.splitlines():
        if line.startswith("Missing approvals from: "):
            return line.split(": ", 1)[1].split(", ")
    return []


# --- C3, M4: the policy guards everything that judges a change or shapes what customers see -----

@pytest.mark.parametrize("path", [
    "hooks/afterword/approvals/decision.py",  # S18: the gate's own code
    ".github/workflows/approval-gate.yml",  # S20: the workflow that runs it
    ".github/CODEOWNERS", "mkdocs.yml", "overrides/main.html", "docs/index.md",  # S21: what customers see
    "Makefile", "requirements.lock", "pyproject.toml", "hooks/afterword_hooks.py",
])
def test_gate_code_workflows_theme_config_and_build_files_need_maintainers(tmp_path, capsys, path):
    code, out, _ = judge(tmp_path, capsys, files=[changed(path)])
    assert code == 1
    assert missing(out) == ["maintainers"]


def test_a_maintainer_approval_lets_a_build_change_through(tmp_path, capsys):
    code, out, _ = judge(tmp_path, capsys, files=[changed("Makefile")], reviews=[review(1, "mo-maint")])
    assert code == 0, out


def test_changing_the_policy_needs_legal_and_maintainers(tmp_path, capsys):
    code, out, _ = judge(tmp_path, capsys, files=[changed("styleguide/reviewers.yml")], reviews=[review(1, "lee-legal")])
    assert code == 1
    assert missing(out) == ["maintainers"]


# --- H1–H4: security is read from base and head, incidents found as the loader finds them -------

def test_s13_downgrading_security_in_the_same_pull_request_still_needs_security(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/leak.md": SECURE.replace("security: true", "security: false"),
                                    "postmortems/leak.md": "---\ntitle: Leak\nincident: leak\n---\n"})
    base = tree(tmp_path / "base", {"incidents/2025/leak.md": SECURE})
    files = [changed("incidents/2025/leak.md"), changed("postmortems/leak.md", "added")]
    code, out, _ = judge(tmp_path, capsys, files=files, reviews=BOTH, head=head, base=base)
    assert code == 1
    assert missing(out) == ["security"]
    assert "security: true in base" in out


def test_s14_an_incident_whose_id_differs_from_its_file_name(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/april-problem.md": SECURE.replace("---\ntitle", "---\nid: tok-2025\ntitle"),
                                    "postmortems/tok.md": "---\ntitle: Leak\nincident: tok-2025\n---\n"})
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/tok.md", "added")], reviews=BOTH, head=head)
    assert code == 1
    assert missing(out) == ["security"]
    assert "postmortem of security incident tok-2025" in out


@pytest.mark.parametrize("where", ["incidents/2025/q2/leak.md", "incidents/leak.md"])
def test_s15_an_incident_at_any_depth(tmp_path, capsys, where):
    head = tree(tmp_path / "head", {where: SECURE, "postmortems/leak.md": "---\ntitle: Leak\nincident: leak\n---\n"})
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/leak.md", "added")], reviews=BOTH, head=head)
    assert code == 1 and missing(out) == ["security"]


def test_s16_an_incident_saved_as_upper_case_md(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/leak.MD": SECURE + "disclosed: true\n"})
    code, out, _ = judge(tmp_path, capsys, files=[changed("incidents/2025/leak.MD")], head=head)
    assert code == 1 and missing(out) == ["security"]


def test_a_postmortem_of_an_upper_case_md_incident(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/leak.Md": SECURE, "postmortems/leak.md": "---\ntitle: Leak\nincident: [leak]\n---\n"})
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/leak.md", "added")], reviews=BOTH, head=head)
    assert code == 1 and missing(out) == ["security"]


def test_deleting_a_security_incident_needs_security(tmp_path, capsys):
    base = tree(tmp_path / "base", {"incidents/2025/leak.md": SECURE})
    code, out, _ = judge(tmp_path, capsys, files=[changed("incidents/2025/leak.md", "removed")], base=base)
    assert code == 1 and missing(out) == ["security"]


def test_renaming_a_security_incident_needs_security(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/renamed.md": SECURE.replace("security: true", "security: false")})
    base = tree(tmp_path / "base", {"incidents/2025/leak.md": SECURE})
    code, out, _ = judge(tmp_path, capsys, files=[changed("incidents/2025/renamed.md", "renamed", "incidents/2025/leak.md")], head=head, base=base)
    assert code == 1 and missing(out) == ["security"]


def test_an_ordinary_incident_update_needs_no_review(tmp_path, capsys):
    head = tree(tmp_path / "head", {"incidents/2025/slow.md": PLAIN})
    code, out, _ = judge(tmp_path, capsys, files=[changed("incidents/2025/slow.md")], head=head, base=tree(tmp_path / "base", {"incidents/2025/slow.md": PLAIN}))
    assert code == 0
    assert "No review needed" in out


# --- The incident fast path (guide/incident-updates.md): a small pull request, merged by auto-merge on
# the gate's verdict with no approval, unless it touches what the policy holds ---------------------

UPDATE = PLAIN + "\n## Investigating · 2025-03-04 10:00 UTC\n\nWe are looking into slow dashboards.\n"
UPDATED = UPDATE + "\n## Identified · 2025-03-04 10:20 UTC\n\nA database index was missing; we are adding it.\n"


def incident_update(tmp_path, capsys, *, head_extra=None, base_extra=None, files=(), **kwargs):
    """An incident-update pull request as `afterword new update` and `gh pr create` make it: one commit, no review."""
    head = tree(tmp_path / "head", {"incidents/2025/slow.md": UPDATED, **(head_extra or {})})
    base = tree(tmp_path / "base", {"incidents/2025/slow.md": UPDATE, **(base_extra or {})})
    files = [changed("incidents/2025/slow.md"), *files]
    pr = pull(author="oncall-olu", files=len(files))
    return judge(tmp_path, capsys, files=files, commits=[commit(author="oncall-olu", committer="oncall-olu")], pr=pr,
                 head=head, base=base, **kwargs)


def test_fast_path_an_incident_only_pull_request_passes_with_no_approval(tmp_path, capsys):
    code, out, _ = incident_update(tmp_path, capsys)
    assert code == 0, out
    assert "No review needed" in out


def test_fast_path_also_touching_a_security_incident_needs_security(tmp_path, capsys):
    code, out, _ = incident_update(tmp_path, capsys, head_extra={"incidents/2025/leak.md": SECURE + "Edited.\n"},
                                   base_extra={"incidents/2025/leak.md": SECURE}, files=[changed("incidents/2025/leak.md")])
    assert code == 1 and missing(out) == ["security"]


def test_fast_path_an_update_to_an_incident_a_postmortem_shows_needs_its_roles(tmp_path, capsys):
    pm = {"postmortems/slow.md": "---\ntitle: Slow dashboards\nincident: slow\n---\n"}
    code, out, _ = incident_update(tmp_path, capsys, head_extra=pm, base_extra=pm)
    assert code == 1 and missing(out) == ["marketing", "legal"]


def test_fast_path_an_incident_update_cannot_carry_a_postmortem_or_code(tmp_path, capsys):
    code, out, _ = incident_update(tmp_path, capsys, head_extra={"postmortems/x.md": "---\ntitle: X\nincident: slow\n---\n"},
                                   files=[changed("postmortems/x.md", "added"), changed("hooks/afterword/build.py")])
    assert code == 1 and missing(out) == ["marketing", "legal", "maintainers"]


def _two_person_policy(tmp_path) -> Path:
    """The shipped policy with its commented `responders` role switched on, as the file tells a team to."""
    text = SHIPPED_POLICY.read_text()
    start = text.index("  # responders:")
    block = "\n".join(line.replace("  # ", "  ", 1) for line in text[start:].splitlines())
    policy = tmp_path / "reviewers.yml"
    policy.write_text(text[:start] + block + "\n")
    return policy


def test_fast_path_the_two_person_rule_is_one_uncommented_role(tmp_path, capsys):
    policy = _two_person_policy(tmp_path)
    members = {**MEMBERS, "acme/incident-responders": ["oncall-olu", "oncall-ada"]}
    code, out, _ = incident_update(tmp_path, capsys, policy=policy, members=members)
    assert code == 1 and missing(out) == ["responders"]
    code, out, _ = incident_update(tmp_path / "own", capsys, policy=policy, members=members, reviews=[review(1, "oncall-olu")])
    assert code == 1 and missing(out) == ["responders"]  # the author's own approval never counts
    code, out, _ = incident_update(tmp_path / "second", capsys, policy=policy, members=members,
                                   reviews=[review(1, "oncall-olu"), review(2, "oncall-ada")])
    assert code == 0, out


# --- M3: an incident shown on a postmortem needs the postmortem's roles -------------------------

def test_s22_editing_an_incident_shown_on_a_postmortem_needs_its_roles(tmp_path, capsys):
    pm = {"postmortems/slow.md": "---\ntitle: Slow\nincident: slow\n---\n"}
    head = tree(tmp_path / "head", {"incidents/2025/slow.md": PLAIN + "Edited.\n", **pm})
    base = tree(tmp_path / "base", {"incidents/2025/slow.md": PLAIN, **pm})
    code, out, _ = judge(tmp_path, capsys, files=[changed("incidents/2025/slow.md")], head=head, base=base)
    assert code == 1
    assert missing(out) == ["marketing", "legal"]
    assert "incidents/2025/slow.md (shown on postmortems/slow.md)" in out


# --- H5, L6, H6: fail closed ---------------------------------------------------------------------

def test_s17_a_files_list_truncated_at_3000_exits_2(tmp_path, capsys):
    files = [changed(f"filler/{i}.txt") for i in range(3000)]
    code, out, err = judge(tmp_path, capsys, files=files, pr=pull(changed_files=3001))
    assert code == 2 and out == ""
    assert "GitHub listed 3000 changed files of 3001" in err


def test_a_commits_list_truncated_at_250_exits_2(tmp_path, capsys):
    commits = [commit(f"{i:040x}") for i in range(250)]
    code, _, err = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], commits=commits, pr=pull(commits=300))
    assert code == 2 and "GitHub listed 250 commits of 300" in err


def test_recorded_commits_are_required(tmp_path, capsys):
    code, _, err = judge(tmp_path, capsys, files=[changed("README.md")], pr=pull(commits=3))
    assert code == 2 and "GitHub listed 1 commits of 3" in err


def test_a_head_that_moved_since_the_event_exits_2(tmp_path, capsys):
    code, _, err = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, extra=["--head-sha", OLD])
    assert code == 2 and "not bbbbbbbbbbbb as the event said" in err


def test_s23_a_pull_request_into_another_branch_exits_2(tmp_path, capsys):
    code, _, err = judge(tmp_path, capsys, files=[changed("README.md")], pr=pull(base="lax"))
    assert code == 2 and "targets 'lax', not the default branch 'main'" in err


def test_a_payload_without_the_default_branch_exits_2(tmp_path, capsys):
    pr = pull()
    del pr["base"]["repo"]["default_branch"]
    code, _, err = judge(tmp_path, capsys, files=[changed("README.md")], pr=pr)
    assert code == 2 and "default branch" in err


# --- M1: independent approvals -------------------------------------------------------------------

def test_s24_a_member_who_committed_to_the_pull_request_cannot_approve_it(tmp_path, capsys):
    commits = [commit(OLD), commit(HEAD, author="writer-wes", committer="mia-marketing")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, commits=commits)
    assert code == 1 and missing(out) == ["marketing"]
    assert "@mia-marketing wrote or committed this change and cannot approve it" in out


def test_a_member_who_authored_a_commit_cannot_approve_it(tmp_path, capsys):
    commits = [commit(HEAD, author="lee-legal", committer="writer-wes")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, commits=commits)
    assert code == 1 and missing(out) == ["legal"]


def test_s25_a_bot_opened_pull_request_excludes_its_human_committers(tmp_path, capsys):
    pr = pull(author="github-actions[bot]")
    commits = [commit(HEAD, author="mia-marketing", committer="github-actions[bot]")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, commits=commits, pr=pr)
    assert code == 1 and missing(out) == ["marketing"]


def test_github_as_committer_excludes_nobody(tmp_path, capsys):
    commits = [commit(HEAD, author="writer-wes", committer="web-flow")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, commits=commits)
    assert code == 0, out


# --- M2: dismissed change requests ---------------------------------------------------------------

def test_s26_a_change_request_dismissed_by_the_author_keeps_blocking(tmp_path, capsys):
    reviews = [review(1, "mia-marketing", "DISMISSED"), review(2, "mark-m"), review(3, "lee-legal")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=reviews, events=[dismissed(1, "writer-wes")])
    assert code == 1 and missing(out) == ["marketing"]
    assert "@mia-marketing requested changes" in out


def test_a_change_request_dismissed_by_an_outsider_keeps_blocking(tmp_path, capsys):
    reviews = [review(1, "lee-legal", "DISMISSED"), review(2, "mia-marketing"), review(3, "lou-legal")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=reviews, events=[dismissed(1, "mo-maint")])
    assert code == 1 and missing(out) == ["legal"]


def test_a_change_request_dismissed_by_another_member_of_the_role_stops_blocking(tmp_path, capsys):
    reviews = [review(1, "lee-legal", "DISMISSED"), review(2, "mia-marketing"), review(3, "lou-legal")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=reviews, events=[dismissed(1, "lou-legal")])
    assert code == 0, out


def test_a_dismissal_missing_from_the_events_keeps_blocking(tmp_path, capsys):
    reviews = [review(1, "lee-legal", "DISMISSED"), review(2, "mia-marketing"), review(3, "lou-legal")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=reviews)
    assert code == 1 and missing(out) == ["legal"]


def test_a_dismissed_approval_is_withdrawn_without_blocking(tmp_path, capsys):
    reviews = [review(1, "lee-legal", "DISMISSED"), review(2, "mia-marketing"), review(3, "lou-legal")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=reviews, events=[dismissed(1, "writer-wes", "approved")])
    assert code == 0, out


# --- L2: distinct people per role ---------------------------------------------------------------

DUAL = {**MEMBERS, "acme/legal": ["lee-legal", "mia-marketing"]}


def test_s27_one_person_in_both_teams_satisfies_one_role_only(tmp_path, capsys):
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=[review(1, "mia-marketing")], members=DUAL)
    assert code == 1 and len(missing(out)) == 1
    assert "counted for another role" in out


def test_two_people_in_both_teams_satisfy_both_roles(tmp_path, capsys):
    members = {**MEMBERS, "acme/marketing": ["mia-marketing", "lee-legal"], "acme/legal": ["lee-legal", "mia-marketing"]}
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, members=members)
    assert code == 0, out


def test_distinct_false_lets_one_person_fill_both_roles(tmp_path, capsys):
    policy = tmp_path / "reviewers.yml"
    policy.write_text("distinct: false\n" + SHIPPED_POLICY.read_text().replace("distinct: true\n", ""))
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=[review(1, "mia-marketing")], members=DUAL, policy=policy)
    assert code == 0, out


def test_distinct_must_be_a_boolean(tmp_path, capsys):
    policy = tmp_path / "reviewers.yml"
    policy.write_text("distinct: sometimes\nroles:\n  legal:\n    users: [lee-legal]\n    paths: ['postmortems/**']\n")
    code, _, err = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], policy=policy)
    assert code == 2 and f"{policy}:1:1: 'distinct' must be true" in err


# --- M5: symlinks, L1: untrusted text -------------------------------------------------------------

def test_s29_a_symlinked_postmortem_stops_the_gate(tmp_path, capsys):
    head = tree(tmp_path / "head", {"notes/unguarded.md": "---\ntitle: x\nincident: slow\n---\n"})
    (head / "postmortems").mkdir()
    (head / "postmortems" / "slow.md").symlink_to(head / "notes" / "unguarded.md")
    code, out, err = judge(tmp_path, capsys, files=[changed("postmortems/slow.md", "added")], reviews=BOTH, head=head)
    assert code == 2 and out == ""
    assert "symbolic links" in err and "head: postmortems/slow.md" in err


def test_s28_file_names_cannot_inject_workflow_commands(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    evil = "postmortems/x\n::notice title=Approved::every role approved\n::stop-commands::abc.md"
    code, out, _ = judge(tmp_path, capsys, files=[changed(evil, "added")])
    assert code == 1
    lines = out.splitlines()
    token = lines[0].split("::stop-commands::", 1)[1]
    assert len(token) == 32 and lines.index(f"::{token}::") > 1
    assert not any(line.startswith("::notice") for line in lines)
    assert "postmortems/x\\x0a::notice title=Approved" in out


def test_a_change_request_from_an_excluded_committer_still_blocks(tmp_path, capsys):
    commits = [commit(HEAD, author="writer-wes", committer="mark-m")]
    reviews = [review(1, "mark-m", "CHANGES_REQUESTED"), review(2, "mia-marketing"), review(3, "lee-legal")]
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=reviews, commits=commits)
    assert code == 1 and missing(out) == ["marketing"]


def test_a_bots_approval_never_counts(tmp_path, capsys):
    policy = tmp_path / "reviewers.yml"
    policy.write_text("roles:\n  legal:\n    users: ['release-bot[bot]', lee-legal]\n    paths: ['postmortems/**']\n")
    code, out, _ = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=[review(1, "release-bot[bot]")], policy=policy)
    assert code == 1 and missing(out) == ["legal"]


def test_a_commit_without_a_github_account_is_named_in_a_note(tmp_path, capsys):
    anonymous = {"sha": HEAD, "commit": {"message": "edit"}, "author": None, "committer": None}
    code, out, err = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], reviews=BOTH, commits=[anonymous])
    assert code == 0
    assert "aaaaaaaaaaaa name no GitHub account" in err and "most recent reviewable push" in err


def test_an_error_quoting_a_file_name_stays_on_one_line(tmp_path, capsys):
    head = tree(tmp_path / "head", {"notes/x.md": "x"})
    (head / "postmortems").mkdir()
    (head / "postmortems" / "a\n::notice::forged.md").symlink_to(head / "notes" / "x.md")
    code, out, err = judge(tmp_path, capsys, files=[changed("postmortems/x.md")], head=head)
    assert code == 2
    assert not any(line.startswith("::") for line in err.splitlines())
    assert "a\\x0a::notice::forged.md" in err
