"""``afterword due``: remind the team's channel before a promised update or the cadence runs out."""

from __future__ import annotations

import sys
from argparse import ArgumentTypeError
from datetime import datetime, timezone
from pathlib import Path

from ..loader import load_history
from ..notify import STATE_FILE, Transport, load_state, notify_config, reminders, send_reminders
from ..notify.http import DeliveryError
from ..problems import ContentError
from ..settings import load_settings
from ..timestamps import parse_timestamp


def add_common(parser) -> None:
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--state", default=STATE_FILE, help=f"the delivery record to read and update (default: {STATE_FILE})")
    parser.add_argument("--state-url", help="a published copy of the record, merged with --state (notify: default <site_url>notify-state.json; due: none)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be sent; send and record nothing")
    parser.add_argument("--now", type=_moment, metavar="TIMESTAMP", help="act as of this time (default: now, or AFTERWORD_NOW)")


def _moment(text: str) -> datetime:
    try:
        return parse_timestamp(text)
    except ContentError as exc:
        raise ArgumentTypeError(exc.message) from None


def now_of(args) -> datetime:
    from ..buildtime import build_time

    return args.now or build_time()


def register(subparsers) -> None:
    parser = subparsers.add_parser("due", help="remind the team's channel when a promised update is about to be due")
    add_common(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    settings = load_settings(args.config)
    config = notify_config(settings)
    if not config.due_channel:
        print("afterword due: no team channel (extra.afterword.notify.due.channel in mkdocs.yml): nothing to do")
        return 0
    history = load_history(settings)
    now = now_of(args)
    transport = Transport(retries=config.retries, timeout=config.timeout_seconds)
    url = args.state_url  # the reminder record is kept by the caller (the workflow's cache), not on the site
    try:
        state = load_state(Path(args.state), url, transport, baseline_ids=set())
        if args.dry_run:
            state.path = None
        found = reminders(history, settings, config, now)
        count = send_reminders(found, config.channel(config.due_channel), state, transport, now, args.dry_run)
    except DeliveryError as exc:
        print(f"afterword due: {config.due_channel}: {exc}", file=sys.stderr)
        return 1
    state.save()
    verb = "would be posted" if args.dry_run else "posted"
    print(f"afterword due: {count} reminder(s) {verb}")
    return 0
