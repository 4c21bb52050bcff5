"""Typed records read from GitHub REST responses (pull request, its reviews, its changed files).

The same readers serve recorded JSON files and live API pages, so both modes judge identical data.
Only the fields the gate needs are kept; a payload of the wrong shape raises ContentError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..problems import ContentError

REVIEW_STATES = {"APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"}


@dataclass(frozen=True)
class PullRequest:
    number: int
    author: str  # login of the pull request's author
    head_sha: str
    title: str = ""
    html_url: str = ""
    base_ref: str | None = None  # the branch it would merge into
    default_branch: str | None = None  # the repository's default branch (base.repo.default_branch)
    changed_files: int | None = None  # how many files GitHub says changed: the files list must have as many
    commits: int | None = None  # how many commits it has: the commits list must have as many
    author_is_bot: bool = False


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # GitHub login of the commit's author ("" when the e-mail matches no account)
    committer: str  # GitHub login of whoever committed (pushed, rebased or amended) it


@dataclass(frozen=True)
class Dismissal:
    review_id: int
    actor: str  # who dismissed the review
    state: str  # what the review was before: "approved", "changes_requested" or "commented"


@dataclass(frozen=True)
class Review:
    id: int
    login: str
    state: str  # one of REVIEW_STATES
    commit_id: str | None  # the commit the review was made on (None if it was garbage-collected)
    submitted_at: str | None


@dataclass(frozen=True)
class ChangedFile:
    filename: str
    status: str  # added | removed | modified | renamed | copied | changed | unchanged
    previous_filename: str | None = None

    @property
    def paths(self) -> list[str]:
        """Every path the change touches: a rename touches its old place too."""
        return [self.filename] + ([self.previous_filename] if self.previous_filename else [])


def _login(user: Any) -> str:
    # A deleted account comes back as user: null ("ghost"); it can never be a member of a role.
    return str(user.get("login") or "") if isinstance(user, dict) else ""


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _is_bot(user: Any) -> bool:
    return isinstance(user, dict) and (user.get("type") == "Bot" or str(user.get("login") or "").endswith("[bot]"))


def read_pull_request(data: Any, source: str = "pull request") -> PullRequest:
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict) or not data["head"].get("sha"):
        raise ContentError(f"{source}: not a GitHub pull request (GET /repos/{{owner}}/{{repo}}/pulls/{{n}}): no head.sha")
    base = data.get("base") if isinstance(data.get("base"), dict) else {}
    base_repo = base.get("repo") if isinstance(base.get("repo"), dict) else {}
    return PullRequest(
        number=int(data.get("number") or 0),
        author=_login(data.get("user")),
        head_sha=str(data["head"]["sha"]),
        title=str(data.get("title") or ""),
        html_url=str(data.get("html_url") or ""),
        base_ref=str(base["ref"]) if base.get("ref") else None,
        default_branch=str(base_repo["default_branch"]) if base_repo.get("default_branch") else None,
        changed_files=_count(data.get("changed_files")),
        commits=_count(data.get("commits")),
        author_is_bot=_is_bot(data.get("user")),
    )


def read_commits(pages: Iterable[Any], source: str = "commits") -> list[Commit]:
    """GET /repos/{owner}/{repo}/pulls/{n}/commits: who wrote and who committed each commit."""
    commits: list[Commit] = []
    for page in pages:
        if not isinstance(page, list):
            raise ContentError(f"{source}: expected a JSON array of commits (GET /repos/{{owner}}/{{repo}}/pulls/{{n}}/commits)")
        for item in page:
            if not isinstance(item, dict) or not item.get("sha"):
                raise ContentError(f"{source}: a commit without a 'sha': {str(item)[:80]}")
            commits.append(Commit(str(item["sha"]), _login(item.get("author")), _login(item.get("committer"))))
    return commits


def read_dismissals(pages: Iterable[Any], source: str = "events") -> dict[int, Dismissal]:
    """``review_dismissed`` events of GET /repos/{owner}/{repo}/issues/{n}/events, by review id."""
    dismissals: dict[int, Dismissal] = {}
    for page in pages:
        if not isinstance(page, list):
            raise ContentError(f"{source}: expected a JSON array of issue events (GET /repos/{{owner}}/{{repo}}/issues/{{n}}/events)")
        for item in page:
            if not isinstance(item, dict) or item.get("event") != "review_dismissed":
                continue
            review = item.get("dismissed_review")
            if not isinstance(review, dict) or not isinstance(review.get("review_id"), int):
                raise ContentError(f"{source}: a review_dismissed event without dismissed_review.review_id: {str(item)[:80]}")
            dismissals[review["review_id"]] = Dismissal(review["review_id"], _login(item.get("actor")), str(review.get("state") or "").lower())
    return dismissals


def read_reviews(pages: Iterable[Any], source: str = "reviews") -> list[Review]:
    """Reviews from one or more pages (each a JSON array), oldest first as GitHub lists them."""
    reviews: list[Review] = []
    for page in pages:
        if not isinstance(page, list):
            raise ContentError(f"{source}: expected a JSON array of reviews (GET /repos/{{owner}}/{{repo}}/pulls/{{n}}/reviews)")
        for item in page:
            if not isinstance(item, dict) or item.get("state") not in REVIEW_STATES:
                raise ContentError(f"{source}: a review without a known 'state' ({', '.join(sorted(REVIEW_STATES))}): {str(item)[:80]}")
            reviews.append(Review(int(item.get("id") or 0), _login(item.get("user")), item["state"], item.get("commit_id"), item.get("submitted_at")))
    # The API lists reviews in submission order; sort stably by time in case pages were merged out of order.
    return sorted(reviews, key=lambda r: (r.submitted_at is None, r.submitted_at or "", r.id))


def read_files(pages: Iterable[Any], source: str = "files") -> list[ChangedFile]:
    files: list[ChangedFile] = []
    for page in pages:
        if not isinstance(page, list):
            raise ContentError(f"{source}: expected a JSON array of changed files (GET /repos/{{owner}}/{{repo}}/pulls/{{n}}/files)")
        for item in page:
            if not isinstance(item, dict) or not item.get("filename"):
                raise ContentError(f"{source}: a changed file without a 'filename': {str(item)[:80]}")
            files.append(ChangedFile(str(item["filename"]), str(item.get("status") or "modified"), item.get("previous_filename")))
    return files


def read_members(data: Any, source: str = "members") -> dict[str, set[str]]:
    """``{"org/team-slug": ["login", …]}`` (logins, or member objects as the API returns them)."""
    if not isinstance(data, dict):
        raise ContentError(f"{source}: expected a JSON object mapping 'org/team-slug' to a list of logins")
    members: dict[str, set[str]] = {}
    for team, logins in data.items():
        if not isinstance(logins, list):
            raise ContentError(f"{source}: team '{team}' must map to a list of logins")
        members[str(team).lower()] = {(_login(m) if isinstance(m, dict) else str(m)).lower() for m in logins} - {""}
    return members
