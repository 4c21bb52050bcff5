"""Synthetic incidents: about three a week, backwards from a fixed end date, every impact level.

Everything comes from one ``random.Random`` so the same seed gives the same history.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from ..importers.document import DraftIncident, DraftUpdate
from ..model import Component
from ..vale.rules.metric import document_counts
from . import vocabulary as words
from .catalog import action_of

END = datetime(2025, 6, 30, 18, 0, tzinfo=timezone.utc)  # fixed, so output never depends on today
MEAN_GAP_HOURS = 7 * 24 / 3  # about three incidents a week
IMPACT_WEIGHTS = {"none": 4, "minor": 45, "major": 26, "critical": 8, "maintenance": 17}
MAX_GAP = timedelta(minutes=55)
GRADE_TARGET = 8.5  # the house style warns above 8 and fails above 10
ATTEMPTS = 8
DURATION_MINUTES = {"none": (10, 90), "minor": (15, 240), "major": (30, 360), "critical": (40, 480)}


def generate_incidents(rng: random.Random, components: list[Component], count: int, end: datetime = END) -> list[DraftIncident]:
    """``count`` incidents, newest first, with unique ids."""
    incidents: list[DraftIncident] = []
    used_ids: set[str] = set()
    moment = end
    impacts, weights = list(IMPACT_WEIGHTS), list(IMPACT_WEIGHTS.values())
    for _ in range(count):
        moment -= timedelta(minutes=int(MEAN_GAP_HOURS * 60 * rng.uniform(0.2, 1.8)))
        start = moment.replace(second=0, microsecond=0)
        impact = rng.choices(impacts, weights)[0]
        affected = _affected(rng, components)
        incident = _maintenance(rng, start, affected) if impact == "maintenance" else _incident(rng, start, impact, affected)
        incident.id = _unique_id(f"{start:%Y-%m-%d}-{affected[0].id}", used_ids)
        incidents.append(incident)
    return incidents


def _affected(rng: random.Random, components: list[Component]) -> list[Component]:
    size = rng.choices((1, 2, 3), (70, 25, 5))[0]
    return rng.sample(components, size)


def _unique_id(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _fill(text: str, component: Component) -> str:
    return text.format(name=component.name, action=action_of(component.id), lower=component.name.lower())


def _text(rng: random.Random, component: Component, first: list[str], more: list[str], extra_max: int, lead: str = "") -> str:
    sentences = [rng.choice(first)] + rng.sample(more, rng.randint(0, min(extra_max, len(more))))
    body = " ".join(_fill(s, component) for s in sentences)
    return f"{lead} {body}".strip() if lead else body


def _incident(rng: random.Random, start: datetime, impact: str, affected: list[Component]) -> DraftIncident:
    """An incident whose prose passes the house style's reading grade (redrawn, deterministically, if not)."""
    for _ in range(ATTEMPTS):
        incident = _draft_incident(rng, start, impact, affected)
        if reading_grade("\n\n".join(u.body for u in incident.updates)) <= GRADE_TARGET:
            break
    return incident


def reading_grade(text: str) -> float:
    """Flesch–Kincaid grade with the same counts as the style guide's metric rules."""
    counts = document_counts(text, {})
    if not counts["words"] or not counts["sentences"]:
        return 0.0
    return 0.39 * counts["words"] / counts["sentences"] + 11.8 * counts["syllables"] / counts["words"] - 15.59


def _draft_incident(rng: random.Random, start: datetime, impact: str, affected: list[Component]) -> DraftIncident:
    main = affected[0]
    low, high = DURATION_MINUTES[impact]
    total = rng.randint(low, high)
    first_at = start + timedelta(minutes=rng.randint(2, 15))
    symptom = _fill(rng.choice(words.SYMPTOMS[impact]), main)
    first_text = _text(rng, main, words.INVESTIGATING, words.INVESTIGATING_MORE, 2, symptom if rng.random() < 0.5 else "")
    if impact in ("major", "critical"):
        first_text += " " + rng.choice(words.FIRST_APOLOGY)
    updates = [DraftUpdate("investigating", first_at, first_text)]
    plan = ["identified"] if rng.random() < 0.75 else []
    if rng.random() < 0.6:
        plan.append("monitoring")
    if rng.random() < 0.25:
        plan.insert(0, "investigating")
    end_at = start + timedelta(minutes=total)
    span = max((end_at - first_at).total_seconds() / 60, len(plan) + 1)
    for step, status in enumerate(plan, start=1):
        at = first_at + timedelta(minutes=int(span * step / (len(plan) + 1)))
        updates.append(DraftUpdate(status, at, _follow_up_text(rng, main, status), step))
    resolved_at = max(end_at, updates[-1].at + timedelta(minutes=1))
    updates.append(DraftUpdate("resolved", resolved_at, _text(rng, main, words.RESOLVED, words.RESOLVED_MORE, 2), len(updates)))
    updates = _keep_customers_informed(rng, main, updates)
    title = _fill(rng.choice(words.TITLES[impact]), main)
    return DraftIncident(
        id="", title=title, impact=impact, components=[c.id for c in affected], updates=updates,
        started=start if rng.random() < 0.4 else None,
    )


def _follow_up_text(rng: random.Random, component: Component, status: str) -> str:
    first, more = {"investigating": (words.INVESTIGATING_FOLLOW, words.INVESTIGATING_MORE),
                   "identified": (words.IDENTIFIED, words.IDENTIFIED_MORE),
                   "monitoring": (words.MONITORING, words.MONITORING_MORE)}[status]
    return _text(rng, component, first, more, 2)


def _keep_customers_informed(rng: random.Random, component: Component, updates: list[DraftUpdate]) -> list[DraftUpdate]:
    """The practice the demo shows: an update at least every hour while open, each saying when
    the next one comes, and the next one coming by then."""
    paced = [updates[0]]
    for update in updates[1:]:
        while update.at - paced[-1].at > MAX_GAP:
            at = paced[-1].at + timedelta(minutes=rng.randint(30, 50))
            paced.append(DraftUpdate(paced[-1].status, at, _follow_up_text(rng, component, paced[-1].status)))
        paced.append(update)
    for order, (current, following) in enumerate(zip(paced, paced[1:])):
        promised = _next_five_minutes(following.at)
        current.body = f"{current.body} We will post the next update by {promised:%H:%M} UTC."
        current.source_order = order
    paced[-1].source_order = len(paced) - 1
    return paced


def _next_five_minutes(moment: datetime) -> datetime:
    rounded = moment.replace(second=0, microsecond=0)
    return rounded + timedelta(minutes=-rounded.minute % 5)


def _maintenance(rng: random.Random, start: datetime, affected: list[Component]) -> DraftIncident:
    main = affected[0]
    window = timedelta(minutes=rng.choice((60, 90, 120, 180, 240)))
    announced = start - timedelta(days=rng.randint(2, 10), minutes=rng.randint(0, 600))
    updates = [
        DraftUpdate("scheduled", announced, _text(rng, main, words.SCHEDULED, words.SCHEDULED_MORE, 2), 0),
        DraftUpdate("in_progress", start, _text(rng, main, words.IN_PROGRESS, [], 0), 1),
    ]
    finish = start + window * rng.uniform(0.4, 0.95)
    if rng.random() < 0.5:
        updates.append(DraftUpdate("verifying", (start + (finish - start) * 0.8).replace(second=0, microsecond=0), _text(rng, main, words.VERIFYING, [], 0), 2))
    updates.append(DraftUpdate("completed", finish.replace(second=0, microsecond=0), _text(rng, main, words.COMPLETED, [], 0), len(updates)))
    return DraftIncident(
        id="", title=_fill(rng.choice(words.TITLES["maintenance"]), main), impact="maintenance",
        components=[c.id for c in affected], updates=updates, scheduled_for=start, scheduled_until=start + window,
    )
