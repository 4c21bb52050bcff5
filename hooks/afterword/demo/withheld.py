"""What a real repository withholds, so the demo (and ``make bench``) carries it too.

Teams keep ``internal:`` notes (ticket, owning team, what was really done) on many incidents and a
review document on postmortems, leave some incidents as drafts, and hold back security incidents
until they are disclosed. Every published byte is then checked against all of it (leaks.py), so a
demo without it would measure a build no team runs.

A separate random stream decides all of this, so the public history of a seed stays as it was.
Withheld prose is written for its incident (code name, day, component): any sentence of it found
in a published page would be a real leak, so it must never repeat the public word banks.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..importers.document import DraftIncident, DraftUpdate, settle_updates
from ..model import Component

INTERNAL_SHARE = 0.4  # incidents with an internal: block
DRAFT_SHARE = 0.02
SECURITY_SHARE = 0.005  # undisclosed security incidents (at least one in any history of 20 or more)
POSTMORTEM_REVIEW_SHARE = 0.5  # postmortems with internal.review_doc

TEAMS = ["payments-infra", "core-platform", "delivery", "identity", "data-storage", "edge-network", "billing", "mobile-apps"]
BIRDS = ["kestrel", "heron", "osprey", "plover", "wren", "puffin", "curlew", "lapwing", "merlin", "avocet"]
HOSTS = ["pay-db", "api-gw", "queue", "mail-relay", "pdf-render", "search-idx", "sync-worker", "edge-lb"]
ACTIONS = [
    "Restarted {host}-{n:02d} after its disk filled; cleanup job disabled since release {major}.{minor}",
    "Moved traffic off {host}-{n:02d}; vendor case {case} open for the faulty link",
    "Reverted release {major}.{minor} of the {host} service; canary alert was muted on {host}-{n:02d}",
    "Raised connection limit on {host}-{n:02d} from {low} to {high}; capacity review owed",
    "Replaced the expired certificate on {host}-{n:02d}; it was missing from the renewal list",
]
# Code names, as teams give security and draft work: lower case, so never read as a person's name.
CODE_FIRST = ["slate", "cedar", "birch", "quartz", "flint", "oak", "pine", "elm", "moss", "reed", "plum", "rust", "chalk", "ash", "clay", "frost"]
CODE_SECOND = ["lamp", "bridge", "ridge", "gate", "stone", "field", "brook", "hill", "wharf", "barn", "mill", "dock", "pond", "fort", "creek", "yard"]
SECURITY_ISSUES = [
    ("report download links reachable without signing in", "some report download links could be opened without signing in", "turned off download links"),
    ("invoice previews shown to the wrong account", "a few invoice previews could be seen from another account", "turned off invoice previews"),
    ("password reset links valid for too long", "password reset links kept working for days instead of minutes", "paused password resets"),
    ("export files kept longer than promised", "some export files stayed on our servers after their deletion date", "paused new exports"),
]


def add_withheld(seed: int, incidents: list[DraftIncident], components: list[Component]) -> set[str]:
    """Mark incidents in place; returns the ids now withheld (drafts and undisclosed security)."""
    rng = random.Random(f"withheld-{seed}")
    by_id = {c.id: c for c in components}
    candidates = [i for i in incidents if i.impact in ("minor", "none")]
    rng.shuffle(candidates)
    drafts = round(len(incidents) * DRAFT_SHARE)
    security = max(round(len(incidents) * SECURITY_SHARE), 1 if len(incidents) >= 20 else 0)
    codes = _code_names(rng, drafts + security)
    withheld: set[str] = set()
    for index, incident in enumerate(candidates[: drafts + security]):
        component = by_id.get(incident.components[0]) or Component(incident.components[0], incident.components[0])
        if index < security:
            _make_security(rng, incident, component, codes[index])
        else:
            _make_draft(rng, incident, component, codes[index])
        withheld.add(incident.id)
    for incident in incidents:
        if incident.id not in withheld and rng.random() < INTERNAL_SHARE:
            incident.extra["internal"] = _internal_notes(rng, "OPS")
    return withheld


def add_review_docs(seed: int, postmortems: list) -> None:
    """An internal review document on about half the postmortems (inserted into their front matter)."""
    rng = random.Random(f"reviews-{seed}")
    for postmortem in postmortems:
        if rng.random() < POSTMORTEM_REVIEW_SHARE:
            month = postmortem.id[:7]
            note = f"internal:\n  review_doc: RCA-{month}-{rng.choice(BIRDS)}-{rng.randint(100, 999)}\n"
            head, sep, rest = postmortem.text.partition("\n---\n\n")
            postmortem.text = f"{head}\n{note.rstrip()}{sep}{rest}"


def _code_names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{a}-{b}" for a in CODE_FIRST for b in CODE_SECOND]
    rng.shuffle(pairs)
    return [pairs[i % len(pairs)] + ("" if i < len(pairs) else f"-{i // len(pairs) + 1}") for i in range(count)]


def _internal_notes(rng: random.Random, prefix: str) -> dict:
    action = rng.choice(ACTIONS).format(
        host=rng.choice(HOSTS), n=rng.randint(1, 40), major=rng.randint(1, 9), minor=rng.randint(0, 60),
        case=rng.randint(100000, 999999), low=rng.choice((200, 400, 800)), high=rng.choice((1600, 3200)),
    )
    return {
        "ticket": f"{prefix}-{rng.randint(1000, 9999)}",
        "owner_team": f"{rng.choice(TEAMS)}-{rng.choice(BIRDS)}",
        "notes": f"{action}; see #inc-{rng.choice(BIRDS)}-{rng.randint(1000, 9999)}",
    }


def _start(incident: DraftIncident) -> datetime:
    return incident.started or settle_updates(incident.updates)[0].at


def _promise(moment: datetime) -> str:
    rounded = moment.replace(second=0, microsecond=0)
    return f"{rounded + timedelta(minutes=-rounded.minute % 5):%H:%M}"


def _make_draft(rng: random.Random, incident: DraftIncident, component: Component, code: str) -> None:
    """A short incident someone started and never published: two updates, its own words."""
    start = _start(incident)
    first = start + timedelta(minutes=rng.randint(3, 12))
    last = first + timedelta(minutes=rng.randint(20, 45))
    day = f"{start:%A %d %B}"
    incident.title = f"Draft for {code}: {component.name} slow on {day}"
    incident.impact = "minor"
    incident.started = start
    incident.scheduled_for = incident.scheduled_until = None
    incident.updates = [
        DraftUpdate("investigating", first, (
            f"Some customers find {component.name} slow on {day}. We call this the {code} case. "
            f"We are looking into it. We will post the next update on {code} by {_promise(last)} UTC."
        ), 0),
        DraftUpdate("resolved", last, (
            f"The {code} slowdown is over. If you still see the {code} slowdown, please contact our support team."
        ), 1),
    ]
    incident.extra = {"draft": True}


def _make_security(rng: random.Random, incident: DraftIncident, component: Component, code: str) -> None:
    """An undisclosed security incident, as the example's: withheld with its internal notes."""
    title, finding, pause = rng.choice(SECURITY_ISSUES)
    start = _start(incident)
    first = start + timedelta(minutes=rng.randint(5, 15))
    second = first + timedelta(minutes=rng.randint(25, 40))
    third = second + timedelta(minutes=rng.randint(25, 40))
    day = f"{start:%A %d %B}"
    incident.title = f"Security review {code}: {title}"
    incident.impact = "minor"
    incident.started = start
    incident.scheduled_for = incident.scheduled_until = None
    incident.updates = [
        DraftUpdate("investigating", first, (
            f"We got a report on {day}: {finding}. We call this the {code} case. "
            f"We have {pause} while we check. We will post the next update on {code} by {_promise(second)} UTC."
        ), 0),
        DraftUpdate("identified", second, (
            f"We found the cause of the {code} case and fixed it. "
            f"We are checking if anyone used the {code} gap. We will post the next update on {code} by {_promise(third)} UTC."
        ), 1),
        DraftUpdate("resolved", third, (
            f"The {code} case is closed and all works as it should. If you have questions about {code}, please contact our support team."
        ), 2),
    ]
    incident.extra = {"security": True, "disclosed": False, "internal": _internal_notes(rng, "SEC")}
