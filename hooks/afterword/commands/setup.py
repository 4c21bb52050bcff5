"""``afterword check-setup``: what is missing from the repository's settings for the approval gate.

Live it reads the settings through the API (GITHUB_TOKEN or GH_TOKEN with Administration: read);
``--recorded DIR`` reads payloads recorded with ``gh api`` instead. Exit 0 when everything is set,
1 when something is missing (each line says where to fix it), 2 when the API cannot answer.
"""

from __future__ import annotations

import argparse
import os

from ..approvals.github import DEFAULT_API_URL, client_from_environment
from ..approvals.setup_check import check_setup
from .app_id import app_id


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-setup",
        help="check the repository's settings (rulesets, environments, Actions) that make the approval gate unforgeable",
        description="The checklist of guide/publishing.md, read from the repository through the API.",
    )
    parser.add_argument("--repo", required=True, metavar="OWNER/NAME")
    parser.add_argument("--app-id", required=True, help="the numeric id of the gate's GitHub App")
    parser.add_argument("--recorded", metavar="DIR", help="read recorded API payloads from DIR (DIR/repos/OWNER/NAME.json, …) instead of the API")
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    app = app_id(args.app_id)
    client = client_from_environment(args.api_url, args.recorded)
    report = check_setup(client, args.repo, app)
    for finding in report.findings:
        print(f"{'✓' if finding.ok else '✗'} {finding.text}")
    missing = report.missing
    print("Set-up complete." if not missing else f"{len(missing)} thing(s) to fix (guide/publishing.md).")
    return 1 if missing else 0
