"""A postmortem's shape: what happened, the impact on customers (and whether data was lost), and
what we are changing so it will not recur. The summary is the ``summary`` front matter key, which
the schema already requires. Checked on the body's ``##`` headings, accepting common variants."""

from __future__ import annotations

import re

from ..problems import ERROR, Problem
from ..updates import iter_level2_headings

RULE = "Afterword.Structure"

# (what the section is for, the heading we suggest, accepted heading variants)
SECTIONS = (
    ("what happened", "## What happened", re.compile(
        r"what happened|what went wrong|how it happened|why it happened|the incident|incident (?:details|summary)|"
        r"timeline|sequence of events|background|details|root cause|the cause|cause", re.I)),
    ("the impact on customers", "## Impact on customers", re.compile(
        r"impact|who was affected|what (?:customers|you) (?:saw|experienced)|effect on|how (?:this|it) affected", re.I)),
    ("what we are changing so it will not recur", "## What we are changing", re.compile(
        r"chang|what we(?:'|’| a)re doing|what we will do|next steps|follow[- ]?ups?|prevent|recur|"
        r"(?:won't|will not|never) happen again|action items|remediation|improvements|lessons|going forward", re.I)),
)
EXPECTED = ", ".join(f"'{heading}'" for _, heading, _ in SECTIONS)
_DATA_LOSS = re.compile(r"\bdata\b[^.]*\b(?:lost|loss|lose|deleted|corrupted)\b|\b(?:lost|loss|lose)\b[^.]*\bdata\b", re.I)


def check_structure(path: str, body: str, body_start_line: int) -> list[Problem]:
    lines = body.split("\n")
    headings = list(iter_level2_headings(body))
    problems: list[Problem] = []
    found: dict[int, int] = {}  # section index -> heading position in ``headings``
    for position, (_, text) in enumerate(headings):
        for index, (_, _, pattern) in enumerate(SECTIONS):
            if index not in found and pattern.search(text):
                found[index] = position
                break
    for index, (purpose, heading, _) in enumerate(SECTIONS):
        if index not in found:
            problems.append(Problem(
                path, body_start_line, 1, RULE,
                f"the postmortem has no section on {purpose}: add a '{heading}' heading (expected headings: {EXPECTED})",
                ERROR, "",
            ))
    if 1 in found:
        position = found[1]
        start = headings[position][0]
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        section = " ".join(lines[start + 1 : end])
        if not _DATA_LOSS.search(section):
            problems.append(Problem(
                path, body_start_line + start, 1, RULE,
                f"'## {headings[position][1]}' must say whether any data was lost, e.g. 'No customer data was lost.'",
                ERROR, headings[position][1],
            ))
    return problems
