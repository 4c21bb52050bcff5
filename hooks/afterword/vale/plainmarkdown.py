"""Files of headings and plain paragraphs, split into Vale's blocks without markdown-it.

Most incident files are front matter, `## Status · time` headings and paragraphs of plain
sentences. For such a file markdown-it's tokens say nothing the block walk (markdown.py) does
not see in the lines themselves: each ATX heading is a block, each run of other lines a
paragraph whose text is its lines as written. ``parse_plain`` splits those lines directly and
returns None for anything else — any character Markdown gives a meaning inside a line (emphasis,
code, links, HTML, entities, escapes, tables, URLs), a line that could open a list, quote, code
block, setext heading or thematic break, unusual whitespace — which markdown-it then parses.
tests/test_vale_plain_markdown.py checks the two give the same blocks, on the real-text corpus,
the example, a demo history and random documents.
"""

from __future__ import annotations

import re

from .text import Block, LineIndex

_ATX = re.compile(r"(#{1,6}) ([^#\s](?:[^#]*[^#\s])?)\Z")
# Inline syntax, HTML, entities, escapes, tables, math, bare URLs; whitespace other than space
# and newline (tabs, no-break spaces: markdown-it and Vale's trimming treat them differently).
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&|~$\x00\ufeff]|://|[^\S \n]")
# A line that may open anything but a paragraph or an ATX heading, or ends in a space.
_NOT_PARAGRAPH_LINE = re.compile(r"^(?:[ \-+=]|\d+[.)])| $", re.M)


def parse_plain(source: str, body_start: int):
    """Vale's blocks for ``source`` whose front matter ends at ``body_start``, or None when the
    body is not plain headings and paragraphs."""
    from .markdown import ParsedMarkdown  # markdown.py imports this module

    body = source[body_start:]
    if _NOT_PLAIN.search(body) or _NOT_PARAGRAPH_LINE.search(body):
        return None
    blocks: list[Block] = []
    metrics: dict[str, int] = {}
    paragraph: list[tuple[int, int]] = []  # (start, end) of each line of the open paragraph

    def close_paragraph() -> None:
        if not paragraph:
            return
        # The paragraph's lines follow each other, newlines (soft breaks) included: its text is
        # the source's from its first line's start, so no per-character offsets are needed.
        first, last = paragraph[0][0], paragraph[-1][1]
        metrics["text"] = metrics.get("", 0) + 1  # as markdown.py's flush counts a paragraph
        block = Block(source[first:last], "text.md", None, first)
        block.within = frozenset({"p"})
        blocks.append(block)
        paragraph.clear()

    position = body_start
    for line in body.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line:
            close_paragraph()
        elif line[0] == "#":
            heading = _ATX.match(line)
            if heading is None:
                return None
            close_paragraph()
            level, text = len(heading.group(1)), heading.group(2)
            first = start + heading.start(2)
            scope = f"heading.h{level}"
            metrics[scope] = metrics.get(scope, 0) + 1
            blocks.append(Block(text, f"text.{scope}.md", None, first))
        else:
            paragraph.append((start, end))
    close_paragraph()
    return ParsedMarkdown(source, blocks, [], metrics, LineIndex(source))
