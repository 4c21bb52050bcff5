"""What every rule type shares: the common keys, regex compilation, messages, exceptions.

Mirrors Vale's `internal/check/definition.go`: word rules are wrapped in `(?m)\\b(?:...)\\b`,
`ignorecase` prefixes `(?i)`, and a rule's `exceptions` (plus the accepted vocabulary, for rules
with `vocab: true`) become one anchored alternation tested against each match.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import regex

from ..errors import ValeConfigError
from ..text import Block

WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
COMMON_KEYS = {"extends", "message", "description", "level", "scope", "link", "limit", "name", "action", "code", "selector", "matchcase"}
LEVELS = ("suggestion", "warning", "error")


def compile_pattern(pattern: str, rule_path: str):
    """Vale uses .NET-style regexes (regexp2): scoped inline flags, variable lookbehind.

    The standard `re` module runs plain patterns several times faster than `regex`, so a pattern
    `re` compiles cleanly (no warning about nested sets or other syntax it reads differently) is
    compiled with `re`; one that needs `regex` features (variable-length lookbehind, inline flags
    that are not at the start, POSIX classes, set operations) gets `regex`.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return re.compile(pattern)
    except (re.error, FutureWarning, DeprecationWarning, RecursionError, OverflowError):
        pass
    try:
        return regex.compile(pattern, regex.V1)
    except regex.error:
        pass
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise ValeConfigError(f"{rule_path}: invalid regular expression {pattern!r}: {exc}") from None


def make_regexp(template: str, ignorecase: bool, word: bool, tokens: str, raw: str = "", append: bool = True) -> str:
    wrapped = (template or WORD_TEMPLATE) if word else NONWORD_TEMPLATE
    wrapped = wrapped.replace("%s", tokens, 1)
    wrapped = wrapped + raw if append else raw + wrapped
    return ("(?i)" if ignorecase else "") + wrapped


def format_message(message: str, *subs: Any) -> str:
    """Vale's FormatMessage: each `%s` (or `%d`, `%v`) takes the next value, in order."""
    out, index, i = [], 0, 0
    while i < len(message):
        if message[i] == "%" and i + 1 < len(message) and message[i + 1] in "sdv" and index < len(subs):
            out.append(str(subs[index]))
            index += 1
            i += 2
        elif message.startswith("%%", i):
            out.append("%")
            i += 2
        else:
            out.append(message[i])
            i += 1
    return "".join(out)


def as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def as_bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value)


def is_phrase(text: str) -> bool:
    """Vale's IsPhrase: only letters, digits, spaces and a little punctuation: no regex syntax."""
    return all(ch.isalnum() or ch in " -'’" for ch in text)


@dataclass
class Match:
    """A finding inside one block: character span in the block's text plus the message."""

    start: int
    end: int
    message: str
    match: str
    description: str = ""
    action: dict | None = None
    document: bool = False  # reported at line 1, column 1 (document-level findings)


@dataclass
class Rule:
    """A compiled rule: the shared keys, and `run(block)` from the type's module."""

    name: str
    path: str
    extends: str
    message: str
    level: str
    scope: list[str]
    link: str = ""
    limit: int = 0
    description: str = ""
    action: dict = field(default_factory=dict)
    run: Callable[[Block], list[Match]] = field(default=None, repr=False)  # type: ignore[assignment]
    # Consistency and conditional rules remember what they saw across the blocks of a file.
    per_file: bool = False
    reset: Callable[[], None] | None = field(default=None, repr=False)


class ExceptionMatcher:
    """A rule's `exceptions` (and the vocabulary) as one anchored, compiled alternation."""

    def __init__(self, exceptions: list[str], accepted: list[str], use_vocab: bool, rule_path: str):
        terms = [str(t) for t in exceptions] + (list(accepted) if use_vocab else [])
        terms.sort(key=len, reverse=True)
        scoped = [t if t.startswith("(?i)") else f"(?-i:{t})" for t in terms]
        scoped = [f"(?i:{t[4:]})" if t.startswith("(?i)") else t for t in scoped]
        self.pattern = compile_pattern(r"(?m)\b(?:" + "|".join(scoped) + r")\b", rule_path) if terms else None
        phrases = [t for t in terms if " " in t or "\t" in t or r"\s" in t]
        self.phrases = None
        if phrases:
            try:
                self.phrases = regex.compile(r"(?i)\b(?:" + "|".join(phrases) + r")\b", regex.V1)
            except regex.error:
                self.phrases = None

    def matches(self, text: str) -> bool:
        """Vale's isMatch (check/variables.go): an exception found anywhere in the observed text."""
        if self.pattern is None:
            return False
        return self.pattern.search(text) is not None

    def within_phrase(self, text: str, start: int, end: int) -> bool:
        if self.phrases is None:
            return False
        return any(m.start() <= start and end <= m.end() for m in self.phrases.finditer(text))


def check_keys(definition: dict, allowed: set[str], rule_path: str) -> None:
    unknown = sorted(set(definition) - COMMON_KEYS - allowed)
    if unknown:
        raise ValeConfigError(f"{rule_path}: '{unknown[0]}' is not a key of '{definition.get('extends')}' rules")


def clamp_scope(scope: Any, rule_path: str) -> list[str]:
    scopes = [str(s).strip() for s in as_list(scope)] or ["text"]
    for item in scopes:
        for part in item.split("&"):
            if " " in part.strip().lstrip("~").split(".")[0]:
                raise ValeConfigError(f"{rule_path}: scope '{item}' contains spaces")
    return scopes
