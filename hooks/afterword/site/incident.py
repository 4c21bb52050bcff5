"""One page per published incident: its updates newest first, impact, components, duration, postmortem."""

from __future__ import annotations

from datetime import datetime

from ..loader import History
from ..model import Incident
from ..publish.ids import update_ids
from ..render import ALLOWED_ATTRIBUTES
from ..urls import component_path, history_path, incident_path, postmortem_path
from .page import (
    NOT_SEARCHED,
    update_html,
    GeneratedPage,
    duration_html,
    escape,
    front_matter,
    impact_badge,
    link,
    state_badge,
    status_badge,
    time_tag,
)

# Update bodies pass a sanitiser that keeps no id and no <a name>: the page's only anchors are the
# updates' own, so it can tell MkDocs what they are (or nothing, should that list ever change).
_BODIES_HOLD_NO_ANCHORS = not any({"id", "name"} & names for names in ALLOWED_ATTRIBUTES.values())


def incident_pages(history: History, now: datetime, focus: set[str] | None = None) -> list[GeneratedPage]:
    return [incident_page(history, i, now) for i in history.published_incidents if focus is None or i.id in focus]


def incident_page(history: History, incident: Incident, now: datetime) -> GeneratedPage:
    here = incident_path(incident)
    settings = history.settings
    components = ", ".join(
        link(here, component_path(cid), settings.component(cid).name) for cid in incident.components
    )
    out = [front_matter(incident.title, _description(incident))]
    out.append(f"# {escape(incident.title)}\n")
    out.append(f'<div class="aw-meta" {NOT_SEARCHED} markdown="0">')
    out.append(f"{state_badge(incident)} {impact_badge(incident.impact)}")
    out.append('<dl class="aw-facts">')
    if incident.is_maintenance and incident.scheduled_for:
        window = time_tag(incident.scheduled_for)
        if incident.scheduled_until:
            window += f" to {time_tag(incident.scheduled_until)}"
        out.append(f"<dt>Scheduled</dt><dd>{window}</dd>")
    out.append(f"<dt>Started</dt><dd>{time_tag(incident.start)}</dd>")
    if incident.end and incident.ended:  # the duration runs to here, not to the Resolved update
        out.append(f"<dt>Impact ended</dt><dd>{time_tag(incident.ended)}</dd>")
    if incident.end:
        out.append(f"<dt>Resolved</dt><dd>{time_tag(incident.end)}</dd>")
    out.append(f"<dt>Duration</dt><dd>{duration_html(incident, now)}</dd>")
    out.append(f"<dt>Affected</dt><dd>{components}</dd>")
    out.append("</dl>")
    out.append("</div>\n")
    out.extend(_communication_record(history, incident, now))
    for postmortem in incident.postmortems:
        if postmortem.is_published:
            out.append('!!! info "Postmortem"')
            out.append(f"    Read what happened and what we are changing: {link(here, postmortem_path(postmortem), postmortem.title)}\n")
    out.append(f'<h2 class="aw-updates" {NOT_SEARCHED}>Updates</h2>\n')  # no id: one search entry per incident
    anchors = []  # every id this page's HTML holds
    for update, update_id in reversed(list(zip(incident.updates, update_ids(incident)))):
        # The anchor the updates feed and notifications link to.
        anchors.append(f"update-{update_id}")
        out.append(f'<div class="aw-update aw-update--{update.status}" id="{anchors[-1]}" markdown="0">')
        out.append(f'<p class="aw-update__head" {NOT_SEARCHED}>{status_badge(update.status)} {time_tag(update.at)}</p>\n')
        out.append(update_html(update, settings))
        out.append("\n</div>\n")
    out.append(f'<p class="aw-back" {NOT_SEARCHED}>{link(here, history_path(incident.year), f"All incidents in {incident.year}")}</p>')
    return GeneratedPage(f"{here.rstrip('/')}.md", "\n".join(out) + "\n", frozenset(anchors) if _BODIES_HOLD_NO_ANCHORS else None)


def _description(incident: Incident) -> str:
    state = "Resolved" if incident.is_resolved else "Ongoing"
    return f"{state} {incident.impact} incident of {incident.start:%d %B %Y}: {incident.title}"


def _communication_record(history: History, incident: Incident, now: datetime) -> list[str]:
    """The team's own record of how it kept customers informed, where the team chose to show it."""
    if not history.settings.section("checks").get("show_communication_record"):
        return []
    from ..timeline import communication_record  # the timeline package owns these figures

    record = communication_record(incident, now)
    return [f'<p class="aw-record" {NOT_SEARCHED}>{escape(record.summary())}</p>\n']
