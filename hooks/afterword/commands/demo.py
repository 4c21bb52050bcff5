"""``afterword demo``: write a complete demo site with a synthetic or imported incident history."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..demo import generate, write_site


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="write a buildable demo site with a generated incident history")
    parser.add_argument("target", type=Path, metavar="DIR", help="folder to write the site into")
    parser.add_argument("--incidents", type=int, default=200, metavar="N", help="number of incidents (default 200)")
    parser.add_argument("--postmortems", type=int, default=20, metavar="M", help="number of postmortems (default 20)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="the same seed always gives the same files (default 1)")
    parser.add_argument("--from-statuspage", type=Path, metavar="DIR", help="use the real Statuspage incidents in DIR instead of synthetic ones")
    parser.add_argument("--project", type=Path, metavar="DIR", help="Afterword checkout to copy mkdocs.yml, docs/, overrides/, styleguide/ and hooks from")
    parser.add_argument("--no-withheld", dest="withheld", action="store_false",
                        help="no internal notes, drafts or undisclosed security incidents (by default the history has them, as real ones do)")
    parser.add_argument("--force", action="store_true", help="replace incidents/ and postmortems/ already in DIR")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.incidents < 0 or args.postmortems < 0:
        print("afterword demo: --incidents and --postmortems must be 0 or more", file=sys.stderr)
        return 2
    if args.from_statuspage is not None and not args.from_statuspage.exists():
        print(f"afterword demo: {args.from_statuspage}: no such folder", file=sys.stderr)
        return 2
    began = time.perf_counter()
    site = write_site(generate(args.incidents, args.postmortems, args.seed, args.from_statuspage, args.withheld), args.target, args.project, args.force)
    for problem in site.problems:
        print(problem.format(), file=sys.stderr)
    if len(site.postmortems) < args.postmortems:
        print(f"afterword demo: only {len(site.postmortems)} incidents could have a postmortem", file=sys.stderr)
    print(
        f"{args.target}: {len(site.incidents)} incidents, {len(site.postmortems)} postmortems, "
        f"{len(site.components)} components in {time.perf_counter() - began:.1f}s. Build it with: cd {args.target} && mkdocs build"
    )
    return 1 if any(p.is_error for p in site.problems) else 0
