"""Which lines of Markdown are inside fenced code blocks: headings there are not headings."""

from __future__ import annotations

import re
from typing import Iterator

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def lines_with_fences(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (index, line, fenced) for each line; the fence lines themselves count as fenced."""
    fence: str | None = None
    for index, line in enumerate(text.split("\n")):
        match = FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            yield index, line, True
            continue
        yield index, line, fence is not None
