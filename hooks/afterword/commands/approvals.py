"""``afterword check-approvals``: the required check that postmortems are reviewed.

Offline it judges recorded GitHub REST responses (``--pull``, ``--reviews``/``--files``/
``--commits``/``--events`` pages, ``--members``); live it reads them from the API (``--repo`` with
``--number`` or ``--head-sha``) with the token in ``GITHUB_TOKEN`` or ``GH_TOKEN``, and with
``--post-check`` posts the verdict as the check run "Required approvals" (from the gate's GitHub
App: a check no writer's token can forge). Exit 0 when every required role approved the head
commit, 1 when one is missing, 2 when the inputs or the API do not allow a verdict (a truncated
list, a moved head, a base that is not the default branch, an unreadable team, a symlink).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from ..approvals import DEFAULT_POLICY, GitHubClient, evaluate, fetch_team_members, load_policy
from ..approvals.github import (DEFAULT_API_URL, GitHubError, PullRequestData, check_repo, client_from_environment,
                               fetch_pull_request, post_check_run)
from ..approvals.payloads import read_commits, read_dismissals, read_files, read_members, read_pull_request, read_reviews
from ..approvals.report import markdown_summary, markdown_text, plain, text_lines, workflow_commands
from ..approvals.triggers import GateError, Trigger, required_roles
from ..problems import ContentError

CHECK_NAME = "Required approvals"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-approvals",
        help="pass only when every required role (marketing, legal, security, maintainers) approved the pull request's head commit",
        description="Judge a pull request against styleguide/reviewers.yml. Offline: --pull/--reviews/--files/--commits/--events "
        "[--members] recorded from the GitHub REST API. Live: --repo OWNER/NAME --number N (or --head-sha) with GITHUB_TOKEN or GH_TOKEN.",
    )
    parser.add_argument("--policy", default=str(DEFAULT_POLICY), help="the review policy (default: %(default)s)")
    parser.add_argument("--root", default=".", help="checkout of the head commit, read as data for 'security: true' (default: .)")
    parser.add_argument("--base-root", help="checkout of the default branch: a change that downgrades or deletes a security incident still needs security")
    parser.add_argument("--head-sha", help="the head commit the event was about: exit 2 when the pull request's head differs")
    offline = parser.add_argument_group("offline (recorded GitHub responses)")
    offline.add_argument("--pull", metavar="PULL.json", help="GET /repos/{owner}/{repo}/pulls/{n}")
    offline.add_argument("--reviews", metavar="REVIEWS.json", action="append", default=[], help="GET …/pulls/{n}/reviews; repeat for each page")
    offline.add_argument("--files", metavar="FILES.json", action="append", default=[], help="GET …/pulls/{n}/files; repeat for each page")
    offline.add_argument("--commits", metavar="COMMITS.json", action="append", default=[], help="GET …/pulls/{n}/commits; repeat for each page")
    offline.add_argument("--events", metavar="EVENTS.json", action="append", default=[], help="GET …/issues/{n}/events (review dismissals); repeat for each page")
    offline.add_argument("--members", metavar="MEMBERS.json", help='{"org/team-slug": ["login", …]}; teams not listed count as unreadable')
    live = parser.add_argument_group("live (the GitHub API)")
    live.add_argument("--repo", metavar="OWNER/NAME")
    live.add_argument("--number", type=int, metavar="N", help="the pull request's number (or give --head-sha to find it)")
    live.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL, help="API base URL (default: $GITHUB_API_URL or %(default)s)")
    live.add_argument("--post-check", action="store_true", help=f"post the verdict as the check run '{CHECK_NAME}' on the head commit (needs Checks: write)")
    parser.set_defaults(handler=run)


def _read_json(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ContentError(f"{path}: no such file") from None
    except ValueError as exc:
        raise ContentError(f"{path}: not valid JSON ({exc})") from None


def _teams_of(triggers: dict[str, Trigger]) -> list[str]:
    """The teams of the roles this change needs: only those are worth an API call."""
    return sorted({team for trigger in triggers.values() for team in trigger.role.teams})


def _find_pull(client: GitHubClient, repo: str, head_sha: str) -> int:
    """The one open pull request whose head is ``head_sha`` (a review relayed by workflow_run names only its commit)."""
    data, _ = client.get(f"/repos/{check_repo(repo)}/commits/{head_sha}/pulls")
    numbers = sorted({int(p["number"]) for p in data if isinstance(p, dict) and p.get("state") == "open"
                      and isinstance(p.get("head"), dict) and p["head"].get("sha") == head_sha} if isinstance(data, list) else set())
    if len(numbers) != 1:
        raise GateError(f"expected one open pull request with head {head_sha[:12]}, found {len(numbers)}: give --number")
    return numbers[0]


def _recorded(args: argparse.Namespace) -> PullRequestData:
    pull = read_pull_request(_read_json(args.pull), args.pull)
    reviews = read_reviews([_read_json(p) for p in args.reviews], ", ".join(args.reviews))
    files = read_files([_read_json(p) for p in args.files], ", ".join(args.files))
    commits = read_commits([_read_json(p) for p in args.commits], ", ".join(args.commits))
    dismissals = read_dismissals([_read_json(p) for p in args.events], ", ".join(args.events))
    if pull.commits and not args.commits:
        raise GateError(f"{args.pull} has {pull.commits} commit(s): pass their --commits pages, or committers could approve their own work")
    return PullRequestData(pull, reviews, files, commits, dismissals)


def verify_complete(data: PullRequestData, head_sha: str | None) -> None:
    """Fail closed on anything that would make the verdict about something other than what will merge."""
    pull = data.pull
    if head_sha and pull.head_sha != head_sha:
        raise GateError(f"the pull request's head is now {pull.head_sha[:12]}, not {head_sha[:12]} as the event said: the newer push is judged by its own run")
    if pull.base_ref is None or pull.default_branch is None:
        raise GateError("the pull request payload does not say its base branch and the repository's default branch (base.ref, base.repo.default_branch)")
    if pull.base_ref != pull.default_branch:
        raise GateError(f"the pull request targets '{plain(pull.base_ref)}', not the default branch '{plain(pull.default_branch)}': "
                        "only pull requests into the default branch are judged (retarget it, and the gate runs again)")
    if pull.changed_files is None or len(data.files) < pull.changed_files:
        raise GateError(f"GitHub listed {len(data.files)} changed files of {pull.changed_files if pull.changed_files is not None else 'an unknown number'} "
                        "(it lists at most 3,000): split the pull request so every file can be judged")
    if pull.commits is None or len(data.commits) < pull.commits:
        raise GateError(f"GitHub listed {len(data.commits)} commits of {pull.commits if pull.commits is not None else 'an unknown number'} "
                        "(it lists at most 250): split the pull request so every committer is known")


def run(args: argparse.Namespace) -> int:
    policy = load_policy(args.policy)
    live = bool(args.repo or args.number)
    client = None
    if live:
        if not args.repo or not (args.number or args.head_sha):
            raise ContentError("live mode needs --repo OWNER/NAME and --number N (or --head-sha SHA)")
        client = client_from_environment(args.api_url)
    elif not (args.pull and args.reviews and args.files):
        raise ContentError("give either --pull, --reviews, --files and --commits (recorded responses) or --repo and --number (live)")
    if args.post_check and client is None:
        raise ContentError("--post-check needs live mode (--repo)")
    try:
        return _judge(args, policy, client)
    except ContentError as exc:
        if args.post_check and client is not None and args.head_sha:
            post_check_run(client, args.repo, args.head_sha, CHECK_NAME, False, "The approval gate could not reach a verdict", markdown_text(exc.message))
        # The message may quote file names from the pull request: one line, control characters escaped.
        raise ContentError(plain(exc.message), exc.line, exc.column, exc.rule) from None


def _judge(args: argparse.Namespace, policy, client: GitHubClient | None) -> int:
    root = Path(args.root)
    base_root = Path(args.base_root) if args.base_root else None
    notes: list[str] = []
    if client is not None:
        if not client.token:
            notes.append("no GITHUB_TOKEN or GH_TOKEN: reading the API anonymously (public repositories only, low rate limit)")
        number = args.number or _find_pull(client, args.repo, args.head_sha)
        data = fetch_pull_request(client, args.repo, number)
        verify_complete(data, args.head_sha)
        triggers = required_roles(policy, data.files, root, base_root)
        members = fetch_team_members(client, _teams_of(triggers))
    else:
        data = _recorded(args)
        verify_complete(data, args.head_sha)
        triggers = required_roles(policy, data.files, root, base_root)
        recorded = read_members(_read_json(args.members), args.members) if args.members else {}
        members = {team.lower(): recorded.get(team.lower()) for team in _teams_of(triggers)}
        source = args.members or "the recorded data (no --members file)"
        notes += [f"team {team} is not in {source}: its role is judged on its 'users' list only" for team in _teams_of(triggers) if members[team.lower()] is None]

    anonymous = [c.sha[:12] for c in data.commits if not c.author or not c.committer]
    if anonymous:
        notes.append(f"commit(s) {', '.join(anonymous[:5])} name no GitHub account as author or committer, so their writer cannot be "
                     "excluded from approving: the ruleset's 'Require approval of the most recent reviewable push' must be on (guide/publishing.md)")
    decision = evaluate(policy, data.pull, data.reviews, data.files, members, root, triggers, data.commits, data.dismissals)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    # Untrusted text (file names, titles) inside a stop-commands block is never read as a workflow command.
    token = secrets.token_hex(16)
    if in_actions:
        print(f"::stop-commands::{token}")
    print("\n".join(text_lines(decision, args.policy)))
    if in_actions:
        print(f"::{token}::")
        for command in workflow_commands(decision, notes):
            print(command)
    summary = markdown_summary(decision, args.policy, notes)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as out:
            out.write(summary + "\n")
    if args.post_check and client is not None:
        title = "Every required role approved" if decision.passed else f"Missing approvals from: {', '.join(decision.missing_roles)}"
        post_check_run(client, args.repo, args.head_sha or data.pull.head_sha, CHECK_NAME, decision.passed, title, summary)
    return 0 if decision.passed else 1
