"""``afterword init``: make this checkout your company's own (guide/adopt.md).

Asks for what it is not given as a flag when run in a terminal; with every required flag (or
--no-input) it asks nothing, for scripts and tests. Exit status: 0 done, 1 refused (edited files;
nothing written), 2 bad or missing answers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..problems import ContentError

QUESTIONS = (  # (flag destination, question, required)
    ("company", "Company name (as customers know it)", True),
    ("site_name", "Site name", False),
    ("site_url", "Status site address (e.g. https://status.acme.example/)", True),
    ("support_url", "Support page customers can open (blank for none)", False),
    ("support_email", "Support e-mail address (a role address, blank for none)", False),
    ("public_hosts", "Public host names customers use, comma-separated (blank: the site's host)", False),
    ("company_domains", "Your company's domains, comma-separated (other hosts under them are internal)", False),
    ("components", "Components customers know, comma-separated (e.g. API,Dashboard,Webhooks,Billing)", True),
    ("github_org", "GitHub organisation (blank: from the company name)", False),
    ("timezone", "Authors' time zone (IANA, e.g. Europe/Berlin)", False),
)


def register(subparsers) -> None:
    parser = subparsers.add_parser("init", help="make this project your own: company, site, support, domains, components, reviewers")
    parser.add_argument("--company", help="the company's name, e.g. 'Acme Cloud'")
    parser.add_argument("--site-name", help="the site's title (default '<company> Status History')")
    parser.add_argument("--site-url", help="the status site's address, e.g. https://status.acme.example/")
    parser.add_argument("--support-url", help="the support page all-clear updates, the footer and the Subscribe page link to")
    parser.add_argument("--support-email", help="a support role address, e.g. support@acme.example")
    parser.add_argument("--public-hosts", help="host names customers use, comma-separated (default: the site's host)")
    parser.add_argument("--company-domains", help="your domains, comma-separated; other hosts under them are internal (default: the site's parent domain)")
    parser.add_argument("--names", help="other names of yours (products, teams), comma-separated: spelled as written, never taken for people")
    parser.add_argument("--components", help="the component catalog, comma-separated names ('API,Dashboard') or id=Name pairs")
    parser.add_argument("--github-org", help="the GitHub organisation (default: from the company name)")
    parser.add_argument("--team", action="append", default=[], metavar="ROLE=SLUG", help="the team for a review role (marketing, legal, security, maintainers); default: the role's name")
    parser.add_argument("--timezone", help="the authors' time zone: `afterword new` reads times written without a zone in it (default UTC)")
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR", help="the project folder (default: here)")
    parser.add_argument("--force", action="store_true", help="also replace files edited since they were shipped or last written by init")
    parser.add_argument("--no-input", action="store_true", help="never ask; fail on a missing required flag")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..adopt import Answers, init_project
    from ..adopt.answers import components_from

    interactive = not args.no_input and sys.stdin.isatty()
    values = {name: getattr(args, name) for name, _, _ in QUESTIONS}
    for name, question, required in QUESTIONS:
        if values[name] is None and interactive:
            values[name] = input(f"{question}: ").strip() or None
    missing = [f"--{name.replace('_', '-')}" for name, _, required in QUESTIONS if required and not values[name]]
    if missing:
        print(f"afterword init: missing {', '.join(missing)} (run it in a terminal to be asked)", file=sys.stderr)
        return 2
    try:
        teams = dict(_pair(item) for item in args.team)
        answers = Answers(
            company=values["company"], site_url=values["site_url"], components=components_from(values["components"]),
            site_name=values["site_name"] or "", support_url=values["support_url"], support_email=values["support_email"],
            public_hosts=_list(values["public_hosts"]), company_domains=_list(values["company_domains"]),
            names=_list(args.names), github_org=values["github_org"] or "", teams=teams, timezone=values["timezone"] or "UTC",
        )
    except ContentError as exc:
        print(f"afterword init: {exc.message}", file=sys.stderr)
        return 2
    try:
        result = init_project(args.project, answers, force=args.force)
    except ContentError as exc:
        print(f"afterword init: {exc.message}", file=sys.stderr)
        return 1
    for path in result.written:
        print(f"wrote    {path}")
    if result.removed:
        print(f"removed  {len(result.removed)} example files from incidents/ and postmortems/ (the example lives on in tests/fixtures/lumen/)")
    for path in result.kept:
        print(f"kept     {path} (not part of the example)")
    if not result.written and not result.removed:
        print("nothing to change: the project already has these answers")
    if not (answers.support_url or answers.support_email):
        print("afterword init: no support contact given: all-clear updates will say 'contact our support team' without a link", file=sys.stderr)
    print("Next: make build (a strict build), make test, then `.venv/bin/afterword new incident …` (guide/writing-incidents.md)", file=sys.stderr)
    return 0


def _list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _pair(text: str) -> tuple[str, str]:
    role, separator, team = text.partition("=")
    if not separator:
        raise ContentError(f"--team '{text}': write ROLE=SLUG, e.g. --team legal=legal-team")
    return role.strip(), team.strip()
