"""People listed under a heading such as "Attendees" or "Acknowledgements".

Real postmortems end with who took part: "## Attendees" then "- RF, PW, RR, AN, EC" or
"- Jane Doe (SRE), Sam Lee". Under such a heading every entry is a person, whatever the name lists
say (initials are in no list).
"""

from __future__ import annotations

import re

PEOPLE_HEADING = re.compile(
    r"(?i)\b(?:at+end[ae]es|participants|people\s+involved|who\s+was\s+involved|present|responders|"
    r"incident\s+(?:team|commanders?|leads?)|contributors|authors?|acknowledge?ments?|thanks|credits|"
    r"reviewers|written\s+by|prepared\s+by|team\s+members|on-?call\s+engineers)\b"
)
_INITIALS = re.compile(r"\b[A-Z]{2,3}\b")
_ONLY_INITIALS = re.compile(r"^\W*[A-Z]{2,3}(?:[\s,;/&]+(?:and\s+)?[A-Z]{2,3})*\W*$")
# One entry of a list of names: up to four capitalised words (or a handle), before any "(role)".
_ENTRY = re.compile(r"@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|@[\w-]+")
_SEPARATORS = re.compile(r"\s*(?:[,;/&]|\band\b)\s*")


def listed_people(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for each person in one list item or line under a people heading."""
    if _ONLY_INITIALS.match(text):
        return [(m.start(), m.end(), m.group(0)) for m in _INITIALS.finditer(text)]
    found = []
    position = 0
    body = text.split(":", 1)[1] if ":" in text[:40] else text
    offset = len(text) - len(body)
    for part in _SEPARATORS.split(body):
        start = body.find(part, position)
        position = start + len(part)
        entry = _ENTRY.match(part.strip())
        if entry and len(part.split()) <= 6:
            begin = offset + start + (len(part) - len(part.lstrip()))
            found.append((begin, begin + len(entry.group(0)), entry.group(0)))
    return found


# "Thanks to Ngozi, Kwabena and Carol for…", "our thanks go to Ngozi": everyone in the list is a person.
_THANKS = re.compile(
    r"(?i:\b(?:(?:thanks|thank\s+you|thank)(?:\s+(?:go(?:es)?|goes\s+out|went))?\s+(?:to\s+)?"
    r"|(?:grateful|gratitude|kudos|shout-?outs?|credit|hat\s+tip)\s+(?:goes\s+)?to\s+))"
    r"((?:@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?:\s*,\s*|\s+and\s+|,\s+and\s+)?)+)"
)


def thanked_people(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for each capitalised entry of a list after a word of thanks."""
    found = []
    for match in _THANKS.finditer(text):
        listed = match.group(1)
        base = match.start(1)
        for entry in re.finditer(r"@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}", listed):
            found.append((base + entry.start(), base + entry.end(), entry.group(0)))
    return found
