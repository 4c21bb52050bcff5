"""Split prose into sentences, close enough to Vale's segmenter (prose/v3) for scoping rules.

A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets) when
whitespace and then an upper-case letter, digit or opening quote follow; common abbreviations
(e.g., i.e., Mr.) and initials do not end a sentence.
"""

from __future__ import annotations

import re

from ..memo import BoundedMemo

_END = re.compile(r"""[.!?]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"[a-z]", re.I)
_ABBREVIATIONS = {"e.g", "i.e", "mr", "mrs", "ms", "dr", "vs", "etc", "inc", "ltd", "jr", "sr", "st", "no", "fig", "cf", "al", "approx", "u.s"}


_SPANS: BoundedMemo[tuple[tuple[int, int], ...]] = BoundedMemo()


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in ``text``; leading whitespace is not part of a sentence.
    A block is split for the sentence-scoped rules, again for the reading grade's count and for
    its hardest sentences, and histories repeat paragraphs: each distinct text is split once."""
    return _SPANS.get(text, lambda: _sentence_spans(text))


def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for end_mark in _END.finditer(text):
        word = _LAST_WORD.search(text, start, end_mark.start())
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREVIATIONS or _INITIAL.fullmatch(token or "xx") and end_mark.group(0) == ".":
            continue
        spans.append((start, end_mark.end()))
        start = end_mark.end()
        while start < len(text) and text[start].isspace():
            start += 1
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text):
        end = len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return tuple(spans)


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
