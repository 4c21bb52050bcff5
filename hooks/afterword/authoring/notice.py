"""``new notice``: the direct e-mail to affected customers, drafted from the incident. Printed, not
stored: an e-mail is not part of the public history."""

from __future__ import annotations

from datetime import datetime

from .facts import Facts, placeholder_values, whole_minute
from .files import find_incident_file, load_incident_file
from .templates import load_template, render

TEMPLATE = "customer-notice"


def customer_notice(settings, reference: str, at: datetime, *, template: str = TEMPLATE) -> str:
    path = find_incident_file(settings, reference)
    incident = load_incident_file(path, settings)
    facts = Facts(
        settings, incident.title, incident.impact, incident.components, whole_minute(at), incident_id=incident.id,
        start=incident.start, end=incident.end, scheduled_for=incident.scheduled_for, scheduled_until=incident.scheduled_until,
    )
    values, missing = placeholder_values(facts)
    return render(load_template(settings, template), values, missing)
