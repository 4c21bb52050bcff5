"""Skip the alternatives of a rule that cannot match a block, before any regex runs.

Style rules are long alternations (`\\b(?:a lot|at the end of the day|...)\\b`, hundreds of
tokens), and a backtracking engine tries every token at every position. Most tokens need some
literal text to match: `a lot(?:s)?` cannot match a block that does not contain "a lot". So each
token's *required literals* are worked out once from its parse tree (any one of them must occur
in a match), every literal of every rule goes into one trie-shaped regex, and each block is
scanned once with it. A rule then runs a regex of just the tokens whose literal occurs (cached
per set of tokens), in their original order. Leaving out a token that cannot match anywhere in
the text changes no match, so results are those of the full alternation.

Literals are compared case-folded on both sides, which over-approximates any case setting, and
with every digit read as "0": `\\d+x` requires "0x" ("10x", "3x"), a stronger filter than "x".
"""

from __future__ import annotations

import re
import warnings
from re import _constants as sre
from re import _parser
from typing import Callable

import regex

from ..memo import BoundedMemo

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z0-9-]+\)")  # (?i), (?x), `regex`'s (?V1)
# Group numbers shift when tokens are left out; rules that refer to groups by number keep the full regex.
_BACKREFERENCE = re.compile(r"\\[1-9]|\\g<|\\k<|\(\?P=|\(\?\(")


def required_literals(pattern: str) -> list[str] | None:
    """Case-folded strings one of which every match of ``pattern`` contains; None when unknown."""
    # Nested sets and other regex-module syntax (a warning), not Python-parseable: no filtering.
    return _literals_of(parse_quietly(pattern))


def _literals_of(parsed) -> list[str] | None:
    if parsed is None:
        return None
    found = _sequence(list(parsed))
    if not found:
        return None
    return [fold(literal) for literal in found]


_ANY_DIGIT = re.compile(r"\d")


# `re` folds ı with i and I, and İ with i (its simple lowercase); case-folding gives "i̇" for İ.
_TURKISH_I = str.maketrans({"\u0131": "i", "\u0307": None})


def fold(text: str) -> str:
    """How literals and texts are compared: case-folded (ı and İ read as i), every digit read as "0"."""
    folded = text.casefold()
    if not folded.isascii() and ("\u0131" in folded or "\u0307" in folded):  # translate reads every character
        folded = folded.translate(_TURKISH_I)
    return _ANY_DIGIT.sub("0", folded)


def _is_digits(av) -> bool:
    """A set whose every member is a digit: `\\d`, `[0-9]`, `[13]`."""
    def digit(kind, value) -> bool:
        if kind is sre.CATEGORY:
            return value is sre.CATEGORY_DIGIT
        if kind is sre.RANGE:
            return all(chr(code).isdecimal() for code in range(value[0], value[1] + 1)) and value[1] - value[0] < 10
        return kind is sre.LITERAL and chr(value).isdecimal()
    return bool(av) and all(digit(kind, value) for kind, value in av)


def _single_char(op, av) -> str | None:
    """`[Tt]`: a set of literals that fold to one character acts as that character; so does a set of
    digits, as "0"."""
    if op is sre.IN and av and all(kind is sre.LITERAL for kind, _ in av):
        folded = {fold(chr(code)) for _, code in av}
        if len(folded) == 1:
            return folded.pop()
    if op is sre.IN and _is_digits(av):
        return "0"
    return None


def _repeated_char(op, av) -> tuple[str, int, int] | None:
    """`\\d{2,4}`, `x+`: (the one character, min, max) of a repeat of a single character."""
    if op not in _REPEATS or len(av[2]) != 1:
        return None
    kind, value = list(av[2])[0]
    char = chr(value) if kind is sre.LITERAL else _single_char(kind, value)
    return (char, av[0], av[1]) if char is not None else None


def _exact(items) -> str | None:
    """The text a group matches when it is only literals, else None."""
    out = []
    for op, av in items:
        char = chr(av) if op is sre.LITERAL else _single_char(op, av)
        if char is None:
            return None
        out.append(char)
    return "".join(out)


def _sequence(items) -> list[str] | None:
    candidates: list[list[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(["".join(run)])
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        char = _single_char(op, av)
        if char is not None:
            run.append(char)
            continue
        repeated = _repeated_char(op, av)
        if repeated is not None and repeated[1] >= 1:
            char, least, most = repeated
            run.append(char * least)  # "ab\\d+" holds "ab0"; "\\d+cd" holds "0cd"
            if most != least:
                close()
                run.append(char * least)
            continue
        if op is sre.SUBPATTERN:
            body = list(av[3])
            exact = _exact(body)
            if exact is not None:
                run.append(exact)
                continue
            close()
            inner = _sequence(body)
            if inner:
                candidates.append(inner)
            continue
        close()
        if op is sre.BRANCH:
            options = [_sequence(list(branch)) for branch in av[1]]
            if all(options):
                candidates.append([literal for option in options for literal in option])
        elif op in _REPEATS and av[0] >= 1:
            inner = _sequence(list(av[2]))
            if inner:
                candidates.append(inner)
        elif _ATOMIC is not None and op is _ATOMIC:
            inner = _sequence(list(av))
            if inner:
                candidates.append(inner)
        # Anything else (classes, anchors, lookarounds, optional parts) ends the literal run.
    close()
    candidates = [c for c in candidates if all(c)]
    if not candidates:
        return None
    return max(candidates, key=lambda options: min(len(o) for o in options))


def _trie_source(literals: list[str]) -> str:
    trie: dict = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class LiteralScanner:
    """Every required literal of every rule of a linter; one scan per block finds them all."""

    def __init__(self) -> None:
        self._postings: dict[str, list[tuple[int, int]]] = {}  # literal -> (owner, token index)
        self._pattern: re.Pattern | None = None
        self._closure: dict[str, tuple[str, ...]] = {}

    def register(self, owner: int, index: int, literals: list[str]) -> None:
        for literal in set(literals):
            self._postings.setdefault(literal, []).append((owner, index))
        self._pattern = None

    def _compile(self) -> re.Pattern:
        literals = sorted(self._postings)
        # At each position the trie finds the longest literal; the shorter ones found there are
        # its prefixes, so each literal carries the literals that are its prefixes.
        known = set(literals)
        self._closure = {lit: tuple(lit[:n] for n in range(1, len(lit) + 1) if lit[:n] in known) for lit in literals}
        self._pattern = re.compile("(?=(" + _trie_source(literals) + "))", re.S) if literals else re.compile(r"(?!)")
        return self._pattern

    def candidates(self, text: str) -> dict[int, set[int]]:
        """owner -> indices of its tokens whose required literal occurs in ``text``."""
        pattern = self._pattern or self._compile()
        present: set[str] = set()
        closure = self._closure
        for literal in set(pattern.findall(fold(text))):
            present.update(closure[literal])
        found: dict[int, set[int]] = {}
        postings = self._postings
        for literal in present:
            for owner, index in postings[literal]:
                found.setdefault(owner, set()).add(index)
        return found


class Alternation:
    """A rule regex built around an alternation of tokens, run with only the tokens that can match.

    ``assemble(tokens)`` builds the full regex source from a list of token sources (it adds the
    rule's template, flags and `raw` part); ``compile`` compiles a source.
    ``pattern_for(block)`` gives the compiled regex for the block and the original index of each
    token in it (None: all tokens, in order), or None when no token can match.

    With ``one_by_one`` (rules that use only the whole match) a rule whose regex needs the
    `regex` module is run token by token instead (``TokenByToken``): `regex` takes ~30 ms to
    compile an alternation, and every block with a different set of possible tokens needed one.
    """

    _MAX_CACHED = 2048

    def __init__(self, candidates, tokens: list[str], assemble: Callable[[list[str]], str],
                 compile: Callable[[str], object], one_by_one: bool = False):
        self.candidates = candidates  # candidates.TokenCandidates, shared by every rule of a linter
        self.tokens = tokens
        self.assemble = assemble
        self.compile = compile
        self.full = compile(assemble(tokens))
        # A rule `re` cannot compile runs with `regex`, which reads some of the same text otherwise
        # (`{e<=1}` is fuzzy matching, `(?i)ss` matches "ß" in V1): its narrowed regexes must run
        # with `regex` too, and `re`'s reading of its tokens is not trusted.
        self.regex_engine = not isinstance(self.full, re.Pattern)
        if self.regex_engine:
            version = regex.V1 if self.full.flags & regex.V1 else regex.V0
            self.compile = lambda source: regex.compile(source, version)
        self._cache: BoundedMemo[object] = BoundedMemo(self._MAX_CACHED)
        # Group numbers shift when tokens are left out: a rule that refers to groups by number
        # runs whole, or not at all when none of its tokens can match.
        # `regex` applies an inline flag set inside the alternation to the tokens after it too
        # (`(?i)abc|def` matches "DEF"): such a rule is never filtered.
        leaky = any(_INLINE_FLAGS.search(token) for token in tokens)
        self.narrowed = bool(tokens) and not _BACKREFERENCE.search(assemble(tokens)) and not leaky
        gated = _hole_outside_repeats(assemble) and not leaky
        verbose = bool(_VERBOSE.search(assemble([_HOLE])))  # "foo bar" reads "foobar": no literal
        for index, token in enumerate(tokens):
            parsed = parse_quietly(token)
            literals = _literals_of(parsed)
            if leaky or (self.regex_engine and not _same_in_regex(token, parsed)) or (verbose and re.search(r"[\s#]", token)):
                literals = None
            # The gate reads a token with the rest of the rule around it: only when the token is a
            # whole regex of its own (joined as text, `a)b(?:c` and `d` make `(?:a)b(?:c|d)`).
            whole = parsed is not None and _balanced(token) and not (verbose and "#" in token)
            source = assemble([token]) if gated and whole else None
            candidates.register(id(self), index, literals, source, self.regex_engine)
        self._singles: dict[int, object] | None = None
        if one_by_one and self.narrowed and self.regex_engine and _plain_prefix(assemble):
            self._singles = {}

    def pattern_for(self, block) -> tuple[object, tuple[int, ...] | None] | None:
        if not self.tokens:
            return self.full, None
        possible = block.token_candidates(self.candidates).get(id(self))
        if not possible:
            return None
        if not self.narrowed or len(possible) == len(self.tokens):
            return self.full, None
        chosen = tuple(sorted(possible))
        if self._singles is not None:
            return TokenByToken([self._single(i) for i in chosen], self.full), chosen
        return self._cache.get(chosen, lambda: self.compile(self.assemble([self.tokens[i] for i in chosen]))), chosen

    def _single(self, index: int):
        pattern = self._singles.get(index)
        if pattern is None:
            pattern = self._singles[index] = self.compile(self.assemble([self.tokens[index]]))
        return pattern


_PLAIN_PREFIXES = {"(?m)\\b(?:", "(?m)(?:"}


def _plain_prefix(assemble: Callable[[list[str]], str]) -> bool:
    """Whether the regex before the tokens is fixed (flags, `\\b`, a group): then trying each
    token with it in turn is what the alternation does at each position."""
    marker = "\x00"
    before = assemble([marker]).split(marker)[0]
    return before.removeprefix("(?i)") in _PLAIN_PREFIXES


_HOLE = "\ue000"
_VERBOSE = re.compile(r"\(\?[a-zA-Z]*x")


def parse_quietly(source: str):
    """`re`'s parse tree of ``source``; None when `re` cannot read it or warns that it reads it
    otherwise than `regex` might (nested sets and other regex-module syntax)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return _parser.parse(source)
    except Exception:
        return None


def _walk(items, repeated: bool = False):
    """Every (op, av, inside a repeat) of a parse tree."""
    for op, av in items:
        yield op, av, repeated
        if op is sre.SUBPATTERN:
            yield from _walk(av[3], repeated)
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _walk(branch, repeated)
        elif op in _REPEATS:
            yield from _walk(av[2], True)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _walk(av[1], repeated)
        elif op is sre.GROUPREF_EXISTS:
            for part in av[1:]:
                if part is not None:
                    yield from _walk(part, repeated)
        elif _ATOMIC is not None and op is _ATOMIC:
            yield from _walk(av, repeated)


def _hole_outside_repeats(assemble: Callable[[list[str]], str]) -> bool:
    """Whether the rule around the tokens holds them once: in `\\b(?:%s){2}\\b` two tokens side
    by side match where neither matches alone, so no token can be left out for not matching alone."""
    parsed = parse_quietly(assemble([_HOLE]))
    return parsed is not None and any(op is sre.LITERAL and av == ord(_HOLE) and not repeated
                                      for op, av, repeated in _walk(list(parsed)))


def _balanced(token: str) -> bool:
    """Whether the parentheses and brackets of ``token`` close within it, so that joining tokens
    with `|` makes an alternation of them."""
    depth, i, in_class = 0, 0, False
    while i < len(token):
        char = token[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            if token[i:i + 1] == "^":
                i += 1
            if token[i:i + 1] == "]":
                i += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0 and not in_class


def regex_reads_alike(items) -> bool:
    """Whether `regex` surely reads a pattern as `re` parsed it into ``items``: no literal brace
    (`x{e<=1}` is fuzzy matching in `regex`) and no `[` in a set (`[a[b]c]` is a nested set in V1)."""
    for op, av, _ in _walk(items):
        if op is sre.LITERAL and av in (0x7B, 0x7D):
            return False
        if op is sre.IN and any(kind is sre.LITERAL and value == 0x5B for kind, value in av):
            return False
    return True


def _same_in_regex(token: str, parsed) -> bool:
    """Whether `regex` reads ``token`` (``parsed`` by `re`) as `re` does, as far as required
    literals go: read alike, and nothing but ASCII (full case folding, a newer Unicode)."""
    return parsed is not None and token.isascii() and regex_reads_alike(list(parsed))


class TokenByToken:
    """``finditer`` of an alternation `P(?:t1|t2|...)S`, from one regex per token `P(?:ti)S`.

    At each position an alternation takes the first token that matches there (with the rest of
    the regex), so its next match is the leftmost of the tokens' next matches, the earliest token
    winning a tie; the scan goes on from that match's end. With a fixed prefix P that is exact.
    A token matching the empty string breaks the "go on from the end" step: then the full
    alternation runs instead.
    """

    def __init__(self, singles: list, full):
        self.singles = singles
        self.full = full

    def finditer(self, text: str) -> list:
        upcoming = [pattern.search(text) for pattern in self.singles]
        found = []
        while True:
            best = None
            for i, hit in enumerate(upcoming):
                if hit is not None and (best is None or hit.start() < best.start()):
                    best = hit
            if best is None:
                return found
            if best.end() == best.start():
                return list(self.full.finditer(text))
            found.append(best)
            end = best.end()
            for i, hit in enumerate(upcoming):
                if hit is not None and hit.start() < end:
                    upcoming[i] = self.singles[i].search(text, end)
