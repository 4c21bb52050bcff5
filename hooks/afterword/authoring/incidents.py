"""``new incident`` and ``new update``: draft from the house templates, check with the real loader, write.

Both only ever read the one file they write (and mkdocs.yml, the templates): an update during an
incident must not wait for a thousand-incident history to load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..loader import relative_path
from ..model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, STATUS_LABELS, Incident, status_key
from ..problems import ContentError
from ..timestamps import format_utc
from ..updates import parse_update_heading
from .errors import AuthoringError
from .facts import DEFAULT_NEXT_UPDATE_MINUTES, Facts, placeholder_values, whole_minute
from .files import (
    check_id, check_incident_bytes, find_incident_file, incident_id_taken, load_incident_file, replace_file,
    slugify, write_new,
)
from .insert import insert_update
from .templates import load_template, render
from .yamltext import incident_front_matter

APOLOGY_IMPACTS = ("major", "critical")
# The template each status gets unless --template names another.
STATUS_TEMPLATES = {
    "investigating": "investigating",
    "identified": "identified",
    "monitoring": "monitoring",
    "resolved": "resolved",
    "scheduled": "maintenance-scheduled",
    "in_progress": "maintenance-in-progress",
    "verifying": "maintenance-verifying",
    "completed": "maintenance-completed",
}
TEMPLATE_STATUSES = {
    **{template: status for status, template in STATUS_TEMPLATES.items()},
    "still-investigating-30": "investigating",
    "still-investigating-60": "investigating",
    "resolved-customer-action": "resolved",
}


@dataclass(frozen=True)
class Written:
    path: Path
    relpath: str
    status: str  # the status of the update written
    template: str
    newest_first: bool = False


def next_update_minutes(settings, override: int | None) -> int:
    """--next-update, else extra.afterword.authoring.next_update_minutes, else 30."""
    value = override if override is not None else settings.section("authoring").get("next_update_minutes", DEFAULT_NEXT_UPDATE_MINUTES)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 24 * 60:
        raise AuthoringError(f"the next update must be 1 to 1440 minutes away, got {value!r}", rule="afterword.new")
    return value


def status_for_template(name: str) -> str | None:
    """The status a template writes: its known status, else the status its name starts with."""
    if name in TEMPLATE_STATUSES:
        return TEMPLATE_STATUSES[name]
    key = status_key(name.removeprefix("maintenance-").removeprefix("still-"))
    for status in sorted(STATUS_LABELS, key=len, reverse=True):
        if key == status or key.startswith(status + "_"):
            return status
    return None


def apology_text(settings) -> str:
    return render(load_template(settings, "apology"), {}).strip()


# -- new incident ---------------------------------------------------------------------------------

def new_incident(settings, title: str, impact: str, components: list[str], at: datetime, *, started: datetime | None = None,
                 incident_id: str | None = None, scheduled_for: datetime | None = None, scheduled_until: datetime | None = None,
                 template: str | None = None, next_update: int | None = None) -> Written:
    """Create incidents/<YYYY>/<id>.md with its first update; never overwrites."""
    at = whole_minute(at)
    impact_key = impact.strip().lower()
    maintenance = impact_key == "maintenance"
    if maintenance and (scheduled_for is None or scheduled_until is None):
        raise AuthoringError("a maintenance needs its window: pass --scheduled-for and --scheduled-until (e.g. '2026-12-06 02:00 UTC')", rule="afterword.schema")
    begins = started or (scheduled_for if maintenance else None) or at
    if not incident_id and not slugify(title):
        raise AuthoringError("the title has no letters or digits to make an id from: pass --id", rule="afterword.id")
    incident_id = check_id(incident_id or f"{begins:%Y-%m-%d}-{slugify(title)}")
    taken = incident_id_taken(settings, incident_id)
    target = settings.incidents_dir / f"{begins:%Y}" / f"{incident_id}.md"
    if taken is not None or target.exists():
        raise AuthoringError(f"{relative_path(taken or target, settings.root)} already exists: Afterword never overwrites a file; pick another --id, or add an update with 'afterword new update {incident_id}'", rule="afterword.exists")
    name = template or ("maintenance-scheduled" if maintenance else "investigating")
    status = status_for_template(name) or ("scheduled" if maintenance else "investigating")
    facts = Facts(
        settings, title.strip(), impact_key, components, at, incident_id=incident_id, start=begins,
        scheduled_for=scheduled_for, scheduled_until=scheduled_until,
        next_update_minutes=next_update_minutes(settings, next_update),
        apology=apology_text(settings) if impact_key in APOLOGY_IMPACTS else "",
    )
    body = _render_update(settings, name, facts)
    front = incident_front_matter(title.strip(), impact, components, started, scheduled_for, scheduled_until)
    _check_status(status, maintenance, at)
    text = f"{front}\n## {STATUS_LABELS[status]} · {format_utc(at)}\n\n{body.strip()}\n"
    data = text.encode("utf-8")
    incident, problems = check_incident_bytes(data, target, settings)
    if incident is None or any(p.is_error for p in problems):
        raise AuthoringError("the new incident would not be valid; nothing was written", problems)
    _refuse_impossible(incident, settings, "the new incident's timeline is impossible; nothing was written")
    write_new(target, data)
    return Written(target, relative_path(target, settings.root), status, name)


# -- new update -----------------------------------------------------------------------------------

def new_update(settings, reference: str, at: datetime, *, status: str | None = None, template: str | None = None,
               customer_action: bool = False, next_update: int | None = None, after_latest: bool = False) -> Written:
    """Add the next update to an incident file, in the file's own order; the front matter is untouched.

    ``after_latest`` (the time was not given, so it is now): two updates posted within one minute
    would share a heading time, which the loader rejects, so this one goes one minute after the latest.
    """
    at = whole_minute(at)
    path = find_incident_file(settings, reference)
    relpath = relative_path(path, settings.root)
    raw = path.read_bytes()
    incident = load_incident_file(path, settings, raw)
    if after_latest and at <= incident.latest_update.at:
        at = incident.latest_update.at + timedelta(minutes=1)
    maintenance = incident.is_maintenance
    if template:
        load_template(settings, template)  # an unknown name is the first thing to hear about
    status_key_ = _status_from(status, template, maintenance, at)
    if customer_action and status_key_ != "resolved":
        raise AuthoringError("--customer-action is for the Resolved update: use it with --status resolved", rule="afterword.new")
    name = template or _default_template(status_key_, customer_action, incident, at)
    facts = Facts(
        settings, incident.title, incident.impact, incident.components, at, incident_id=incident.id,
        start=incident.start, end=at if status_key_ in ("resolved", "completed") else incident.end,
        scheduled_for=incident.scheduled_for, scheduled_until=incident.scheduled_until,
        next_update_minutes=next_update_minutes(settings, next_update),
    )
    body = _render_update(settings, name, facts)
    placement = insert_update(raw.decode("utf-8"), STATUS_LABELS[status_key_], at, body, maintenance)
    data = placement.text.encode("utf-8")
    updated, problems = check_incident_bytes(data, path, settings)
    if updated is None or any(p.is_error for p in problems):
        raise AuthoringError(f"adding this update would make {relpath} invalid; nothing was written", problems)
    _refuse_impossible(updated, settings, f"adding this update would make the timeline of {relpath} impossible; nothing was written",
                       already=_impossible(incident, settings))
    replace_file(path, data)
    return Written(path, relpath, status_key_, name, placement.newest_first)


def _status_from(status: str | None, template: str | None, maintenance: bool, at: datetime) -> str:
    if status is None:
        inferred = status_for_template(template) if template else None
        if inferred is None:
            choices = ", ".join(s.replace("_", "-") for s in (MAINTENANCE_STATUSES if maintenance else INCIDENT_STATUSES))
            raise AuthoringError(f"say which status this update has: --status {choices}", rule="afterword.status")
        status = inferred
    key = status_key(status)
    _check_status(key, maintenance, at, status)
    return key


def _check_status(key: str, maintenance: bool, at: datetime, written: str | None = None) -> None:
    """The loader's own heading check, so a wrong status gets the same message as in a file."""
    label = STATUS_LABELS.get(key, written or key)
    try:
        parse_update_heading(f"{label} · {format_utc(at)}", maintenance)
    except ContentError as exc:
        raise AuthoringError(exc.message, rule=exc.rule) from None


def _default_template(status: str, customer_action: bool, incident: Incident, at: datetime) -> str:
    if status == "resolved" and customer_action:
        return "resolved-customer-action"
    if status == "investigating" and incident.updates:
        return "still-investigating-60" if (at - incident.start).total_seconds() >= 60 * 60 else "still-investigating-30"
    return STATUS_TEMPLATES[status]


def _impossible(incident: Incident, settings) -> list:
    """The ImpossibleTimeline findings of ``afterword check`` (a valid file can still tell an impossible story)."""
    from ..timeline.checks import check_incident
    from ..timeline.config import IMPOSSIBLE_TIMELINE

    return [p for p in check_incident(incident, settings, incident.latest_update.at) if p.rule == IMPOSSIBLE_TIMELINE]


def _refuse_impossible(incident: Incident, settings, message: str, already: list | None = None) -> None:
    known = {(p.rule, p.message) for p in already or []}
    new = [p for p in _impossible(incident, settings) if (p.rule, p.message) not in known]
    if new:
        raise AuthoringError(message, new)


def _render_update(settings, name: str, facts: Facts) -> str:
    values, missing = placeholder_values(facts)
    return render(load_template(settings, name), values, missing)
