"""Synthetic customer postmortems of about 800 words for the larger demo incidents.

Sections: What happened, Impact on customers (saying whether data was lost), How we responded,
What we are changing, then an apology. Some postmortems cover two or three related incidents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import yaml

from ..importers.document import DraftIncident, format_time, settle_updates
from ..model import Component
from ..timestamps import format_duration
from . import vocabulary as words
from .catalog import action_of

# The C emitter when PyYAML has it: the demo writes thousands of files. Both emit the same text.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TARGET_WORDS = 800
MULTI_EVERY = 10  # one postmortem in ten covers a recurring problem: several incidents


@dataclass
class DraftPostmortem:
    id: str
    incidents: list[DraftIncident]
    text: str

    @property
    def relpath(self) -> str:
        return f"postmortems/{self.id}.md"


def generate_postmortems(rng: random.Random, incidents: list[DraftIncident], components: list[Component], count: int, end: datetime) -> list[DraftPostmortem]:
    """Up to ``count`` postmortems, preferring critical and major incidents that ended well before ``end``."""
    by_id = {c.id: c for c in components}
    chronological = sorted((i for i in incidents if i.impact != "maintenance"), key=lambda i: settle_updates(i.updates)[0].at)
    cutoff = end - timedelta(days=14)
    rank = {"critical": 0, "major": 1, "minor": 2, "none": 3}
    candidates = [n for n, i in enumerate(chronological) if settle_updates(i.updates)[-1].at < cutoff]
    candidates.sort(key=lambda n: (rank[chronological[n].impact], rng.random()))
    used: set[int] = set()
    postmortems: list[DraftPostmortem] = []
    for n in candidates:
        if len(postmortems) >= count:
            break
        if n in used:
            continue
        group = [n]
        if len(postmortems) % MULTI_EVERY == MULTI_EVERY // 2:  # a recurrence: the next incidents of the same component
            component = chronological[n].components[0]
            for later in range(n + 1, min(n + 40, len(chronological))):
                if later not in used and chronological[later].components[0] == component and settle_updates(chronological[later].updates)[-1].at < cutoff:
                    group.append(later)
                    if len(group) == rng.choice((2, 3)):
                        break
        used.update(group)
        covered = [chronological[k] for k in group]
        postmortems.append(_postmortem(rng, covered, by_id))
    return sorted(postmortems, key=lambda p: p.id)


def _fill(text: str, component: Component, **extra: str) -> str:
    return text.format(name=component.name, action=action_of(component.id), lower=component.name.lower(), **extra)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _postmortem(rng: random.Random, incidents: list[DraftIncident], by_id: dict[str, Component]) -> DraftPostmortem:
    scenario = rng.choice(words.SCENARIOS)
    first = incidents[0]
    component = by_id.get(first.components[0]) or Component(first.components[0], first.components[0])
    start = first.started or settle_updates(first.updates)[0].at
    finish = settle_updates(incidents[-1].updates)[-1].at
    # Most within a day of resolution, as the practice asks; a few later, as in real histories.
    delay = timedelta(hours=rng.randint(6, 23)) if rng.random() < 0.9 else timedelta(days=rng.randint(2, 6))
    published = (finish + delay).replace(minute=0, second=0, microsecond=0)
    data_lost = rng.random() < 0.1
    several = len(incidents) > 1
    cause = _fill(scenario["short"], component)

    what = [" ".join(_fill(s, component) for s in rng.sample(words.BACKGROUND, 3)), " ".join(_fill(s, component) for s in scenario["what"])]
    if several:
        dates = ", ".join(f"{format_time(i.started or settle_updates(i.updates)[0].at)}" for i in incidents)
        what.insert(0, f"This report covers {len(incidents)} incidents that had the same cause, at {dates}. The first fix did not address the cause fully, so the problem came back.")
    what.append(f"In short, {cause}. Nothing suggests that anyone outside our company was involved, and no security controls were bypassed.")

    impact = []
    for incident in incidents:
        updates = settle_updates(incident.updates)
        began = incident.started or updates[0].at
        duration = format_duration(updates[-1].at - began)
        impact.append(_fill(rng.choice(words.IMPACT_LINES), component, start=format_time(began), end=format_time(updates[-1].at), duration=duration))
    impact.append(" ".join(_fill(s, component) for s in words.IMPACT_DETAIL[first.impact]))
    impact.append(_fill(rng.choice(words.DATA_LOST if data_lost else words.DATA_SAFE), component))
    others = [by_id[c].name for c in first.components[1:] if c in by_id]
    if others:
        impact.append(f"Because other parts of Lumen depend on {component.name}, {' and '.join(others)} also showed errors during this time.")

    response = [" ".join(_fill(s, component) for s in scenario["response"]), _timeline_paragraph(incidents)]
    response.append(" ".join(_fill(s, component) for s in rng.sample(words.GENERAL_RESPONSE, 3)))

    changes = [" ".join(_fill(s, component) for s in scenario["changes"])]
    changes.append(" ".join(rng.sample(words.GENERAL_CHANGES, 2)))
    apology = _fill(rng.choice(words.APOLOGIES), component)

    sections = {"What happened": what, "Impact on customers": impact, "How we responded": response, "What we are changing": changes}
    extra_pool = [
        (_fill(s, component), key)
        for key, pool in (("Impact on customers", words.IMPACT_MORE), ("How we responded", words.GENERAL_RESPONSE + words.RESPONSE_MORE), ("What we are changing", words.GENERAL_CHANGES + words.CHANGES_MORE))
        for s in pool
    ]
    rng.shuffle(extra_pool)
    # Top up towards the target length with further sentences a team would write, none repeated.
    total = _words([p for ps in sections.values() for p in ps]) + len(apology.split())
    while total < TARGET_WORDS and extra_pool:
        sentence, key = extra_pool.pop()
        if all(sentence not in p for p in sections[key]):
            sections[key][-1] += " " + sentence
            total += len(sentence.split())

    follow_ups = [{"title": title, "status": _follow_up_status(rng, finish)} for title in scenario["follow_ups"]]
    timeline = [{"at": format_time(start), "text": "Impact began"}]
    if several:
        timeline += [{"at": format_time(settle_updates(i.updates)[0].at), "text": "The problem came back"} for i in incidents[1:]]
    front = {
        "title": f"Postmortem: {first.title}",
        "incident": [i.id for i in incidents] if several else first.id,
        "published": format_time(published),
        "summary": f"On {start:%d %B %Y}, {cause}. {_fill(rng.choice(words.IMPACT_DETAIL[first.impact]), component)}",
        "follow_ups": follow_ups,
        "timeline": timeline,
    }
    body = []
    for heading, paragraphs in sections.items():
        body.append(f"## {heading}\n\n" + "\n\n".join(paragraphs))
    body.append(f"## Our apology\n\n{apology}")
    text = "---\n" + yaml.dump(front, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + "\n\n".join(body) + "\n"
    return DraftPostmortem(f"{first.id}-postmortem", incidents, text)


def _timeline_paragraph(incidents: list[DraftIncident]) -> str:
    """What we posted and when, from the incidents' own updates."""
    phrases = {"investigating": "we posted that we were investigating", "identified": "we had found the cause",
               "monitoring": "a fix was in place and we were watching the results", "resolved": "we confirmed that the incident was resolved"}
    sentences = []
    for incident in incidents:
        seen = set()
        for update in settle_updates(incident.updates):
            if update.status in seen:
                continue
            seen.add(update.status)
            sentences.append(f"At {format_time(update.at)}, {phrases.get(update.status, 'we posted an update')}.")
    return "Here is how the incident unfolded on this page. " + " ".join(sentences)


def _follow_up_status(rng: random.Random, finish: datetime) -> str:
    return rng.choices(("done", "in_progress", "planned"), (70, 20, 10) if finish.year < 2025 else (20, 40, 40))[0]
