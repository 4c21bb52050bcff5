"""``afterword notify``: after a deploy, send each newly public update once to every channel."""

from __future__ import annotations

import sys
from pathlib import Path

from ..loader import load_history
from ..notify import STATE_FILE, Deliverer, DeliveryError, Transport, load_state, notify_config
from ..publish.site import site_url
from ..publish.updates import public_updates
from ..settings import load_settings
from .due import add_common, now_of


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "notify", help="send updates that became public since the last run to the channels in mkdocs.yml",
    )
    add_common(parser)
    parser.add_argument("--baseline", action="store_true",
                        help="first run only: with no delivery record anywhere, count every update public now as announced")
    parser.add_argument("--channel", action="append", metavar="NAME", help="only this channel (repeatable)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    settings = load_settings(args.config)
    config = notify_config(settings)
    history = load_history(settings)
    if history.errors:
        print(f"afterword notify: {len(history.errors)} file problem(s); nothing is sent until 'afterword validate' passes", file=sys.stderr)
        return 1
    if not config.customer_channels:
        print("afterword notify: no customer channels in extra.afterword.notify.channels; nothing to send")
        return 0
    now = now_of(args)
    transport = Transport(retries=config.retries, timeout=config.timeout_seconds)
    url = args.state_url or config.state_url or site_url(settings, "notifications need absolute links") + STATE_FILE
    ids = {u.id for u in public_updates(history, now)} if args.baseline else None
    try:
        state = load_state(Path(args.state), url, transport, ids)
    except DeliveryError as exc:
        print(f"afterword notify: the delivery record is unreachable, so nothing is sent: {exc}", file=sys.stderr)
        return 1
    if args.dry_run:
        state.path = None  # nothing is recorded
    outcome = Deliverer(history, settings, config, now, transport).run(state, dry_run=args.dry_run,
                                                                     only=set(args.channel or ()))
    if args.dry_run:
        for channel, title, body in outcome.planned:
            print(f"--- would send to {channel}: {title}\n{body}\n")
        print(f"afterword notify: dry run, {len(outcome.planned)} message(s) would be sent; nothing was sent or recorded")
        return 0
    stale = f", {len(outcome.stale)} too old to announce (recorded as seen)" if outcome.stale else ""
    print(f"afterword notify: {len(outcome.sent)} message(s) sent{stale}; record in {args.state}")
    for channel, why in outcome.failed.items():
        print(f"afterword notify: {channel} failed ({why}); it is retried on the next run", file=sys.stderr)
    return 1 if outcome.failed else 0
