"""`afterword check FILE`: the whole verdict on one file, for a writer, in under a second."""

from __future__ import annotations

import sys
from pathlib import Path

from ..docindex import load_for_file
from ..problems import count_errors
from ..settings import load_settings
from ..style import lint_paths
from .lint import add_common_arguments, report


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="every finding for one file: schema, style and timeline checks",
        description="Schema errors, house-style findings and timeline checks (update cadence, promises, "
        "first update, all-clear) for one incident or postmortem. Exit status 1 when any error is found.",
    )
    add_common_arguments(parser)
    parser.add_argument("file", metavar="FILE", help="an incident or postmortem Markdown file")
    parser.set_defaults(handler=run)


def run(args) -> int:
    file = Path(args.file)
    if not file.is_file():
        print(f"afterword check: no such file: {args.file}", file=sys.stderr)
        return 2
    settings = load_settings(args.config)
    # Only the files this one's verdict depends on (docindex.py); the same findings as a full load.
    problems = lint_paths(settings, [str(file)], timeline=True, history=load_for_file(settings, file))
    status = report(problems, args.format)
    if args.format == "text":
        errors = count_errors(problems)
        verdict = "ready to publish" if not problems else f"{errors} errors, {len(problems) - errors} warnings and suggestions"
        print(f"{args.file}: {verdict}", file=sys.stderr)
    return status
