"""Put a new update section into an incident file in the file's own order, touching nothing else.

Files list updates oldest first (most) or newest first (some teams). The order is read the way the
loader reads it (first update in the file against the last); a one-update file counts as oldest
first. The new section goes where its time belongs in that order, so a late back-filled update
lands in the right place too. The front matter and every other line keep their exact bytes,
including CRLF line ends and a byte-order mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..frontmatter import split_document
from ..timestamps import format_utc
from ..updates import parse_updates

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_SEPARATOR = re.compile(r"^ {0,3}##[ \t]*[A-Za-z][A-Za-z ]*?\s*(?P<sep>[·—–|\-])")
DEFAULT_SEPARATOR = "·"
BOM = "\ufeff"


@dataclass(frozen=True)
class Placement:
    text: str  # the whole new file
    newest_first: bool
    line: int  # file line of the new heading


def insert_update(text: str, label: str, at: datetime, body: str, maintenance: bool) -> Placement:
    """``text`` (decoded, newlines as they are) with a '## <label> · <at>' section added."""
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    source = split_document(normalised)  # ContentError for a broken file: the caller checked it loads
    updates, _ = parse_updates(source.body, source.body_start_line, maintenance)
    in_file_order = sorted(updates, key=lambda u: u.order)
    newest_first = len(in_file_order) >= 2 and in_file_order[0].at > in_file_order[-1].at
    lines = _LINES.findall(text)  # same line count as ``normalised``: positions agree
    newline = _newline(lines)
    separator = _separator(lines, in_file_order)
    heading = f"## {label} {separator} {format_utc(at)}"
    section = [heading, "", *body.strip("\n").replace("\r\n", "\n").split("\n")]
    before = next((u for u in in_file_order if (u.at <= at if newest_first else u.at > at)), None)
    if before is not None:
        index = before.line - 1
        new_lines = [line + newline for line in section + [""]]
        result = lines[:index] + new_lines + lines[index:]
        heading_line = index + 1
    else:
        result = list(lines)
        if result and not result[-1].endswith(("\n", "\r")):
            result[-1] += newline
        if result and result[-1].strip():
            result.append(newline)
        heading_line = len(result) + 1
        result.extend(line + newline for line in section)
    return Placement(bom + "".join(result), newest_first, heading_line)


def _newline(lines: list[str]) -> str:
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\r"):
            return "\r"
        if line.endswith("\n"):
            return "\n"
    return "\n"


def _separator(lines: list[str], updates) -> str:
    """The separator the file's headings already use, so the new heading looks like its neighbours."""
    for update in updates:
        match = _SEPARATOR.match(lines[update.line - 1])
        if match:
            return match["sep"]
    return DEFAULT_SEPARATOR
