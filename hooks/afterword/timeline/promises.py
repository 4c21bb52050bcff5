"""Find the promise of a next update in an update's text and turn it into a UTC deadline.

A sentence is a promise when it talks about a future update ("next update", "we'll update here",
"we will provide more information", …) and carries a time: relative ("in 20 minutes", "in the
next 15 minutes", "within the hour", "every 30 minutes") or a clock time ("by 2:00pm", "at
14:30 UTC", "by 3pm ET"). An ETA for the fix ("the fix should be live in 30 minutes") is not a
promise to update, so it is not read as one.

Clock times resolve to their next occurrence after the update's own time, in UTC unless the
sentence names another zone. A time written without am/pm and without a leading zero ("by 1:30")
is read as whichever of 1:30 and 13:30 comes first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

# Fixed-offset abbreviations writers use in updates (minutes east of UTC).
_FIXED_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420, "JST": 540, "SGT": 480, "AEST": 600, "AEDT": 660,
}
# Region names without a season ("3pm ET"): the zone's rules decide the offset on that date.
_REGION_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
# Zones written out ("4pm Pacific Time", "Eastern Standard Time"), without Standard/Daylight/Time.
_NAMED_ZONES = {
    "pacific": "America/Los_Angeles", "eastern": "America/New_York", "central": "America/Chicago",
    "mountain": "America/Denver", "central european": "Europe/Paris", "british summer": "Europe/London",
    "greenwich mean": "UTC", "coordinated universal": "UTC",
}

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "ninety": 90,
}
_NUMBER = r"(?P<n>\d+(?:\.\d+)?|forty-five|" + "|".join(sorted((w for w in _WORD_NUMBERS if w != "forty-five"), key=len, reverse=True)) + r")"
# A range promises its earliest bound: "in 30-60 minutes", "in 30 to 45 minutes".
_RANGE_END = r"(?:\s*(?:-|–|to|or)\s*(?:\d+(?:\.\d+)?|" + "|".join(_WORD_NUMBERS) + r"))?"
_UNIT = r"(?P<unit>minutes?|mins?|hours?|hrs?)\b"
_HEDGE = r"(?:the\s+next\s+|the\s+coming\s+|about\s+|around\s+|approximately\s+|roughly\s+|another\s+|less\s+than\s+|~\s*)?"

_RELATIVE = re.compile(rf"\b(?:in|within|every)\s+{_HEDGE}{_NUMBER}{_RANGE_END}\s*{_UNIT}", re.IGNORECASE)
_HALF_HOUR = re.compile(r"\b(?:in|within)\s+(?:the\s+next\s+|about\s+)?half\s+an\s+hour\b", re.IGNORECASE)
_ONE_HOUR = re.compile(r"\b(?:in|within)\s+(?:the\s+next\s+|the\s+|an\s+|one\s+|about\s+an\s+)hour\b", re.IGNORECASE)
# A zone: an abbreviation, or any capitalised name ending in "Time" (placed only when we know it).
_ZONE = (
    r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+Time|UTC|GMT|[A-Z]{2,4})"
    r"(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?"
)
_CLOCK = re.compile(
    r"\b(?:by|at|around|before|until|no\s+later\s+than|not\s+later\s+than)\s+(?:about\s+|around\s+|approximately\s+)?"
    r"(?:(?P<hhmm>\d{4})(?=\s*(?:UTC|GMT|Z)\b)|(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?)"
    rf"(?:\s*\(?(?P<zone>{_ZONE})\)?)?",
    re.IGNORECASE,
)
_NEXT_UPDATE = re.compile(r"\b(?:next|another|further|more|new)\s+(?:update|updates|information|details)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|going\s+to|plan\s+to|aim\s+to|intend\s+to|expect)\b|['’]ll\b", re.IGNORECASE)
_UPDATE_WORD = re.compile(
    r"\b(?:update|updates|updating|post|provide|share|report|let\s+you\s+know|keep\s+you|follow\s+up|check\s+in|be\s+back\s+with)\b",
    re.IGNORECASE,
)
# Sentence ends: . ! ? ; or a line break; not the dots inside 'a.m.'/'p.m.'.
_SENTENCE_END = re.compile(r"(?<![ap]\.m)(?<![ap]\.)[.!?;]+(?=\s|$)|\n+", re.IGNORECASE)


@dataclass(frozen=True)
class Promise:
    due: datetime  # UTC: when the next update is owed
    phrase: str  # the time words as written, e.g. 'by 12:40pm'
    sentence: str  # the sentence that made the promise


# The same update is read by the timeline checks and, when shown, its page's communication record;
# a running preview reads every unchanged update again on each rebuild.
@functools.lru_cache(maxsize=1 << 16)
def find_promise(text: str, at: datetime) -> Promise | None:
    """The first promise of a next update in ``text`` (an update written at ``at``), or None."""
    for sentence in _sentences(text):
        if not _talks_about_next_update(sentence):
            continue
        found = _time_in(sentence, at)
        if found is not None:
            due, phrase = found
            return Promise(due, phrase, sentence.strip())
    return None


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]+")


def _sentences(text: str) -> list[str]:
    # Markdown emphasis and links do not change the words; drop their markers (most texts have none).
    plain = _LINK.sub(r"\1", text) if "[" in text else text
    if "*" in plain or "_" in plain or "`" in plain:
        plain = _EMPHASIS.sub("", plain)
    return [part for part in _SENTENCE_END.split(plain) if part.strip()]


# Histories repeat their sentences ("We are looking into it.", "We will post the next update by
# 10:30 UTC."): what a sentence says is worked out once; only the deadline depends on the update's time.
@functools.lru_cache(maxsize=1 << 16)
def _talks_about_next_update(sentence: str) -> bool:
    if _NEXT_UPDATE.search(sentence):
        return True
    return bool(_FUTURE.search(sentence) and _UPDATE_WORD.search(sentence))


@dataclass(frozen=True)
class _Clock:
    """A clock time as written: the hours it may mean (one, or both of '1:30' and '13:30'), in a zone."""

    hours: tuple[int, ...]
    minute: int
    zone: tzinfo


def _time_in(sentence: str, at: datetime) -> tuple[datetime, str] | None:
    """The time expression nearest after the words about updating (else the first one)."""
    phrases, anchor_at = _time_phrases(sentence)
    candidates: list[tuple[int, datetime, str]] = []
    for position, when, phrase in phrases:
        due = at + timedelta(minutes=when) if isinstance(when, int) else _next_occurrence(when, at)
        if due is not None:
            candidates.append((position, due, phrase))
    if not candidates:
        return None
    after = [c for c in candidates if c[0] >= anchor_at]
    position, due, phrase = min(after or candidates, key=lambda c: c[0])
    return due, phrase


@functools.lru_cache(maxsize=1 << 16)
def _time_phrases(sentence: str) -> tuple[tuple[tuple[int, int | _Clock, str], ...], int]:
    """Each time expression of ``sentence`` (position, minutes from the update or a clock time, words
    as written), in the order ``_time_in`` weighs them, and where the words about updating start."""
    phrases: list[tuple[int, int | _Clock, str]] = []
    for match in _RELATIVE.finditer(sentence):
        minutes = round(_number(match["n"]) * (60 if match["unit"].lower().startswith("h") else 1))
        phrases.append((match.start(), minutes, match.group(0)))
    for pattern, minutes in ((_HALF_HOUR, 30), (_ONE_HOUR, 60)):
        for match in pattern.finditer(sentence):
            phrases.append((match.start(), minutes, match.group(0)))
    for match in _CLOCK.finditer(sentence):
        clock = _clock(match)
        if clock is not None:
            phrases.append((match.start(), clock, match.group(0).strip()))
    anchor = _NEXT_UPDATE.search(sentence) or _UPDATE_WORD.search(sentence)
    return tuple(phrases), anchor.start() if anchor else 0


def _number(word: str) -> float:
    return float(word) if word[0].isdigit() else _WORD_NUMBERS[word.lower()]


def _clock(match: re.Match) -> _Clock | None:
    """The clock time a match names, or None when it is too vague or cannot be placed."""
    if match["hhmm"]:  # "1430 UTC": a 24-hour time without a colon, only with its zone
        hour, minute, ampm = int(match["hhmm"][:2]), match["hhmm"][2:], None
    else:
        hour, minute, ampm = int(match["hour"]), match["minute"], match["ampm"]
    if minute is None and ampm is None:
        return None  # 'at 3' alone is too vague to hold anyone to
    minute_value = int(minute) if minute else 0
    if minute_value > 59 or hour > 23 or (ampm and not 1 <= hour <= 12):
        return None
    zone = _zone(match)
    if match["zone"] and zone is None:
        return None  # a zone we cannot place: better no promise than a wrong deadline
    zone = zone or timezone.utc
    if ampm:
        hours = (hour % 12 + (12 if ampm.lower().startswith("p") else 0),)
    elif match["hhmm"] or hour > 12 or match["hour"].startswith("0") or hour == 0:
        hours = (hour,)  # 24-hour clock: '14:30', '09:00'
    else:
        hours = (hour % 12, hour % 12 + 12)  # '1:30' is whichever of 1:30 and 13:30 comes next
    return _Clock(hours, minute_value, zone)


def _next_occurrence(clock: _Clock, at: datetime) -> datetime | None:
    """The first moment after ``at`` that the clock time names, in UTC."""
    local_at = at.astimezone(clock.zone)
    best: datetime | None = None
    for candidate_hour in clock.hours:
        for days in (0, 1):
            day = (local_at + timedelta(days=days)).date()
            candidate = datetime(day.year, day.month, day.day, candidate_hour, clock.minute, tzinfo=clock.zone)
            if candidate > local_at:
                best = candidate if best is None or candidate < best else best
                break
    return best.astimezone(timezone.utc) if best else None


def _zone(match: re.Match) -> tzinfo | None:
    text = match["zone"]
    if not text:
        return None
    if text.endswith("Time"):  # "Pacific Time", "Central European Time"; a zone we don't know: no promise
        words = [w.lower() for w in text.split()[:-1] if w not in ("Standard", "Daylight")]
        named = _NAMED_ZONES.get(" ".join(words))
        return ZoneInfo(named) if named else None
    name = re.match(r"[A-Za-z]+", text).group(0).upper()
    if match["sign"]:
        if name not in ("UTC", "GMT"):
            return None
        minutes = int(match["oh"]) * 60 + int(match["om"] or 0)
        return timezone(timedelta(minutes=minutes if match["sign"] == "+" else -minutes))
    if name in _FIXED_ZONES:
        return timezone(timedelta(minutes=_FIXED_ZONES[name]))
    if name in _REGION_ZONES:
        return ZoneInfo(_REGION_ZONES[name])
    return None
