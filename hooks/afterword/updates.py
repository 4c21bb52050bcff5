"""Parse an incident body into public updates: one '## <Status> · <timestamp>' heading each."""

from __future__ import annotations

import difflib

import re

from .fences import lines_with_fences
from .model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, STATUS_LABELS, Update, status_key
from .problems import ContentError
from .timestamps import EXAMPLE, parse_timestamp

SEPARATORS = "·—–-|"
# The heading's text is cut from the rest of the line with str methods, not a regex: a lazy group
# before optional trailing blanks and '#'s backtracks cubically on a long run of spaces.
_HEADING = re.compile(r"^ {0,3}##(?!#)(?P<rest>.*)$")
_STATUS_WORDS = re.compile(r"[A-Za-z][A-Za-z ]*")


def iter_level2_headings(body: str):
    """Yield (line index within body, heading text) for each '## ' heading outside code fences."""
    for index, line, fenced in lines_with_fences(body):
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading and line.lstrip().startswith("##"):
            yield index, _heading_text(heading.group("rest"))


def _heading_text(rest: str) -> str:
    """A heading's text without the blanks around it and the optional closing '#'s."""
    return rest.strip(" \t").rstrip("#").rstrip(" \t")


def parse_update_heading(text: str, maintenance: bool) -> tuple[str, object]:
    """Return (status key, timestamp) from a heading's text, or raise ContentError (column in text)."""
    split = _split_heading(text)
    if split is None:
        raise ContentError(
            f"'## {text}' is not an update heading: write '## Investigating · {EXAMPLE}'",
            rule="afterword.update-heading",
        )
    status_text, when_start = split
    status = status_key(status_text)
    allowed = MAINTENANCE_STATUSES if maintenance else INCIDENT_STATUSES
    if status not in allowed:
        names = ", ".join(STATUS_LABELS[s] for s in allowed)
        kind = "a maintenance" if maintenance else "an incident"
        hint = ""
        if status in (INCIDENT_STATUSES + MAINTENANCE_STATUSES):
            hint = " (is the impact right?)"
        else:
            labels = [STATUS_LABELS[s] for s in allowed]
            close = difflib.get_close_matches(status_text.strip().capitalize(), labels, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ContentError(f"'{status_text}' is not a status of {kind}{hint}: use one of {names}", rule="afterword.status")
    try:
        when = parse_timestamp(text[when_start:])
    except ContentError as exc:
        raise ContentError(exc.message, 1, when_start + 1, rule=exc.rule) from None
    return status, when


def _split_heading(text: str) -> tuple[str, int] | None:
    """(status words, index where the time starts) of '<Status> <separator> <time>', else None.

    Done with str methods after one anchored regex: the equivalent single regex (a lazy status
    followed by optional blanks) backtracks quadratically on a long run of spaces.
    """
    words = _STATUS_WORDS.match(text)
    if not words:
        return None
    after_status = text[words.end():].lstrip()
    if not after_status or after_status[0] not in SEPARATORS:
        return None
    after_separator = after_status[1:]
    when = after_separator.lstrip()
    if not when:
        return None
    return words.group(0).rstrip(), len(text) - len(when)


def parse_updates(body: str, body_start_line: int, maintenance: bool) -> tuple[list[Update], list[ContentError]]:
    """All updates in the body, oldest first, plus every problem found (positions are file lines)."""
    lines = body.split("\n")
    problems: list[ContentError] = []
    headings = list(iter_level2_headings(body))
    first_heading = headings[0][0] if headings else len(lines)
    for index in range(first_heading):
        if lines[index].strip() and not lines[index].lstrip().startswith("<!--"):
            problems.append(
                ContentError(
                    f"text before the first update: put it under an update heading such as '## Investigating · {EXAMPLE}'",
                    body_start_line + index, 1, rule="afterword.update-heading",
                )
            )
            break
    updates: list[Update] = []
    for position, (index, text) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        file_line = body_start_line + index
        text_column = lines[index].find(text) + 1 if text else 1
        try:
            status, when = parse_update_heading(text, maintenance)
        except ContentError as exc:
            problems.append(ContentError(exc.message, file_line, text_column + exc.column - 1, rule=exc.rule))
            continue
        text_body = "\n".join(lines[index + 1 : end]).strip("\n")
        if not text_body.strip():
            problems.append(ContentError(f"the '{STATUS_LABELS[status]}' update has no text: say what customers see and what we are doing", file_line, 1, rule="afterword.update-text"))
        updates.append(Update(status, when, text_body, file_line, position))
    if not headings and not problems:
        problems.append(ContentError(f"no updates: add at least one heading like '## Investigating · {EXAMPLE}' followed by its text", body_start_line, 1, rule="afterword.update-heading"))
    direction = 1 if _is_oldest_first(updates) else -1
    updates.sort(key=lambda u: (u.at, direction * u.order))
    return updates, problems


def _is_oldest_first(updates: list[Update]) -> bool:
    """Whether the file lists updates oldest first; decides the order of updates with equal times."""
    if len(updates) < 2:
        return True
    return updates[0].at <= updates[-1].at
