"""Vale's scope selectors (`heading`, `heading.h1`, `~blockquote`, `heading & ~heading.h1`).

A selector matches a block when all its dotted parts are among the block's scope parts; a
negated part (`~x`) must be absent from the block's parent scope (internal/check/scope.go).
"""

from __future__ import annotations

from .text import Block


class Scope:
    def __init__(self, scopes: list[str]):
        self.options: list[list[tuple[bool, frozenset[str]]]] = []
        for scope in scopes:
            parts = []
            for part in scope.split("&"):
                part = part.strip()
                negated = part.startswith("~")
                parts.append((negated, frozenset(part.lstrip("~").split("."))))
            self.options.append(parts)
        self.wants = frozenset(s for option in self.options for negated, secs in option if not negated for s in secs)

    def matches(self, block: Block) -> bool:
        target = block.sections
        parent = frozenset((block.parent or block.scope).split("."))
        fragment = "sentence" in target
        for option in self.options:
            if fragment and not any(not negated and "sentence" in secs for negated, secs in option):
                continue
            if _option_matches(option, target, parent):
                return True
        return False


def _option_matches(option, target: frozenset, parent: frozenset) -> bool:
    for negated, secs in option:
        in_target = secs <= target
        in_parent = secs <= parent
        if negated and not in_parent:
            if "raw" in target or "summary" in target:
                return False
        elif (not negated and not in_target) or (negated and in_parent):
            return False
    return True
