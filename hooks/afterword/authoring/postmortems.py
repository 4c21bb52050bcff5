"""``new postmortem``: the skeleton of postmortems/<id>.md, prefilled from its incident, as a draft.

``draft: true`` keeps an unfinished skeleton off the site even if it is merged by mistake; the
writer removes the line when the postmortem is ready. Guidance is HTML comments, which the
postmortem page generator strips from the published body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..loader import relative_path
from .errors import AuthoringError
from .facts import Facts, placeholder_values, whole_minute
from .files import check_id, check_postmortem_bytes, find_incident_file, load_incident_file, write_new
from .templates import load_template, render_document

TEMPLATE = "postmortem"


@dataclass(frozen=True)
class WrittenPostmortem:
    path: Path
    relpath: str
    incident_id: str


def new_postmortem(settings, reference: str, published: datetime, *, template: str = TEMPLATE) -> WrittenPostmortem:
    """Create postmortems/<incident id>.md for a resolved incident; never overwrites."""
    incident_path = find_incident_file(settings, reference)
    incident = load_incident_file(incident_path, settings)
    if incident.end is None:
        latest = incident.latest_update
        raise AuthoringError(
            f"incident '{incident.id}' is still open (latest update: {latest.label}, {latest.at:%Y-%m-%d %H:%M} UTC): "
            f"post the final update first ('afterword new update {incident.id} --status "
            f"{'completed' if incident.is_maintenance else 'resolved'}')", rule="afterword.new",
        )
    target = settings.postmortems_dir / f"{check_id(incident.id)}.md"
    if target.exists():
        raise AuthoringError(f"{relative_path(target, settings.root)} already exists: Afterword never overwrites a file; edit it instead", rule="afterword.exists")
    facts = Facts(
        settings, incident.title, incident.impact, incident.components, whole_minute(published), incident_id=incident.id,
        start=incident.start, end=incident.impact_end, scheduled_for=incident.scheduled_for, scheduled_until=incident.scheduled_until,
    )
    values, missing = placeholder_values(facts)
    data = render_document(load_template(settings, template), values, missing).encode("utf-8")
    postmortem, problems = check_postmortem_bytes(data, target, settings)
    if postmortem is None or any(p.is_error for p in problems):
        raise AuthoringError(f"the postmortem template {template}.md does not make a valid postmortem; nothing was written", problems)
    if not postmortem.draft:
        raise AuthoringError(f"the postmortem template {template}.md must keep 'draft: true' so a skeleton is never published", rule="afterword.template")
    write_new(target, data)
    return WrittenPostmortem(target, relative_path(target, settings.root), incident.id)
