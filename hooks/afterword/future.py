"""Updates dated after the build's clock are withheld everywhere until they are due.

A writer may commit the next updates of a planned maintenance ahead ("In progress" at the window's
start, "Completed" at its end). Applied once right after loading, before any page, feed, API or
badge is made, so every output sees the same present; the scheduled publish makes them live on time.
"""

from __future__ import annotations

from datetime import datetime

from .loader import History
from .problems import SUGGESTION, Problem
from .timestamps import format_utc

RULE = "afterword.future-update"


def withhold_future_updates(history: History, now: datetime) -> list[Problem]:
    """Move updates dated after ``now`` out of each incident's public timeline; one note for each."""
    notes: list[Problem] = []
    for incident in history.incidents:
        later = [u for u in incident.updates if u.at > now]
        if not later:
            continue
        if len(later) == len(incident.updates):
            incident.not_yet = True  # nothing is due yet: the whole incident waits (updates kept for checks)
        else:
            incident.updates = [u for u in incident.updates if u.at <= now]
        incident.later = later
        for update in later:
            notes.append(Problem(
                incident.path, update.line, 1, RULE,
                f"the {update.label} update is dated {format_utc(update.at)}, after this build ({format_utc(now)}): "
                "withheld from the page, feeds, API and badges until the first publish after that time",
                SUGGESTION,
            ))
    history.__dict__.pop("published_incidents", None)  # cached before? recompute with the new states
    history.__dict__.pop("published_postmortems", None)
    return notes
