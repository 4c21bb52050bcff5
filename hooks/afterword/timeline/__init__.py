"""Timelines and communication checks: collate what customers were told, and check it kept its promises.

The API other modules use:

- ``collate_incident(incident, now) -> IncidentTimeline`` and ``collate_postmortem(postmortem) -> list[TimelineItem]``
- ``communication_record(incident, now) -> CommunicationRecord`` (the incident page's record)
- ``check_incident(incident, settings, now)``, ``check_postmortem(postmortem, settings)``,
  ``check_history(history, now)`` -> ``list[Problem]``
- ``checks_config(settings) -> ChecksConfig`` (``extra.afterword.checks``)
- ``find_promise(text, at) -> Promise | None``
- ``incidents_by_month`` and ``component_figures`` for per-component figures
"""

from .checks import check_history, check_incident, check_postmortem
from .collate import IncidentTimeline, TimelineItem, Transition, collate_incident, collate_postmortem
from .config import RULES, ChecksConfig, checks_config, parse_checks_config
from .promises import Promise, find_promise
from .record import CommunicationRecord, PromiseOutcome, communication_record, evaluate_promises
from .stats import ComponentFigures, MonthFigures, component_figures, incidents_by_month

__all__ = [
    "RULES", "ChecksConfig", "CommunicationRecord", "ComponentFigures", "IncidentTimeline", "MonthFigures",
    "Promise", "PromiseOutcome", "TimelineItem", "Transition", "check_history", "check_incident",
    "check_postmortem", "checks_config", "collate_incident", "collate_postmortem", "communication_record",
    "component_figures", "evaluate_promises", "find_promise", "incidents_by_month", "parse_checks_config",
]
