"""A small read-only GitHub REST client (standard library only) for the approval gate's live mode.

It follows ``Link: rel="next"`` pagination with ``per_page=100``, stays on the API host (the
token is never sent anywhere else), caps the number of pages, and turns HTTP failures into
messages that say what to do. ``GITHUB_API_URL`` (set by GitHub Actions, also on GitHub
Enterprise Server) or ``--api-url`` chooses the server.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from ..problems import ContentError
from .payloads import (
    ChangedFile,
    Commit,
    Dismissal,
    PullRequest,
    Review,
    read_commits,
    read_dismissals,
    read_files,
    read_pull_request,
    read_reviews,
)

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
MAX_PAGES = 50  # 5,000 items: more than GitHub lists for a pull request's files (3,000)
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class GitHubError(ContentError):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message, rule="afterword.approvals")
        self.status = status


class GitHubClient:
    def __init__(self, token: str | None, api_url: str = DEFAULT_API_URL, timeout: float = 30.0):
        self.token = token
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self._origin = urllib.parse.urlsplit(self.api_url)[:2]

    def get(self, path_or_url: str) -> tuple[Any, str | None]:
        """One request: the decoded JSON and the next page's URL, if any."""
        return self._request("GET", path_or_url)

    def post(self, path: str, body: dict) -> Any:
        return self._request("POST", path, body)[0]

    def _request(self, method: str, path_or_url: str, body: dict | None = None) -> tuple[Any, str | None]:
        url = path_or_url if "://" in path_or_url else self.api_url + path_or_url
        if urllib.parse.urlsplit(url)[:2] != self._origin:
            raise GitHubError(f"refusing to follow a link off the API host: {url}")
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION, "User-Agent": "afterword-check-approvals"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - https API URL
                body = response.read()
                link = response.headers.get("Link") or ""
        except urllib.error.HTTPError as exc:
            raise _http_error(exc, url) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GitHubError(f"cannot reach the GitHub API at {self.api_url}: {reason}") from None
        try:
            data = json.loads(body)
        except ValueError:
            raise GitHubError(f"{url}: the answer is not JSON") from None
        match = _NEXT.search(link)
        return data, (match.group(1) if match else None)

    def get_pages(self, path: str) -> list[Any]:
        separator = "&" if "?" in path else "?"
        url: str | None = f"{path}{separator}per_page=100"
        pages = []
        while url:
            if len(pages) >= MAX_PAGES:
                raise GitHubError(f"{path}: more than {MAX_PAGES} pages; stopping rather than looping")
            data, url = self.get(url)
            pages.append(data)
        return pages


class RecordedGitHub(GitHubClient):
    """Offline stand-in for the API: ``GET /a/b?x`` answers ``<folder>/a/b.json`` (404 when absent); nothing is posted.

    Lets ``check-setup`` and ``verify-publish`` run on payloads recorded with ``gh api`` (and in tests)."""

    def __init__(self, folder: str | Path):
        super().__init__(None, "https://recorded.invalid")
        self.folder = Path(folder)

    def _request(self, method: str, path_or_url: str, body: dict | None = None) -> tuple[Any, str | None]:
        path = urllib.parse.urlsplit(path_or_url).path.strip("/")
        if method != "GET":
            raise GitHubError(f"{method} /{path}: the recorded API is read-only")
        file = self.folder / f"{path}.json"
        if ".." in path.split("/") or not file.is_file():
            raise GitHubError(f"/{path} was not found (404): no recorded answer {file}", 404)
        try:
            return json.loads(file.read_text(encoding="utf-8")), None
        except ValueError as exc:
            raise GitHubError(f"{file}: not valid JSON ({exc})") from None


def _http_error(exc: urllib.error.HTTPError, url: str) -> GitHubError:
    try:
        detail = json.loads(exc.read() or b"{}").get("message", "")
    except (ValueError, AttributeError, OSError):
        detail = ""
    where = urllib.parse.urlsplit(url).path
    if exc.code == 401:
        text = "GitHub refused the token (401): set GITHUB_TOKEN or GH_TOKEN to a valid token"
    elif exc.code in (403, 429) and (exc.headers.get("X-RateLimit-Remaining") == "0" or exc.code == 429):
        text = f"GitHub's rate limit is used up (resets at epoch {exc.headers.get('X-RateLimit-Reset', '?')}): use a token, or retry later"
    elif exc.code == 403:
        text = f"the token may not read {where} (403): give it read access to pull requests and contents"
    elif exc.code == 404:
        text = f"{where} was not found (404): check the repository and number, or the token cannot see this private repository"
    else:
        text = f"GitHub answered {exc.code} for {where}"
    return GitHubError(f"{text}{f' — GitHub says: {detail}' if detail else ''}", exc.code)


@dataclass
class PullRequestData:
    """Everything the gate reads about one pull request."""

    pull: PullRequest
    reviews: list[Review]
    files: list[ChangedFile]
    commits: list[Commit]
    dismissals: dict[int, Dismissal]


def check_repo(repo: str) -> str:
    if not re.match(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", repo):
        raise GitHubError(f"--repo must be OWNER/NAME, got '{repo}'")
    return repo


def fetch_pull_request(client: GitHubClient, repo: str, number: int) -> PullRequestData:
    base = f"/repos/{check_repo(repo)}/pulls/{int(number)}"
    pull_data, _ = client.get(base)
    pull = read_pull_request(pull_data, base)
    reviews = read_reviews(client.get_pages(f"{base}/reviews"), f"{base}/reviews")
    files = read_files(client.get_pages(f"{base}/files"), f"{base}/files")
    commits = read_commits(client.get_pages(f"{base}/commits"), f"{base}/commits")
    events = f"/repos/{repo}/issues/{int(number)}/events"
    dismissals = read_dismissals(client.get_pages(events), events)
    # A push while the lists were read would pair one head's verdict with another head's files
    # (a push and a push back within the gate's run): read the pull request again and compare.
    again = read_pull_request(client.get(base)[0], base)
    if (again.head_sha, again.base_ref, again.changed_files, again.commits) != (pull.head_sha, pull.base_ref, pull.changed_files, pull.commits):
        raise GitHubError(f"pull request #{pull.number} changed while the gate read it (head {pull.head_sha[:12]} → {again.head_sha[:12]}): "
                          "the newer push is judged by its own run")
    return PullRequestData(pull, reviews, files, commits, dismissals)


def fetch_team_members(client: GitHubClient, teams: list[str]) -> dict[str, set[str] | None]:
    """Members of each 'org/team-slug'. Any error stops the gate with GitHub's reason: a team that
    cannot be read is a broken set-up (token, App permission, rate limit), never an empty team."""
    members: dict[str, set[str] | None] = {}
    for team in teams:
        org, slug = team.split("/", 1)
        path = f"/orgs/{urllib.parse.quote(org)}/teams/{urllib.parse.quote(slug)}/members"
        try:
            pages = client.get_pages(path)
        except GitHubError as exc:
            hint = ""
            if exc.status in (403, 404):
                hint = (" (the default GITHUB_TOKEN never can read teams: the gate's GitHub App needs the organisation"
                        " permission Members: read, and the team must exist)")
            raise GitHubError(f"cannot read the members of team {team}: {exc.message}{hint}", exc.status) from None
        members[team.lower()] = {str(m.get("login", "")).lower() for page in pages if isinstance(page, list) for m in page if isinstance(m, dict)} - {""}
    return members


def post_check_run(client: GitHubClient, repo: str, head_sha: str, name: str, success: bool, title: str, summary: str) -> None:
    """POST /repos/{repo}/check-runs (needs Checks: write, which only the gate's GitHub App has)."""
    client.post(f"/repos/{check_repo(repo)}/check-runs", {
        "name": name,
        "head_sha": head_sha,
        "status": "completed",
        "conclusion": "success" if success else "failure",
        "output": {"title": title[:1000], "summary": summary[:65000]},
    })


def client_from_environment(api_url: str, recorded: str | Path | None = None) -> GitHubClient:
    """The API client the commands use: recorded payloads when ``recorded`` names a folder, else the
    live API with the workflow's token (GITHUB_TOKEN, or GH_TOKEN as the gh CLI names it)."""
    if recorded:
        return RecordedGitHub(recorded)
    return GitHubClient(os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN"), api_url)

