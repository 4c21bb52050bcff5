"""`extends: capitalization`: a whole scope (usually headings) in $title, $sentence, $lower,
$upper or a regex's case (capitalization.go; title and sentence case in ../strcase.py)."""

from __future__ import annotations

from .. import strcase
from ..text import Block
from .base import ExceptionMatcher, Match, as_bool, as_list, check_keys, compile_pattern, format_message

KEYS = {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    use_vocab = as_bool(definition.get("vocab"), True)
    own = [str(e) for e in as_list(definition.get("exceptions"))]
    terms = own + (list(context.accepted) if use_vocab else [])
    matcher = ExceptionMatcher(own, context.accepted, use_vocab, rule.path)
    threshold = float(definition.get("threshold") or 0.8)
    indicators = [str(i) for i in as_list(definition.get("indicators"))]
    match = str(definition.get("match") or "")
    message = rule.message
    # Vale splits words with its exceptions first, so a listed phrase counts as one word.
    exception_source = strcase.exception_source(terms)
    tokens = strcase.token_pattern(exception_source)
    exceptions = matcher.pattern

    if match == "$title":
        converter = strcase.TitleConverter(terms, str(definition.get("style") or "AP") == "Chicago", str(definition.get("prefix") or ""))

        def check(text: str) -> tuple[str, bool]:
            expected = converter.convert(text)
            return expected, strcase.compare_title(text, expected, tokens, exceptions, threshold)
    elif match == "$sentence":
        sentence = strcase.SentenceConverter(terms, indicators, str(definition.get("prefix") or ""))

        def check(text: str) -> tuple[str, bool]:
            expected = sentence.convert(text)
            return expected, strcase.compare_sentence(text, expected, tokens, exceptions, threshold)
    elif match == "$lower":
        check = lambda text: (text.lower(), text == text.lower() or matcher.matches(text))  # noqa: E731
    elif match == "$upper":
        check = lambda text: (text.upper(), text == text.upper() or matcher.matches(text))  # noqa: E731
    else:
        pattern = compile_pattern(match, rule.path)
        check = lambda text: (match, bool(pattern.search(text)) or matcher.matches(text))  # noqa: E731

    def run(block: Block) -> list[Match]:
        text = block.text
        expected, ok = check(text)
        if ok:
            return []
        action = dict(rule.action) if rule.action else None
        if action and action.get("name") == "replace" and not action.get("params") and match in ("$title", "$sentence"):
            action["params"] = [expected]
        return [Match(0, len(text), format_message(message, text, expected), text, action=action)]

    rule.run = run
