"""The customer-facing prose of a content file, laid out so style rules see only what is published.

Front matter is YAML, not prose, but some of it is published: an incident's ``title``; a
postmortem's ``title``, ``summary``, ``timeline[].text`` and ``follow_ups[].title``. The ``internal``
mapping and every other key never are. ``prose_view`` returns a copy of the file with the same
lines: the front matter blanked except those values, each moved to the start of its own line (the
title as a ``#`` heading, list entries as ``-`` items) so Markdown reads them as prose. A
``shift`` per moved line maps positions back to the file, so findings point at the real column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

# Public front matter: key path (with "*" for every list item) -> Markdown prefix.
INCIDENT_FIELDS = {("title",): "# "}
POSTMORTEM_FIELDS = {("title",): "# ", ("summary",): "", ("timeline", "*", "text"): "- ", ("follow_ups", "*", "title"): "- "}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class ProseView:
    text: str
    # file line (1-based) -> (length of the added prefix, 0-based file column where the value starts)
    shifts: dict[int, tuple[int, int]] = field(default_factory=dict)

    def to_file(self, line: int, column: int) -> tuple[int, int]:
        shift = self.shifts.get(line)
        if shift is None:
            return line, column
        prefix, start = shift
        return line, max(column - 1 - prefix, 0) + start + 1


def fields_for(path: str) -> dict[tuple, str]:
    return POSTMORTEM_FIELDS if path.replace("\\", "/").split("/", 1)[0] == "postmortems" else INCIDENT_FIELDS


def prose_view(text: str, fields: dict[tuple, str]) -> ProseView:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return ProseView(text)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        return ProseView(text)
    out = list(lines)
    for index in range(closing + 1):
        out[index] = ""
    shifts: dict[int, tuple[int, int]] = {}
    try:
        root = yaml.compose("\n".join(lines[1:closing]), Loader=_Loader)
    except yaml.YAMLError:
        root = None  # the schema check reports the YAML error; lint the body alone
    if isinstance(root, yaml.MappingNode):
        for key_path, prefix in fields.items():
            for node in _scalars(root, key_path):
                _place(node, prefix, lines, out, shifts)
    return ProseView("\n".join(out), shifts)


def _scalars(node: yaml.Node, key_path: tuple) -> list[yaml.ScalarNode]:
    if not key_path:
        return [node] if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") else []
    head, rest = key_path[0], key_path[1:]
    found: list[yaml.ScalarNode] = []
    if head == "*" and isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_scalars(item, rest))
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == head:
                found.extend(_scalars(value, rest))
    return found


def _place(node: yaml.ScalarNode, prefix: str, lines: list[str], out: list[str], shifts: dict) -> None:
    """Copy a scalar's source lines to the start of their lines in ``out`` (file line = mark + 2)."""
    first, last = node.start_mark.line + 1, node.end_mark.line + 1  # indexes into ``lines``
    if node.style in ("|", ">"):
        # Block scalar: the indicator line holds no text; content runs until the end mark.
        # Its end mark sits at the start of the next key's line (column 0): that line is not content.
        stop = last if node.end_mark.column == 0 else last + 1
        rows = [(i, len(lines[i]) - len(lines[i].lstrip()), len(lines[i].rstrip())) for i in range(first + 1, min(stop, len(lines)))]
        rows = [row for row in rows if row[2] > row[1]]
    else:
        quote = 1 if node.style in ('"', "'") else 0
        rows = []
        for i in range(first, min(last + 1, len(lines))):
            start = node.start_mark.column + quote if i == first else len(lines[i]) - len(lines[i].lstrip())
            end = node.end_mark.column - quote if i == last else len(lines[i].rstrip())
            if end > start:
                rows.append((i, start, end))
    for position, (i, start, end) in enumerate(rows):
        lead = prefix if position == 0 else ""
        out[i] = lead + lines[i][start:end]
        shifts[i + 1] = (len(lead), start)
