"""A block of text that rules read, with the source position of every character.

Rules see prose with the Markdown markup removed (inline code masked by `*`, as Vale does), but
findings must point into the original file. Each block therefore keeps, for every character of
its text, the character index in the original file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Block:
    text: str
    scope: str  # Vale's dotted scope, e.g. "text.heading.h1.md", "sentence.md", "raw.md"
    offsets: list[int] | None = None  # source index of each character; None: base + i
    base: int = 0
    parent: str = ""
    metrics: dict | None = None  # structure counts (headings, lists, code blocks) for `metric`
    within: frozenset = frozenset()  # container tags open around the block (blockquote, li, ...)
    # (filter, the rule tokens that may match this text): worked out once, for every rule of a linter.
    _candidates: tuple | None = field(default=None, repr=False, compare=False)

    def token_candidates(self, candidates) -> dict[int, set[int]]:
        cached = self._candidates
        if cached is None or cached[0] is not candidates:
            cached = self._candidates = (candidates, candidates.candidates(self.text))
        return cached[1]

    def source_index(self, index: int) -> int:
        if self.offsets is None:
            return self.base + index
        if not self.offsets:
            return self.base
        if index >= len(self.offsets):
            return self.offsets[-1] + 1
        return self.offsets[index]

    def slice(self, start: int, end: int, scope: str, parent: str = "") -> "Block":
        if self.offsets is None:
            return Block(self.text[start:end], scope, None, self.base + start, parent)
        return Block(self.text[start:end], scope, self.offsets[start:end], self.source_index(start), parent)

    @property
    def sections(self) -> frozenset[str]:
        return frozenset(self.scope.split("."))


class LineIndex:
    """Turns a character index of the original text into a 1-based (line, column)."""

    def __init__(self, text: str):
        starts, find, where = [0], text.find, text.find("\n")
        while where != -1:  # str.find runs in C: far faster than looking at each character
            starts.append(where + 1)
            where = find("\n", where + 1)
        self.starts = starts
        self.length = len(text)

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def line_length(self, line: int) -> int:
        """Characters on 1-based ``line``, its newline not counted."""
        if line < len(self.starts):
            return self.starts[line] - self.starts[line - 1] - 1
        return max(self.length - self.starts[-1], 0)

    def line_start(self, line_index: int) -> int:
        """Character index where 0-based line ``line_index`` starts (end of text past the last)."""
        if line_index < len(self.starts):
            return self.starts[line_index]
        return self.starts[-1]
