"""`extends: repetition`: the same token twice in a row, e.g. "the the" (repetition.go)."""

from __future__ import annotations

from ..sentences import split_sentences
from ..text import Block
from .base import ExceptionMatcher, Match, as_bool, as_list, check_keys, compile_pattern, format_message

KEYS = {"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"}


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    ignorecase = as_bool(definition.get("ignorecase"))
    alpha = as_bool(definition.get("alpha"))
    most = int(definition.get("max") or 0)
    exceptions = ExceptionMatcher(as_list(definition.get("exceptions")), context.accepted, as_bool(definition.get("vocab"), True), rule.path)
    tokens = [str(t) for t in as_list(definition.get("tokens"))]
    pattern = compile_pattern(("(?i)" if ignorecase else "") + "(" + "|".join(tokens) + ")", rule.path)
    message = rule.message

    def run(block: Block) -> list[Match]:
        found: list[Match] = []
        text = block.text
        previous, previous_start, count = "", 0, 0
        for hit in pattern.finditer(text):
            current = hit.group(0).strip()
            if ignorecase:
                same = current != "" and current.casefold() == previous.casefold()
            else:
                same = current != "" and current == previous
            same = same and (not alpha or current.isalpha())
            if same:
                count += 1
            if same and count > most:
                span_text = text[previous_start : hit.end()]
                if len(split_sentences(span_text)) == 1 and not exceptions.matches(span_text) and not exceptions.within_phrase(text, previous_start, hit.end()):
                    found.append(Match(previous_start, hit.end(), format_message(message, current), span_text))
                    count = 0
            previous, previous_start = current, hit.start()
        return found

    rule.run = run
