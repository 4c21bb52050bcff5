"""`extends: existence`: report every match of `tokens` (Vale's internal/check/existence.go)."""

from __future__ import annotations

from ..text import Block
from .base import ExceptionMatcher, Match, as_bool, as_list, check_keys, compile_pattern, format_message, make_regexp

KEYS = {"tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"}


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    tokens = [str(t) for t in as_list(definition.get("tokens")) if str(t).strip()]
    raw = "".join(str(r) for r in as_list(definition.get("raw")))
    nonword = as_bool(definition.get("nonword"))
    use_vocab = as_bool(definition.get("vocab"), True) and not nonword
    exceptions = ExceptionMatcher(as_list(definition.get("exceptions")), context.accepted, use_vocab, rule.path)
    source = make_regexp(
        context.word_template,
        as_bool(definition.get("ignorecase")),
        not nonword and bool(tokens),
        "|".join(tokens),
        raw,
        as_bool(definition.get("append")),
    )
    pattern = compile_pattern(source, rule.path)
    message = rule.message

    def run(block: Block) -> list[Match]:
        found = []
        text = block.text
        for hit in pattern.finditer(text):
            observed = hit.group(0)
            if hit.end() == hit.start():
                continue
            if exceptions.matches(observed.strip()) or exceptions.within_phrase(text, hit.start(), hit.end()):
                continue
            found.append(Match(hit.start(), hit.end(), format_message(message, observed), observed))
        return found

    rule.run = run
