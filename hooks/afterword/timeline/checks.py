"""Checks that an incident's public timeline keeps the promises of good incident communication.

Each finding is a Problem at the line a writer edits: the update that came late, the update that
made a promise, the Resolved update without an invitation to get in touch, the postmortem's
``published`` key. Thresholds and severities come from ChecksConfig (``extra.afterword.checks``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from ..model import FINAL_STATUSES, STATUS_LABELS, Incident, Postmortem, Update
from ..problems import Problem, sort_problems
from ..timestamps import format_utc
from .collate import open_gaps
from .config import (
    ALL_CLEAR,
    BROKEN_PROMISE,
    CADENCE,
    FIRST_UPDATE_LATE,
    IMPOSSIBLE_TIMELINE,
    POSTMORTEM_LATE,
    ChecksConfig,
    checks_config,
)
from .record import BROKEN, evaluate_promises, minutes

# Words that invite customers who still see problems to say so.
_INVITATION = re.compile(
    r"\b(?:contact|support\s+(?:team|portal|site|page|cent(?:er|re))|support@|reach\s+out|get\s+in\s+touch|let\s+us\s+know|email\s+us|write\s+to\s+us|"
    r"help\s*desk|help\s+cent(?:er|re)|open\s+a\s+ticket|tell\s+us)\b",
    re.IGNORECASE,
)
_REOPENING = ("investigating", "identified")


def check_incident(incident: Incident, settings: Any, now: datetime) -> list[Problem]:
    """Every communication problem of one incident (settings: Settings or a ChecksConfig)."""
    config = checks_config(settings)
    problems: list[Problem] = []
    _cadence(incident, config, now, problems)
    _promises(incident, config, now, problems)
    _first_update(incident, config, problems)
    _all_clear(incident, config, problems)
    _impossible(incident, config, problems)
    _missing_postmortem(incident, config, now, problems)
    return sort_problems(problems)


def check_postmortem(postmortem: Postmortem, settings: Any) -> list[Problem]:
    """PostmortemLate: published more than ``postmortem_hours`` after its incidents were resolved."""
    config = checks_config(settings)
    if not config.enabled(POSTMORTEM_LATE):
        return []
    owed = [i for i in postmortem.incidents if i.impact in config.postmortem_impacts]
    ends = [i.end for i in owed]
    if not owed or any(end is None for end in ends):
        return []  # nothing owed yet, or an incident is still open
    resolved = max(ends)
    late = postmortem.published - resolved
    if late <= timedelta(hours=config.postmortem_hours):
        return []
    line, column = postmortem.front_matter.position_of("published") if postmortem.front_matter else (1, 1)
    return [Problem(
        postmortem.path, line, column, POSTMORTEM_LATE,
        f"published {_hours(late)} after the incident was resolved ({format_utc(resolved)}): customers expect the "
        f"postmortem within {config.postmortem_hours} hours; publish sooner next time, or publish a short one and extend it",
        config.severity(POSTMORTEM_LATE),
    )]


def check_history(history: Any, now: datetime) -> list[Problem]:
    """All checks over every incident and postmortem the loader kept (withheld ones too: writers need them)."""
    config = checks_config(history.settings)
    problems: list[Problem] = []
    for incident in history.incidents:
        problems.extend(check_incident(incident, config, now))
    for postmortem in history.postmortems:
        problems.extend(check_postmortem(postmortem, config))
    return sort_problems(problems)


def _problem(incident: Incident, update: Update, rule: str, message: str, config: ChecksConfig, match: str = "") -> Problem:
    return Problem(incident.path, update.line, 1, rule, message, config.severity(rule), match)


def _cadence(incident: Incident, config: ChecksConfig, now: datetime, problems: list[Problem]) -> None:
    if not config.enabled(CADENCE):
        return
    limit = timedelta(minutes=config.cadence_minutes)
    for before, after in open_gaps(incident):  # (an announced maintenance owes no updates until it begins)
        gap = after.at - before.at
        if gap > limit:
            problems.append(_problem(
                incident, after, CADENCE,
                f"{minutes(gap)} minutes without an update (since the {before.label} update at line {before.line}, "
                f"{format_utc(before.at)}): while an incident is open, post at least every {config.cadence_minutes} "
                "minutes, even to say there is nothing new yet", config,
            ))
    last = incident.latest_update
    if last.status not in FINAL_STATUSES and last.status != "scheduled" and now - last.at > limit:
        problems.append(_problem(
            incident, last, CADENCE,
            f"the incident is open and this {last.label} update is the latest, {minutes(now - last.at)} minutes ago: "
            f"post an update (at least every {config.cadence_minutes} minutes) or resolve it", config,
        ))


def _promises(incident: Incident, config: ChecksConfig, now: datetime, problems: list[Problem]) -> None:
    if not config.enabled(BROKEN_PROMISE):
        return
    for outcome in evaluate_promises(incident, now, config.promise_grace_minutes):
        if outcome.outcome != BROKEN:
            continue
        promised = format_utc(outcome.promise.due)
        if outcome.next_update is not None:
            came = f"the next update came at {format_utc(outcome.next_update.at)} (line {outcome.next_update.line}), {outcome.late_minutes} minutes late"
        else:
            came = "no update followed"
        problems.append(_problem(
            incident, outcome.update, BROKEN_PROMISE,
            f"this update promises the next one '{outcome.promise.phrase}' ({promised}) but {came}: keep the promise, "
            "or post a short update saying when the next one comes", config, outcome.promise.phrase,
        ))


def _first_update(incident: Incident, config: ChecksConfig, problems: list[Problem]) -> None:
    if not config.enabled(FIRST_UPDATE_LATE):
        return
    first = incident.first_update
    if incident.is_maintenance:
        if incident.scheduled_for is not None and first.at > incident.scheduled_for:
            problems.append(_problem(
                incident, first, FIRST_UPDATE_LATE,
                f"the first update ({format_utc(first.at)}) comes after the maintenance began ({format_utc(incident.scheduled_for)}): "
                "announce maintenance before the window opens", config,
            ))
        return
    if incident.started is None:
        return
    delay = first.at - incident.started
    if delay > timedelta(minutes=config.first_update_minutes):
        problems.append(_problem(
            incident, first, FIRST_UPDATE_LATE,
            f"customers first heard {minutes(delay)} minutes after impact began ({format_utc(incident.started)}): "
            f"post an Investigating update within {config.first_update_minutes} minutes, even before the cause is known", config,
        ))


def _all_clear(incident: Incident, config: ChecksConfig, problems: list[Problem]) -> None:
    if not config.enabled(ALL_CLEAR) or incident.is_maintenance:
        return
    last = incident.latest_update
    if last.status != "resolved":
        return  # still open or Monitoring: the all-clear is not due yet
    if not _INVITATION.search(last.body):
        problems.append(_problem(
            incident, last, ALL_CLEAR,
            "the Resolved update does not invite customers who still see problems to get in touch: add a line such as "
            "'If you still see errors, contact our support team.'", config,
        ))


def _impossible(incident: Incident, config: ChecksConfig, problems: list[Problem]) -> None:
    if not config.enabled(IMPOSSIBLE_TIMELINE):
        return
    updates = incident.updates
    for before, after in zip(updates, updates[1:]):
        if before.status not in FINAL_STATUSES:
            continue
        if incident.is_maintenance or after.status not in _REOPENING:
            # (Same-time updates with different statuses are the loader's error already.)
            if after.at == before.at:
                continue
            allowed = "maintenance cannot continue after Completed" if incident.is_maintenance else \
                "an update after Resolved reopens the incident and must be Investigating or Identified"
            problems.append(_problem(
                incident, after, IMPOSSIBLE_TIMELINE,
                f"{after.label} after {STATUS_LABELS[before.status]} (line {before.line}): {allowed}; check the statuses and times", config,
            ))
    if incident.started is not None:
        for update in updates:
            if update.at < incident.started:
                problems.append(_problem(
                    incident, update, IMPOSSIBLE_TIMELINE,
                    f"this update ({format_utc(update.at)}) is before 'started' ({format_utc(incident.started)}): "
                    "customers cannot hear about impact before it began; check both times", config,
                ))


def _missing_postmortem(incident: Incident, config: ChecksConfig, now: datetime, problems: list[Problem]) -> None:
    """A major or critical incident resolved longer ago than the deadline, with no published postmortem."""
    if not (config.enabled(POSTMORTEM_LATE) and config.require_postmortem):
        return
    if incident.impact not in config.postmortem_impacts or incident.end is None:
        return
    if any(p.is_published for p in incident.postmortems):
        return  # its timeliness is check_postmortem's job
    overdue = now - incident.end
    if overdue <= timedelta(hours=config.postmortem_hours):
        return
    line, column = incident.front_matter.position_of("impact") if incident.front_matter else (1, 1)
    problems.append(Problem(
        incident.path, line, column, POSTMORTEM_LATE,
        f"a {incident.impact} incident resolved {_hours(overdue)} ago has no published postmortem: customers expect one "
        f"within {config.postmortem_hours} hours (postmortems/<id>.md with 'incident: {incident.id}')",
        config.severity(POSTMORTEM_LATE),
    ))


def _hours(span: timedelta) -> str:
    total = minutes(span)
    hours, rest = divmod(total, 60)
    if hours >= 48:
        return f"{hours // 24} days {hours % 24} hours"
    return f"{hours} hours {rest} minutes" if rest else f"{hours} hours"
