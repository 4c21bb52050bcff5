"""Where Vale reports a match inside a multi-line heading, list item, table cell or blockquote.

Vale does not keep source offsets: it places each match by searching the file again
(`AddAlert` and `assignLoc` in internal/core/file.go). Blocks of these scopes are linted with
`lookup = false`, and `assignLoc` then puts a match on the block's line -- the line where the
block's *last* text line was found (the walker's `advance`) -- at the first whole-word
occurrence of the matched text on that line. After each alert it blanks the first occurrence of
the match in its copy of the text (`ChkToCtx`, one per rule and block), and it reports one alert
per line, column and rule. So in

    > Hello guys ! I love a oBservability.
    > It's oBservability !

both matches land on line 2, column 8, and Vale reports one alert. A match whose text is not on
the last line is found by searching the whole file (`FindLoc`), which is where this engine
already puts it. Single-line blocks need nothing: there the search finds the exact position.
"""

from __future__ import annotations

import re

from .text import Block, LineIndex

# Scopes Vale lints through lintScope -> lintBlock(..., lookup=false) (internal/lint/ast.go).
_SEARCHED_SCOPES = ("text.heading.", "text.list", "text.blockquote", "text.table.", "text.figure.caption")


class BlockPlacement:
    """Vale's placement of matches in one multi-line block; None from `for_block` otherwise."""

    def __init__(self, source: str, first: int, last_line_start: int, end: int):
        self.source = source
        self.first = first  # the block's first source index
        self.last_line_start = last_line_start
        self.end = end  # the end of the block's last line
        self.blanked: dict[str, set[int]] = {}  # rule -> source indices already blanked (ChkToCtx)

    @classmethod
    def for_block(cls, block: Block, source: str, lines: LineIndex) -> "BlockPlacement | None":
        if not block.text or not block.scope.startswith(_SEARCHED_SCOPES):
            return None
        first = block.source_index(0)
        last = block.source_index(len(block.text) - 1)
        first_line, _ = lines.position(first)
        last_line, _ = lines.position(last)
        if first_line == last_line:
            return None
        line_start = lines.line_start(last_line - 1)
        return cls(source, first, line_start, line_start + lines.line_length(last_line))

    def place(self, rule: str, match: str, where: int) -> int:
        """Vale's source index for a match this engine found at ``where``."""
        if not match:
            return where
        blanked = self.blanked.setdefault(rule, set())
        placed = where
        pattern = re.compile(r"(?:^|\b|_)" + re.escape(match) + r"(?:_|\b|$)")
        line = self._visible(self.last_line_start, self.end, blanked)
        found = pattern.search(line)
        if found:
            start = found.start() + (1 if line[found.start()] == "_" and not match.startswith("_") else 0)
            placed = self.last_line_start + start
        # Blank the first occurrence still visible in the block (Substitute(ctx, match, '#')).
        region = self._visible(self.first, self.end, blanked)
        first = region.find(match)
        if first != -1:
            blanked.update(range(self.first + first, self.first + first + len(match)))
        return placed

    def _visible(self, start: int, end: int, blanked: set[int]) -> str:
        text = self.source[start:end]
        if not blanked:
            return text
        return "".join("#" if start + i in blanked else c for i, c in enumerate(text))
