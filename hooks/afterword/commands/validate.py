"""`afterword validate`: schema, timestamps, components, ids — every problem, then the accounting."""

from __future__ import annotations

import json

from ..loader import load_history
from ..settings import load_settings


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check every incident and postmortem against the content format",
        description="Load every file under incidents/ and postmortems/ and report each problem as path:line:col. "
        "Exit status 1 when any error is found. Style and timeline checks: see 'afterword lint'.",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


def run(args) -> int:
    history = load_history(load_settings(args.config))
    counts = history.accounting()
    if args.format == "json":
        print(json.dumps({"problems": [p.as_dict() for p in history.problems], "accounting": counts}, indent=2))
    else:
        for problem in history.problems:
            print(f"{problem.format()}" if problem.is_error else f"{problem.format()} ({problem.severity})")
        print(
            f"{counts['files']} files: {counts['published']} published, {counts['draft']} drafts, "
            f"{counts['security']} undisclosed security, {counts['error']} with errors, {counts['skipped']} skipped"
        )
    return 1 if history.errors else 0
