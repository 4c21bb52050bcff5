"""The approval gate (afterword check-approvals) on recorded GitHub REST responses and a local API."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from afterword.approvals import evaluate, load_policy, read_files, read_pull_request, read_reviews
from afterword.cli import main

DATA = Path(__file__).parent / "data" / "github"
POLICY = DATA / "reviewers.yml"
CHECKOUT = DATA / "checkout"


@pytest.fixture(autouse=True)
def _outside_actions(monkeypatch):
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)


def gate(capsys, *, pull="pull-42.json", reviews=("reviews-both-approved.json",), files="files-postmortem.json",
         members="members.json", policy=POLICY, extra=()) -> tuple[int, str]:
    args = ["check-approvals", "--policy", str(policy), "--root", str(CHECKOUT), "--pull", str(DATA / pull), "--files", str(DATA / files),
            "--commits", str(DATA / pull.replace("pull-", "commits-"))]
    for page in reviews:
        args += ["--reviews", str(DATA / page)]
    if members:
        args += ["--members", str(DATA / members)]
    code = main(args + list(extra))
    return code, capsys.readouterr().out


def missing(out: str) -> list[str]:
    for line in out.splitlines():
        if line.startswith("Missing approvals from: "):
            return line.split(": ", 1)[1].split(", ")
    return []


def test_both_roles_approved_passes(capsys):
    code, out = gate(capsys)
    assert code == 0
    assert missing(out) == []
    assert "✓ marketing: approved by @mia-marketing" in out
    assert "✓ legal: approved by @lee-legal" in out
    assert "security" not in out  # a postmortem of an ordinary incident does not need security


def test_only_legal_approved_names_marketing_and_who_can_approve(capsys):
    code, out = gate(capsys, reviews=["reviews-only-legal.json"])
    assert code == 1
    assert missing(out) == ["marketing"]
    # The author is a marketing member but is never offered as an approver.
    assert "could approve: team acme/marketing (@mark-m, @mia-marketing)" in out


def test_approval_on_an_older_commit_does_not_count(capsys):
    code, out = gate(capsys, reviews=["reviews-stale.json"])
    assert code == 1
    assert missing(out) == ["marketing"]
    assert "@mia-marketing approved an older commit" in out


def test_the_author_approving_their_own_pull_request_does_not_count(capsys):
    code, out = gate(capsys, reviews=["reviews-author-approves.json"])
    assert code == 1
    assert missing(out) == ["marketing"]
    assert "approved by @writer-wes" not in out
    assert "could approve: team acme/marketing (@mark-m, @mia-marketing)" in out


def test_changes_requested_blocks_even_after_a_comment(capsys):
    code, out = gate(capsys, reviews=["reviews-changes-requested.json"])
    assert code == 1
    assert missing(out) == ["legal"]
    assert "@lee-legal requested changes" in out


def test_changes_requested_then_approved_passes(capsys):
    code, out = gate(capsys, reviews=["reviews-changes-then-approved.json"])
    assert code == 0
    assert missing(out) == []


def test_a_dismissed_approval_no_longer_counts(capsys):
    code, out = gate(capsys, reviews=["reviews-dismissed.json"])
    assert code == 1
    assert missing(out) == ["marketing"]


def test_security_incident_without_security_approval_fails(capsys):
    code, out = gate(capsys, pull="pull-43.json", reviews=["reviews-security.json"], files="files-security.json")
    assert code == 1
    assert missing(out) == ["security"]
    assert "incidents/2025/token-leak.md (security: true in head)" in out
    assert "postmortem of security incident token-leak" in out


def test_security_incident_with_security_approval_passes(capsys):
    code, out = gate(capsys, pull="pull-43.json", reviews=["reviews-security-approved.json"], files="files-security.json")
    assert code == 0
    assert "✓ security: approved by @sam-sec" in out


def test_paginated_reviews_are_read_across_pages(capsys):
    code, out = gate(capsys, reviews=["reviews-page-1.json", "reviews-page-2.json"])
    assert code == 0, out
    assert len(json.loads((DATA / "reviews-page-1.json").read_text())) == 100  # a full page, as per_page=100 returns


def test_first_page_alone_misses_the_later_approvals(capsys):
    code, out = gate(capsys, reviews=["reviews-page-1.json"])
    assert code == 1
    assert missing(out) == ["marketing", "legal"]
    assert "@mia-marketing requested changes" in out


def test_a_change_outside_guarded_paths_needs_no_review(capsys):
    code, out = gate(capsys, reviews=["reviews-only-legal.json"], files="files-not-guarded.json")
    assert code == 0
    assert "No review needed: none of the 3 changed files is guarded" in out
    assert missing(out) == []


def test_user_lists_work_without_team_members(capsys, tmp_path):
    policy = tmp_path / "reviewers.yml"
    policy.write_text("roles:\n  marketing:\n    teams: [acme/marketing]\n    users: ['@mia-marketing']\n    paths: ['postmortems/**']\n"
                      "  legal:\n    users: [lee-legal]\n    paths: ['postmortems/**']\n")
    code, out = gate(capsys, members=None, policy=policy)
    assert code == 0, out


def test_a_role_with_only_an_unreadable_team_cannot_pass(capsys):
    code, out = gate(capsys, members=None)
    assert code == 1
    assert missing(out) == ["marketing", "legal"]
    assert "team acme/marketing (members unknown)" in out


def test_unreadable_changed_incident_requires_security(capsys, tmp_path):
    (tmp_path / "incidents" / "2025").mkdir(parents=True)
    (tmp_path / "incidents" / "2025" / "token-leak.md").write_text("---\ntitle: [unclosed\n---\n")
    files = [{"filename": "incidents/2025/token-leak.md", "status": "modified"}, {"filename": "incidents/2025/gone.md", "status": "modified"}]
    policy = load_policy(POLICY)
    pull = read_pull_request(json.loads((DATA / "pull-43.json").read_text()))
    decision = evaluate(policy, pull, read_reviews([json.loads((DATA / "reviews-security.json").read_text())]), read_files([files]), {}, tmp_path)
    assert decision.missing_roles == ["security"]
    reasons = decision.results[0].reasons
    assert "front matter cannot be read" in reasons[0] and "not found in the head checkout" in reasons[1]


def test_github_actions_output_and_job_summary(capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = gate(capsys, reviews=["reviews-stale.json"])
    assert code == 1
    assert "::error title=Missing approval%3A marketing::✗ marketing: needs 1 more approval" in out
    text = summary.read_text()
    assert "### ❌ marketing" in text and "### ✅ legal" in text
    assert "| Approved an older commit | @mia-marketing |" in text


def test_policy_mistakes_are_reported_with_their_line(capsys, tmp_path):
    policy = tmp_path / "reviewers.yml"
    policy.write_text("roles:\n  legal:\n    teams: [legal]\n    paths: ['postmortems/**']\n")
    args = ["check-approvals", "--policy", str(policy), "--pull", str(DATA / "pull-42.json"),
            "--reviews", str(DATA / "reviews-both-approved.json"), "--files", str(DATA / "files-postmortem.json")]
    code = main(args)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""  # no verdict: the policy must be fixed first
    assert f"{policy}:3:13: role 'legal': team 'legal' must be written 'org/team-slug'" in captured.err


def test_policy_error_message_names_file_line_and_fix(tmp_path):
    policy = tmp_path / "reviewers.yml"
    policy.write_text("roles:\n  legal:\n    teams: [legal]\n    paths: ['postmortems/**']\n")
    from afterword.problems import ContentError

    with pytest.raises(ContentError) as error:
        load_policy(policy)
    assert error.value.message == f"{policy}:3:13: role 'legal': team 'legal' must be written 'org/team-slug', e.g. 'acme/legal'"


def test_the_shipped_policy_loads():
    policy = load_policy(Path(__file__).parent.parent / "styleguide" / "reviewers.yml")
    assert {"marketing", "legal", "security"} <= {role.name for role in policy.roles}
    assert policy.role("security").security_incidents


# --- live mode against a local stand-in for the GitHub API -------------------------------------


class _FakeGitHub(BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []
    posted: list = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        self.seen.append((url.path, query, self.headers.get("Authorization")))
        key = (url.path, query.get("page", ["1"])[0])
        status, body, headers = self.routes.get(key, (404, {"message": "Not Found"}, {}))
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value.replace("{base}", f"http://127.0.0.1:{self.server.server_port}"))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        self.posted.append((urlsplit(self.path).path, body, self.headers.get("Authorization")))
        payload = json.dumps({"id": 1, **body}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def fake_github():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeGitHub)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    _FakeGitHub.seen = []
    _FakeGitHub.posted = []
    try:
        yield server, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _member(login: str) -> dict:
    return {"login": login, "id": abs(hash(login)) % 10**6, "type": "User", "site_admin": False}


def _load(name: str):
    return json.loads((DATA / name).read_text())


def test_live_mode_follows_pagination_and_reads_teams(fake_github, capsys, monkeypatch, tmp_path):
    server, base = fake_github
    pulls = "/repos/acme/status-history/pulls/42"
    link = '<{base}' + pulls + '/reviews?per_page=100&page=2>; rel="next", <{base}' + pulls + '/reviews?per_page=100&page=2>; rel="last"'
    _FakeGitHub.routes = {
        (pulls, "1"): (200, _load("pull-42.json"), {}),
        (pulls + "/reviews", "1"): (200, _load("reviews-page-1.json"), {"Link": link}),
        (pulls + "/reviews", "2"): (200, _load("reviews-page-2.json"), {"Link": '<{base}' + pulls + '/reviews?per_page=100&page=1>; rel="prev"'}),
        (pulls + "/files", "1"): (200, _load("files-postmortem.json"), {}),
        (pulls + "/commits", "1"): (200, _load("commits-42.json"), {}),
        ("/repos/acme/status-history/issues/42/events", "1"): (200, [], {}),
        ("/orgs/acme/teams/marketing/members", "1"): (200, [_member("mia-marketing"), _member("writer-wes")], {}),
        ("/orgs/acme/teams/legal/members", "1"): (200, [_member("someone-else")], {}),
    }
    policy = tmp_path / "reviewers.yml"
    policy.write_text("roles:\n  marketing:\n    teams: [acme/marketing]\n    paths: ['postmortems/**']\n"
                      "  legal:\n    teams: [acme/legal]\n    users: [lee-legal]\n    paths: ['postmortems/**']\n")
    monkeypatch.setenv("GITHUB_TOKEN", "test-token")
    code = main(["check-approvals", "--policy", str(policy), "--root", str(CHECKOUT), "--repo", "acme/status-history", "--number", "42", "--api-url", base])
    captured = capsys.readouterr()
    assert code == 0, captured.out
    paths = [(path, query.get("page", ["1"])[0]) for path, query, _ in _FakeGitHub.seen]
    assert (pulls + "/reviews", "2") in paths
    assert all(query.get("per_page") == ["100"] for path, query, _ in _FakeGitHub.seen if path != pulls)
    assert {auth for _, _, auth in _FakeGitHub.seen} == {"Bearer test-token"}


def test_live_mode_without_the_second_page_would_fail(fake_github, capsys, monkeypatch):
    server, base = fake_github
    pulls = "/repos/acme/status-history/pulls/42"
    _FakeGitHub.routes = {
        (pulls, "1"): (200, _load("pull-42.json"), {}),
        (pulls + "/reviews", "1"): (200, _load("reviews-page-1.json"), {}),
        (pulls + "/files", "1"): (200, _load("files-postmortem.json"), {}),
        (pulls + "/commits", "1"): (200, _load("commits-42.json"), {}),
        ("/repos/acme/status-history/issues/42/events", "1"): (200, [], {}),
        ("/orgs/acme/teams/marketing/members", "1"): (200, [_member("mia-marketing")], {}),
        ("/orgs/acme/teams/legal/members", "1"): (200, [_member("lee-legal")], {}),
    }
    monkeypatch.setenv("GH_TOKEN", "t")
    code = main(["check-approvals", "--policy", str(POLICY), "--root", str(CHECKOUT), "--repo", "acme/status-history", "--number", "42", "--api-url", base])
    assert code == 1
    assert missing(capsys.readouterr().out) == ["marketing", "legal"]


def test_live_mode_http_errors_are_explained(fake_github, capsys, monkeypatch):
    server, base = fake_github
    _FakeGitHub.routes = {("/repos/acme/status-history/pulls/7", "1"): (401, {"message": "Bad credentials"}, {})}
    monkeypatch.setenv("GITHUB_TOKEN", "expired")
    code = main(["check-approvals", "--policy", str(POLICY), "--repo", "acme/status-history", "--number", "7", "--api-url", base])
    err = capsys.readouterr().err
    assert code == 2
    assert "GitHub refused the token (401)" in err and "Bad credentials" in err
    assert "Traceback" not in err


def _routes_42(extra: dict | None = None) -> dict:
    pulls = "/repos/acme/status-history/pulls/42"
    return {
        (pulls, "1"): (200, _load("pull-42.json"), {}),
        (pulls + "/reviews", "1"): (200, _load("reviews-both-approved.json"), {}),
        (pulls + "/files", "1"): (200, _load("files-postmortem.json"), {}),
        (pulls + "/commits", "1"): (200, _load("commits-42.json"), {}),
        ("/repos/acme/status-history/issues/42/events", "1"): (200, [], {}),
        ("/orgs/acme/teams/marketing/members", "1"): (200, [_member("mia-marketing")], {}),
        ("/orgs/acme/teams/legal/members", "1"): (200, [_member("lee-legal")], {}),
        **(extra or {}),
    }


LIVE = ["check-approvals", "--policy", str(POLICY), "--root", str(CHECKOUT), "--repo", "acme/status-history", "--api-url"]
HEAD_42 = "6dcb09b5b57875f334f61aebed695e2e4193db5e"


@pytest.mark.parametrize("status, headers, reason", [
    (401, {}, "GitHub refused the token (401)"),
    (403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000000"}, "rate limit is used up"),
    (404, {}, "Members: read"),
])
def test_a_team_that_cannot_be_read_stops_the_gate_with_githubs_reason(fake_github, capsys, monkeypatch, status, headers, reason):
    server, base = fake_github
    _FakeGitHub.routes = _routes_42({("/orgs/acme/teams/legal/members", "1"): (status, {"message": "Bad credentials"}, headers)})
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    code = main(LIVE + [base, "--number", "42"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "cannot read the members of team acme/legal" in captured.err and reason in captured.err


def test_post_check_posts_the_verdict_as_a_check_run(fake_github, capsys, monkeypatch):
    server, base = fake_github
    _FakeGitHub.routes = _routes_42()
    monkeypatch.setenv("GITHUB_TOKEN", "app-token")
    code = main(LIVE + [base, "--number", "42", "--head-sha", HEAD_42, "--post-check"])
    assert code == 0, capsys.readouterr()
    [(path, body, auth)] = _FakeGitHub.posted
    assert path == "/repos/acme/status-history/check-runs" and auth == "Bearer app-token"
    assert body["name"] == "Required approvals" and body["head_sha"] == HEAD_42
    assert body["status"] == "completed" and body["conclusion"] == "success"


def test_post_check_posts_a_failure_when_no_verdict_can_be_reached(fake_github, capsys, monkeypatch):
    server, base = fake_github
    _FakeGitHub.routes = _routes_42()
    monkeypatch.setenv("GITHUB_TOKEN", "app-token")
    code = main(LIVE + [base, "--number", "42", "--head-sha", "f" * 40, "--post-check"])
    assert code == 2
    [(_, body, _)] = _FakeGitHub.posted
    assert body["conclusion"] == "failure" and body["head_sha"] == "f" * 40
    assert "the pull request's head is now 6dcb09b5b578" in body["output"]["summary"]


def test_a_relayed_review_finds_its_pull_request_by_head_commit(fake_github, capsys, monkeypatch):
    server, base = fake_github
    listed = [{**_load("pull-42.json"), "state": "open"}, {"number": 9, "state": "closed", "head": {"sha": HEAD_42}}]
    _FakeGitHub.routes = _routes_42({(f"/repos/acme/status-history/commits/{HEAD_42}/pulls", "1"): (200, listed, {})})
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    code = main(LIVE + [base, "--head-sha", HEAD_42])
    assert code == 0, capsys.readouterr()


def test_a_recorded_dismissed_approval_is_withdrawn(capsys):
    code, out = gate(capsys, reviews=["reviews-dismissed.json"], extra=["--events", str(DATA / "events-42-dismissed-approval.json")])
    assert code == 1
    assert missing(out) == ["marketing"]
    assert "requested changes" not in out


def test_the_workflows_command_line_judges_a_security_downgrade_and_posts_a_failure(fake_github, capsys, monkeypatch, tmp_path):
    """As approval-gate.yml runs it: base and head trees, the event's head SHA, the App's token, --post-check."""
    server, base = fake_github
    secure = "---\ntitle: Export links\nstarted: 2025-04-01 10:00 UTC\nsecurity: true\n---\n"
    for tree, text in (("base", secure), ("head", secure.replace("security: true", "security: false"))):
        (tmp_path / tree / "incidents" / "2025").mkdir(parents=True)
        (tmp_path / tree / "incidents" / "2025" / "token-leak.md").write_text(text)
    files = [{"filename": "incidents/2025/token-leak.md", "status": "modified"}]
    _FakeGitHub.routes = _routes_42({("/repos/acme/status-history/pulls/42/files", "1"): (200, files, {}),
                                     ("/orgs/acme/teams/security/members", "1"): (200, [_member("sam-sec")], {})})
    monkeypatch.setenv("GITHUB_TOKEN", "app-token")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code = main(["check-approvals", "--policy", str(POLICY), "--root", str(tmp_path / "head"), "--base-root", str(tmp_path / "base"),
                 "--repo", "acme/status-history", "--api-url", base, "--number", "42", "--head-sha", HEAD_42, "--post-check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "incidents/2025/token-leak.md (security: true in base)" in out
    [(_, body, _)] = _FakeGitHub.posted
    assert body["conclusion"] == "failure" and body["output"]["title"] == "Missing approvals from: security"
