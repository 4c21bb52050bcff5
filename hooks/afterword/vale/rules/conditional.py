"""`extends: conditional`: a match of `first` needs a matching `second` (conditional.go)."""

from __future__ import annotations

from ..text import Block
from .base import ExceptionMatcher, Match, as_bool, as_list, check_keys, compile_pattern, format_message

KEYS = {"first", "second", "exceptions", "ignorecase", "vocab"}


def _has_capture_group(pattern: str) -> bool:
    return pattern.count("(") > pattern.count("(?") + pattern.count("\\(")


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    first_source, second_source = str(definition.get("first", "")), str(definition.get("second", ""))
    second = compile_pattern(second_source, rule.path)
    first = compile_pattern(first_source, rule.path)
    grouped = _has_capture_group(second_source)
    exceptions = ExceptionMatcher(as_list(definition.get("exceptions")), context.accepted, as_bool(definition.get("vocab"), True), rule.path)
    defined: set[str] = set()  # values captured by `second` so far in this file
    message = rule.message

    def reset() -> None:
        defined.clear()

    def run(block: Block) -> list[Match]:
        text = block.text
        if not grouped:
            if second.search(text):
                return []
        else:
            for hit in second.finditer(text):
                defined.update(g for g in hit.groups() if g)
        found = []
        for hit in first.finditer(text):
            observed = hit.group(0)
            if grouped and observed in defined:
                continue
            if exceptions.matches(observed) or exceptions.within_phrase(text, hit.start(), hit.end()):
                continue
            found.append(Match(hit.start(), hit.end(), format_message(message, observed), observed))
        return found

    rule.run = run
    rule.reset = reset
