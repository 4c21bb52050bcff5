"""`extends: consistency`: only one of each `either` pair may appear in a file (consistency.go)."""

from __future__ import annotations

from ..text import Block
from .base import Match, as_bool, check_keys, compile_pattern, format_message, make_regexp

KEYS = {"either", "nonword", "ignorecase"}


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    either = definition.get("either") or {}
    template = make_regexp(context.word_template, as_bool(definition.get("ignorecase")), not as_bool(definition.get("nonword")), "%s")
    steps = [compile_pattern(template.replace("%s", f"(?P<a>{first})|(?P<b>{second})"), rule.path) for first, second in either.items()]
    seen: set[tuple[int, str]] = set()  # (pair, which side) seen so far in this file
    message = rule.message

    def reset() -> None:
        seen.clear()

    def run(block: Block) -> list[Match]:
        found = []
        for index, pattern in enumerate(steps):
            last = None
            for hit in pattern.finditer(block.text):
                for side in ("a", "b"):
                    if hit.start(side) != -1:
                        seen.add((index, side))
                        last = (hit.start(side), hit.end(side))
            if last and (index, "a") in seen and (index, "b") in seen:
                observed = block.text[last[0] : last[1]]
                # Vale reports the first occurrence of the last match's text in the block.
                first = block.text.find(observed)
                found.append(Match(first, first + len(observed), format_message(message, observed), observed))
        return found

    rule.run = run
    rule.reset = reset
