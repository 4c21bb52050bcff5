"""``afterword new``: draft an incident, an update, a postmortem skeleton or a customer notice from
the house templates (styleguide/templates/), check it with the real loader, and write it.

The authoring package is imported inside the handlers: every ``afterword`` command builds this
parser, and none of the others should pay for it."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from argparse import ArgumentTypeError
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import STATUS_LABELS
from ..problems import ContentError
from ..settings import load_settings
from ..timestamps import parse_timestamp

STATUS_CHOICES = "investigating, identified, monitoring, resolved (maintenance: scheduled, in-progress, verifying, completed)"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new", help="draft an incident, an update, a postmortem or a customer notice from the house templates",
        description="Write from the house templates in styleguide/templates/. Each draft is checked with the real "
        "loader before anything is written; existing files are never overwritten.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND")
    parser.set_defaults(handler=lambda args: (parser.print_help(), 2)[1])

    incident = kinds.add_parser("incident", help="create incidents/<YYYY>/<id>.md with its first update")
    incident.add_argument("title", help="what customers see, e.g. \"API requests failing\"")
    incident.add_argument("--impact", required=True, help="none, minor, major, critical or maintenance")
    incident.add_argument("--components", required=True, type=_component_list, help="catalog ids, comma-separated: api,web-app")
    incident.add_argument("--started", type=_moment, metavar="TIME", help="when customer impact began (default: not set)")
    incident.add_argument("--at", type=_moment, metavar="TIME", help="the first update's time (default: now)")
    incident.add_argument("--id", dest="incident_id", help="the file name without .md (default: <YYYY-MM-DD>-<slug of the title>)")
    incident.add_argument("--scheduled-for", type=_moment, metavar="TIME", help="maintenance only: when the work starts")
    incident.add_argument("--scheduled-until", type=_moment, metavar="TIME", help="maintenance only: when the work ends")
    _common(incident, template_help="default: investigating, or maintenance-scheduled")
    incident.set_defaults(handler=run_incident)

    update = kinds.add_parser("update", help="add the next update to an incident, in the file's own order")
    update.add_argument("incident", metavar="ID", help="the incident's id (its file name without .md) or its path")
    update.add_argument("--status", help=STATUS_CHOICES + "; optional with a --template that implies it")
    update.add_argument("--customer-action", action="store_true", help="Resolved, and customers must do something (a different all-clear)")
    update.add_argument("--at", type=_moment, metavar="TIME", help="the update's time (default: now)")
    _common(update, template_help="default: the status's template, e.g. resolved or still-investigating-30")
    update.set_defaults(handler=run_update)

    postmortem = kinds.add_parser("postmortem", help="create the postmortem skeleton postmortems/<id>.md (draft: true)")
    postmortem.add_argument("incident", metavar="ID", help="the resolved incident's id or path")
    postmortem.add_argument("--published", type=_moment, metavar="TIME", help="the 'published' time (default: now)")
    postmortem.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    postmortem.add_argument("--edit", action="store_true", help="open the new file in $VISUAL or $EDITOR")
    postmortem.set_defaults(handler=run_postmortem)

    notice = kinds.add_parser("notice", help="print the direct e-mail to affected customers")
    notice.add_argument("incident", metavar="ID", help="the incident's id or path")
    notice.add_argument("--at", type=_moment, metavar="TIME", help="the time of writing (default: now)")
    notice.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    notice.set_defaults(handler=run_notice)

    templates = kinds.add_parser("templates", help="list the templates and their placeholders")
    templates.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    templates.set_defaults(handler=run_templates)


def _common(parser, template_help: str) -> None:
    parser.add_argument("--template", metavar="NAME", help=f"a template in styleguide/templates/ ({template_help})")
    parser.add_argument("--next-update", type=int, metavar="MINUTES", help="promise the next update this many minutes later (default: 30)")
    parser.add_argument("--edit", action="store_true", help="open the file in $VISUAL or $EDITOR afterwards")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")


# -- handlers --------------------------------------------------------------------------------------

def run_incident(args) -> int:
    from ..authoring import new_incident

    settings = load_settings(args.config)
    _localise(args, settings)
    return _guard(lambda: _done_incident(args, settings, new_incident(
        settings, args.title, args.impact, args.components, args.at or _now(), started=args.started,
        incident_id=args.incident_id, scheduled_for=args.scheduled_for, scheduled_until=args.scheduled_until,
        template=args.template, next_update=args.next_update,
    ), "Created"), "new incident")


def run_update(args) -> int:
    from ..authoring import new_update

    settings = load_settings(args.config)
    _localise(args, settings)
    return _guard(lambda: _done_incident(args, settings, new_update(
        settings, args.incident, args.at or _now(), status=args.status, template=args.template,
        customer_action=args.customer_action, next_update=args.next_update, after_latest=args.at is None,
    ), "Added"), "new update")


def run_postmortem(args) -> int:
    from ..authoring import new_postmortem

    settings = load_settings(args.config)
    _localise(args, settings)

    def create() -> int:
        written = new_postmortem(settings, args.incident, args.published or _now())
        print(_shown(written.path))
        print(f"Created the postmortem skeleton for '{written.incident_id}' as a draft. Fill in each section, then "
              "remove the line 'draft: true' from the front matter when it is ready to publish.", file=sys.stderr)
        if args.edit:
            return _edit(written.path, settings)
        return 0

    return _guard(create, "new postmortem")


def run_notice(args) -> int:
    from ..authoring import customer_notice

    settings = load_settings(args.config)
    _localise(args, settings)

    def draft() -> int:
        sys.stdout.write(customer_notice(settings, args.incident, args.at or _now()))
        return 0

    return _guard(draft, "new notice")


def run_templates(args) -> int:
    from ..authoring import PLACEHOLDERS, load_template, template_names, templates_folder

    settings = load_settings(args.config)
    _localise(args, settings)
    folder = templates_folder(settings)
    print(f"Templates in {folder}:")
    for name in template_names(settings):
        try:
            summary = load_template(settings, name).summary
        except (OSError, UnicodeDecodeError) as exc:
            summary = f"(cannot read: {exc})"
        print(f"  {name:<26} {summary}")
    print("\nPlaceholders:")
    for name, meaning in PLACEHOLDERS.items():
        print(f"  {{{name}}}".ljust(24) + f" {meaning}")
    return 0


def _done_incident(args, settings, written, verb: str) -> int:
    print(_shown(written.path))
    where = ""
    if verb == "Added":
        where = " at the top (the file lists updates newest first)" if written.newest_first else ""
    print(f"{verb} the {STATUS_LABELS[written.status]} update from the '{written.template}' template{where}. "
          "Read it once and make it specific, then commit.", file=sys.stderr)
    if args.edit:
        return _edit(written.path, settings)
    return 0


def _guard(action, command: str) -> int:
    from ..authoring import AuthoringError

    try:
        return action()
    except AuthoringError as exc:
        print(f"afterword {command}: {exc.message}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.format()}" if problem.is_error else f"  {problem.format()} ({problem.severity})", file=sys.stderr)
        return 1


def _edit(path: Path, settings) -> int:
    """Open the editor; afterwards run the whole `afterword check` on the file (schema, house style,
    timeline) and print its findings, so a name typed in the editor is caught now, not at publishing."""
    from ..problems import count_errors
    from ..style import lint_paths

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        print("afterword new: --edit needs $VISUAL or $EDITOR (e.g. export EDITOR=nano); the file is written, open it yourself", file=sys.stderr)
        return 1
    try:
        status = subprocess.call([*shlex.split(editor), str(path)])
    except OSError as exc:
        print(f"afterword new: cannot start the editor '{editor}': {exc.strerror or exc}", file=sys.stderr)
        return 1
    if status != 0:
        print(f"afterword new: the editor exited with status {status}", file=sys.stderr)
    problems = lint_paths(settings, [str(path)], timeline=True)
    for problem in problems:
        print(problem.format() if problem.is_error else f"{problem.format()} ({problem.severity})", file=sys.stderr)
    errors = count_errors(problems)
    verdict = "ready to publish" if not problems else f"{errors} errors, {len(problems) - errors} warnings and suggestions (afterword check)"
    print(f"{_shown(path)}: {verdict}", file=sys.stderr)
    return 1 if errors else 0


# -- argument types --------------------------------------------------------------------------------

class _LocalTime(str):
    """A time written without a zone: read in the authors' time zone once mkdocs.yml is loaded."""

    error = ""


_TIME_FIELDS = ("at", "started", "scheduled_for", "scheduled_until", "published")
_NAIVE = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d$")


def _moment(text: str) -> datetime | _LocalTime:
    try:
        return parse_timestamp(text)
    except ContentError as exc:
        if not _NAIVE.match(text.strip()):
            raise ArgumentTypeError(exc.message) from None
        local = _LocalTime(text.strip())
        local.error = exc.message
        return local


def _localise(args, settings) -> None:
    """Read times written without a zone in extra.afterword.authoring.timezone (set by `afterword
    init`); without that setting they stay an error, as in the files themselves."""
    zone = settings.section("authoring").get("timezone")
    for name in _TIME_FIELDS:
        value = getattr(args, name, None)
        if isinstance(value, _LocalTime):
            if not zone:
                raise ContentError(f"{value.error} (or set extra.afterword.authoring.timezone in mkdocs.yml)")
            try:
                moment = datetime.fromisoformat(value.replace(" ", "T")).replace(tzinfo=ZoneInfo(zone))
            except (ZoneInfoNotFoundError, ValueError):
                raise ContentError(f"extra.afterword.authoring.timezone '{zone}' is not an IANA time zone such as Europe/Berlin") from None
            setattr(args, name, moment.astimezone(timezone.utc))


def _component_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _now() -> datetime:
    """Now, or AFTERWORD_NOW (the same frozen clock as the build, for reproducible examples and tests)."""
    frozen = os.environ.get("AFTERWORD_NOW")
    return parse_timestamp(frozen) if frozen else datetime.now(timezone.utc)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
