"""`afterword lint`: schema, house style, person names, apology, structure and timeline checks."""

from __future__ import annotations

import sys

from ..problems import count_errors
from ..settings import load_settings
from ..style import lint_paths
from ..style.output import format_json, format_text, write_github


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="check incidents and postmortems against the schema and the house style",
        description="Schema validation, the Vale rules of styleguide/.vale.ini, the person-name detector, the "
        "apology and structure checks and the build's timeline checks (cadence, promises, first update, all-clear) "
        "for the files asked. Exit status 1 when any error-level finding exists.",
    )
    add_common_arguments(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: incidents/ and postmortems/)")
    parser.set_defaults(handler=run)


def add_common_arguments(parser) -> None:
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text: path:line:col lines; json: a list of findings; github: workflow commands and a job summary")


def report(problems, output_format: str, out=None) -> int:
    out = out or sys.stdout
    if output_format == "json":
        print(format_json(problems), file=out)
    elif output_format == "github":
        write_github(problems, out)
    elif problems:
        print(format_text(problems), file=out)
    return 1 if count_errors(problems) else 0


def run(args) -> int:
    settings = load_settings(args.config)
    try:
        problems = lint_paths(settings, args.paths or None, timeline=True)  # what the build reports, per file
    except FileNotFoundError as exc:
        print(f"afterword lint: no such file or folder: {exc}", file=sys.stderr)
        return 2
    status = report(problems, args.format)
    if args.format == "text":
        errors = count_errors(problems)
        print(f"{errors} errors, {len(problems) - errors} warnings and suggestions", file=sys.stderr)
    return status
