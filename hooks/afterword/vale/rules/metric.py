"""`extends: metric`: a formula over document counts, e.g. `words / sentences` (metric.go).

Vale runs formulas as Tengo expressions; here they are parsed with Python's `ast` and only
arithmetic, comparisons, the count variables and `math.*` functions are allowed.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from functools import lru_cache

from ...memo import BoundedMemo, digits_as_zero
from ..errors import ValeConfigError
from ..sentences import sentence_spans
from ..text import Block
from .base import Match, check_keys, format_message

KEYS = {"formula", "condition"}
VARIABLES = ("words", "sentences", "characters", "syllables", "paragraphs", "complex_words", "long_words", "polysyllabic_words",
             "pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4", "heading_h5", "heading_h6")
_HEADINGS = re.compile(r"heading\.(h[1-6])")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Mod: operator.mod,
        ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Gt: operator.gt, ast.GtE: operator.ge,
        ast.Lt: operator.lt, ast.LtE: operator.le, ast.Eq: operator.eq, ast.NotEq: operator.ne}
_WORDS = re.compile(r"[\w'’-]+")
_NOT_ALNUM = "_'’-"  # a run of only these is no word
_VOWELS = re.compile(r"[aeiouy]+")


def prose_words(text: str) -> list[str]:
    """The words metric formulas count: runs of letters, digits, apostrophes and hyphens."""
    return [w for w in _WORDS.findall(text) if w.strip(_NOT_ALNUM)]


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if not word:
        return 0
    groups = _VOWELS.findall(word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def count_sentences(text: str) -> int:
    """Sentences in ``text``. A summary holds one block per paragraph, heading, list item and table
    cell, joined by blank lines: each block is at least one sentence of its own, so a heading or a
    list item without a full stop is never merged into the next one (which inflated grades by up to 7)."""
    return sum(max(1, len(sentence_spans(part))) for part in text.split("\n\n") if _WORDS.search(part))


def document_counts(text: str, structure: dict[str, int]) -> dict[str, float]:
    return dict(_counts(text, tuple(sorted(structure.items()))))


@lru_cache(maxsize=8)  # every metric rule of a file reads the same summary: count it once
def _counts(text: str, structure_items: tuple) -> tuple:
    structure = dict(structure_items)
    # Each count is a sum over the summary's parts (its blocks, joined by blank lines): no word or
    # sentence spans two of them. Histories repeat blocks, mostly with other times in them.
    parts = [_PART_COUNTS.get(digits_as_zero(part), lambda part=part: _part_counts(part)) for part in text.split("\n\n")]
    words, characters, syllable_count, complex_words, long_words, sentences, paragraphs = (sum(column) for column in zip(*parts))
    counts = {
        "words": float(words),
        "sentences": float(sentences),
        "characters": float(characters),
        "syllables": float(syllable_count),
        "paragraphs": float(paragraphs),
        "complex_words": float(complex_words),
        "polysyllabic_words": float(complex_words),
        "long_words": float(long_words),
    }
    for name in ("pre", "list", "blockquote"):
        counts[name] = float(structure.get(name, 0))
    for level in range(1, 7):
        counts[f"heading_h{level}"] = float(structure.get(f"heading.h{level}", 0))
    return tuple(counts.items())


# A part's counts read its digits only as word characters (a digit has no vowel and ends no
# sentence), so parts that differ only in their digits' values share them (memo.digits_as_zero).
_PART_COUNTS: BoundedMemo[tuple[int, ...]] = BoundedMemo()


def _part_counts(part: str) -> tuple[int, ...]:
    """(words, characters, syllables, complex words, long words, sentences, paragraphs) of one part."""
    words = prose_words(part)
    per_word = [syllables(w) for w in words]
    sentences = count_sentences(part)
    return (len(words), sum(len(w) for w in words), sum(per_word), sum(1 for n in per_word if n >= 3),
            sum(1 for w in words if len(w) > 6), sentences, 1 if part.strip() else 0)


def _compile(expression: str, rule_path: str, key: str):
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValeConfigError(f"{rule_path}: '{key}' is not a valid expression: {expression!r} ({exc.msg})") from None
    for node in ast.walk(tree):
        allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Name, ast.Constant, ast.Load, ast.Call, ast.Attribute, *(_OPS))
        if not isinstance(node, allowed):
            raise ValeConfigError(f"{rule_path}: '{key}' may only use numbers, counts, arithmetic and math.*: {expression!r}")
        if isinstance(node, ast.Name) and node.id not in VARIABLES and node.id != "math":
            raise ValeConfigError(f"{rule_path}: '{key}' uses an unknown variable '{node.id}' (known: {', '.join(VARIABLES)})")
    return tree.body


def _evaluate(node, values: dict[str, float]):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, values), _evaluate(node.right, values)
        if isinstance(node.op, ast.Div) and right == 0:
            return math.inf if left else 0.0
        return _OPS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        return _OPS[type(node.op)](_evaluate(node.operand, values))
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, values)
        for op, comparator in zip(node.ops, node.comparators):
            right = _evaluate(comparator, values)
            if not _OPS[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "math":
        function = getattr(math, node.func.attr.lower(), None)
        if function is None:
            raise ValueError(f"math.{node.func.attr} is not available")
        return function(*(_evaluate(a, values) for a in node.args))
    raise ValueError("unsupported expression")


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    formula = _compile(_HEADINGS.sub(r"heading_\1", str(definition.get("formula", ""))), rule.path, "formula")
    condition_text = str(definition.get("condition", "")).strip()
    if not condition_text:
        raise ValeConfigError(f"{rule.path}: 'condition' is required, e.g. '> 20'")
    condition = _compile("0 " + condition_text, rule.path, "condition")
    if not isinstance(condition, ast.Compare):
        raise ValeConfigError(f"{rule.path}: 'condition' must be a comparison such as '> 20', not {condition_text!r}")
    if rule.scope == ["text"]:
        rule.scope = ["summary"]
    message = rule.message

    def run(block: Block) -> list[Match]:
        if not block.text.strip():
            return []
        values = document_counts(block.text, getattr(block, "metrics", {}) or {})
        try:
            result = float(_evaluate(formula, values))
            hit = _evaluate(ast.Compare(left=ast.Constant(result), ops=condition.ops, comparators=condition.comparators), values)
        except (ValueError, OverflowError, ZeroDivisionError, TypeError):
            return []
        if not hit:
            return []
        return [Match(0, 0, format_message(message, f"{result:.2f}"), "", document=True)]

    rule.run = run
