"""``afterword report``: time to first update, longest gap, promises kept, time to postmortem, checks."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentTypeError
from datetime import date

from ..future import withhold_future_updates
from ..loader import load_history
from ..problems import ContentError
from ..settings import load_settings
from ..timeline.report import build_report, render_markdown, utc_now
from ..timestamps import parse_timestamp


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="how each incident was communicated: first update, gaps, promises, postmortem, checks",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only incidents whose impact began on or after this day (UTC)")
    parser.add_argument("--all", action="store_true", dest="include_withheld", help="include withheld (draft, undisclosed security) incidents, marked as such")
    parser.add_argument("--now", type=_moment, metavar="TIMESTAMP", help="evaluate as of this time instead of now (e.g. '2026-01-01 00:00 UTC')")
    parser.set_defaults(handler=run)


def run(args) -> int:
    settings = load_settings(args.config)
    history = load_history(settings)
    if history.errors:
        print(f"afterword report: {len(history.errors)} file problem(s) left some content out; run 'afterword validate' to see them", file=sys.stderr)
    now = args.now or utc_now()
    withhold_future_updates(history, now)  # as of --now, like the build: later updates have not happened yet
    report = build_report(history, now, args.since, args.include_withheld)
    if args.format == "json":
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_markdown(report))
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"'{text}' is not a date: write it like 2026-01-31") from None


def _moment(text: str):
    try:
        return parse_timestamp(text)
    except ContentError as exc:
        raise ArgumentTypeError(exc.message) from None

