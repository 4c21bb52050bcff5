"""`extends: capitalization`: a whole scope (usually headings) in $title, $sentence, $lower,
$upper or a regex's case (capitalization.go; title and sentence case follow prose/strcase)."""

from __future__ import annotations

import re

from ..text import Block
from .base import ExceptionMatcher, Match, as_bool, as_list, check_keys, compile_pattern, format_message

KEYS = {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}
_SMALL_AP = {"a", "an", "and", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "so", "the", "to", "up", "yet", "as", "if", "off", "per", "via", "vs"}
_SMALL_CHICAGO = _SMALL_AP | {"from", "into", "like", "near", "onto", "over", "past", "than", "that", "with", "upon"}
_WORD = re.compile(r"\S+")


def _is_special(word: str) -> bool:
    """Words a case converter leaves alone: acronyms, mixed case (iOS, MacBook), with digits."""
    core = word.strip("\"'()[]{}.,:;!?")
    if not core:
        return True
    if any(ch.isdigit() for ch in core):
        return True
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return True
    return any(ch.isupper() for ch in core[1:])


def _cap(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1 :]
    return word


def _vocab_words(exceptions: list[str]) -> dict[str, str]:
    return {e.lower(): e for e in exceptions if " " not in e}


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    use_vocab = as_bool(definition.get("vocab"), True)
    exceptions = [str(e) for e in as_list(definition.get("exceptions"))] + (list(context.accepted) if use_vocab else [])
    matcher = ExceptionMatcher(as_list(definition.get("exceptions")), context.accepted, use_vocab, rule.path)
    threshold = float(definition.get("threshold") or 0.8)
    indicators = [str(i) for i in as_list(definition.get("indicators"))]
    prefix = compile_pattern(str(definition["prefix"]), rule.path) if definition.get("prefix") else None
    style = str(definition.get("style") or "AP")
    match = str(definition.get("match") or "")
    vocab = _vocab_words(exceptions)
    phrases = [e for e in exceptions if " " in e]
    small = _SMALL_CHICAGO if style == "Chicago" else _SMALL_AP
    message = rule.message

    def keep(word: str) -> str | None:
        core = word.strip("\"'()[]{}.,:;!?")
        if core.lower() in vocab:
            return word.replace(core, vocab[core.lower()])
        if matcher.matches(core):
            return word
        return None

    def strip_prefix(text: str) -> tuple[str, str]:
        if prefix:
            found = prefix.match(text)
            if found:
                return text[: found.end()], text[found.end() :]
        return "", text

    def protected(text: str) -> set[int]:
        covered: set[int] = set()
        for phrase in phrases:
            for hit in re.finditer(re.escape(phrase), text, re.I):
                covered.update(range(hit.start(), hit.end()))
        return covered

    def convert_sentence(text: str) -> str:
        head, body = strip_prefix(text)
        covered = protected(body)
        out, first, previous = [], True, ""
        for hit in _WORD.finditer(body):
            word = hit.group(0)
            kept = keep(word)
            if hit.start() in covered:
                out.append((hit.start(), word))
            elif kept is not None:
                out.append((hit.start(), kept))
            elif first or any(previous.endswith(i) for i in indicators):
                out.append((hit.start(), word if _is_special(word) else _cap(word.lower())))
            else:
                out.append((hit.start(), word if _is_special(word) else word.lower()))
            first, previous = False, word
        return head + _rebuild(body, out)

    def convert_title(text: str) -> str:
        head, body = strip_prefix(text)
        covered = protected(body)
        words = list(_WORD.finditer(body))
        out = []
        for index, hit in enumerate(words):
            word = hit.group(0)
            kept = keep(word)
            if hit.start() in covered:
                out.append((hit.start(), word))
            elif kept is not None:
                out.append((hit.start(), kept))
            elif _is_special(word):
                out.append((hit.start(), word))
            elif index not in (0, len(words) - 1) and word.lower().strip(",.:;!?") in small and not words[index - 1].group(0).endswith(":"):
                out.append((hit.start(), word.lower()))
            else:
                out.append((hit.start(), "-".join(_cap(p) for p in word.split("-"))))
        return head + _rebuild(body, out)

    def compare(text: str, expected: str) -> bool:
        observed_words, expected_words = text.split(), expected.split()
        if not observed_words:
            return True
        same = sum(1 for o, e in zip(observed_words, expected_words) if o == e)
        return same / len(observed_words) >= threshold

    if match == "$title":
        check = lambda text: (convert_title(text), compare(text, convert_title(text)))  # noqa: E731
    elif match == "$sentence":
        check = lambda text: (convert_sentence(text), compare(text, convert_sentence(text)))  # noqa: E731
    elif match == "$lower":
        check = lambda text: (text.lower(), text == text.lower())  # noqa: E731
    elif match == "$upper":
        check = lambda text: (text.upper(), text == text.upper())  # noqa: E731
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


def _rebuild(body: str, words: list[tuple[int, str]]) -> str:
    out, last = [], 0
    for start, word in words:
        out.append(body[last:start])
        out.append(word)
        last = start + len(word)
    out.append(body[last:])
    return "".join(out)
