"""A small read-only GitHub REST client (standard library only) for the approval gate's live mode.

It follows ``Link: rel="next"`` pagination with ``per_page=100``, stays on the API host (the
token is never sent anywhere else), caps the number of pages, and turns HTTP failures into
messages that say what to do. ``GITHUB_API_URL`` (set by GitHub Actions, also on GitHub
Enterprise Server) or ``--api-url`` chooses the server.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from ..problems import ContentError
from .payloads import ChangedFile, PullRequest, Review, read_files, read_pull_request, read_reviews

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
        url = path_or_url if "://" in path_or_url else self.api_url + path_or_url
        if urllib.parse.urlsplit(url)[:2] != self._origin:
            raise GitHubError(f"refusing to follow a link off the API host: {url}")
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION, "User-Agent": "afterword-check-approvals"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, headers=headers)
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


def fetch_pull_request(client: GitHubClient, repo: str, number: int) -> tuple[PullRequest, list[Review], list[ChangedFile]]:
    if not re.match(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", repo):
        raise GitHubError(f"--repo must be OWNER/NAME, got '{repo}'")
    base = f"/repos/{repo}/pulls/{int(number)}"
    pull_data, _ = client.get(base)
    pull = read_pull_request(pull_data, base)
    reviews = read_reviews(client.get_pages(f"{base}/reviews"), f"{base}/reviews")
    files = read_files(client.get_pages(f"{base}/files"), f"{base}/files")
    return pull, reviews, files


def fetch_team_members(client: GitHubClient, teams: list[str]) -> tuple[dict[str, set[str] | None], list[str]]:
    """Members of each 'org/team-slug' (None when unreadable) and a note for each team that was not."""
    members: dict[str, set[str] | None] = {}
    notes = []
    for team in teams:
        org, slug = team.split("/", 1)
        path = f"/orgs/{urllib.parse.quote(org)}/teams/{urllib.parse.quote(slug)}/members"
        try:
            pages = client.get_pages(path)
        except GitHubError as exc:
            if exc.status not in (401, 403, 404):
                raise
            members[team.lower()] = None
            notes.append(
                f"cannot read the members of team {team} ({exc.status}): the token cannot read the organisation's teams "
                "(the default GITHUB_TOKEN never can; use a GitHub App token or a fine-grained token with Members: read). "
                "The role is judged on its 'users' list only."
            )
            continue
        members[team.lower()] = {str(m.get("login", "")).lower() for page in pages if isinstance(page, list) for m in page if isinstance(m, dict)} - {""}
    return members, notes
