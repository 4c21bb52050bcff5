"""Attacks on the approval gate by a writer or a fork's contributor (tests/data/github/ATTACKS.md).

Each test plays one attempt on REST payloads in the shapes GitHub documents and checks the gate
refuses it. The scenario helpers come from tests/test_approval_scenarios.py."""

from __future__ import annotations

import json

import pytest

from afterword.approvals.github import GitHubClient, GitHubError, fetch_pull_request

from test_approval_scenarios import BOTH, HEAD, OLD, PLAIN, SECURE, changed, commit, judge, missing, pull, review, tree


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
