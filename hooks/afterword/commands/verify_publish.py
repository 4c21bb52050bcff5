"""``afterword verify-publish``: did everything since the last deployment pass the approval gate?

publish.yml runs it before deploying. It prints one line per commit and writes ``approved=true``
or ``approved=false`` to ``--github-output``; when false, the workflow asks a maintainer to
approve the deployment. Exit 2 when the API cannot answer (nothing is deployed then).
"""

from __future__ import annotations

import argparse
import os

from ..approvals.github import DEFAULT_API_URL, client_from_environment
from ..approvals.published import verify_publish
from ..approvals.report import plain
from .app_id import app_id


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify-publish",
        help="check that every commit since the last deployment is the merge of a pull request that passed the approval gate",
        description="Reads the repository through the API with GITHUB_TOKEN (Contents, Pull requests, Checks and Deployments: read).",
    )
    parser.add_argument("--repo", required=True, metavar="OWNER/NAME")
    parser.add_argument("--sha", required=True, help="the commit about to be published")
    parser.add_argument("--app-id", required=True, help="the id of the GitHub App that posts 'Required approvals'")
    parser.add_argument("--environment", default="github-pages", help="the deployment environment (default: %(default)s)")
    parser.add_argument("--github-output", metavar="FILE", help="append approved=true|false here ($GITHUB_OUTPUT)")
    parser.add_argument("--recorded", metavar="DIR", help="answer from recorded API payloads in DIR instead of the API")
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    app = app_id(args.app_id)
    client = client_from_environment(args.api_url, args.recorded)
    verdict = verify_publish(client, args.repo, args.sha, app, args.environment)
    for line in verdict.lines:
        print(plain(line))
    print("Approved: publish." if verdict.approved else "Not approved by the gate: the deployment waits for a maintainer.")
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as out:
            out.write(f"approved={'true' if verdict.approved else 'false'}\n")
    return 0
