"""Title and sentence case as Vale computes them (jdkato/twine `strcase`, used by capitalization.go).

`SentenceConverter.convert` and `TitleConverter.convert` produce the expected text; Vale then
compares it token by token with what was written (`sentence` / `title` in check/variables.go).
Vale's title converter asks a part-of-speech tagger whether "to" precedes a noun (AP style);
without a tagger, "to" is treated as the small word it usually is in headings.
"""

from __future__ import annotations

import regex

_TOKEN = r"[\p{N}\p{L}*]+[^\s]*"
_TITLE_SPLIT = regex.compile(r"[\p{N}\p{L}]+[^\s\-/]*")
_NUMBER_LIST = regex.compile(r"\d+\.")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or", "per", "the", "to", "vs", "vs.", "via", "v", "v."}
_PREPOSITIONS = {
    "with", "from", "into", "during", "including", "until", "against", "among", "throughout", "despite", "towards", "upon",
    "concerning", "about", "over", "through", "before", "between", "after", "since", "without", "under", "within", "along",
    "following", "across", "beyond", "around", "down", "near", "above",
}
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-", "\u2026": "..."})


def to_title(word: str, strict: bool) -> str:
    """First character in title case; with ``strict`` the rest in lower case (internal.ToTitle)."""
    if not word:
        return word
    rest = word[1:].lower() if strict else word[1:]
    return word[0].upper() + rest


def _search(pattern: str, text: str) -> bool:
    try:
        return regex.search(pattern, text) is not None
    except regex.error:
        return False


def in_vocab(vocab: list[str], token: str) -> str:
    """An exception equal to the token (its own spelling), or the token when one matches inside it."""
    for term in vocab:
        if term.lower() == token.lower():
            return term
        if _search(term, token):
            return token
    return ""


def exception_source(terms: list[str]) -> str:
    """Vale's updateExceptions: longest first, each case-sensitive unless it starts with (?i)."""
    ordered = sorted(terms, key=len, reverse=True)
    scoped = [t if t.startswith("(?i)") else f"(?-i){t}" for t in ordered]
    return r"(?m)\b(?:" + "|".join(scoped) + r")\b" if ordered else ""


def token_pattern(exceptions: str) -> regex.Pattern:
    source = f"{exceptions}|{_TOKEN}" if exceptions else _TOKEN
    try:
        return regex.compile(source, regex.V1)
    except regex.error:
        return regex.compile(_TOKEN, regex.V1)


class SentenceConverter:
    def __init__(self, vocab: list[str], indicators: list[str], prefix: str = ""):
        self.vocab = vocab
        self.indicators = indicators
        self.prefix = regex.compile(prefix) if prefix else None
        body = _TOKEN
        if vocab:
            # Longest first, so a listed phrase ("Axon Server") wins over its first word ("Axon"),
            # as the fixture suite expects.
            body = r"\b(?:" + "|".join(sorted(vocab, key=len, reverse=True)) + r")\b|" + _TOKEN
        try:
            self.tokens = regex.compile("(?i)" + body, regex.V1)
        except regex.error:
            self.tokens = regex.compile("(?i)" + _TOKEN, regex.V1)

    def indicator(self, word: str, index: int) -> bool:
        """Vale's wasIndicator: the previous word ends with an indicator, or opens a numbered list."""
        if any(word.endswith(suffix) for suffix in self.indicators):
            return True
        return index == 0 and _NUMBER_LIST.search(word) is not None

    def convert(self, text: str) -> str:
        head = ""
        if self.prefix is not None:
            found = self.prefix.search(text)
            if found and text.startswith(found.group(0)):
                head, text = found.group(0), text[len(found.group(0)) :]
        tokens = self.tokens.findall(text)
        made = []
        for i, token in enumerate(tokens):
            entry = in_vocab(self.vocab, token)
            if entry:
                made.append(entry)
            elif i == 0 or self.indicator(tokens[i - 1], i - 1):
                made.append(to_title(token, True))
            else:
                made.append(token.lower())
        return head + " ".join(made)


class TitleConverter:
    def __init__(self, vocab: list[str], chicago: bool, prefix: str = ""):
        self.vocab = vocab
        self.chicago = chicago
        self.prefix = regex.compile(prefix) if prefix else None

    def _lowered(self, word: str, bounding: bool) -> bool:
        if bounding:
            return False
        return word in _SMALL_WORDS or (self.chicago and word in _PREPOSITIONS)

    def convert(self, text: str) -> str:
        head = ""
        if self.prefix is not None:
            found = self.prefix.search(text)
            if found:
                head = found.group(0)
                text = text[len(head) :] if text.startswith(head) else text
        sanitized = text.translate(_SANITIZE)
        end = len(sanitized)
        state = {"idx": 0}

        def char_at(i: int) -> str:
            # twine's CharAt: out of range gives the first character.
            return sanitized[i] if 0 <= i < len(sanitized) else sanitized[:1]

        def replace(match: regex.Match) -> str:
            word = match.group(0)
            lowered = word.lower()
            idx = state["idx"]
            found = sanitized.find(word, idx)
            pos = (found - idx if found != -1 else -1) + idx
            previous = char_at(pos - 1)
            state["idx"] = pos + len(word)
            entry = in_vocab(self.vocab, word)
            if entry:
                return entry
            bounding = pos == 0 or state["idx"] == end
            if (
                self._lowered(lowered, bounding)
                and previous in (" ", "-", "/")
                and char_at(pos - 2) not in (":", "-")
                and (char_at(pos + len(word)) != "-" or char_at(pos - 1) == "-")
            ):
                return lowered
            return to_title(word, False)

        return head + _TITLE_SPLIT.sub(replace, text)


def compare_title(text: str, expected: str, tokens: regex.Pattern, exceptions: regex.Pattern | None, threshold: float) -> bool:
    """Vale's title(): share of words written as expected, in capitals or excepted."""
    wanted = tokens.findall(expected)
    count = words = 0.0
    for i, word in enumerate(tokens.findall(text)):
        if i >= len(wanted) or word == wanted[i] or (exceptions is not None and exceptions.search(word)) or word == word.upper():
            count += 1
        words += 1
    return words == 0 or count / words >= threshold


def compare_sentence(text: str, expected: str, tokens: regex.Pattern, exceptions: regex.Pattern | None, threshold: float) -> bool:
    """Vale's sentence(): a wrongly cased first word fails at once; then the share of words."""
    wanted = tokens.findall(expected)
    count = words = 0.0
    for i, word in enumerate(tokens.findall(text)):
        if i >= len(wanted) or word == wanted[i] or (exceptions is not None and exceptions.search(word)):
            count += 1
        elif i == 0 and word != _go_title(word.lower()):
            return False
        words += 1
    return words == 0 or count / words >= threshold


def _go_title(text: str) -> str:
    """Go's strings.Title: upper-case the first letter of each word (after a non-letter)."""
    out, previous = [], " "
    for ch in text:
        out.append(ch.upper() if _separator(previous) else ch)
        previous = ch
    return "".join(out)


def _separator(ch: str) -> bool:
    if ch <= "\x7f":
        return not (ch.isascii() and (ch.isalnum() or ch == "_"))
    if ch.isalpha() or ch.isdigit():
        return False
    return ch.isspace()
