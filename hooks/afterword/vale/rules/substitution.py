"""`extends: substitution`: suggest the `swap` value for each key found (substitution.go)."""

from __future__ import annotations

import regex

from ..errors import ValeConfigError
from ..literals import Alternation
from ..text import Block
from .base import ExceptionMatcher, Match, as_bool, as_list, check_keys, compile_pattern, format_message, is_phrase, make_regexp

KEYS = {"swap", "exceptions", "ignorecase", "nonword", "vocab", "capitalize", "pos"}
_CAPTURE = regex.compile(r"(?<!\\)\((?!\?)")
_GROUP_REF = regex.compile(r"\$\d+")


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def options(expected: str) -> list[str]:
    """`a|b|c` -> [a, b, c]; an escaped `\\|` stays a pipe."""
    return [o.replace("\0", "|") for o in expected.replace("\\|", "\0").split("|") if o]


def to_sentence(items: list[str], conjunction: str) -> str:
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    if len(quoted) == 2:
        return f"{quoted[0]} {conjunction} {quoted[1]}"
    return ", ".join(quoted[:-1]) + f", {conjunction} " + quoted[-1]


def _conforms(expected: str, observed: str) -> bool:
    """Vale's matchToken: a plain phrase compares exactly, anything else as an anchored regex."""
    if is_phrase(expected):
        return expected == observed
    try:
        return bool(regex.fullmatch(f"(?:{expected})", observed, regex.V1))
    except regex.error:
        return expected == observed


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    swap = definition.get("swap") or {}
    if not isinstance(swap, dict):
        raise ValeConfigError(f"{rule.path}: 'swap' must be a mapping of 'pattern: replacement'")
    ignorecase = as_bool(definition.get("ignorecase"))
    nonword = as_bool(definition.get("nonword"))
    capitalize = as_bool(definition.get("capitalize"))
    exceptions = ExceptionMatcher(as_list(definition.get("exceptions")), context.accepted, as_bool(definition.get("vocab"), True), rule.path)
    keys = sorted((str(k) for k in swap), key=len, reverse=True)
    replacements, key_patterns, parts = [], [], []
    for key in keys:
        value = swap[key] if key in swap else swap.get(type(next(iter(swap)))(key))
        replacements.append("" if value is None else str(value))
        key_patterns.append(key)
        body = key
        if body.count("(") != body.count("(?") + body.count("\\("):
            body = _CAPTURE.sub("(?:", body)
        parts.append(f"({body})")
    # Each key is one capture group; only the keys that may match a block are tried on it
    # (candidates.py), so group k of a narrowed regex is key `chosen[k - 1]`.
    alternation = Alternation(
        context.candidates, parts, lambda chosen: make_regexp(context.word_template, ignorecase, not nonword, "|".join(chosen)),
        lambda source: compile_pattern(source, rule.path),
    ) if parts else None
    action = dict(rule.action or {})
    replace_action = action.get("name") == "replace"
    message = rule.message
    if replace_action and not action.get("params"):
        for spec in ("'%s'", '"%s"'):
            if message.count(spec) == 2:
                message = message.replace(spec, "%s", 1)

    def expected_for(index: int, observed: str) -> str:
        expected = replacements[index]
        if capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not _GROUP_REF.search(expected):
            return expected
        key = ("(?i)" if ignorecase else "") + key_patterns[index]
        template = _GROUP_REF.sub(lambda m: "\\g<" + m.group(0)[1:] + ">", expected)
        try:
            return regex.sub(key, template, observed, flags=regex.V1)
        except (regex.error, IndexError):
            return expected

    def run(block: Block) -> list[Match]:
        if alternation is None:
            return []
        found = []
        text = block.text
        narrowed = alternation.pattern_for(block)
        if narrowed is None:
            return found
        pattern, chosen = narrowed
        indices = chosen or range(len(parts))
        for hit in pattern.finditer(text):
            for group, index in enumerate(indices, start=1):
                start, end = hit.span(group)
                if start == -1:
                    continue
                observed = hit.group(group)
                expected = expected_for(index, observed)
                same = observed in options(expected) if replace_action else _conforms(expected, observed)
                if same or exceptions.matches(observed):
                    continue
                text_expected = expected
                match_action = action or None
                if replace_action and not action.get("params"):
                    params = options(expected)
                    if capitalize and observed == cap_first(observed):
                        params = [cap_first(p) for p in params]
                    text_expected = to_sentence(params, "or")
                    match_action = {"name": "replace", "params": params}
                found.append(Match(start, end, format_message(message, text_expected, observed), observed, action=match_action))
                break
        return found

    rule.run = run
