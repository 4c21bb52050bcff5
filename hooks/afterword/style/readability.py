"""Which sentences make a document hard to read: the Flesch–Kincaid grade of each one, with its line.

The ReadingGrade rules report one grade for the whole document; a writer needs to know where to
start. Sentences are cut as the grade counts them: each heading, list item (timeline entries are
list items in the prose view), table cell and paragraph sentence on its own; code is not prose.
"""

from __future__ import annotations

from ..vale.markdown import parsed_markdown
from ..vale.rules.metric import prose_words, syllables
from ..vale.sentences import sentence_spans
from ..vale.text import LineIndex

RULES = ("Afterword.ReadingGrade", "Afterword.ReadingGradeLimit")
LIMIT_RULE = "Afterword.ReadingGradeLimit"
SHOWN = 3
# Below this many words (a status update or two) the grade swings by several points with one long
# word, so the limit is a warning there, never a reason to hold an update back during an outage.
MIN_WORDS_FOR_LIMIT = 150


def word_count(text: str) -> int:
    return len(prose_words(text))


def grade(sentence: str) -> float | None:
    words = prose_words(sentence)
    if not words:
        return None
    return 0.39 * len(words) + 11.8 * sum(syllables(w) for w in words) / len(words) - 15.59


def hardest_sentences(text: str, count: int = SHOWN) -> list[tuple[int, float]]:
    """(line, grade) of the ``count`` hardest sentences of Markdown ``text``, hardest first."""
    parsed = parsed_markdown(text)
    lines = parsed.lines or LineIndex(text)
    graded: list[tuple[float, int]] = []
    for block in parsed.blocks:
        if block.scope == "text.attr.alt":
            continue
        spans = sentence_spans(block.text) if block.scope == "text.md" else [(0, len(block.text))]
        for start, end in spans:
            value = grade(block.text[start:end])
            if value is not None:
                graded.append((value, lines.position(block.source_index(start))[0]))
    graded.sort(key=lambda item: (-item[0], item[1]))
    return [(line, value) for value, line in graded[:count]]


def describe(hardest: list[tuple[int, float]]) -> str:
    if not hardest:
        return ""
    parts = ", ".join(f"line {line} (grade {value:.0f})" for line, value in hardest)
    return f" Hardest sentences: {parts}."
