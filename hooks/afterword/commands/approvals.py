"""``afterword check-approvals``: the required status check that postmortems are reviewed.

Offline it judges recorded GitHub REST responses (``--pull``, ``--reviews`` pages, ``--files``
pages, ``--members``); live it reads them from the API (``--repo``, ``--number``) with the token
in ``GITHUB_TOKEN`` or ``GH_TOKEN``. Exit 0 when every required role approved the head commit,
1 when one is missing, 2 when the inputs or the API do not allow a verdict.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..approvals import (
    DEFAULT_POLICY,
    GitHubClient,
    evaluate,
    fetch_pull_request,
    fetch_team_members,
    load_policy,
    read_files,
    read_members,
    read_pull_request,
    read_reviews,
)
from ..approvals.github import DEFAULT_API_URL
from ..approvals.report import markdown_summary, text_lines, workflow_commands
from ..approvals.triggers import Trigger, required_roles
from ..problems import ContentError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-approvals",
        help="pass only when every required role (marketing, legal, security) approved the pull request's head commit",
        description="Judge a pull request against styleguide/reviewers.yml. Offline: --pull/--reviews/--files "
        "[--members] recorded from the GitHub REST API. Live: --repo OWNER/NAME --number N with GITHUB_TOKEN or GH_TOKEN.",
    )
    parser.add_argument("--policy", default=str(DEFAULT_POLICY), help="the review policy (default: %(default)s)")
    parser.add_argument("--root", default=".", help="checkout of the head commit, read for 'security: true' (default: .)")
    offline = parser.add_argument_group("offline (recorded GitHub responses)")
    offline.add_argument("--pull", metavar="PULL.json", help="GET /repos/{owner}/{repo}/pulls/{n}")
    offline.add_argument("--reviews", metavar="REVIEWS.json", action="append", default=[], help="GET …/pulls/{n}/reviews; repeat for each page")
    offline.add_argument("--files", metavar="FILES.json", action="append", default=[], help="GET …/pulls/{n}/files; repeat for each page")
    offline.add_argument("--members", metavar="MEMBERS.json", help='{"org/team-slug": ["login", …]}; teams not listed count as unreadable')
    live = parser.add_argument_group("live (the GitHub API)")
    live.add_argument("--repo", metavar="OWNER/NAME")
    live.add_argument("--number", type=int, metavar="N", help="the pull request's number")
    live.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL, help="API base URL (default: $GITHUB_API_URL or %(default)s)")
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


def run(args: argparse.Namespace) -> int:
    policy = load_policy(args.policy)
    root = Path(args.root)
    notes: list[str] = []
    if args.repo or args.number:
        if not (args.repo and args.number):
            raise ContentError("live mode needs both --repo OWNER/NAME and --number N")
        token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
        if not token:
            notes.append("no GITHUB_TOKEN or GH_TOKEN: reading the API anonymously (public repositories only, low rate limit)")
        client = GitHubClient(token, args.api_url)
        pull, reviews, files = fetch_pull_request(client, args.repo, args.number)
        triggers = required_roles(policy, files, root)
        members, team_notes = fetch_team_members(client, _teams_of(triggers))
        notes += team_notes
    elif args.pull and args.reviews and args.files:
        pull = read_pull_request(_read_json(args.pull), args.pull)
        reviews = read_reviews([_read_json(p) for p in args.reviews], ", ".join(args.reviews))
        files = read_files([_read_json(p) for p in args.files], ", ".join(args.files))
        triggers = required_roles(policy, files, root)
        recorded = read_members(_read_json(args.members), args.members) if args.members else {}
        members = {team.lower(): recorded.get(team.lower()) for team in _teams_of(triggers)}
        source = args.members or "the recorded data (no --members file)"
        notes += [f"team {team} is not in {source}: its role is judged on its 'users' list only" for team in _teams_of(triggers) if members[team.lower()] is None]
    else:
        raise ContentError("give either --pull, --reviews and --files (recorded responses) or --repo and --number (live)")

    decision = evaluate(policy, pull, reviews, files, members, root, triggers)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print("\n".join(text_lines(decision, args.policy)))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for command in workflow_commands(decision, notes):
            print(command)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as summary:
            summary.write(markdown_summary(decision, args.policy, notes) + "\n")
    return 0 if decision.passed else 1
