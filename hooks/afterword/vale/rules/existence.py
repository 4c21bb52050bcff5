"""`extends: existence`: report every match of `tokens` (Vale's internal/check/existence.go)."""

from __future__ import annotations

from ..literals import Alternation
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
    ignorecase, append, word = as_bool(definition.get("ignorecase")), as_bool(definition.get("append")), not nonword and bool(tokens)

    def assemble(chosen: list[str]) -> str:
        return make_regexp(context.word_template, ignorecase, word, "|".join(chosen), raw, append)

    # Only the tokens that may match a block are tried on it (candidates.py).
    alternation = Alternation(context.candidates, tokens, assemble, lambda source: compile_pattern(source, rule.path),
                              one_by_one=True)
    message = rule.message

    def run(block: Block) -> list[Match]:
        found = []
        text = block.text
        chosen = alternation.pattern_for(block)
        if chosen is None:
            return found
        for hit in chosen[0].finditer(text):
            observed = hit.group(0)
            if hit.end() == hit.start():
                continue
            if exceptions.matches(observed.strip()) or exceptions.within_phrase(text, hit.start(), hit.end()):
                continue
            found.append(Match(hit.start(), hit.end(), format_message(message, observed), observed))
        return found

    rule.run = run
