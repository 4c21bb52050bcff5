"""``afterword import statuspage|cstate``: bring another tool's incident history into this project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..importers.components import ComponentCatalog, load_components_map
from ..importers.cstate import import_cstate
from ..importers.statuspage import import_statuspage
from ..importers.writer import write_incidents
from ..problems import ContentError
from ..settings import load_settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="convert Statuspage or cState incident history into incident files")
    sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    statuspage = sources.add_parser("statuspage", help="Statuspage API v2 JSON: incidents/<id>.json or incidents.json")
    statuspage.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    cstate = sources.add_parser("cstate", help="cState issue files (content/issues/*.md)")
    cstate.add_argument("paths", nargs="+", type=Path, metavar="DIR")
    cstate.add_argument("--timezone", default="UTC", help="zone of times written without one (cState's Hugo timeZone; default UTC)")
    for sub in (statuspage, cstate):
        _common_options(sub)
        sub.set_defaults(handler=run)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--into", type=Path, default=Path("."), metavar="PROJECT_DIR", help="the project folder (holding mkdocs.yml); default: here")
    parser.add_argument("--components-map", type=Path, metavar="FILE", help="YAML/JSON: source component name or id -> catalog id (null leaves it out; '*' names the fallback)")
    parser.add_argument("--catalog-out", type=Path, metavar="FILE", help="write the catalog entries still missing to FILE instead of printing them")
    parser.add_argument("--force", action="store_true", help="overwrite incident files that differ from the import")


def catalog_for(project: Path, components_map: Path | None) -> ComponentCatalog:
    """The project's catalog (from its mkdocs.yml, when it has one) plus the --components-map."""
    config = project / "mkdocs.yml"
    known = load_settings(config).components if config.is_file() else []
    mapping = load_components_map(components_map) if components_map else {}
    return ComponentCatalog(known=known, mapping=mapping)


def run(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise ContentError(f"no such file or folder: {', '.join(missing)}")
    catalog = catalog_for(args.into, args.components_map)
    if args.source == "statuspage":
        report = import_statuspage(args.paths, catalog)
    else:
        try:
            zone = ZoneInfo(args.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ContentError(f"unknown time zone '{args.timezone}': use a name like 'UTC' or 'Europe/Berlin'") from None
        report = import_cstate(args.paths, catalog, zone)
    for problem in report.problems:
        print(f"{problem.format()}", file=sys.stderr)
    written = write_incidents(report.incidents, args.into, args.force)
    for relpath in written.conflicts:
        print(f"{relpath}: exists with different content (edited by hand?): skipped; use --force to overwrite", file=sys.stderr)
    print(f"{len(report.incidents)} incidents with {sum(len(i.updates) for i in report.incidents)} updates from {args.source}: {written.summary()}")
    split = getattr(report, "split", {})
    if split:
        print(f"{len(split)} one-update timelines (timestamped lists) split into {sum(split.values())} updates")
    snippet = catalog.snippet()
    if snippet:
        if args.catalog_out:
            args.catalog_out.write_text(snippet, encoding="utf-8")
            print(f"{len(catalog.added)} components are not in the catalog yet: entries written to {args.catalog_out}")
        else:
            print(f"{len(catalog.added)} components are not in the catalog yet:\n{snippet}", end="")
    failed = any(p.is_error for p in report.problems)
    return 1 if failed or written.conflicts else 0
