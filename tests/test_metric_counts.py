"""The metric rule's counts, summed over a summary's parts and shared by parts that differ only in
their digits, equal the counts of the whole text worked out at once."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.vale.rules.metric import _counts, count_sentences, syllables

_WORDS = re.compile(r"[\w'’-]+")


def _reference(text: str) -> dict[str, float]:
    words = [w for w in _WORDS.findall(text) if not re.fullmatch(r"[_'’-]+", w)]
    per_word = [syllables(w) for w in words]
    return {
        "words": float(len(words)), "sentences": float(count_sentences(text)), "characters": float(sum(len(w) for w in words)),
        "syllables": float(sum(per_word)), "paragraphs": float(len([p for p in text.split("\n\n") if p.strip()])),
        "complex_words": float(sum(1 for n in per_word if n >= 3)), "long_words": float(sum(1 for w in words if len(w) > 6)),
    }


PIECES = st.sampled_from(["We", "fixed", "it", ".", " ", "\n", "\n\n", "05:20", "UTC", "v2", "e.g.", "Mr.", "A.", "x1y9",
                          "beautiful", "'", "’s", "-", "--", "_", "!", "?", "(", "Dr.", "3", "Operational", "née", "٣"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40), st.lists(st.sampled_from("0123456789"), min_size=1, max_size=5))
def test_counts_by_part_equal_counts_of_the_whole(pieces, digits):
    text = " ".join(pieces)
    # Parts with other digits first, so the memo is filled from them.
    for other in (re.sub("[0-9]", digits[i % len(digits)], text) for i in range(2)):
        _counts(other, ())
    counts = dict(_counts(text, ()))
    assert {name: counts[name] for name in _reference(text)} == _reference(text)
